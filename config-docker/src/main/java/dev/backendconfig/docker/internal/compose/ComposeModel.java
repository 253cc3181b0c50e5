package dev.backendconfig.docker.internal.compose;

import dev.backendconfig.toolkit.ConfigurationFiles;
import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.toolkit.Origin;
import dev.backendconfig.toolkit.dotenv.Dotenv;
import dev.backendconfig.toolkit.dotenv.DotenvFile;
import dev.backendconfig.toolkit.dotenv.Interpolation;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.Function;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * The services of one or more compose files, as far as port prediction needs them: names, container names,
 * network aliases and ports, each port with its file and line.
 *
 * <p>Files are read as YAML 1.2 (an unquoted {@code 22:22} is text), within the limits of {@link ComposeYaml}. Values
 * are interpolated the way compose does: the real environment first, then the {@code .env} file beside the first
 * compose file. Merge keys ({@code <<}) and anchors are followed, each merged mapping once, and a merge key that
 * refers to the mapping holding it is an error. Services of later files add to those of earlier ones. Reading checks
 * for interruption as it goes, so that a resolution whose budget ran out is not outlived by its reader.
 */
final class ComposeModel {

    /** The largest compose file read: 2 MiB. */
    public static final long MAX_FILE_BYTES = 2L * 1024 * 1024;
    /** How many entries merge keys may bring into mappings in all, across a file. */
    public static final int MAX_MERGED_ENTRIES = 100_000;
    /** The most characters interpolation may produce across the values read from one model. */
    public static final long MAX_INTERPOLATED_CHARS = 4L * 1024 * 1024;

    private static final ConfigurationFiles.Limit LIMIT = new ConfigurationFiles.Limit(MAX_FILE_BYTES,
            "not configurable: a compose file with hundreds of services is a fraction of this; name a smaller one"
                    + " with setting docker.compose-file, or let the engine answer (docker.host)");

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
    private final List<String> notes;

    private ComposeModel(Map<String, Service> services, List<String> notes) {
        this.services = services;
        this.notes = List.copyOf(notes);
    }

    /** Return the services by name. */
    public Map<String, Service> services() {
        return services;
    }

    /** Return what reading noticed, with file and line: notes about the {@code .env} file beside the first file. */
    public List<String> notes() {
        return notes;
    }

    /**
     * Read compose files.
     *
     * @param environment the real environment
     * @throws InvalidInputException when a file cannot be read, is not a regular file, is larger than
     *     {@link #MAX_FILE_BYTES}, is not YAML or breaks a limit of {@link ComposeYaml}, has a port entry that is not
     *     one, or an interpolation fails
     * @throws java.util.concurrent.CancellationException when the thread is interrupted while reading
     */
    public static ComposeModel load(List<Path> files, Map<String, String> environment) {
        Path envFile = files.get(0).toAbsolutePath().getParent().resolve(".env");
        boolean hasEnvFile = Files.exists(envFile) || Files.exists(envFile, LinkOption.NOFOLLOW_LINKS);
        DotenvFile dotenv = hasEnvFile ? Dotenv.read(envFile, environment) : null;
        Function<String, Optional<String>> lookup = name -> {
            String real = environment.get(name);
            if (real != null && !real.isEmpty()) {
                return Optional.of(real);
            }
            return dotenv == null ? Optional.empty() : dotenv.entry(name).map(entry -> entry.value());
        };
        Budget budget = new Budget();
        Map<String, Service> services = new LinkedHashMap<>();
        for (Path file : files) {
            new FileReader(file, lookup, budget).read(services);
        }
        List<String> notes = new ArrayList<>();
        if (dotenv != null) {
            dotenv.notes().forEach(note -> notes.add(note.startsWith(envFile.toString()) ? note : envFile + ": " + note));
        }
        return new ComposeModel(services, notes);
    }

    /** What reading one model may still spend on merges and interpolation. */
    private static final class Budget {
        private long merged;
        private long interpolated;
    }

    /** Reads one file into the services map. */
    private static final class FileReader {
        private final Path file;
        private final Function<String, Optional<String>> lookup;
        private final Budget budget;
        private final Map<MappingNode, Map<String, Node>> resolved = new IdentityHashMap<>();
        private final Set<MappingNode> resolving = java.util.Collections.newSetFromMap(new IdentityHashMap<>());

        FileReader(Path file, Function<String, Optional<String>> lookup, Budget budget) {
            this.file = file;
            this.lookup = lookup;
            this.budget = budget;
        }

        void read(Map<String, Service> services) {
            String text = ConfigurationFiles.readText(file, "a compose file (YAML)", LIMIT);
            Optional<Node> root = ComposeYaml.compose(text, file.toString());
            if (root.isEmpty()) {
                return;
            }
            Map<String, Node> top = mapping(root.get(), "the top level");
            Node servicesNode = top.get("services");
            if (servicesNode == null) {
                return;
            }
            for (Map.Entry<String, Node> entry : mapping(servicesNode, "services").entrySet()) {
                checkInterrupted();
                Service service = service(entry.getKey(), entry.getValue());
                services.merge(service.name(), service, FileReader::combine);
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
                    throw new InvalidInputException(origin(portsNode),
                            "the ports of service " + name + " must be a list");
                }
                for (Node entry : sequence.getValue()) {
                    checkInterrupted();
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
                throw new InvalidInputException(origin(node), "expected a single value here");
            }
            String value = Interpolation.interpolate(scalar.getValue(), lookup, origin(node));
            budget.interpolated += value.length();
            if (budget.interpolated > MAX_INTERPOLATED_CHARS) {
                throw new InvalidInputException(origin(node), "interpolation makes the values read from"
                        + " the compose files longer than " + MAX_INTERPOLATED_CHARS + " characters in all (not"
                        + " configurable: names and ports are short; does a value refer to a long variable?)");
            }
            return value;
        }

        /**
         * Return a mapping's entries by key, following merge keys ({@code <<}), which the YAML 1.2 core leaves to us.
         * Each mapping is resolved once (an anchor merged a thousand times costs one resolution), a merge key that
         * refers to a mapping being resolved is an error, and the entries merges bring in are counted.
         */
        private Map<String, Node> mapping(Node node, String what) {
            if (!(node instanceof MappingNode mapping)) {
                throw new InvalidInputException(origin(node), what + " must be a mapping");
            }
            Map<String, Node> done = resolved.get(mapping);
            if (done != null) {
                return done;
            }
            if (!resolving.add(mapping)) {
                throw new InvalidInputException(origin(node), "a merge key (<<) refers to the mapping that"
                        + " holds it (directly or through other merges), which would never end");
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
                        Map<String, Node> from = mapping(source, "a merged mapping");
                        budget.merged += from.size();
                        if (budget.merged > MAX_MERGED_ENTRIES) {
                            throw new InvalidInputException(origin(tuple.getKeyNode()), "merge keys (<<)"
                                    + " bring more than " + MAX_MERGED_ENTRIES + " entries into mappings in all (not"
                                    + " configurable: a compose file merges a few shared blocks)");
                        }
                        from.forEach(entries::putIfAbsent);
                        checkInterrupted();
                    }
                } else {
                    entries.put(key.getValue(), tuple.getValueNode());
                }
            }
            resolving.remove(mapping);
            resolved.put(mapping, entries);
            return entries;
        }

        private Origin origin(Node node) {
            return Origin.file(file.toString(), node.getStartMark().map(mark -> mark.getLine() + 1).orElse(0));
        }

        private void checkInterrupted() {
            if (Thread.currentThread().isInterrupted()) {
                throw new CancellationException("interrupted while reading " + file);
            }
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
