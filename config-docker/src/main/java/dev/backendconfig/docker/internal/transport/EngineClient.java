package dev.backendconfig.docker.internal.transport;

import dev.backendconfig.docker.internal.Scans;
import dev.backendconfig.docker.internal.engine.EngineAddress;
import dev.backendconfig.docker.internal.engine.EngineIdentity;
import dev.backendconfig.docker.internal.json.Json;
import dev.backendconfig.toolkit.Http1;
import dev.backendconfig.toolkit.OutsideText;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * A Docker Engine API client on the JDK alone: HTTP/1.1 over a Unix socket, TCP, TCP with TLS, or the standard
 * streams of {@code ssh HOST docker system dial-stdio}. Each request is bounded in two steps that tell an absent
 * engine from a slow one ({@link EngineTimeouts}): the connection must be accepted within {@code docker.timeout}; then
 * the TLS handshake as a whole, the ssh login with its first answer, and each answer as a whole, within
 * {@code docker.answer-timeout}; none past what is left of the resolution's budget. Each response body is capped. It
 * learns what kind of engine it talks to from the headers of the replies it gets anyway (no extra request). Close it
 * to end an ssh process.
 */
public final class EngineClient implements AutoCloseable {

    /** The largest response body accepted (a few thousand containers' worth of JSON). */
    public static final int MAX_BODY_BYTES = 8 * 1024 * 1024;

    private final EngineAddress address;
    private final EngineTimeouts timeouts;
    private final Supplier<Duration> remaining;
    private final EngineTransport transport;
    private final SshCommand ssh;
    private EngineIdentity identity = EngineIdentity.UNKNOWN;

    /**
     * Create a client whose connecting and each exchange may take {@code timeout}; an ssh:// engine is reached with
     * {@code ssh} from the PATH.
     *
     * @throws dev.backendconfig.toolkit.InvalidInputException when the address's TLS files cannot be used
     */
    public EngineClient(EngineAddress address, Duration timeout) {
        this(address, EngineTimeouts.both(timeout), SshCommand.DEFAULT, () -> timeout);
    }

    /**
     * Create a client whose every request also ends within what is left of a budget.
     *
     * @param timeouts how long connecting, and each exchange after it, may take
     * @param ssh how to run ssh for an ssh:// engine
     * @param remaining what is left of the resolution's budget, asked as each step starts
     * @throws dev.backendconfig.toolkit.InvalidInputException when the address's TLS files cannot be used
     */
    public EngineClient(EngineAddress address, EngineTimeouts timeouts, SshCommand ssh, Supplier<Duration> remaining) {
        this.address = address;
        this.timeouts = timeouts;
        this.remaining = remaining;
        this.ssh = ssh;
        this.transport = EngineTransport.of(address, ssh);
    }

    /**
     * Follow {@code GET /events} with these filters on a connection of its own, for at most {@code limit} (never
     * more than what is left of the budget), connecting within {@code docker.timeout}.
     *
     * @param filters the {@code filters} query parameter's JSON, for example
     *     {@code {"type":["container"],"container":["<id>"]}}
     */
    public EngineEvents followEvents(String filters, Duration limit) {
        Duration left = remaining.get();
        return EngineEvents.follow(address, ssh, "/events?filters=" + java.net.URLEncoder.encode(filters,
                StandardCharsets.UTF_8), timeouts.connect(), left.compareTo(limit) < 0 ? left : limit);
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
            if (!Scans.isPathWord(segment) || segment.equals(".") || segment.equals("..")) {
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

    /** Return what the engine's replies said it is; {@link EngineIdentity#UNKNOWN} before the first reply. */
    public synchronized EngineIdentity identity() {
        return identity;
    }

    /** Return how the engine is reached, for the report: {@code "tcp+TLS (TLSv1.3, CA /c/ca.pem, ...)"}. */
    public synchronized String reachedOver() {
        return transport.reachedOver();
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
        return exchange("GET", pathAndQuery, timeouts);
    }

    /**
     * Send a request without a body ({@code POST /containers/{id}/stop}, {@code DELETE /containers/{id}}): connecting
     * within {@code docker.timeout}, then waiting at most {@code limit} for the answer (an engine takes a container's
     * stop grace period to answer a stop), never more than what is left of the budget; returns the status and body,
     * whatever the status.
     *
     * @param method {@code POST} or {@code DELETE}
     * @throws IllegalArgumentException when the method is not POST or DELETE, or the path is not one a request line
     *     can hold
     */
    public Reply send(String method, String pathAndQuery, Duration limit) throws EngineException {
        if (!method.equals("GET") && !method.equals("POST") && !method.equals("DELETE")) {
            throw new IllegalArgumentException("the engine client sends GET, POST or DELETE, not " + method);
        }
        return exchange(method, pathAndQuery, new EngineTimeouts(timeouts.connect(), limit));
    }

    private synchronized Reply exchange(String method, String pathAndQuery, EngineTimeouts limits)
            throws EngineException {
        checkRequestTarget(pathAndQuery);
        String request = method + " " + pathAndQuery + " HTTP/1.1\r\nHost: docker\r\nUser-Agent: backend-config\r\n"
                + "Accept: application/json\r\n" + (method.equals("GET") ? "" : "Content-Length: 0\r\n")
                + (transport.keepsAlive() ? "" : "Connection: close\r\n") + "\r\n";
        for (int attempt = 1; ; attempt++) {
            Exchange exchange = new Exchange(method + " " + pathOnly(pathAndQuery), limits, remaining);
            try {
                InputStream in = transport.send(request.getBytes(StandardCharsets.ISO_8859_1), exchange);
                Http1.Head head = Http1.readHead(in);
                byte[] body = Http1.readBody(head, in, MAX_BODY_BYTES);
                transport.done(reusable(head));
                if (identity == EngineIdentity.UNKNOWN) {
                    identity = EngineIdentity.from(new Headers(head));
                }
                return new Reply(head.status(), body);
            } catch (IOException e) {
                boolean retry = attempt == 1 && method.equals("GET") && transport.mayRetry(e) && !exchange.expired();
                transport.done(false);
                if (!retry) {
                    throw new EngineException(transport.explain(e, exchange));
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

    /** A reply head's headers, as {@link EngineIdentity#from} reads them: a class, not a method reference (no lambda). */
    private static final class Headers implements java.util.function.UnaryOperator<String> {

        private final Http1.Head head;

        Headers(Http1.Head head) {
            this.head = head;
        }

        @Override
        public String apply(String name) {
            return head.header(name);
        }
    }
}
