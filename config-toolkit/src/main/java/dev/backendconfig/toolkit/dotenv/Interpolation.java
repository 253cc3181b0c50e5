package dev.backendconfig.toolkit.dotenv;

import static org.apiguardian.api.API.Status.STABLE;

import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.toolkit.Origin;
import dev.backendconfig.toolkit.OutsideText;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apiguardian.api.API;

/**
 * Compose-style variable interpolation.
 *
 * <table>
 *   <caption>Forms</caption>
 *   <tr><td>{@code $VAR}, {@code ${VAR}}</td><td>the value; empty when unset</td></tr>
 *   <tr><td>{@code ${VAR:-default}}</td><td>default when unset or empty</td></tr>
 *   <tr><td>{@code ${VAR-default}}</td><td>default when unset</td></tr>
 *   <tr><td>{@code ${VAR:?message}}</td><td>error with message when unset or empty</td></tr>
 *   <tr><td>{@code ${VAR?message}}</td><td>error with message when unset</td></tr>
 *   <tr><td>{@code ${VAR:+alternative}}</td><td>alternative when set and not empty, else empty</td></tr>
 *   <tr><td>{@code ${VAR+alternative}}</td><td>alternative when set, else empty</td></tr>
 *   <tr><td>{@code $$}</td><td>a literal {@code $}</td></tr>
 * </table>
 *
 * Defaults and alternatives are interpolated themselves, so {@code ${A:-${B:-8002}}} works, up to
 * {@link #MAX_NESTING} levels. The message of {@code ${VAR:?message}} is shown as written, never interpolated, so
 * that it cannot carry another variable's value. A {@code $} followed by anything else stays a literal {@code $}.
 * One interpolation yields at most {@link #MAX_RESULT_CHARS} characters. Errors name the origin and where in the
 * text the problem is, never a value.
 */
@API(status = STABLE, since = "1.0")
public final class Interpolation {

    /** The code of every interpolation refused. */
    private static final String CODE = "BCFG01004";

    /** How deep {@code ${...}} may nest inside a default or alternative; deeper is an error, never a stack overflow. */
    public static final int MAX_NESTING = 20;
    /** The most characters one interpolation may produce: 1 Mi; a value is a URL, a port or a credential. */
    public static final int MAX_RESULT_CHARS = 1024 * 1024;

    private Interpolation() {
    }

    /**
     * Interpolate {@code text}.
     *
     * @param lookup the value of a name: empty when unset, an empty string when set to nothing
     * @param origin where {@code text} came from, for errors
     * @throws InvalidInputException for {@code ${VAR:?message}} and the like with {@code VAR} unset, an
     *     unclosed <code>${</code>, a malformed expression, nesting deeper than {@link #MAX_NESTING} levels, or a
     *     result longer than {@link #MAX_RESULT_CHARS}
     */
    public static String interpolate(String text, Function<String, Optional<String>> lookup, Origin origin) {
        return new Interpolation.Run(lookup, origin, null).interpolate(text, 0, 0);
    }

    /**
     * Interpolate {@code text}, telling {@code unset} the name of every {@code $VAR} or {@code ${VAR}} (without a
     * default) that is not set and so became empty text — what docker compose warns about.
     *
     * @throws InvalidInputException as {@link #interpolate(String, Function, Origin)} does
     */
    public static String interpolate(String text, Function<String, Optional<String>> lookup, Origin origin,
            Consumer<String> unset) {
        return new Interpolation.Run(lookup, origin, Objects.requireNonNull(unset, "unset")).interpolate(text, 0, 0);
    }

    /** One interpolation: the lookup, where the text came from, and who hears of unset names (null: nobody). */
    private record Run(Function<String, Optional<String>> lookup, Origin origin, Consumer<String> unset) {

        /** Interpolate {@code text}, which starts at {@code offset} of the whole value and is nested {@code level} deep. */
        String interpolate(String text, int offset, int level) {
            if (text.indexOf('$') < 0) {
                return text;
            }
            StringBuilder result = new StringBuilder(Math.min(text.length(), MAX_RESULT_CHARS));
            int i = 0;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (c != '$' || i + 1 >= text.length()) {
                    append(result, c);
                    i++;
                    continue;
                }
                char next = text.charAt(i + 1);
                if (next == '$') {
                    append(result, "$");
                    i += 2;
                } else if (next == '{') {
                    int end = closingBrace(text, i + 2, offset + i, level);
                    append(result, expression(text.substring(i + 2, end), offset + i, level));
                    i = end + 1;
                } else if (isNameStart(next)) {
                    int end = i + 1;
                    while (end < text.length() && isNamePart(text.charAt(end))) {
                        end++;
                    }
                    append(result, valueOrUnset(text.substring(i + 1, end)));
                    i = end;
                } else {
                    append(result, "$");
                    i++;
                }
            }
            return result.toString();
        }

