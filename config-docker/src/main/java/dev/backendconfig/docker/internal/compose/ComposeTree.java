package dev.backendconfig.docker.internal.compose;

import dev.backendconfig.toolkit.ConfigurationFiles;
import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.toolkit.dotenv.Interpolation;
import dev.backendconfig.toolkit.Origin;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
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
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * The part of a compose file the project model needs, as a small tree compose's merge rules can work on: the
 * top-level {@code name}, {@code include} and {@code services}, and of each service its {@code container_name},
 * {@code image}, {@code network_mode}, {@code ports}, {@code expose}, {@code networks}, {@code profiles} and
 * {@code extends}. Every value keeps its file and line; scalars are interpolated as compose does (values only, never
 * keys); merge keys ({@code <<}) are followed, each merged mapping once. The paths tagged {@code !reset} (removed from
 * what earlier files set) and {@code !override} (replacing it instead of merging) are recorded.
 *
 * <p>Everything else in the file is left unread, so a file full of settings the model does not need costs their
 * parsing only. Reading is bounded: see {@link Budget}.
 */
final class ComposeTree {

    /** The service fields the model reads. */
    static final Set<String> SERVICE_FIELDS = Set.of("container_name", "image", "network_mode", "ports", "expose",
            "networks", "profiles", "extends");

    private ComposeTree() {
    }

    /** A value of the tree. */
    sealed interface Value {
        /** Return where the value is written. */
        Origin origin();
    }

    /**
     * A scalar.
     *
     * @param text its interpolated text
     * @param written its text as written, which messages may quote when it holds no variable
     */
    record Scalar(String text, String written, Origin origin) implements Value {
    }

    /** A null: {@code ~}, {@code null}, {@code Null}, {@code NULL} or nothing, as compose reads it. */
    record Empty(Origin origin) implements Value {
    }

    /** A sequence. */
    record Sequence(List<Value> items, Origin origin) implements Value {
        Sequence {
            items = List.copyOf(items);
        }
    }

    /** A mapping, its keys in file order. */
    record Mapping(Map<String, Value> entries, Origin origin) implements Value {
        Mapping {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        Optional<Value> get(String key) {
            return Optional.ofNullable(entries.get(key));
        }

        /** Return a copy with {@code key} set to {@code value}. */
        Mapping with(String key, Value value) {
            Map<String, Value> copy = new LinkedHashMap<>(entries);
            copy.put(key, value);
            return new Mapping(copy, origin);
        }

        /** Return a copy without {@code key}. */
        Mapping without(String key) {
            Map<String, Value> copy = new LinkedHashMap<>(entries);
            copy.remove(key);
            return new Mapping(copy, origin);
        }
    }

    /**
     * One file's tree.
     *
     * @param file the file
     * @param top its top level (only the keys the model reads)
     * @param resets the paths tagged {@code !reset}
     * @param overrides the paths tagged {@code !override}
     */
    record FileTree(Path file, Mapping top, List<List<String>> resets, List<List<String>> overrides) {
    }

    /**
     * What reading one project may still spend: bytes of compose YAML (setting {@code docker.compose-max-kib}, each
     * file and all of them), values read (an alias of a large list is read again at each use; one value per
     * {@link #BYTES_PER_VALUE} bytes of that limit), entries brought in by merge keys, characters made by
     * interpolation, and files read.
     */
    static final class Budget {
        /** How many entries merge keys may bring into mappings in all. */
        static final int MAX_MERGED_ENTRIES = 100_000;
        /** The most characters interpolation may produce across the values read. */
        static final long MAX_INTERPOLATED_CHARS = 4L * 1024 * 1024;
        /** How many bytes of the size limit allow one value read (and copied by {@code extends}). */
        static final int BYTES_PER_VALUE = 8;
        /** The most files read: the project's, and those {@code include} and {@code extends} name. */
        static final int MAX_FILES = 64;
        /** The code {@link ConfigurationFiles} gives a file over its size limit: the files together are over it. */
        private static final String FILE_SIZE_CODE = "BCFG01001";

        private final long maxBytes;
        private final long maxValues;
        private long bytes;
        private long merged;
        private long interpolated;
        private long values;
        private int files;

        /**
         * A budget for reading at most {@code maxBytes} of compose YAML.
         *
         * @param maxBytes setting {@code docker.compose-max-kib}, in bytes
         */
        Budget(long maxBytes) {
            this.maxBytes = maxBytes;
            this.maxValues = maxBytes / BYTES_PER_VALUE;
        }

        /** Return the limit of one file's size, which is the limit of all of them. */
        ConfigurationFiles.Limit fileLimit() {
            return ComposeYaml.limit(maxBytes);
        }

