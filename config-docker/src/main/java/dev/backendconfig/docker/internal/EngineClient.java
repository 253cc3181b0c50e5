package dev.backendconfig.docker.internal;

import dev.backendconfig.api.spi.OutsideText;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * A Docker Engine API client on the JDK alone: HTTP/1.1 over a Unix socket or TCP, one connection per request,
 * each request bounded by a timeout, each response body capped.
 */
public final class EngineClient {

    /** The largest response body accepted (a few thousand containers' worth of JSON). */
    public static final int MAX_BODY_BYTES = 8 * 1024 * 1024;

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

    private final EngineAddress address;
    private final Duration timeout;
    private final Supplier<Duration> remaining;

    /**
     * Create a client.
     *
     * @param timeout how long one request may take, connecting included
     */
    public EngineClient(EngineAddress address, Duration timeout) {
        this(address, timeout, () -> timeout);
    }

    /**
     * Create a client whose every request also ends within what is left of a budget.
     *
     * @param timeout how long one request may take, connecting included
     * @param remaining what is left of the resolution's budget, asked at the start of each request
     */
    public EngineClient(EngineAddress address, Duration timeout, Supplier<Duration> remaining) {
        this.address = address;
        this.timeout = timeout;
        this.remaining = remaining;
    }

    /**
     * Return a request path made of fixed words and values from replies ({@code path("containers", id, "json")} is
     * {@code /containers/<id>/json}): each segment must be letters, digits, {@code _ . -} and not {@code .} or
     * {@code ..}, so that no reply can add a segment, climb out of the path, or end the request line.
     *
     * @throws IllegalArgumentException when a segment is not such a word
     */
    public static String path(String... segments) {
        StringBuilder path = new StringBuilder();
        for (String segment : segments) {
            if (!SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("a request path segment must be a word of letters, digits, _ . -,"
                        + " got '" + OutsideText.excerpt(segment, 40) + "'");
            }
            path.append('/').append(segment);
        }
        return path.toString();
    }

    /** Return the engine's address. */
    public EngineAddress address() {
        return address;
    }

    /** Ask {@code GET /_ping}; an engine that answers OK is there. */
    public void ping() throws EngineException {
        Reply reply = get("/_ping");
        String body = new String(reply.body(), StandardCharsets.UTF_8).strip();
        if (reply.status() != 200 || !body.equals("OK")) {
            throw new EngineException("engine " + address.uri() + " answered GET /_ping with " + reply.status()
                    + (body.isEmpty() ? "" : " '" + OutsideText.excerpt(body, 80) + "'") + " instead of 200 OK");
        }
    }

    /** GET a path and parse the JSON body; a status other than 200 is an error carrying the engine's message. */
    public Object getJson(String pathAndQuery) throws EngineException {
        Reply reply = get(pathAndQuery);
        String request = "GET " + pathOnly(pathAndQuery);
        String body = new String(reply.body(), StandardCharsets.UTF_8);
        if (reply.status() != 200) {
            String message = "";
            try {
                message = Json.string(Json.parse(body), "message");
            } catch (Json.ParseException e) {
                message = body;
            }
            String shown = OutsideText.excerpt(message.strip(), 200);
            throw new EngineException("engine " + address.uri() + " answered " + request + " with " + reply.status()
                    + (shown.isEmpty() ? "" : ": " + shown));
        }
        try {
            return Json.parse(body);
        } catch (Json.ParseException e) {
            throw new EngineException("engine " + address.uri() + " answered " + request + " with malformed JSON ("
                    + e.getMessage() + ")");
        }
    }

    /** A status and a body. */
    public record Reply(int status, byte[] body) {
    }

    /**
     * GET a path, returning the status and body.
     *
     * @throws IllegalArgumentException when the path holds a character a request line cannot (a space, a control
     *     character) or a {@code .} or {@code ..} segment; build paths with {@link #path(String...)}
     */
    public Reply get(String pathAndQuery) throws EngineException {
        checkRequestTarget(pathAndQuery);
        Duration left = remaining.get();
        Duration bounded = left.compareTo(timeout) < 0 ? left : timeout;
        long deadline = System.nanoTime() + Math.max(1, bounded.toNanos());
        String request = "GET " + pathAndQuery + " HTTP/1.1\r\nHost: docker\r\nUser-Agent: backend-config\r\n"
                + "Accept: application/json\r\nConnection: close\r\n\r\n";
        try (EngineConnection connection = EngineConnection.open(address, deadline)) {
            connection.write(request.getBytes(StandardCharsets.ISO_8859_1));
            var in = connection.input();
            Http1.Head head = Http1.readHead(in);
            return new Reply(head.status(), Http1.readBody(head, in, MAX_BODY_BYTES));
        } catch (SocketTimeoutException e) {
            throw new EngineException("engine " + address.uri() + " " + e.getMessage() + " within "
                    + bounded.toMillis() + " ms (setting docker.timeout" + (bounded.compareTo(timeout) < 0
                    ? ", cut to what was left of setting timeout" : "") + ")");
        } catch (Http1.ProtocolException e) {
            throw new EngineException("engine " + address.uri() + " answered GET " + pathOnly(pathAndQuery)
                    + " with something that is not a usable HTTP response: " + e.getMessage());
        } catch (EOFException e) {
            throw new EngineException("engine " + address.uri() + " closed the connection without answering GET "
                    + pathOnly(pathAndQuery));
        } catch (IOException e) {
            throw new EngineException(describe(e, pathOnly(pathAndQuery)));
        }
    }

    private String describe(IOException e, String path) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        String lower = message.toLowerCase(Locale.ROOT);
        String uri = address.uri();
        if (lower.contains("permission denied")) {
            return "cannot connect to " + uri + ": permission denied (add your user to the docker group, or use a"
                    + " socket you may open)";
        }
        if (lower.contains("refused")) {
            return "engine " + uri + " refused the connection (is the Docker daemon running?)";
        }
        if (lower.contains("reset") || lower.contains("broken pipe")) {
            return "engine " + uri + " closed the connection without answering GET " + path;
        }
        if (lower.contains("no such file")) {
            return "engine socket " + address.socket() + " does not exist (is the Docker daemon running?)";
        }
        return "cannot reach engine " + uri + ": " + e.getClass().getSimpleName() + (message.isEmpty() ? "" : " (" + message + ")");
    }

    private static void checkRequestTarget(String pathAndQuery) {
        if (!pathAndQuery.startsWith("/")) {
            throw new IllegalArgumentException("a request path starts with '/'");
        }
        for (int i = 0; i < pathAndQuery.length(); i++) {
            char c = pathAndQuery.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                throw new IllegalArgumentException("a request path holds visible ASCII only, got character "
                        + (int) c + " at " + i);
            }
        }
        String path = pathOnly(pathAndQuery);
        if (path.contains("/../") || path.endsWith("/..") || path.contains("/./") || path.endsWith("/.")
                || path.contains("//")) {
            throw new IllegalArgumentException("a request path has no empty, '.' or '..' segment");
        }
    }

    private static String pathOnly(String pathAndQuery) {
        int question = pathAndQuery.indexOf('?');
        return question < 0 ? pathAndQuery : pathAndQuery.substring(0, question);
    }
}
