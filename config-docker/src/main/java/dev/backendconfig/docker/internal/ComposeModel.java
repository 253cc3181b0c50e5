package dev.backendconfig.docker.internal;

import dev.backendconfig.api.InvalidBackendConfigurationException;
import dev.backendconfig.api.dotenv.Dotenv;
import dev.backendconfig.api.dotenv.DotenvFile;
import dev.backendconfig.api.dotenv.Interpolation;
import dev.backendconfig.api.spi.Origin;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * The services of one or more compose files, as far as port prediction needs them: names, container names,
 * network aliases and ports, each port with its file and line.
 *
 * <p>Files are read as YAML 1.2 (an unquoted {@code 22:22} is text). Values are interpolated the way compose does:
 * the real environment first, then the {@code .env} file beside the first compose file. Merge keys ({@code <<})
 * and anchors are followed. Services of later files add to those of earlier ones.
 */
final class ComposeModel {

    /**
     * One service.
     *
     * @param name the service name
     * @param containerName its {@code container_name}, or empty text
     * @param aliases its network aliases
     * @param ports its port entries
     * @param origin the file and line where it is defined
     */
    public record Service(String name, String containerName, Set<String> aliases, List<ComposePort> ports,
            Origin origin) {
    }

    private final Map<String, Service> services;

    private ComposeModel(Map<String, Service> services) {
        this.services = services;
    }

    /** Return the services by name. */
    public Map<String, Service> services() {
        return services;
    }

    /**
     * Read compose files.
     *
     * @param environment the real environment
     * @throws InvalidBackendConfigurationException when a file cannot be read, is not YAML, or has a port entry that
     *     is not one, or an interpolation fails
     */
    public static ComposeModel load(List<Path> files, Map<String, String> environment) {
        Path envFile = files.get(0).toAbsolutePath().getParent().resolve(".env");
        DotenvFile dotenv = Files.isRegularFile(envFile) ? Dotenv.read(envFile, environment) : null;
        Function<String, Optional<String>> lookup = name -> {
            String real = environment.get(name);
            if (real != null && !real.isEmpty()) {
                return Optional.of(real);
            }
            return dotenv == null ? Optional.empty() : dotenv.entry(name).map(entry -> entry.value());
        };
        Map<String, Service> services = new LinkedHashMap<>();
        for (Path file : files) {
            new FileReader(file, lookup).read(services);
        }
        return new ComposeModel(services);
    }

    /** Reads one file into the services map. */
    private static final class FileReader {
        private final Path file;
        private final Function<String, Optional<String>> lookup;

        FileReader(Path file, Function<String, Optional<String>> lookup) {
            this.file = file;
            this.lookup = lookup;
        }

        void read(Map<String, Service> services) {
            Optional<Node> root = compose();
            if (root.isEmpty()) {
                return;
            }
            Map<String, Node> top = mapping(root.get(), "the top level");
            Node servicesNode = top.get("services");
            if (servicesNode == null) {
                return;
            }
            for (Map.Entry<String, Node> entry : mapping(servicesNode, "services").entrySet()) {
                Service service = service(entry.getKey(), entry.getValue());
                services.merge(service.name(), service, FileReader::combine);
            }
        }

        private Optional<Node> compose() {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new InvalidBackendConfigurationException(Origin.file(file.toString(), 0),
                        "cannot be read (" + e.getClass().getSimpleName() + ")");
            }
            LoadSettings settings = LoadSettings.builder().setLabel(file.toString()).setAllowDuplicateKeys(true)
                    .setMaxAliasesForCollections(100).setCodePointLimit(10 * 1024 * 1024).build();
            try {
                // What Compose.composeString does; its package (api.lowlevel) is not exported by the YAML module
                return new Composer(settings, new ParserImpl(settings, new StreamReader(settings,
                        new StringReader(text)))).getSingleNode();
            } catch (MarkedYamlEngineException e) {
                Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
                String column = mark.map(m -> " (column " + (m.getColumn() + 1) + ")").orElse("");
                throw new InvalidBackendConfigurationException(Origin.file(file.toString(),
                        mark.map(m -> m.getLine() + 1).orElse(0)), "is not valid YAML: "
                        + (e.getContext() == null ? "" : e.getContext() + ", ") + e.getProblem() + column);
            } catch (YamlEngineException e) {
                throw new InvalidBackendConfigurationException(Origin.file(file.toString(), 0),
                        "is not valid YAML: " + e.getMessage());
            }
        }