        /**
         * Count a file's bytes against the project's limit.
         *
         * @throws InvalidInputException naming the file when the project's files hold more in all
         */
        void bytes(Path file, long size) {
            bytes += size;
            if (bytes > maxBytes) {
                throw new InvalidInputException(FILE_SIZE_CODE, Origin.file(file.toString(), 0), "is " + size
                        + " bytes, which makes the compose files read for this project " + bytes + " bytes, larger"
                        + " than the limit of " + maxBytes + " bytes in all (" + ComposeYaml.whatToDo(maxBytes) + ")");
            }
        }

        void file(Path file, Origin from) {
            if (++files > MAX_FILES) {
                throw new InvalidInputException(from, "reading " + file + " would make more than "
                        + MAX_FILES + " compose files read for one project through include and extends (not"
                        + " configurable: a project reads a handful)");
            }
        }

        void values(long count, Origin at) {
            values += count;
            if (values > maxValues) {
                throw new InvalidInputException(at, "the compose files hold, or extends copies, more"
                        + " than " + maxValues + " values of the services read (one per " + BYTES_PER_VALUE + " bytes"
                        + " of setting docker.compose-max-kib, " + (maxBytes / 1024) + " KiB; a project with hundreds"
                        + " of services holds a fraction of this: does an alias of a long list repeat it?)");
            }
        }
    }

    /**
     * Read a file's YAML root into its tree.
     *
     * @param lookup the variables for interpolation
     * @throws InvalidInputException when a part the model reads has the wrong shape, an interpolation
     *     fails, or a limit is crossed
     */
    static FileTree read(Path file, Optional<Node> root, Function<String, Optional<String>> lookup, Budget budget) {
        Reader reader = new Reader(file, lookup, budget);
        if (root.isEmpty()) {
            return new FileTree(file, new Mapping(Map.of(), Origin.file(file.toString(), 1)), List.of(), List.of());
        }
        return new FileTree(file, reader.top(root.get()), reader.resets, reader.overrides);
    }

    /** Return the number of values in a tree, for the budget of what {@code extends} copies. */
    static long size(Value value) {
        long size = 1;
        if (value instanceof Mapping mapping) {
            for (Value entry : mapping.entries().values()) {
                size += size(entry);
            }
        } else if (value instanceof Sequence sequence) {
            for (Value item : sequence.items()) {
                size += size(item);
            }
        }
        return size;
    }

    /** Reads the nodes of one file. */
    private static final class Reader {
        private final Path file;
        private final Function<String, Optional<String>> lookup;
        private final Budget budget;
        private final Map<MappingNode, Map<String, Node>> resolved = new IdentityHashMap<>();
        private final Set<MappingNode> resolving = Collections.newSetFromMap(new IdentityHashMap<>());
        private final List<List<String>> resets = new ArrayList<>();
        private final List<List<String>> overrides = new ArrayList<>();

        Reader(Path file, Function<String, Optional<String>> lookup, Budget budget) {
            this.file = file;
            this.lookup = lookup;
            this.budget = budget;
        }

        Mapping top(Node root) {
            Map<String, Node> top = entries(root, "the top level of a compose file");
            Map<String, Value> kept = new LinkedHashMap<>();
            for (String key : List.of("name", "include", "services")) {
                Node node = top.get(key);
                if (node == null) {
                    continue;
                }
                List<String> path = List.of(key);
                if (tagged(node, path)) {
                    continue;
                }
                if (key.equals("services")) {
                    kept.put(key, services(node));
                } else {
                    kept.put(key, value(node, path));
                }
            }
            return new Mapping(kept, origin(root));
        }

        private Value services(Node node) {
            if (isNull(node)) {
                return new Empty(origin(node));
            }
            Map<String, Value> services = new LinkedHashMap<>();
            for (Map.Entry<String, Node> entry : entries(node, "services").entrySet()) {
                checkInterrupted();
                List<String> path = List.of("services", entry.getKey());
                Node service = entry.getValue();
                if (tagged(service, path)) {
                    continue;
                }
                if (isNull(service)) {
                    services.put(entry.getKey(), new Mapping(Map.of(), origin(service)));
                    continue;
                }
                Map<String, Value> fields = new LinkedHashMap<>();
                for (Map.Entry<String, Node> field : entries(service, "service " + entry.getKey()).entrySet()) {
                    if (!SERVICE_FIELDS.contains(field.getKey())) {
                        continue;
                    }
                    List<String> fieldPath = List.of("services", entry.getKey(), field.getKey());
                    if (!tagged(field.getValue(), fieldPath)) {
                        fields.put(field.getKey(), value(field.getValue(), fieldPath));
                    }
                }
                services.put(entry.getKey(), new Mapping(fields, origin(service)));
            }
            return new Mapping(services, origin(node));
        }

        /**
         * Record a {@code !reset} or {@code !override} tag at {@code path}; tell whether the node is to be left out
         * ({@code !reset}).
         */
        private boolean tagged(Node node, List<String> path) {
            String tag = node.getTag() == null ? "" : node.getTag().getValue();
            if (tag.equals("!reset")) {
                resets.add(path);
                return true;
            }
            if (tag.equals("!override")) {
                overrides.add(path);
            }
            return false;
        }

