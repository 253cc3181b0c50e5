package dev.backendconfig.api.dotenv;

import dev.backendconfig.api.InvalidBackendConfigurationException;
import dev.backendconfig.api.spi.Origin;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Parse one dotenv text; see {@link Dotenv} for the dialect. */
final class DotenvParser {

    private static final Pattern LITERAL_NEWLINE_ENTRY = Pattern.compile("\\\\n\\s*(export\\s+)?[A-Za-z_][A-Za-z0-9_.-]*\\s*=");

    private final String text;
    private final String source;
    private final Function<String, Optional<String>> environment;
    private final Map<String, DotenvEntry> entries = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();
    private int position;
    private int line = 1;

    DotenvParser(String text, String source, Function<String, Optional<String>> environment) {
        this.text = text.startsWith("\uFEFF") ? text.substring(1) : text;
        this.source = source;
        this.environment = environment;
    }

    DotenvFile parse() {
        while (position < text.length()) {
            skipInlineWhitespace();
            if (atLineEnd()) {
                nextLine();
            } else if (peek() == '#') {
                checkCommentForLiteralNewlines();
                skipToLineEnd();
                nextLine();
            } else {
                entry();
            }
        }
        if (entries.isEmpty() && text.contains("\\n") && text.strip().lines().count() == 1) {
            throw new InvalidBackendConfigurationException(Origin.file(source, 1), "yields no variables: its only line"
                    + " holds literal \\n sequences instead of line breaks (was it written with echo without -e?);"
                    + " put each NAME=value on its own line");
        }
        return new DotenvFile(source, entries, notes);
    }

    private void entry() {
        int entryLine = line;
        String name = name();
        skipInlineWhitespace();
        if (atLineEnd()) {
            throw error(entryLine, "expected NAME=value, got the name " + name + " without '='");
        }
        if (peek() != '=') {
            throw error(entryLine, "expected '=' after the name " + name + (Character.isWhitespace(text.charAt(position - 1))
                    ? " (a name cannot contain spaces)" : ", got '" + printable(peek()) + "'"));
        }
        position++;
        skipInlineWhitespace();
        String value = value(name, entryLine);
        DotenvEntry previous = entries.remove(name);
        if (previous != null) {
            notes.add(name + " is defined on lines " + previous.line() + " and " + entryLine + "; line " + entryLine
                    + " wins");
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
            throw error(line, "the name " + name + " must start with a letter or '_'");
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
            return interpolate(raw, entryLine);
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
        skipToLineEnd();
    }

    private String unquoted(String name, int entryLine) {
        int start = position;
        while (!atLineEnd()) {
            if (peek() == '#' && Character.isWhitespace(text.charAt(position - 1))) {
                break;
            }
            position++;
        }
        String raw = text.substring(start, position).strip();
        skipToLineEnd();
        if (LITERAL_NEWLINE_ENTRY.matcher(raw).find()) {
            notes.add(name + " (line " + entryLine + ") holds a literal \\n followed by NAME=: the file looks written"
                    + " with echo without -e; put each NAME=value on its own line");
        }
        return interpolate(raw, entryLine);
    }

    private String interpolate(String raw, int entryLine) {
        Origin origin = Origin.file(source, entryLine);
        return Interpolation.interpolate(raw, this::lookup, origin);
    }

    private Optional<String> lookup(String name) {
        Optional<String> real = environment.apply(name);
        if (real.isPresent()) {
            return real;
        }
        DotenvEntry earlier = entries.get(name);
        return earlier == null ? Optional.empty() : Optional.of(earlier.value());
    }

    private void checkCommentForLiteralNewlines() {
        int end = text.indexOf('\n', position);
        String comment = text.substring(position, end < 0 ? text.length() : end);
        if (LITERAL_NEWLINE_ENTRY.matcher(comment).find()) {
            notes.add("line " + line + " is a comment that holds a literal \\n followed by NAME=: the variables after"
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

    private InvalidBackendConfigurationException error(int errorLine, String problem) {
        return new InvalidBackendConfigurationException(Origin.file(source, errorLine), problem);
    }
}