        private Service service(String name, Node node) {
            Map<String, Node> fields = mapping(node, "service " + name);
            String containerName = Optional.ofNullable(fields.get("container_name")).map(this::text).orElse("");
            Set<String> aliases = new LinkedHashSet<>();
            Node networks = fields.get("networks");
            if (networks instanceof MappingNode) {
                for (Node network : mapping(networks, "networks of service " + name).values()) {
                    if (network instanceof MappingNode) {
                        Node aliasList = mapping(network, "a network of service " + name).get("aliases");
                        if (aliasList instanceof SequenceNode sequence) {
                            sequence.getValue().forEach(alias -> aliases.add(text(alias)));
                        }
                    }
                }
            }
            List<ComposePort> ports = new ArrayList<>();
            Node portsNode = fields.get("ports");
            if (portsNode != null) {
                if (!(portsNode instanceof SequenceNode sequence)) {
                    throw new InvalidBackendConfigurationException(origin(portsNode),
                            "the ports of service " + name + " must be a list");
                }
                for (Node entry : sequence.getValue()) {
                    ports.add(port(entry));
                }
            }
            return new Service(name, containerName, aliases, ports, origin(node));
        }

        private ComposePort port(Node entry) {
            Origin origin = origin(entry);
            if (entry instanceof ScalarNode scalar) {
                return ComposePort.parseShort(text(entry), scalar.getValue(), origin);
            }
            Map<String, Node> fields = mapping(entry, "a ports entry");
            String written = fields.get("target") instanceof ScalarNode target ? target.getValue() : "(missing)";
            return ComposePort.parseLong(optional(fields, "target"), optional(fields, "published"),
                    optional(fields, "host_ip"), optional(fields, "protocol"), written, origin);
        }

        private Optional<String> optional(Map<String, Node> fields, String name) {
            return Optional.ofNullable(fields.get(name)).map(this::text);
        }

        /** Return a scalar's interpolated text. */
        private String text(Node node) {
            if (!(node instanceof ScalarNode scalar)) {
                throw new InvalidBackendConfigurationException(origin(node), "expected a single value here");
            }
            return Interpolation.interpolate(scalar.getValue(), lookup, origin(node));
        }

        /** Return a mapping's entries by key, following merge keys ({@code <<}), which the YAML 1.2 core leaves to us. */
        private Map<String, Node> mapping(Node node, String what) {
            if (!(node instanceof MappingNode mapping)) {
                throw new InvalidBackendConfigurationException(origin(node), what + " must be a mapping");
            }
            Map<String, Node> entries = new LinkedHashMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                    continue;
                }
                if (key.getValue().equals("<<")) {
                    Node merged = tuple.getValueNode();
                    List<Node> sources = merged instanceof SequenceNode sequence ? sequence.getValue() : List.of(merged);
                    for (Node source : sources) {
                        mapping(source, "a merged mapping").forEach(entries::putIfAbsent);
                    }
                } else {
                    entries.put(key.getValue(), tuple.getValueNode());
                }
            }
            return entries;
        }

        private Origin origin(Node node) {
            return Origin.file(file.toString(), node.getStartMark().map(Mark::getLine).map(line -> line + 1).orElse(0));
        }

        private static Service combine(Service earlier, Service later) {
            List<ComposePort> ports = new ArrayList<>(earlier.ports());
            ports.addAll(later.ports());
            Set<String> aliases = new LinkedHashSet<>(earlier.aliases());
            aliases.addAll(later.aliases());
            String containerName = later.containerName().isEmpty() ? earlier.containerName() : later.containerName();
            return new Service(earlier.name(), containerName, aliases, ports, earlier.origin());
        }
    }
}
