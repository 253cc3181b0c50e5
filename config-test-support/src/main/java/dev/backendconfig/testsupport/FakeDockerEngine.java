package dev.backendconfig.testsupport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.URLDecoder;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake Docker engine for fast tests: a real HTTP/1.1 server on a real Unix socket or on 127.0.0.1, answering
 * {@code /_ping}, {@code /containers/json} (honouring the {@code label} filter as the engine does) and
 * {@code /containers/{id}/json} with JSON recorded from a real engine ({@link Recorded}). It can also misbehave:
 * answer with an error status, malformed JSON, an oversized body, close at once, or never answer.
 *
 * <p>It reads the label filter and the container list with Jackson, never with config-docker's own JSON reader, so
 * that a bug in that reader cannot be shared by the fake and the code it checks.
 */
public final class FakeDockerEngine implements AutoCloseable {

    /** How the engine treats a request. */
    public enum Behaviour {
        /** Answer normally. */
        ANSWER,
        /** Read the request and never answer. */
        NEVER_ANSWER,
        /** Close the connection as soon as it is accepted. */
        CLOSE_AT_ONCE,
        /** Read the request, send a status line, then one byte of a header that never ends every 200 ms, forever. */
        TRICKLE
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ServerSocketChannel server;
    private final String dockerHost;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "fake-docker-engine");
        thread.setDaemon(true);
        return thread;
    });
    private final List<SocketChannel> open = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final Map<String, List<String>> inspectAnswers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> inspectCalls = new ConcurrentHashMap<>();
    private final Map<String, Reply> overrides = new ConcurrentHashMap<>();
    private volatile String containers = "[]";
    private volatile Behaviour behaviour = Behaviour.ANSWER;
    private volatile long answerDelayMillis;
    private volatile boolean chunked;
    private volatile String serverHeaders = "Api-Version: 1.41\r\nServer: Docker/20.10.24 (fake)\r\n";
    private volatile boolean events;
    private final List<SocketChannel> eventStreams = new CopyOnWriteArrayList<>();

    /** A canned reply. */
    private record Reply(int status, String body, long declaredLength) {
    }

    private FakeDockerEngine(ServerSocketChannel server, String dockerHost) {
        this.server = server;
        this.dockerHost = dockerHost;
        threads.execute(this::acceptLoop);
    }

    /** Start an engine on a Unix socket at {@code socket}. */
    public static FakeDockerEngine onUnixSocket(Path socket) throws IOException {
        Files.deleteIfExists(socket);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        return new FakeDockerEngine(server, "unix://" + socket);
    }

    /** Start an engine on 127.0.0.1 and a free port. */
    public static FakeDockerEngine onLoopback() throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
        return new FakeDockerEngine(server, "tcp://127.0.0.1:" + port);
    }

    /** Return the engine's address as DOCKER_HOST writes it. */
    public String dockerHost() {
        return dockerHost;
    }

    /** Answer {@code GET /containers/json} with this list (filtered by label as the engine would). */
    public FakeDockerEngine containers(String listJson) {
        this.containers = listJson;
        return this;
    }

    /** Answer {@code GET /containers/{id}/json} with these replies in turn, the last one repeating. */
    public FakeDockerEngine inspect(String id, String... replies) {
        inspectAnswers.put(id, List.of(replies));
        inspectCalls.put(id, new AtomicInteger());
        return this;
    }

    /** Answer requests for {@code path} (without query) with this status and body. */
    public FakeDockerEngine answer(String path, int status, String body) {
        overrides.put(path, new Reply(status, body, -1));
        return this;
    }

    /** Answer requests for {@code path} with a Content-Length of {@code length} (only its first bytes are sent). */
    public FakeDockerEngine answerWithLength(String path, long length) {
        overrides.put(path, new Reply(200, "[", length));
        return this;
    }

    /** Send bodies with chunked transfer encoding, as the real engine does for large lists. */
    public FakeDockerEngine chunked(boolean chunked) {
        this.chunked = chunked;
        return this;
    }

    /**
     * Send these headers, each {@code Name: value}, instead of Docker's {@code Api-Version} and {@code Server}
     * (for example Podman's {@code Server: Libpod/4.3.1 (linux)}).
     */
    public FakeDockerEngine identifyAs(String... headers) {
        StringBuilder lines = new StringBuilder();
        for (String header : headers) {
            lines.append(header).append("\r\n");
        }
        this.serverHeaders = lines.toString();
        return this;
    }

    /** Answer each request only {@code delay} after it arrived: a slow engine, not an absent one. */
    public FakeDockerEngine answerAfter(java.time.Duration delay) {
        this.answerDelayMillis = delay.toMillis();
        return this;
    }

    /**
     * Answer {@code GET /events} as the engine does: a chunked stream that stays open, to which {@link #emit(String)}
     * sends events. Without this, {@code /events} is answered 404 (an engine without events).
     */
    public FakeDockerEngine followableEvents() {
        this.events = true;
        return this;
    }

    /** Send one event (a JSON object) to every open {@code /events} stream, as one chunk ending in a line feed. */
    public void emit(String eventJson) throws IOException {
        byte[] line = (eventJson + "\n").getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream chunk = new ByteArrayOutputStream();
        chunk.write((Integer.toHexString(line.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        chunk.write(line);
        chunk.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        for (SocketChannel stream : eventStreams) {
            ByteBuffer buffer = ByteBuffer.wrap(chunk.toByteArray());
            synchronized (stream) {
                while (buffer.hasRemaining()) {
                    stream.write(buffer);
                }
            }
        }
    }

    /** Return how many {@code /events} streams are open now. */
    public int openEventStreams() {
        return (int) eventStreams.stream().filter(SocketChannel::isOpen).count();
    }

    /** Change how requests are treated from now on. */
    public FakeDockerEngine behave(Behaviour behaviour) {
        this.behaviour = behaviour;
        return this;
    }

    /** Return every request line received, for example {@code GET /_ping HTTP/1.1}. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** Return how many times a container was inspected. */
    public int inspections(String id) {
        return inspectCalls.getOrDefault(id, new AtomicInteger()).get();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (SocketChannel channel : open) {
            channel.close();
        }
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (dockerHost.startsWith("unix://")) {
            Files.deleteIfExists(Path.of(dockerHost.substring("unix://".length())));
        }
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            try {
                SocketChannel channel = server.accept();
                open.add(channel);
                threads.execute(() -> serve(channel));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(SocketChannel channel) {
        try {
            if (behaviour == Behaviour.CLOSE_AT_ONCE) {
                return;
            }
            InputStream in = Channels.newInputStream(channel);
            String requestLine = readHead(in);
            if (requestLine.isEmpty()) {
                return;
            }
            requests.add(requestLine);
            if (behaviour == Behaviour.NEVER_ANSWER) {
                Thread.sleep(Long.MAX_VALUE);
            }
            if (behaviour == Behaviour.TRICKLE) {
                channel.write(ByteBuffer.wrap("HTTP/1.1 200 OK\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII)));
                while (true) {
                    Thread.sleep(200);
                    channel.write(ByteBuffer.wrap(new byte[] {'x'}));
                }
            }
            long delay = answerDelayMillis;
            if (delay > 0) {
                Thread.sleep(delay);
            }
            String target = requestLine.split(" ")[1];
            if (events && target.startsWith("/events")) {
                follow(channel, in);
                return;
            }
            write(channel, reply(target));
        } catch (IOException | InterruptedException e) {
            // the client went away, or the engine is closing
        } finally {
            open.remove(channel);
            try {
                channel.close();
            } catch (IOException e) {
                // already closed
            }
        }
    }

    /** Keep an event stream open until the client closes it (or the engine closes). */
    private void follow(SocketChannel channel, InputStream in) throws IOException {
        String head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n" + serverHeaders
                + "Transfer-Encoding: chunked\r\n\r\n";
        ByteBuffer buffer = ByteBuffer.wrap(head.getBytes(StandardCharsets.ISO_8859_1));
        synchronized (channel) {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }
        eventStreams.add(channel);
        try {
            while (in.read() != -1) {
                // the client sends nothing more; -1 when it closes
            }
        } finally {
            eventStreams.remove(channel);
        }
    }

    private Reply reply(String target) {
        String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
        Reply override = overrides.get(path);
        if (override != null) {
            return override;
        }
        if (path.equals("/_ping")) {
            return new Reply(200, "OK", -1);
        }
        if (path.equals("/containers/json")) {
            return new Reply(200, filtered(target), -1);
        }
        if (path.startsWith("/containers/") && path.endsWith("/json")) {
            String id = path.substring("/containers/".length(), path.length() - "/json".length());
            List<String> answers = inspectAnswers.get(id);
            if (answers == null) {
                return new Reply(404, "{\"message\":\"No such container: " + id + "\"}", -1);
            }
            int call = inspectCalls.get(id).getAndIncrement();
            return new Reply(200, answers.get(Math.min(call, answers.size() - 1)), -1);
        }
        return new Reply(404, "{\"message\":\"page not found\"}", -1);
    }

    /** Apply the {@code label} filter ({@code key} or {@code key=value}, all must match) the way the engine does. */
    private String filtered(String target) {
        int at = target.indexOf("filters=");
        if (at < 0) {
            return containers;
        }
        try {
            String query = target.substring(at + "filters=".length()).split("&")[0];
            JsonNode labels = JSON.readTree(URLDecoder.decode(query, StandardCharsets.UTF_8)).path("label");
            ArrayNode kept = JSON.createArrayNode();
            for (JsonNode container : JSON.readTree(containers)) {
                JsonNode containerLabels = container.path("Labels");
                boolean all = true;
                for (JsonNode label : labels) {
                    String text = label.asText();
                    int eq = text.indexOf('=');
                    all &= eq < 0 ? containerLabels.has(text)
                            : text.substring(eq + 1).equals(containerLabels.path(text.substring(0, eq)).asText(null));
                }
                if (all) {
                    kept.add(container);
                }
            }
            return JSON.writeValueAsString(kept);
        } catch (JsonProcessingException e) {
            return containers;
        }
    }

    private void write(SocketChannel channel, Reply reply) throws IOException {
        byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(reply.status()).append(reply.status() == 200 ? " OK" : " Error")
                .append("\r\nContent-Type: application/json\r\n").append(serverHeaders);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (reply.declaredLength() >= 0) {
            head.append("Content-Length: ").append(reply.declaredLength()).append("\r\n\r\n");
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
        } else if (chunked) {
            head.append("Transfer-Encoding: chunked\r\n\r\n");
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            for (int i = 0; i < body.length; i += 100) {
                int size = Math.min(100, body.length - i);
                out.write((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(body, i, size);
                out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        } else {
            head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
        }
        ByteBuffer buffer = ByteBuffer.wrap(out.toByteArray());
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int b;
        while (!head.toString().endsWith("\r\n\r\n") && (b = in.read()) != -1) {
            head.append((char) b);
        }
        String text = head.toString();
        int lineEnd = text.indexOf("\r\n");
        return lineEnd < 0 ? "" : text.substring(0, lineEnd);
    }
}
