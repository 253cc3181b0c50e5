package dev.backendconfig.docker.internal.compose;

import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.docker.internal.compose.ComposeTree.Empty;
import dev.backendconfig.docker.internal.compose.ComposeTree.Mapping;
import dev.backendconfig.docker.internal.compose.ComposeTree.Scalar;
import dev.backendconfig.docker.internal.compose.ComposeTree.Sequence;
import dev.backendconfig.docker.internal.compose.ComposeTree.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compose's merge rules (compose specification, "Merge and override"), for the part of the model the tree holds: a
 * mapping is merged by adding missing entries and merging the conflicting ones; a sequence by appending the later
 * file's items (the entries that are then the same by compose's unique key — for {@code ports} address, host port,
 * container port and protocol; for aliases, profiles and {@code expose} the value — are kept once, when the service
 * is built); a scalar is replaced. A {@code networks} list is a mapping of networks without options. A later null
 * keeps what was there. {@code !reset} removes a path before the later file is merged, {@code !override} replaces it.
 * The same rules merge a service with the one it {@code extends} (the extending service is the later one).
 */
final class ComposeMerge {

    private ComposeMerge() {
    }

    /**
     * Merge {@code later} onto {@code earlier}.
     *
     * @param path the keys leading to the values, for the rules that depend on it and for errors
     * @throws InvalidInputException when one is a mapping and the other a list, or the like
     */
    static Value merge(Value earlier, Value later, List<String> path) {
        if (earlier == null || earlier instanceof Empty) {
            return later;
        }
        if (later == null || later instanceof Empty) {
            return earlier;
        }
        if (isNetworks(path)) {
            return mergeMappings(networks(earlier), networks(later), path);
        }
        if (earlier instanceof Mapping base && later instanceof Mapping over) {
            return mergeMappings(base, over, path);
        }
        if (earlier instanceof Sequence base && later instanceof Sequence over) {
            List<Value> items = new ArrayList<>(base.items());
            items.addAll(over.items());
            return new Sequence(items, over.origin());
        }
        if (earlier instanceof Scalar && later instanceof Scalar) {
            return later;
        }
        throw new InvalidInputException(later.origin(), String.join(".", path) + " is "
                + kind(later) + " here but " + kind(earlier) + " in " + earlier.origin().describe()
                + ", so compose cannot merge them (write both the same way, or tag this one !override)");
    }

    /** Merge mappings entry by entry. */
    static Mapping mergeMappings(Mapping earlier, Mapping later, List<String> path) {
        Map<String, Value> entries = new LinkedHashMap<>(earlier.entries());
        for (Map.Entry<String, Value> entry : later.entries().entrySet()) {
            List<String> next = new ArrayList<>(path);
            next.add(entry.getKey());
            entries.put(entry.getKey(), merge(entries.get(entry.getKey()), entry.getValue(), next));
        }
        return new Mapping(entries, earlier.origin());
    }

    /**
     * Remove the value at {@code path} from {@code top}, as {@code !reset} and {@code !override} do before a later
     * file is merged; a path that is not there changes nothing.
     */
    static Mapping remove(Mapping top, List<String> path) {
        if (path.isEmpty()) {
            return top;
        }
        String key = path.get(0);
        if (path.size() == 1) {
            return top.without(key);
        }
        Value child = top.entries().get(key);
        if (child instanceof Mapping mapping) {
            return top.with(key, remove(mapping, path.subList(1, path.size())));
        }
        return top;
    }

    private static boolean isNetworks(List<String> path) {
        return path.size() == 3 && path.get(0).equals("services") && path.get(2).equals("networks");
    }

    /** Return a service's networks as a mapping: a list names networks without options. */
    static Mapping networks(Value networks) {
        if (networks instanceof Sequence sequence) {
            Map<String, Value> entries = new LinkedHashMap<>();
            for (Value item : sequence.items()) {
                if (item instanceof Scalar scalar) {
                    entries.put(scalar.text(), new Empty(item.origin()));
                } else {
                    throw new InvalidInputException(item.origin(), "a list of networks holds network"
                            + " names, not " + kind(item));
                }
            }
            return new Mapping(entries, networks.origin());
        }
        if (networks instanceof Mapping mapping) {
            return mapping;
        }
        if (networks instanceof Empty) {
            return new Mapping(Map.of(), networks.origin());
        }
        throw new InvalidInputException(networks.origin(), "networks must be a list of network names"
                + " or a mapping of networks");
    }

    static String kind(Value value) {
        if (value instanceof Mapping) {
            return "a mapping";
        }
        if (value instanceof Sequence) {
            return "a list";
        }
        return value instanceof Empty ? "null" : "a single value";
    }
}