        private int closingBrace(String text, int from, int at, int level) {
            int depth = 1;
            int i = from;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (c == '$' && i + 1 < text.length() && (text.charAt(i + 1) == '{' || text.charAt(i + 1) == '$')) {
                    if (text.charAt(i + 1) == '{' && ++depth + level > MAX_NESTING) {
                        throw new InvalidInputException(CODE, origin, "'${' nests more than " + MAX_NESTING
                                + " levels deep (at character " + (at + 1) + " of the value; not configurable:"
                                + " defaults of defaults are never that deep)");
                    }
                    i += 2;
                    continue;
                }
                if (c == '}' && --depth == 0) {
                    return i;
                }
                i++;
            }
            throw new InvalidInputException(CODE, origin, "the '${' at character " + (at + 1)
                    + " of the value is never closed: expected '}' (write ${NAME}, ${NAME:-default} or $$ for a"
                    + " literal $)");
        }

        private String expression(String inside, int at, int level) {
            int nameEnd = 0;
            while (nameEnd < inside.length()
                    && (nameEnd == 0 ? isNameStart(inside.charAt(0)) : isNamePart(inside.charAt(nameEnd)))) {
                nameEnd++;
            }
            String name = inside.substring(0, nameEnd);
            if (name.isEmpty()) {
                throw new InvalidInputException(CODE, origin, "'${' must be followed by a variable name such"
                        + " as ${BACKEND_PORT}" + (inside.isEmpty() ? ", got '${}'" : " (at character " + (at + 1)
                        + " of the value)"));
            }
            String rest = inside.substring(nameEnd);
            if (rest.isEmpty()) {
                return valueOrUnset(name);
            }
            Optional<String> value = lookup.apply(name);
            boolean colon = rest.startsWith(":");
            String operator = colon ? rest.substring(0, Math.min(2, rest.length())) : rest.substring(0, 1);
            String argument = rest.substring(operator.length());
            int argumentAt = at + 2 + nameEnd + operator.length();
            boolean set = value.isPresent() && (!colon || !value.get().isEmpty());
            switch (operator) {
                case ":-", "-":
                    return set ? value.get() : interpolate(argument, argumentAt, level + 1);
                case ":+", "+":
                    return set ? interpolate(argument, argumentAt, level + 1) : "";
                case ":?", "?":
                    if (set) {
                        return value.get();
                    }
                    String message = OutsideText.excerpt(argument, 200);
                    throw new InvalidInputException(CODE, origin, "variable " + name + " is required"
                            + (colon ? " and must not be empty" : "") + (message.isEmpty() ? "" : ": " + message));
                default:
                    throw new InvalidInputException(CODE, origin, "the '${' at character " + (at + 1)
                            + " of the value has '" + printable(operator.charAt(0)) + "' after its name, which is not"
                            + " an interpolation operator (use :- - :? ? :+ +)");
            }
        }

        private String valueOrUnset(String name) {
            Optional<String> value = lookup.apply(name);
            if (value.isEmpty()) {
                if (unset != null) {
                    unset.accept(name);
                }
                return "";
            }
            return value.get();
        }

        private void append(StringBuilder result, char c) {
            if (result.length() + 1 > MAX_RESULT_CHARS) {
                throw tooLong();
            }
            result.append(c);
        }

        private void append(StringBuilder result, String part) {
            if (result.length() + (long) part.length() > MAX_RESULT_CHARS) {
                throw tooLong();
            }
            result.append(part);
        }

        private InvalidInputException tooLong() {
            return new InvalidInputException(CODE, origin, "interpolation makes the value longer than "
                    + MAX_RESULT_CHARS + " characters (not configurable: a value is a URL, a port or a credential;"
                    + " does it refer to a long variable many times?)");
        }
    }

    private static String printable(char c) {
        return OutsideText.oneLine(String.valueOf(c));
    }

    static boolean isNameStart(char c) {
        return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    static boolean isNamePart(char c) {
        return isNameStart(c) || (c >= '0' && c <= '9');
    }
}
