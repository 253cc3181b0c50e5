package dev.backendconfig.docker.internal;

import dev.backendconfig.api.Secrets;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * A Docker Engine API client on the JDK alone: HTTP/1.1 over a Unix socket or TCP, one connection per request,
 * each request bounded by a timeout, each response body capped.
 */
public final class EngineClient {

    /** The largest response body accepted (a few thousand containers' worth of JSON). */
    public static final int MAX_BODY_BYTES = 8 * 1024 * 1024;

    private final EngineAddress address;
    private final Duration timeout;

    /**
     * Create a client.
     *
     * @param timeout how long one request may take, connecting included
     */
    public EngineClient(EngineAddress address, Duration timeout) {
        this.address = address;
        this.timeout = timeout;
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
                    + (body.isEmpty() ? "" : " '" + Secrets.maskText(shorten(body)) + "'") + " instead of 200 OK");
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
                message = shorten(body.strip());
            }
            throw new EngineException("engine " + address.uri() + " answered " + request + " with " + reply.status()
                    + (message.isEmpty() ? "" : ": " + Secrets.maskText(message)));
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

    /** GET a path, returning the status and body. */
    public Reply get(String pathAndQuery) throws EngineException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String request = "GET " + pathAndQuery + " HTTP/1.1\r\nHost: docker\r\nUser-Agent: backend-config\r\n"
                + "Accept: application/json\r\nConnection: close\r\n\r\n";
        try (EngineConnection connection = EngineConnection.open(address, deadline)) {
            connection.write(request.getBytes(StandardCharsets.ISO_8859_1));
            var in = connection.input();
            Http1.Head head = Http1.readHead(in);
            return new Reply(head.status(), Http1.readBody(head, in, MAX_BODY_BYTES));
        } catch (SocketTimeoutException e) {
            throw new EngineException("engine " + address.uri() + " " + e.getMessage() + " within " + timeout.toMillis()
                    + " ms (setting docker.timeout)");
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

    private static String pathOnly(String pathAndQuery) {
        int question = pathAndQuery.indexOf('?');
        return question < 0 ? pathAndQuery : pathAndQuery.substring(0, question);
    }

    private static String shorten(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() > 80 ? oneLine.substring(0, 80) + "..." : oneLine;
    }
}
