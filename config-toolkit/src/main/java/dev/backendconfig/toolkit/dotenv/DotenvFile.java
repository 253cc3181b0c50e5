package dev.backendconfig.toolkit.dotenv;

import static org.apiguardian.api.API.Status.STABLE;

import dev.backendconfig.toolkit.Origin;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The variables of a dotenv file, the last definition of each name winning, with what parsing noticed.
 */
@API(status = STABLE, since = "1.0")
public final class DotenvFile {

    private final String source;
    private final Map<String, DotenvEntry> entries;
    private final List<String> notes;

    DotenvFile(String source, Map<String, DotenvEntry> entries, List<String> notes) {
        this.source = source;
        this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        this.notes = List.copyOf(notes);
    }

    /** Return the file's path (or another name for text that did not come from a file). */
    public String source() {
        return source;
    }

    /** Return the entries by name, in the order of their last definition's first appearance. */
    public Map<String, DotenvEntry> entries() {
        return entries;
    }

    /** Return one entry. */
    public Optional<DotenvEntry> entry(String name) {
        return Optional.ofNullable(entries.get(name));
    }

    /** Return a variable's value; an empty value counts as unset. */
    public Optional<String> value(String name) {
        return entry(name).map(DotenvEntry::value).filter(value -> !value.isBlank());
    }

    /** Return where an entry was defined: the file and line. */
    public Origin origin(DotenvEntry entry) {
        return Origin.file(source, entry.line());
    }

    /** Tell whether the file defines no variable at all. */
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /**
     * Return what parsing noticed, each with its line and never a value: names defined twice, literal {@code \n}
     * sequences, a {@code #} comment that cut an unquoted value short, a {@code $NAME} that is not set.
     */
    public List<String> notes() {
        return notes;
    }

    /** Return a description that lists names only, never values. */
    @Override
    public String toString() {
        return "DotenvFile[" + source + ", " + entries.keySet() + "]";
    }
}
