package dev.backendconfig.toolkit;

import static org.apiguardian.api.API.Status.STABLE;

import java.net.URI;
import java.util.Locale;
import org.apiguardian.api.API;

/**
 * Decide what is secret and mask it, so that no password or token reaches a message, a report or a log.
 *
 * <p>A name is secret when it contains {@code PASSWORD}, {@code PASSWD}, {@code SECRET}, {@code TOKEN} or
 * {@code KEY} in any case. In a URL, the user info ({@code user:password@}) and the values of query parameters
 * with secret names are masked. In free text from outside ({@link #maskText(String)}), URL user info in any form
 * and the values of {@code key=value} and {@code key: value} pairs whose key names a secret are masked.
 */
@API(status = STABLE, since = "1.0")
public final class Secrets {

    /** What stands in place of a masked value. */
    public static final String MASK = "***";

    private static final String[] SECRET_WORDS = {"PASSWORD", "PASSWD", "SECRET", "TOKEN", "KEY"};
    /** Keys that name a secret in free text, though not in a variable name: a header, a credential. */
    private static final String[] TEXT_SECRET_WORDS = {"PASSWORD", "PASSWD", "PWD", "SECRET", "TOKEN", "KEY",
        "AUTHORIZATION", "CREDENTIAL"};
    /** Authorization schemes whose next word is the credential itself. */
    private static final String[] AUTH_SCHEMES = {"bearer", "basic", "token", "digest", "negotiate"};

    private Secrets() {
    }

    /** Tell whether a variable, setting or detail name marks its value as secret. */
    public static boolean isSecretName(String name) {
        return containsAny(name, SECRET_WORDS);
    }

