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
        Set<String> aliases = new LinkedHashSet<>();
        service.get("networks").map(ComposeMerge::networks).ifPresent(networks -> {
            for (Value network : networks.entries().values()) {
                if (network instanceof Mapping options) {
                    options.get("aliases").ifPresent(list -> texts(list, "the aliases of a network of service "
                            + name).forEach(aliases::add));
                }
            }
        });
        Map<List<Object>, ComposePort> ports = new LinkedHashMap<>();
        service.get("ports").ifPresent(value -> {
            if (!(value instanceof Sequence sequence)) {
                throw new InvalidInputException(value.origin(), "the ports of service " + name
                        + " must be a list");
            }
            for (Value entry : sequence.items()) {
                ComposePort port = port(entry);
                List<Object> key = java.util.Arrays.asList(port.hostIp(), String.valueOf(port.published()),
                        port.target().toString(), port.protocol());
                ports.put(key, port);
            }
        });
        Set<Integer> exposed = new LinkedHashSet<>();
        service.get("expose").ifPresent(value -> {
            for (String entry : texts(value, "expose of service " + name)) {
                exposed(entry, value.origin(), exposed);
            }
        });
        List<String> profiles = new ArrayList<>(new LinkedHashSet<>(service.get("profiles")
                .map(value -> texts(value, "the profiles of service " + name)).orElse(List.of())));
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
        String written = fields.get("target").filter(Scalar.class::isInstance).map(Scalar.class::cast)
                .map(Scalar::written).orElse("(missing)");
        return ComposePort.parseLong(optional(fields, "target"), optional(fields, "published"),
                optional(fields, "host_ip"), optional(fields, "protocol"), written, entry.origin());
    }

    private static Optional<String> optional(Mapping fields, String name) {
        return fields.get(name).filter(value -> !(value instanceof Empty)).map(value -> {
            if (value instanceof Scalar scalar) {
                return scalar.text();
            }
            throw new InvalidInputException(value.origin(), "expected a single value here");
        });
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
