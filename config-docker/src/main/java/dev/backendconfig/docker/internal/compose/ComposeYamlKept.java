package dev.backendconfig.docker.internal.compose;

import dev.backendconfig.toolkit.InvalidInputException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * The YAML trees of the compose files this JVM has parsed, kept by file and exact text, so that a warm resolution in a
 * checkout whose compose files did not change does not parse them again.
 *
 * <p>What is kept is {@link ComposeYaml#compose}'s answer for that text: a pure function of the file's name and
 * its whole text (compared character by character, never by modification time or size), read again at every
 * resolution. Everything else that makes the project is done again every time: which files are read, the env files,
 * the variables interpolated, the settings, the size and value limits. A tree holds the file's text as written —
 * never an interpolated value — and nothing reads it but {@link ComposeTree}, which does not change it.
 *
 * <p>Bounded: at most {@link #MAX_FILES} files and {@link #MAX_CHARS} characters of text in all, the least recently
 * used dropped first; a text longer than {@link #MAX_CHARS_PER_FILE} is parsed every time and never kept.
 */
final class ComposeYamlKept {

    /** The most files kept: a project's few files, and a few projects (worktrees, test checkouts). */
    static final int MAX_FILES = 16;
    /** The most characters of compose text whose trees are kept in all. */
    static final long MAX_CHARS = 256 * 1024;
    /** The longest text kept: the default limit of all a project's files (setting docker.compose-max-kib). */
    static final int MAX_CHARS_PER_FILE = 64 * 1024;

    /** One file's text: its path as the messages name it, and every character of it. */
    private record Key(String file, String text) {
    }

    private static final Map<Key, Optional<Node>> KEPT = new LinkedHashMap<>(MAX_FILES * 2, 0.75f, true);
    private static long chars;

    private ComposeYamlKept() {
    }

    /**
     * Return the file's single document, or empty for an empty file: the tree kept for this very text, else a fresh
     * parse (kept when it succeeds and is small enough).
     *
     * @throws InvalidInputException when the text is not YAML or breaks a limit (never kept)
     * @throws java.util.concurrent.CancellationException when the thread is interrupted while reading
     */
    static Optional<Node> compose(String text, String file) {
        Key key = new Key(file, text);
        synchronized (KEPT) {
            Optional<Node> kept = KEPT.get(key);
            if (kept != null) {
                return kept;
            }
        }
        Optional<Node> parsed = ComposeYaml.compose(text, file);
        if (text.length() <= MAX_CHARS_PER_FILE) {
            synchronized (KEPT) {
                if (KEPT.putIfAbsent(key, parsed) == null) {
                    chars += text.length();
                    Iterator<Key> eldest = KEPT.keySet().iterator();
                    while (KEPT.size() > MAX_FILES || chars > MAX_CHARS) {
                        chars -= eldest.next().text().length();
                        eldest.remove();
                    }
                }
            }
        }
        return parsed;
    }

    /** Return how many files' trees are kept. */
    static int files() {
        synchronized (KEPT) {
            return KEPT.size();
        }
    }

    /** Return how many characters of text the kept trees were parsed from. */
    static long chars() {
        synchronized (KEPT) {
            return chars;
        }
    }

    /** Tell whether the tree of this text is kept. */
    static boolean keeps(String text, String file) {
        synchronized (KEPT) {
            return KEPT.containsKey(new Key(file, text));
        }
    }
}