    /** Return the URL as text with its user info and any secret query parameter values masked. */
    public static String mask(URI uri) {
        String text = uri.toString();
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            text = text.replace(userInfo + "@", MASK + "@");
        }
        String query = uri.getRawQuery();
        if (query != null) {
            text = text.replace("?" + query, "?" + maskQuery(query));
        }
        return text;
    }

    /**
     * Return free text from outside (an engine's message, a health check's output, an exception message from a
     * third-party provider, a value quoted in a message) with every secret it may hold masked, in time linear in its
     * length:
     *
     * <ul>
     *   <li>URL user info in any form: {@code scheme://user:password@host}, {@code //user:password@host},
     *       {@code user:password@host}, also when the password holds {@code /}, {@code :} or {@code @}: everything up
     *       to the last {@code @} of the word is masked (a word ends at whitespace, a quote or an angle bracket);
     *   <li>the value of {@code key=value}, {@code key: value} or {@code "key": "value"} whose key names a secret
     *       ({@code PASSWORD}, {@code PASSWD}, {@code PWD}, {@code SECRET}, {@code TOKEN}, {@code KEY},
     *       {@code AUTHORIZATION}, {@code CREDENTIAL}, in any case): a quoted value up to its closing quote, else up
     *       to the next space, comma, semicolon, ampersand or bracket; after an authorization scheme such as
     *       {@code Bearer}, the credential that follows it too.
     * </ul>
     *
     * Masking errs on the side of hiding: {@code https://host/?mail=a@b} loses more than user info.
     */
    public static String maskText(String text) {
        if (text == null) {
            return "";
        }
        return maskPairs(maskUserInfo(text));
    }

    private static String maskUserInfo(String text) {
        int length = text.length();
        StringBuilder out = null;
        int copied = 0;
        int word = 0;
        while (word < length) {
            while (word < length && endsWord(text.charAt(word))) {
                word++;
            }
            int end = word;
            int lastAt = -1;
            int slashes = -1;
            int colon = -1;
            int equals = -1;
            while (end < length && !endsWord(text.charAt(end))) {
                char c = text.charAt(end);
                if (c == '@') {
                    lastAt = end;
                } else if (c == '/' && slashes < 0 && end + 1 < length && text.charAt(end + 1) == '/') {
                    slashes = end;
                } else if (c == ':' && colon < 0) {
                    colon = end;
                } else if (c == '=' && colon < 0) {
                    equals = end;
                }
                end++;
            }
            int from = -1;
            int bare = equals >= 0 ? equals + 1 : word;
            if (slashes >= 0 && lastAt > slashes + 2) {
                from = slashes + 2;
            } else if (slashes < 0 && colon >= bare && lastAt > colon + 1) {
                from = bare; // an empty user name (":password@host") hides a password too
            }
            if (from >= 0) { // masking a mask again changes nothing
                if (out == null) {
                    out = new StringBuilder(length);
                }
                out.append(text, copied, from).append(MASK);
                copied = lastAt;
            }
            word = end;
        }
        return out == null ? text : out.append(text, copied, length).toString();
    }

    private static boolean endsWord(char c) {
        return Character.isWhitespace(c) || c == '"' || c == '\'' || c == '`' || c == '<' || c == '>';
    }

    /** Mask the value after every {@code =} or {@code :} whose key (the name just before it) names a secret. */
    private static String maskPairs(String text) {
        int length = text.length();
        StringBuilder out = null;
        int copied = 0;
        int i = 0;
        while (i < length) {
            char c = text.charAt(i);
            if ((c != '=' && c != ':') || !secretKeyBefore(text, i)) {
                i++;
                continue;
            }
            int start = i + 1;
            if (c == ':' && start < length && text.charAt(start) == '/') {
                i++;
                continue;
            }
            while (start < length && (text.charAt(start) == ' ' || text.charAt(start) == '\t')) {
                start++;
            }
            int[] value = valueAt(text, start);
            if (value[1] > value[0]) {
                if (out == null) {
                    out = new StringBuilder(length);
                }
                out.append(text, copied, value[0]).append(MASK);
                copied = value[1];
            }
            i = value[1]; // the value starts after the separator, so this moves on
        }
        return out == null ? text : out.append(text, copied, length).toString();
    }

    /** Return {@code [start, end)} of the value that begins at {@code start}: quoted, or a word, or scheme and word. */
    private static int[] valueAt(String text, int start) {
        int length = text.length();
        if (start >= length) {
            return new int[] {start, start};
        }
        char quote = text.charAt(start);
        if (quote == '"' || quote == '\'') {
            int close = text.indexOf(quote, start + 1);
            int end = close < 0 ? endOfValue(text, start + 1) : close;
            return new int[] {start + 1, end};
        }
        int end = endOfValue(text, start);
        if (isAuthScheme(text.substring(start, end))) {
            int next = end;
            while (next < length && text.charAt(next) == ' ') {
                next++;
            }
            if (next > end && next < length) {
                end = endOfValue(text, next);
                return new int[] {next, end};
            }
        }
        return new int[] {start, end};
    }

    private static int endOfValue(String text, int from) {
        int end = from;
        while (end < text.length()) {
            char c = text.charAt(end);
            if (Character.isWhitespace(c) || ",;&}])\"'".indexOf(c) >= 0) {
                break;
            }
            end++;
        }
        return end;
    }

    /**
     * Tell whether the key that ends at {@code separator} (allowing a closing quote and spaces) names a secret. A word
     * right after {@code //}, {@code /} or {@code @} before a {@code :} is a host, not a key: {@code tcp://keyhost:2375}
     * keeps its port.
     */
    private static boolean secretKeyBefore(String text, int separator) {
        int end = separator;
        while (end > 0 && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == '\t')) {
            end--;
        }
        if (end > 0 && (text.charAt(end - 1) == '"' || text.charAt(end - 1) == '\'')) {
            end--;
        }
        int start = end;
        while (start > 0 && end - start < 128 && isKeyChar(text.charAt(start - 1))) {
            start--;
        }
        if (text.charAt(separator) == ':' && start > 0 && (text.charAt(start - 1) == '/' || text.charAt(start - 1) == '@')) {
            return false;
        }
        return containsAny(text.substring(start, end), TEXT_SECRET_WORDS);
    }

    private static boolean isKeyChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.';
    }

    private static boolean isAuthScheme(String word) {
        for (String scheme : AUTH_SCHEMES) {
            if (scheme.equalsIgnoreCase(word)) {
                return true;
            }
        }
        return false;
    }

    private static boolean containsAny(String name, String[] words) {
        String upper = name.toUpperCase(Locale.ROOT);
        for (String word : words) {
            if (upper.contains(word)) {
                return true;
            }
        }
        return false;
    }

    private static String maskQuery(String query) {
        StringBuilder masked = new StringBuilder();
        for (String pair : query.split("&", -1)) {
            if (masked.length() > 0) {
                masked.append('&');
            }
            int eq = pair.indexOf('=');
            if (eq > 0 && isSecretName(pair.substring(0, eq))) {
                masked.append(pair, 0, eq + 1).append(MASK);
            } else {
                masked.append(pair);
            }
        }
        return masked.toString();
    }
}
