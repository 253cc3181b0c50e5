package dev.backendconfig.docker.internal;

import dev.backendconfig.api.Secrets;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * A Docker Engine API client on the JDK alone: HTTP/1.1 over a Unix socket, TCP, TCP with TLS, or the standard
 * streams of {@code ssh HOST docker system dial-stdio}; each request bounded by a timeout that covers the whole
 * exchange (connecting, TLS handshake, every read), each response body capped. It learns what kind of engine it
 * talks to from the headers of the replies it gets anyway (no extra request). Close it to end an ssh process.
 */
public final class EngineClient implements AutoCloseable {

    /** The largest response body accepted (a few thousand containers' worth of JSON). */
    public static final int MAX_BODY_BYTES = 8 * 1024 * 1024;

    private final EngineAddress address;
    private final Duration timeout;
    private final EngineTransport transport;
    private EngineIdentity identity = EngineIdentity.UNKNOWN;

    /**
     * Create a client; an ssh:// engine is reached with {@code ssh} from the PATH.
     *
     * @param timeout how long one request may take, connecting included
     * @throws dev.backendconfig.api.InvalidBackendConfigurationException when the address's TLS files cannot be used
     */
    public EngineClient(EngineAddress address, Duration timeout) {
        this(address, timeout, SshCommand.DEFAULT);
    }

    /**
     * Create a client.
     *
     * @param timeout how long one request may take, connecting included
     * @param ssh how to run ssh for an ssh:// engine
     * @throws dev.backendconfig.api.InvalidBackendConfigurationException when the address's TLS files cannot be used
     */
    public EngineClient(EngineAddress address, Duration timeout, SshCommand ssh) {
        this.address = address;
        this.timeout = timeout;
        this.transport = EngineTransport.of(address, ssh);
    }

    /** Return the engine's address. */
    public EngineAddress address() {
        return address;
    }

    /** Return what the engine's replies said it is; {@link EngineIdentity#UNKNOWN} before the first reply. */
    public synchronized EngineIdentity identity() {
        return identity;
    }

    /** Return how the engine is reached, for the report: {@code "tcp+TLS (TLSv1.3, CA /c/ca.pem, ...)"}. */
    public synchronized String reachedOver() {
        return transport.reachedOver();
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
    public synchronized Reply get(String pathAndQuery) throws EngineException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String request = "GET " + pathAndQuery + " HTTP/1.1\r\nHost: docker\r\nUser-Agent: backend-config\r\n"
                + "Accept: application/json\r\n" + (transport.keepsAlive() ? "" : "Connection: close\r\n") + "\r\n";
        for (int attempt = 1; ; attempt++) {
            try {
                InputStream in = transport.send(request.getBytes(StandardCharsets.ISO_8859_1), deadline);
                Http1.Head head = Http1.readHead(in);
                byte[] body = Http1.readBody(head, in, MAX_BODY_BYTES);
                transport.done(reusable(head));
                if (identity == EngineIdentity.UNKNOWN) {
                    identity = EngineIdentity.from(head);
                }
                return new Reply(head.status(), body);
            } catch (IOException e) {
                boolean retry = attempt == 1 && transport.mayRetry(e) && System.nanoTime() < deadline;
                transport.done(false);
                if (!retry) {
                    throw new EngineException(transport.explain(e, "GET " + pathOnly(pathAndQuery), timeout));
                }
            }
        }
    }

    /** A connection may carry the next request when the response was framed and the engine did not close it. */
    private boolean reusable(Http1.Head head) {
        boolean framed = head.header("Content-Length") != null || head.header("Transfer-Encoding") != null
                || head.status() / 100 == 1 || head.status() == 204 || head.status() == 304;
        String connection = head.header("Connection");
        return transport.keepsAlive() && framed && !(connection != null
                && connection.toLowerCase(Locale.ROOT).contains("close"));
    }

    /** End the connection the client keeps (an ssh process); nothing of it is left afterwards. */
    @Override
    public synchronized void close() {
        transport.close();
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
