package dev.backendconfig.api.dotenv;

import dev.backendconfig.api.InvalidBackendConfigurationException;
import dev.backendconfig.api.spi.Origin;
import java.util.Optional;
import java.util.function.Function;

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
 * Defaults, messages and alternatives are interpolated themselves, so {@code ${A:-${B:-8002}}} works. A {@code $}
 * followed by anything else stays a literal {@code $}. Errors name the origin and the variable, never a value.
 */
public final class Interpolation {

    private Interpolation() {
    }

    /**
     * Interpolate {@code text}.
     *
     * @param lookup the value of a name: empty when unset, an empty string when set to nothing
     * @param origin where {@code text} came from, for errors
     * @throws InvalidBackendConfigurationException for {@code ${VAR:?message}} and the like with {@code VAR} unset, an
     *     unclosed <code>${</code>, or a malformed expression
     */
    public static String interpolate(String text, Function<String, Optional<String>> lookup, Origin origin) {
        if (text.indexOf('$') < 0) {
            return text;
        }
        StringBuilder result = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '$' || i + 1 >= text.length()) {
                result.append(c);
                i++;
                continue;
            }
            char next = text.charAt(i + 1);
            if (next == '$') {
                result.append('$');
                i += 2;
            } else if (next == '{') {
                int end = closingBrace(text, i + 2, origin);
                result.append(expression(text.substring(i + 2, end), lookup, origin));
                i = end + 1;
            } else if (isNameStart(next)) {
                int end = i + 1;
                while (end < text.length() && isNamePart(text.charAt(end))) {
                    end++;
                }
                result.append(lookup.apply(text.substring(i + 1, end)).orElse(""));
                i = end;
            } else {
                result.append('$');
                i++;
            }
        }
        return result.toString();
    }

    private static int closingBrace(String text, int from, Origin origin) {
        int depth = 1;
        int i = from;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '$' && i + 1 < text.length() && (text.charAt(i + 1) == '{' || text.charAt(i + 1) == '$')) {
                depth += text.charAt(i + 1) == '{' ? 1 : 0;
                i += 2;
                continue;
            }
            if (c == '}' && --depth == 0) {
                return i;
            }
            i++;
        }
        throw new InvalidBackendConfigurationException(origin, "'${" + leadingName(text, from)
                + "' is never closed: expected '}' (write ${NAME}, ${NAME:-default} or $$ for a literal $)");
    }

    private static String expression(String inside, Function<String, Optional<String>> lookup, Origin origin) {
        int nameEnd = 0;
        while (nameEnd < inside.length() && (nameEnd == 0 ? isNameStart(inside.charAt(0)) : isNamePart(inside.charAt(nameEnd)))) {
            nameEnd++;
        }
        String name = inside.substring(0, nameEnd);
        if (name.isEmpty()) {
            throw new InvalidBackendConfigurationException(origin, "'${' must be followed by a variable name such as"
                    + " ${BACKEND_PORT}" + (inside.isEmpty() ? ", got '${}'" : ""));
        }
        String rest = inside.substring(nameEnd);
        Optional<String> value = lookup.apply(name);
        if (rest.isEmpty()) {
            return value.orElse("");
        }
        boolean colon = rest.startsWith(":");
        String operator = colon ? rest.substring(0, Math.min(2, rest.length())) : rest.substring(0, 1);
        String argument = rest.substring(operator.length());
        boolean set = value.isPresent() && (!colon || !value.get().isEmpty());
        switch (operator) {
            case ":-", "-":
                return set ? value.get() : interpolate(argument, lookup, origin);
            case ":+", "+":
                return set ? interpolate(argument, lookup, origin) : "";
            case ":?", "?":
                if (set) {
                    return value.get();
                }
                String message = interpolate(argument, lookup, origin);
                throw new InvalidBackendConfigurationException(origin, "variable " + name + " is required"
                        + (colon ? " and must not be empty" : "") + (message.isEmpty() ? "" : ": " + message));
            default:
                throw new InvalidBackendConfigurationException(origin, "'${" + name + "' is followed by '"
                        + operator.charAt(0) + "', which is not an interpolation operator (use :- - :? ? :+ +)");
        }
    }

    private static String leadingName(String text, int from) {
        int end = from;
        while (end < text.length() && isNamePart(text.charAt(end))) {
            end++;
        }
        return text.substring(from, end);
    }

    static boolean isNameStart(char c) {
        return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    static boolean isNamePart(char c) {
        return isNameStart(c) || (c >= '0' && c <= '9');
    }
}
