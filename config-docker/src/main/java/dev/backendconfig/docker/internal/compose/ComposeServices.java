package dev.backendconfig.docker.internal.compose;

import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.toolkit.Origin;
import dev.backendconfig.docker.internal.compose.ComposeTree.Empty;
import dev.backendconfig.docker.internal.compose.ComposeTree.Mapping;
import dev.backendconfig.docker.internal.compose.ComposeTree.Scalar;
import dev.backendconfig.docker.internal.compose.ComposeTree.Sequence;
import dev.backendconfig.docker.internal.compose.ComposeTree.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Build each {@link ComposeService} from the merged tree, keeping each entry of {@code ports} once by compose's
 * unique key (host address, host port, container port, protocol: a later equal entry takes the earlier one's place),
 * and each alias, profile and {@code expose} port once.
 */
final class ComposeServices {

    /** The most container ports the {@code expose} entries of one service may name (the first ones are kept). */
    private static final int MAX_EXPOSED = 1000;

    private ComposeServices() {
    }

    /** Build the services of a project's merged top level, in file order. */
    static List<ComposeService> build(Mapping top) {
        Optional<Value> services = top.get("services");
        if (services.isEmpty() || services.get() instanceof Empty) {
            return List.of();
        }
        if (!(services.get() instanceof Mapping mapping)) {
            throw new InvalidInputException(services.get().origin(), "services must be a mapping");
        }
        List<ComposeService> built = new ArrayList<>();
        for (Map.Entry<String, Value> entry : mapping.entries().entrySet()) {
            if (!(entry.getValue() instanceof Mapping service)) {
                throw new InvalidInputException(entry.getValue().origin(), "service " + entry.getKey()
                        + " must be a mapping");
            }
            built.add(service(entry.getKey(), service));
        }
        return built;
    }

    private static ComposeService service(String name, Mapping service) {
        // (loops and ifs, not Optional's lambdas: a first resolution reading a compose file links no lambda here)
        Set<String> aliases = new LinkedHashSet<>();
        Optional<Value> networksValue = service.get("networks");
        if (networksValue.isPresent()) {
            for (Value network : ComposeMerge.networks(networksValue.get()).entries().values()) {
                if (network instanceof Mapping options) {
                    Optional<Value> list = options.get("aliases");
                    if (list.isPresent()) {
                        aliases.addAll(texts(list.get(), "the aliases of a network of service " + name));
                    }
                }
            }
        }
        Map<List<Object>, ComposePort> ports = new LinkedHashMap<>();
        Optional<Value> portsValue = service.get("ports");
        if (portsValue.isPresent()) {
            if (!(portsValue.get() instanceof Sequence sequence)) {
                throw new InvalidInputException(portsValue.get().origin(), "the ports of service " + name
                        + " must be a list");
            }
            for (Value entry : sequence.items()) {
                ComposePort port = port(entry);
                List<Object> key = java.util.Arrays.asList(port.hostIp(), String.valueOf(port.published()),
                        port.target().toString(), port.protocol());
                ports.put(key, port);
            }
        }
        Set<Integer> exposed = new LinkedHashSet<>();
        Optional<Value> expose = service.get("expose");
        if (expose.isPresent()) {
            for (String entry : texts(expose.get(), "expose of service " + name)) {
                exposed(entry, expose.get().origin(), exposed);
            }
        }
        Optional<Value> profilesValue = service.get("profiles");
        List<String> profiles = new ArrayList<>(new LinkedHashSet<>(profilesValue.isPresent()
                ? texts(profilesValue.get(), "the profiles of service " + name) : List.of()));
        return new ComposeService(name, text(service, "container_name"), text(service, "image"),
                text(service, "network_mode"), aliases, List.copyOf(ports.values()), List.copyOf(exposed), profiles,
                service.origin());
    }

    private static ComposePort port(Value entry) {
        if (entry instanceof Scalar scalar) {
            return ComposePort.parseShort(scalar.text(), scalar.written(), scalar.origin());
        }
        if (!(entry instanceof Mapping fields)) {
            throw new InvalidInputException(entry.origin(), "a ports entry is \"8002:8000\" or a"
                    + " mapping with target and published");
        }
        Optional<Value> target = fields.get("target");
        String written = target.isPresent() && target.get() instanceof Scalar scalar ? scalar.written() : "(missing)";
        return ComposePort.parseLong(optional(fields, "target"), optional(fields, "published"),
                optional(fields, "host_ip"), optional(fields, "protocol"), written, entry.origin());
    }

    private static Optional<String> optional(Mapping fields, String name) {
        Optional<Value> value = fields.get(name);
        if (value.isEmpty() || value.get() instanceof Empty) {
            return Optional.empty();
        }
        if (value.get() instanceof Scalar scalar) {
            return Optional.ofNullable(scalar.text());
        }
        throw new InvalidInputException(value.get().origin(), "expected a single value here");
    }

    private static String text(Mapping service, String field) {
        return optional(service, field).orElse("");
    }

    private static List<String> texts(Value value, String what) {
        if (value instanceof Empty) {
            return List.of();
        }
        if (!(value instanceof Sequence sequence)) {
            throw new InvalidInputException(value.origin(), what + " must be a list");
        }
        List<String> texts = new ArrayList<>();
        for (Value item : sequence.items()) {
            if (!(item instanceof Scalar scalar)) {
                throw new InvalidInputException(item.origin(), what + " must be a list of single"
                        + " values");
            }
            texts.add(scalar.text());
        }
        return texts;
    }

    /**
     * Add the TCP container ports of an {@code expose} entry ({@code 3000}, {@code 3000-3005}, {@code 53/udp}) to
     * {@code ports}, up to {@link #MAX_EXPOSED} for the service.
     */
    private static void exposed(String entry, Origin origin, Set<Integer> ports) {
        String value = entry.strip();
        int slash = value.indexOf('/');
        if (slash >= 0) {
            String protocol = value.substring(slash + 1);
            value = value.substring(0, slash);
            if (!protocol.equalsIgnoreCase("tcp")) {
                return;
            }
        }
        ComposePort port = ComposePort.parseShort(value, "expose: " + entry, origin);
        for (int target = port.target().first(); target <= port.target().last() && ports.size() < MAX_EXPOSED;
                target++) {
            ports.add(target);
        }
    }
}
