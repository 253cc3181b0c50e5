package dev.backendconfig.toolkit;

import static org.apiguardian.api.API.Status.STABLE;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Validate and normalise the URLs providers read, and derive one kind from the other.
 *
 * <p>Values are trimmed; an empty or blank value means unset. A value that is set but wrong throws
 * {@link InvalidInputException} naming its origin and the problem, never the value (it may carry
 * a password). Normalisation lower-cases scheme and host and drops a lone trailing {@code /}.
 */
@API(status = STABLE, since = "1.0")
public final class BackendUrls {

    /** The code of every URL refused. */
    private static final String CODE = "BCFG01002";

    /** The schemes an HTTP base URL may have. */
    public static final List<String> HTTP_SCHEMES = List.of("http", "https");
    /** The schemes a WebSocket URL may have. */
    public static final List<String> WEBSOCKET_SCHEMES = List.of("ws", "wss");

    private static final String HTTP_EXAMPLE = "http://localhost:8002";
    private static final String WEBSOCKET_EXAMPLE = "ws://localhost:8002/ws";

    private BackendUrls() {
    }

    /**
     * Tell whether lower-cased text is a scheme, {@code [a-z][a-z0-9+.-]*}; a scan rather than a pattern, since every
     * first resolution checks a URL and compiling a pattern there costs a fresh JVM more than the check.
     */
    private static boolean isScheme(String scheme) {
        if (scheme.isEmpty() || scheme.charAt(0) < 'a' || scheme.charAt(0) > 'z') {
            return false;
        }
        for (int i = 1; i < scheme.length(); i++) {
            char c = scheme.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '.' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** Parse an HTTP base URL; empty when {@code raw} is null or blank. */
    public static Optional<URI> parseHttp(String raw, Origin origin) {
        return parse(raw, origin, HTTP_SCHEMES, HTTP_EXAMPLE);
    }

    /** Parse a WebSocket URL; empty when {@code raw} is null or blank. */
    public static Optional<URI> parseWebSocket(String raw, Origin origin) {
        return parse(raw, origin, WEBSOCKET_SCHEMES, WEBSOCKET_EXAMPLE);
    }

    /** Return the WebSocket URL of an HTTP URL: {@code http}→{@code ws}, {@code https}→{@code wss}, all else kept. */
    public static URI toWebSocket(URI http) {
        return withScheme(http, "https".equals(http.getScheme()) ? "wss" : "ws");
    }

    /**
     * Return the HTTP origin of a WebSocket URL: {@code ws}→{@code http}, {@code wss}→{@code https}, same host and
     * port, no path ({@code wss://h/api/ws} gives {@code https://h}).
     */
    public static URI toHttpOrigin(URI webSocket) {
        String scheme = "wss".equals(webSocket.getScheme()) ? "https" : "http";
        return rebuild(scheme, webSocket.getRawUserInfo(), webSocket.getHost(), webSocket.getPort(), "", null);
    }

    /** Return {@code host:port} of a URL, with the scheme's default port filled in. */
    public static String hostAndPort(URI uri) {
        return uri.getHost() + ":" + effectivePort(uri);
    }

    /** Return the URL's port, or its scheme's default (80 for http/ws, 443 for https/wss). */
    public static int effectivePort(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equals(uri.getScheme()) || "wss".equals(uri.getScheme()) ? 443 : 80;
    }

    private static Optional<URI> parse(String raw, Origin origin, List<String> schemes, String example) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        String value = raw.strip();
        String expected = "expected an absolute " + String.join(" or ", schemes) + " URL such as " + example;
        checkNoWhitespace(value, origin, expected);
        int separator = value.indexOf("://");
        if (separator <= 0) {
            throw invalid(origin, expected + ", got a value without a scheme (write " + schemes.get(0)
                    + "://host:port)");
        }
        String scheme = value.substring(0, separator).toLowerCase(Locale.ROOT);
        if (!isScheme(scheme)) {
            throw invalid(origin, expected + ", got text before '://' that is not a scheme");
        }
        if (!schemes.contains(scheme)) {
            throw invalid(origin, expected + ", got scheme '" + printable(scheme) + "'");
        }
        String rest = value.substring(separator + 3);
        if (rest.isEmpty() || rest.startsWith("/") || rest.startsWith("?") || rest.startsWith("#")) {
            throw invalid(origin, expected + ", got a URL without a host");
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw invalid(origin, expected + ", got text that is not a valid URL (" + e.getReason()
                    + " at character " + (e.getIndex() + 1) + ")");
        }
        checkAuthority(uri, origin, expected);
        if (uri.getRawFragment() != null) {
            throw invalid(origin, expected + ", got a URL with a fragment (#...), which a backend URL cannot have");
        }
        String path = uri.getRawPath() == null || "/".equals(uri.getRawPath()) ? "" : uri.getRawPath();
        return Optional.of(rebuild(scheme, uri.getRawUserInfo(), uri.getHost().toLowerCase(Locale.ROOT),
                uri.getPort(), path, uri.getRawQuery()));
    }

    private static void checkNoWhitespace(String value, Origin origin, String expected) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                String what = c == ' ' ? "a space" : Character.isISOControl(c) ? "a control character" : "whitespace";
                throw invalid(origin, expected + ", got a value with " + what + " at character " + (i + 1)
                        + " (a URL cannot contain one; encode a space as %20)");
            }
        }
    }

    private static void checkAuthority(URI uri, Origin origin, String expected) {
        String authority = uri.getRawAuthority(); // not empty: parse saw text after "://" that is no path
        String hostPort = authority.substring(authority.lastIndexOf('@') + 1);
        int colon = hostPort.startsWith("[") ? hostPort.indexOf(':', Math.max(0, hostPort.indexOf(']')))
                : hostPort.lastIndexOf(':');
        String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
        if (host.isEmpty()) {
            throw invalid(origin, expected + ", got a URL without a host");
        }
        if (colon >= 0) {
            checkPort(hostPort.substring(colon + 1), origin, expected);
        }
        if (uri.getHost() == null) {
            throw invalid(origin, expected + ", got a host that is not a valid host name"
                    + (host.contains("_") ? " (it contains '_', which host names cannot)" : ""));
        }
    }

    /** A loop, not {@code chars().allMatch(...)}: every first resolution checks a port, and a lambda costs more. */
    private static boolean digitsOnly(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static void checkPort(String port, Origin origin, String expected) {
        if (port.isEmpty()) {
            throw invalid(origin, expected + ", got a ':' with no port after it");
        }
        if (!digitsOnly(port)) {
            // not echoed: "http://user:password" without "@host" puts the password here
            throw invalid(origin, expected + ", got a port that is not a number (what follows ':' must be 1 to"
                    + " 65535; a password belongs before an '@')");
        }
        long number = port.length() > 6 ? Long.MAX_VALUE : Long.parseLong(port);
        if (number < 1 || number > 65535) {
            throw invalid(origin, expected + ", got port " + (port.length() > 6 ? port.substring(0, 6) + "..." : port)
                    + ", outside 1-65535");
        }
    }

    private static URI withScheme(URI uri, String scheme) {
        return rebuild(scheme, uri.getRawUserInfo(), uri.getHost(), uri.getPort(), uri.getRawPath(), uri.getRawQuery());
    }

    private static URI rebuild(String scheme, String rawUserInfo, String host, int port, String rawPath,
            String rawQuery) {
        StringBuilder text = new StringBuilder(scheme).append("://");
        if (rawUserInfo != null) {
            text.append(rawUserInfo).append('@');
        }
        text.append(host);
        if (port != -1) {
            text.append(':').append(port);
        }
        text.append(rawPath);
        if (rawQuery != null) {
            text.append('?').append(rawQuery);
        }
        return URI.create(text.toString());
    }

    private static String printable(String text) {
        String shortened = text.length() > 20 ? text.substring(0, 20) + "..." : text;
        return shortened.replaceAll("\\p{Cntrl}", "?");
    }

    private static InvalidInputException invalid(Origin origin, String problem) {
        return new InvalidInputException(CODE, origin, problem);
    }
}
