package dev.backendconfig.api;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decide what is secret and mask it, so that no password or token reaches a message, a report or a log.
 *
 * <p>A name is secret when it contains {@code PASSWORD}, {@code PASSWD}, {@code SECRET}, {@code TOKEN} or
 * {@code KEY} in any case. In a URL, the user info ({@code user:password@}) and the values of query parameters
 * with secret names are masked.
 */
public final class Secrets {

    /** What stands in place of a masked value. */
    public static final String MASK = "***";

    private static final String[] SECRET_WORDS = {"PASSWORD", "PASSWD", "SECRET", "TOKEN", "KEY"};
    private static final Pattern USERINFO_IN_TEXT = Pattern.compile("(?i)([a-z][a-z0-9+.-]*://)[^/@\\s]*@");

    private Secrets() {
    }

    /** Tell whether a variable, setting or detail name marks its value as secret. */
    public static boolean isSecretName(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        for (String word : SECRET_WORDS) {
            if (upper.contains(word)) {
                return true;
            }
        }
        return false;
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
     * Return free text (an exception message from a third-party provider, say) with the user info of any
     * URL inside it masked.
     */
    public static String maskText(String text) {
        Matcher matcher = USERINFO_IN_TEXT.matcher(text);
        return matcher.replaceAll(match -> Matcher.quoteReplacement(match.group(1) + MASK + "@"));
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
