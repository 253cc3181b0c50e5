package dev.backendconfig.toolkit.dotenv;

import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.toolkit.Origin;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Parse one dotenv text; see {@link Dotenv} for the dialect. */
// the parser is its interpolations' lookup and their listener for unset names, rather than a lambda each: a dotenv
// file is parsed in the first resolution of every staging run, where a lambda's first call would start the JDK's
// lambda machinery
final class DotenvParser implements Function<String, Optional<String>>, Consumer<String> {

    /** The code of a malformed dotenv file. */
    private static final String CODE = "BCFG01003";

    /**
     * A literal {@code \n} followed by an entry, as {@code echo} without {@code -e} writes a file; compiled when a value
     * or comment first holds a literal {@code \n} (a class of its own is initialised then), so that reading an ordinary
     * file in a first resolution compiles no pattern.
     */
    private static final class LiteralNewline {
        static final Pattern ENTRY = Pattern.compile("\\\\n\\s*(export\\s+)?[A-Za-z_][A-Za-z0-9_.-]*\\s*=");

        private LiteralNewline() {
        }
    }

    /** Tell whether text holds a literal {@code \n} followed by an entry ({@link LiteralNewline#ENTRY}). */
    private static boolean holdsLiteralNewlineEntry(String text) {
        return text.contains("\\n") && LiteralNewline.ENTRY.matcher(text).find();
    }

    /** Said of a line that is not quoted in an error, because it may be the rest of a value. */
    private static final String NOT_SHOWN = " (the line is not shown: it may be part of a value, and a value that"
            + " spans lines must be quoted)";

    private final String text;
    private final String source;
    private final Map<String, String> environment;
    private final Map<String, DotenvEntry> entries = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<String, Definitions> redefined = new LinkedHashMap<>();
    private long valueChars;
    private int position;
    private int line = 1;

    /** Where a name defined more than once was defined: the first few lines, the last, and how many in all. */
    private static final class Definitions {
        private static final int SHOWN = 3;
        private final List<Integer> first = new ArrayList<>();
        private int last;
        private int count;

        void add(int definedOn) {
            if (first.size() < SHOWN) {
                first.add(definedOn);
            }
            last = definedOn;
            count++;
        }

        String describe(String name) {
            if (count == 2) {
                return name + " is defined on lines " + first.get(0) + " and " + last + "; line " + last + " wins";
            }
            StringBuilder lines = new StringBuilder();
            for (int definedOn : first) {
                lines.append(lines.length() == 0 ? "" : ", ").append(definedOn);
            }
            if (count > first.size()) {
                lines.append(count > first.size() + 1 ? ", ... " : ", ").append(last);
            }
            return name + " is defined " + count + " times (lines " + lines + "); line " + last + " wins";
        }
    }

    /** How many variables that are not set the value being interpolated refers to. */
    private int unset;

    /** Parse {@code text}, named {@code source}, interpolating with the real {@code environment}. */
    DotenvParser(String text, String source, Map<String, String> environment) {
        this.text = text.startsWith("\uFEFF") ? text.substring(1) : text;
        this.source = source;
        this.environment = environment;
    }

    DotenvFile parse() {
        while (position < text.length()) {
            if (Thread.currentThread().isInterrupted()) {
                throw new CancellationException("interrupted while reading " + source);
            }
            skipInlineWhitespace();
            if (atLineEnd()) {
                nextLine();
            } else if (peek() == '#') { // a comment line, or the comment after a value
                checkCommentForLiteralNewlines();
                skipToLineEnd(); // the next turn takes the line break
            } else {
                entry();
            }
        }
        if (entries.isEmpty() && text.contains("\\n") && text.strip().lines().count() == 1) {
            throw new InvalidInputException(CODE, Origin.file(source, 1), "yields no variables: its only line"
                    + " holds literal \\n sequences instead of line breaks (was it written with echo without -e?);"
                    + " put each NAME=value on its own line");
        }
        for (Map.Entry<String, Definitions> definitions : redefined.entrySet()) {
            notes.add(definitions.getValue().describe(definitions.getKey()));
        }
        return new DotenvFile(source, entries, notes);
    }

    private void entry() {
        int entryLine = line;
        String name = name();
        skipInlineWhitespace();
        if (atLineEnd()) {
            throw error(entryLine, "expected NAME=value, got a line without '='" + NOT_SHOWN);
        }
        if (peek() != '=') {
            throw error(entryLine, Character.isWhitespace(text.charAt(position - 1))
                    ? "expected '=' after the name, got a space: a name cannot contain spaces" + NOT_SHOWN
                    : "expected '=' after the name, got a character a name cannot hold" + NOT_SHOWN);
        }
        position++;
        skipInlineWhitespace();
        String value = value(name, entryLine);
        valueChars += value.length();
        if (valueChars > Dotenv.MAX_VALUE_CHARS) {
            throw error(entryLine, "the values of the file hold more than " + Dotenv.MAX_VALUE_CHARS + " characters in"
                    + " all once interpolated (not configurable: a dotenv file holds URLs and credentials; does a"
                    + " value refer to a long variable many times?)");
        }
        DotenvEntry previous = entries.remove(name);
        if (previous != null) {
            Definitions definitions = redefined.get(name);
            if (definitions == null) {
                definitions = new Definitions();
                definitions.add(previous.line());
                redefined.put(name, definitions);
            }
            definitions.add(entryLine);
        }
        entries.put(name, new DotenvEntry(name, value, entryLine));
    }