        /** Convert a whole subtree, interpolating its scalars. */
        private Value value(Node node, List<String> path) {
            checkInterrupted();
            budget.values(1, origin(node));
            if (node instanceof SequenceNode sequence) {
                List<Value> items = new ArrayList<>();
                for (Node item : sequence.getValue()) {
                    String tag = item.getTag() == null ? "" : item.getTag().getValue();
                    if (!tag.equals("!reset")) {
                        items.add(value(item, path));
                    }
                }
                return new Sequence(items, origin(node));
            }
            if (node instanceof MappingNode) {
                Map<String, Value> entries = new LinkedHashMap<>();
                for (Map.Entry<String, Node> entry : entries(node, "a mapping").entrySet()) {
                    List<String> next = new ArrayList<>(path);
                    next.add(entry.getKey());
                    if (!tagged(entry.getValue(), next)) {
                        entries.put(entry.getKey(), value(entry.getValue(), next));
                    }
                }
                return new Mapping(entries, origin(node));
            }
            if (isNull(node)) {
                return new Empty(origin(node));
            }
            ScalarNode scalar = (ScalarNode) node;
            if (isPort(path) && ComposeYaml.isNumberNotInDecimal(scalar)) {
                throw new InvalidInputException(origin(node), String.join(".", path) + ": "
                        + dev.backendconfig.toolkit.OutsideText.excerpt(scalar.getValue(), 40) + " is a number that"
                        + " compose reads otherwise than its digits say (YAML takes a sign, a leading 0 as octal, 0x,"
                        + " 0o, 0b and _); write the port in plain decimal, such as 8000, or quote it");
            }
            return new Scalar(interpolate(scalar), scalar.getValue(), origin(node));
        }

        /** Tell whether a value at {@code path} is a port: an entry of ports or expose, or a long entry's port. */
        private static boolean isPort(List<String> path) {
            return path.size() >= 3 && path.get(0).equals("services") && (path.size() == 3
                    ? path.get(2).equals("ports") || path.get(2).equals("expose")
                    : path.size() == 4 && path.get(2).equals("ports") && (path.get(3).equals("target")
                            || path.get(3).equals("published")));
        }

        private String interpolate(ScalarNode scalar) {
            String value = Interpolation.interpolate(scalar.getValue(), lookup, origin(scalar));
            budget.interpolated += value.length();
            if (budget.interpolated > Budget.MAX_INTERPOLATED_CHARS) {
                throw new InvalidInputException(origin(scalar), "interpolation makes the values read"
                        + " from the compose files longer than " + Budget.MAX_INTERPOLATED_CHARS + " characters in all"
                        + " (not configurable: names and ports are short; does a value refer to a long variable?)");
            }
            return value;
        }

        private static boolean isNull(Node node) {
            return node instanceof ScalarNode scalar && Tag.NULL.equals(scalar.getTag());
        }

        /**
         * Return a mapping's entries by key, following merge keys ({@code <<}), which the YAML 1.2 core leaves to us.
         * Each mapping is resolved once (an anchor merged a thousand times costs one resolution), a merge key that
         * refers to a mapping being resolved is an error, and the entries merges bring in are counted.
         */
        private Map<String, Node> entries(Node node, String what) {
            if (!(node instanceof MappingNode mapping)) {
                throw new InvalidInputException(origin(node), what + " must be a mapping");
            }
            Map<String, Node> done = resolved.get(mapping);
            if (done != null) {
                return done;
            }
            if (!resolving.add(mapping)) {
                throw new InvalidInputException(origin(node), "a merge key (<<) refers to the mapping"
                        + " that holds it (directly or through other merges), which would never end");
            }
            Map<String, Node> entries = new LinkedHashMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                    continue;
                }
                if (key.getValue().equals("<<")) {
                    Node merged = tuple.getValueNode();
                    List<Node> sources = merged instanceof SequenceNode sequence ? sequence.getValue()
                            : List.of(merged);
                    for (Node source : sources) {
                        Map<String, Node> from = entries(source, "a merged mapping");
                        budget.merged += from.size();
                        if (budget.merged > Budget.MAX_MERGED_ENTRIES) {
                            throw new InvalidInputException(origin(tuple.getKeyNode()), "merge keys"
                                    + " (<<) bring more than " + Budget.MAX_MERGED_ENTRIES + " entries into mappings"
                                    + " in all (not configurable: a compose file merges a few shared blocks)");
                        }
                        for (Map.Entry<String, Node> entry : from.entrySet()) {
                            entries.putIfAbsent(entry.getKey(), entry.getValue());
                        }
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
            Optional<org.snakeyaml.engine.v2.exceptions.Mark> mark = node.getStartMark();
            return Origin.file(file.toString(), mark.isPresent() ? mark.get().getLine() + 1 : 0);
        }

        private void checkInterrupted() {
            if (Thread.currentThread().isInterrupted()) {
                throw new CancellationException("interrupted while reading " + file);
            }
        }
    }
}
