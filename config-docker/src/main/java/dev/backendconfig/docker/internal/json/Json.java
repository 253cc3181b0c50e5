package dev.backendconfig.docker.internal.json;

import dev.backendconfig.docker.internal.Scans;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Read and write JSON (RFC 8259) with the JDK alone, for the Docker Engine API client.
 *
 * <p>Provider docker reads three small kinds of documents (Docker Engine replies, the docker CLI's
 * {@code config.json} and context metadata) and writes one (the filters of a container list). A reader this size keeps Jackson, and its version
 * conflicts, off the user's test classpath. Objects become {@code Map<String, Object>} in document order, arrays
 * {@code List<Object>}, numbers {@link BigDecimal}, and {@code null} {@link #NULL}.
 */
public final class Json {

    /** What a JSON {@code null} reads as (maps and lists cannot hold Java null here). */
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    /** The deepest nesting accepted, so that a hostile document cannot exhaust the stack. */
    static final int MAX_DEPTH = 256;
    /** The longest number accepted: converting a number of a million digits would cost time quadratic in them. */
    static final int MAX_NUMBER_CHARS = 64;

    /** Thrown for text that is not JSON; the message says what and where (line and column), never the text. */
    public static final class ParseException extends Exception {
        private static final long serialVersionUID = 1L;

        ParseException(String message) {
            super(message);
        }
    }

    private final String text;
    private int position;
    private int depth;

    private Json(String text) {
        this.text = text;
    }

    /** Parse one JSON document. */
    public static Object parse(String text) throws ParseException {
        Json json = new Json(text);
        json.skipWhitespace();
        Object value = json.value();
        json.skipWhitespace();
        if (json.position < text.length()) {
            throw json.error("unexpected text after the document");
        }
        return value;
    }

    /** Return the value as a JSON text, compact, with strings escaped. */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private Object value() throws ParseException {
        if (position >= text.length()) {
            throw error("the document ends where a value was expected");
        }
        char c = text.charAt(position);
        switch (c) {
            case '{':
                return object();
            case '[':
                return array();
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", NULL);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw error("expected a value, got '" + printable(c) + "'");
        }
    }

    private Map<String, Object> object() throws ParseException {
        enter();
        position++;
        Map<String, Object> object = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            position++;
            depth--;
            return object;
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw error("expected a member name in double quotes");
            }
            String name = string();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            object.put(name, value());
            skipWhitespace();
            if (peek() == ',') {
                position++;
            } else if (peek() == '}') {
                position++;
                depth--;
                return object;
            } else {
                throw error("expected ',' or '}' in an object");
            }
        }
    }

    private List<Object> array() throws ParseException {
        enter();
        position++;
        List<Object> array = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            position++;
            depth--;
            return array;
        }
        while (true) {
            skipWhitespace();
            array.add(value());
            skipWhitespace();
            if (peek() == ',') {
                position++;
            } else if (peek() == ']') {
                position++;
                depth--;
                return array;
            } else {
                throw error("expected ',' or ']' in an array");
            }
        }
    }

    private String string() throws ParseException {
        int start = ++position;
        // the common case, a string without escapes (every string of an engine's list, nearly): one scan, one copy
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                position = i + 1;
                return text.substring(start, i);
            }
            if (c == '\\') {
                position = i;
                return escapedString(start);
            }
            if (c < 0x20) {
                position = i + 1;
                throw error("a control character inside a string must be escaped");
            }
        }
        position = text.length();
        throw error("a string is never closed");
    }

    /** Read the rest of a string from its first escape at {@code position}; {@code start} is just after its quote. */
    private String escapedString(int start) throws ParseException {
        StringBuilder value = new StringBuilder(position - start + 16).append(text, start, position);
        while (true) {
            if (position >= text.length()) {
                throw error("a string is never closed");
            }
            char c = text.charAt(position++);
            if (c == '"') {
                return value.toString();
            }
            if (c < 0x20) {
                throw error("a control character inside a string must be escaped");
            }
            if (c != '\\') {
                value.append(c);
                continue;
            }
            if (position >= text.length()) {
                throw error("a string is never closed");
            }
            char escaped = text.charAt(position++);
            switch (escaped) {
                case '"', '\\', '/' -> value.append(escaped);
                case 'b' -> value.append('\b');
                case 'f' -> value.append('\f');
                case 'n' -> value.append('\n');
                case 'r' -> value.append('\r');
                case 't' -> value.append('\t');
                case 'u' -> value.append(unicodeEscape());
                default -> throw error("'\\" + printable(escaped) + "' is not a JSON escape");
            }
        }
    }

    private char unicodeEscape() throws ParseException {
        if (position + 4 > text.length()) {
            throw error("'\\u' must be followed by four hexadecimal digits");
        }
        String digits = text.substring(position, position + 4);
        if (!Scans.isFourHexDigits(digits)) {
            throw error("'\\u' must be followed by four hexadecimal digits");
        }
        position += 4;
        return (char) Integer.parseInt(digits, 16);
    }

    private BigDecimal number() throws ParseException {
        int start = position;
        if (peek() == '-') {
            position++;
        }
        if (peek() == '0') {
            position++;
        } else if (Character.isDigit(peek())) {
            digits();
        } else {
            throw error("a number needs digits");
        }
        if (peek() == '.') {
            position++;
            if (!Character.isDigit(peek())) {
                throw error("a number's fraction needs digits");
            }
            digits();
        }
        if (peek() == 'e' || peek() == 'E') {
            position++;
            if (peek() == '+' || peek() == '-') {
                position++;
            }
            if (!Character.isDigit(peek())) {
                throw error("a number's exponent needs digits");
            }
            digits();
        }
        if (position - start > MAX_NUMBER_CHARS) {
            throw error("a number longer than " + MAX_NUMBER_CHARS + " characters");
        }
        return new BigDecimal(text.substring(start, position));
    }

    private void digits() {
        while (position < text.length() && text.charAt(position) >= '0' && text.charAt(position) <= '9') {
            position++;
        }
    }

    private Object literal(String word, Object value) throws ParseException {
        if (!text.startsWith(word, position)) {
            throw error("expected a value, got '" + printable(text.charAt(position)) + "'");
        }
        position += word.length();
        return value;
    }

    private void enter() throws ParseException {
        if (++depth > MAX_DEPTH) {
            throw error("nested deeper than " + MAX_DEPTH + " levels");
        }
    }

    private void expect(char c) throws ParseException {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        position++;
    }

    private char peek() {
        return position < text.length() ? text.charAt(position) : '\0';
    }

    private void skipWhitespace() {
        while (position < text.length()) {
            char c = text.charAt(position);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            position++;
        }
    }

    private ParseException error(String problem) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < Math.min(position, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new ParseException(problem + " (line " + line + ", column " + column + ")");
    }

    private static String printable(char c) {
        return c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }

    private static void write(Object value, StringBuilder out) {
        if (value == null || value == NULL) {
            out.append("null");
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                writeString(String.valueOf(entry.getKey()), out);
                out.append(':');
                write(entry.getValue(), out);
            }
            out.append('}');
        } else if (value instanceof Iterable<?> list) {
            out.append('[');
            boolean first = true;
            for (Object item : list) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                write(item, out);
            }
            out.append(']');
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else {
            writeString(value.toString(), out);
        }
    }

    private static void writeString(String value, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** Return an object member as a map, or an empty map when it is missing, null or not an object. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(Object container, String name) {
        Object value = container instanceof Map<?, ?> map ? map.get(name) : null;
        return value instanceof Map<?, ?> ? (Map<String, Object>) value : Collections.emptyMap();
    }

    /** Return an object member as a list, or an empty list when it is missing, null or not an array. */
    @SuppressWarnings("unchecked")
    public static List<Object> array(Object container, String name) {
        Object value = container instanceof Map<?, ?> map ? map.get(name) : null;
        return value instanceof List<?> ? (List<Object>) value : Collections.emptyList();
    }

    /** Return an object member as text, or empty text when it is missing, null or not a string. */
    public static String string(Object container, String name) {
        Object value = container instanceof Map<?, ?> map ? map.get(name) : null;
        return value instanceof String text ? text : "";
    }

    /** Return an object member as an int, or {@code fallback} when it is missing or not a whole number. */
    public static int integer(Object container, String name, int fallback) {
        Object value = container instanceof Map<?, ?> map ? map.get(name) : null;
        if (value instanceof BigDecimal number) {
            try {
                return number.intValueExact();
            } catch (ArithmeticException e) {
                return fallback;
            }
        }
        return fallback;
    }
}