    private String name() {
        int start = position;
        if (text.startsWith("export", position) && position + 6 < text.length()
                && (text.charAt(position + 6) == ' ' || text.charAt(position + 6) == '\t')) {
            position += 6;
            skipInlineWhitespace();
            start = position;
        }
        while (position < text.length() && isNameChar(peek())) {
            position++;
        }
        String name = text.substring(start, position);
        if (name.isEmpty() && text.startsWith("\\n", position)) {
            throw error(line, "starts with a literal \\n instead of a line break (was the file written with echo"
                    + " without -e?); put each NAME=value on its own line");
        }
        if (name.isEmpty()) {
            throw error(line, "expected a variable name, got '" + printable(peek()) + "'");
        }
        if (!Interpolation.isNameStart(name.charAt(0))) {
            throw error(line, "a name must start with a letter or '_'" + NOT_SHOWN);
        }
        return name;
    }

    private String value(String name, int entryLine) {
        if (atLineEnd()) {
            return "";
        }
        char first = peek();
        if (first == '\'') {
            String value = quoted('\'', entryLine);
            afterClosingQuote(name);
            return value;
        }
        if (first == '"') {
            String raw = quoted('"', entryLine);
            afterClosingQuote(name);
            return interpolate(raw, name, entryLine);
        }
        return unquoted(name, entryLine);
    }

    /** Read a quoted value; for double quotes, escapes become their characters and {@code \$} becomes {@code $$}. */
    private String quoted(char quote, int entryLine) {
        position++;
        StringBuilder value = new StringBuilder();
        while (position < text.length()) {
            char c = text.charAt(position++);
            if (c == quote) {
                return value.toString();
            }
            if (c == '\n') {
                line++;
            }
            if (c == '\\' && quote == '"' && position < text.length()) {
                char escaped = text.charAt(position++);
                switch (escaped) {
                    case 'n' -> value.append('\n');
                    case 't' -> value.append('\t');
                    case 'r' -> value.append('\r');
                    case '"' -> value.append('"');
                    case '\\' -> value.append('\\');
                    case '$' -> value.append("$$");
                    default -> value.append('\\').append(escaped);
                }
                continue;
            }
            if (c == '\r' && position < text.length() && text.charAt(position) == '\n') {
                continue;
            }
            value.append(c);
        }
        throw error(entryLine, "the " + (quote == '"' ? "double" : "single") + " quote opened here is never closed"
                + " (the file ends first); close it with " + quote);
    }

    private void afterClosingQuote(String name) {
        skipInlineWhitespace();
        if (!atLineEnd() && peek() != '#') {
            throw error(line, "unexpected text after the closing quote of " + name
                    + " (put a comment after a space and #, or quote the whole value)");
        }
    }

    private String unquoted(String name, int entryLine) {
        int start = position;
        boolean comment = false;
        while (!atLineEnd()) {
            if (peek() == '#' && Character.isWhitespace(text.charAt(position - 1))) {
                comment = true;
                break;
            }
            position++;
        }
        String raw = text.substring(start, position).strip();
        if (comment && !raw.isEmpty()) {
            notes.add(Origin.file(source, entryLine).describe() + ": the value of " + name + " stops at ' #', which"
                    + " starts a comment: the rest of the line is not part of it (quote the value if the '#' is)");
        }
        if (holdsLiteralNewlineEntry(raw)) {
            notes.add(name + " (line " + entryLine + ") holds a literal \\n followed by NAME=: the file looks written"
                    + " with echo without -e; put each NAME=value on its own line");
        }
        return interpolate(raw, name, entryLine);
    }

    private String interpolate(String raw, String name, int entryLine) {
        Origin origin = Origin.file(source, entryLine);
        unset = 0;
        String value = Interpolation.interpolate(raw, this, origin, this);
        if (unset > 0) {
            notes.add(origin.describe() + ": the value of " + name + " refers to "
                    + (unset == 1 ? "a variable that is not set, which" : unset + " variables that are not set,"
                    + " which") + " became empty text (set it, write $$ for a literal $, or single-quote the value)");
        }
        return value;
    }

    /** Interpolation's lookup: the real environment's value (empty is unset), else an earlier line's. */
    @Override
    public Optional<String> apply(String name) {
        String real = environment.get(name);
        if (real != null && !real.isEmpty()) {
            return Optional.of(real);
        }
        DotenvEntry earlier = entries.get(name);
        return earlier == null ? Optional.empty() : Optional.of(earlier.value());
    }

    /** Interpolation's listener: a variable the value refers to is not set. */
    @Override
    public void accept(String name) {
        unset++;
    }

    private void checkCommentForLiteralNewlines() {
        int end = text.indexOf('\n', position);
        String comment = text.substring(position, end < 0 ? text.length() : end);
        if (holdsLiteralNewlineEntry(comment)) {
            notes.add("the comment on line " + line + " holds a literal \\n followed by NAME=: the variables after"
                    + " it are part of the comment; put each NAME=value on its own line");
        }
    }

    private boolean atLineEnd() {
        return position >= text.length() || peek() == '\n' || (peek() == '\r'
                && (position + 1 >= text.length() || text.charAt(position + 1) == '\n'));
    }

    private void skipToLineEnd() {
        while (!atLineEnd()) {
            position++;
        }
    }

    private void nextLine() {
        if (position < text.length() && peek() == '\r') {
            position++;
        }
        if (position < text.length() && peek() == '\n') {
            position++;
            line++;
        }
    }

    private void skipInlineWhitespace() {
        while (position < text.length() && (peek() == ' ' || peek() == '\t')) {
            position++;
        }
    }

    private char peek() {
        return text.charAt(position);
    }

    private static boolean isNameChar(char c) {
        return Interpolation.isNamePart(c) || c == '.' || c == '-';
    }

    private static String printable(char c) {
        return Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }

    private InvalidInputException error(int errorLine, String problem) {
        return new InvalidInputException(CODE, Origin.file(source, errorLine), problem);
    }
}
