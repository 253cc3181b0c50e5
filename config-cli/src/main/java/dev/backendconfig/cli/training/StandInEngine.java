package dev.backendconfig.cli.training;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The Docker engine the {@link Training} run asks: a Unix socket in the training's private directory, answering as
 * Docker 24 does {@code GET /_ping} and the list of containers (one running compose container, healthy, of the
 * training checkout's project, publishing {@link #CONTAINER_PORT} on 127.0.0.1); anything else gets 404. One thread
 * serves the connections in turn and ends when the engine is closed. It exists for the training only: its list is
 * the same whatever the request's filters.
 */
final class StandInEngine implements AutoCloseable {

    /** The project of the training checkout, named by its compose file. */
    static final String PROJECT = "training";
    /** The compose service the stand-in lists. */
    static final String SERVICE = "backend";
    /** The container's port. */
    static final int CONTAINER_PORT = 8000;
    /** The host port the stand-in's container publishes (nothing listens there: the training never probes). */
    static final int HOST_PORT = 18002;
    /** The training checkout's compose file. */
    static final String COMPOSE_FILE = "name: " + PROJECT + "\n"
            + "services:\n"
            + "  " + SERVICE + ":\n"
            + "    image: backend-config-training/backend:latest\n"
            + "    ports:\n"
            + "      - \"${TRAINING_BACKEND_PORT:-" + HOST_PORT + "}:" + CONTAINER_PORT + "\"\n"
            + "    healthcheck:\n"
            + "      test: [\"CMD\", \"true\"]\n";

    /** A request head longer than this is not read further (the connection is closed). */
    private static final int MAX_HEAD = 16 * 1024;

    private final ServerSocketChannel server;
    private final String dockerHost;
    private final String list;
    private final Thread thread;

    private StandInEngine(ServerSocketChannel server, String dockerHost, String list) {
        this.server = server;
        this.dockerHost = dockerHost;
        this.list = list;
        this.thread = new Thread(this::serve, "backend-config-training-engine");
        this.thread.setDaemon(true);
    }

    /** Start serving on a new Unix socket {@code socket}, listing a container of {@code checkout}'s stack. */
    static StandInEngine start(Path socket, Path checkout) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(socket));
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        StandInEngine engine = new StandInEngine(server, "unix://" + socket.toAbsolutePath(), list(checkout));
        engine.thread.start();
        return engine;
    }

    /** Return the {@code DOCKER_HOST} value of this engine. */
    String dockerHost() {
        return dockerHost;
    }

    /** Stop serving; wait (a bounded time) for the serving thread to end. */
    @Override
    public void close() throws IOException {
        server.close();
        try {
            thread.join(Training.BOUND_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void serve() {
        while (true) {
            try (SocketChannel connection = server.accept()) {
                answer(connection);
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                // a connection the client dropped: serve the next one
                if (!server.isOpen()) {
                    return;
                }
            }
        }
    }

    /** Answer each request on the connection until the client closes it. */
    private void answer(SocketChannel connection) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(MAX_HEAD);
        while (true) {
            int end = headEnd(buffer);
            while (end < 0) {
                if (!buffer.hasRemaining() || connection.read(buffer) < 0) {
                    return;
                }
                end = headEnd(buffer);
            }
            String head = new String(buffer.array(), 0, end, StandardCharsets.ISO_8859_1);
            buffer.flip().position(end + 4);
            buffer.compact();
            connection.write(ByteBuffer.wrap(reply(head).getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** Return the index of the blank line ending the request head in the buffer's data, or -1. */
    private static int headEnd(ByteBuffer buffer) {
        byte[] bytes = buffer.array();
        for (int i = 0; i + 3 < buffer.position(); i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private String reply(String head) {
        int space = head.indexOf(' ');
        int second = head.indexOf(' ', space + 1);
        String target = space < 0 || second < 0 ? "" : head.substring(space + 1, second);
        int query = target.indexOf('?');
        String path = query < 0 ? target : target.substring(0, query);
        if (head.startsWith("GET ") && path.endsWith("/_ping")) {
            return ok("text/plain; charset=utf-8", "OK");
        }
        if (head.startsWith("GET ") && path.endsWith("/containers/json")) {
            return ok("application/json", list);
        }
        String body = "{\"message\":\"page not found\"}";
        return "HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    private static String ok(String type, String body) {
        return "HTTP/1.1 200 OK\r\nApi-Version: 1.43\r\nServer: Docker/24.0.7 (linux)\r\nContent-Type: " + type
                + "\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    /** The engine's list: the checkout's one compose container, running and healthy, as Docker 24 writes it. */
    private static String list(Path checkout) {
        String id = "7".repeat(64);
        // created after the compose file was written: the stack shows the file (no drift warning)
        long created = System.currentTimeMillis() / 1000 + 1;
        return "[{\"Id\":\"" + id + "\",\"Names\":[\"/" + PROJECT + "-" + SERVICE + "-1\"],"
                + "\"Image\":\"backend-config-training/backend:latest\",\"ImageID\":\"sha256:" + "e".repeat(64)
                + "\",\"Command\":\"/bin/backend\",\"Created\":" + created + ","
                + "\"Ports\":[{\"IP\":\"127.0.0.1\",\"PrivatePort\":" + CONTAINER_PORT + ",\"PublicPort\":" + HOST_PORT
                + ",\"Type\":\"tcp\"}],"
                + "\"Labels\":{\"com.docker.compose.config-hash\":\"" + "c".repeat(64) + "\","
                + "\"com.docker.compose.container-number\":\"1\",\"com.docker.compose.oneoff\":\"False\","
                + "\"com.docker.compose.project\":\"" + PROJECT + "\","
                + "\"com.docker.compose.project.config_files\":\"" + json(checkout.resolve("docker-compose.yml")
                        .toString()) + "\","
                + "\"com.docker.compose.project.working_dir\":\"" + json(checkout.toString()) + "\","
                + "\"com.docker.compose.service\":\"" + SERVICE + "\",\"com.docker.compose.version\":\"2.24.0\"},"
                + "\"State\":\"running\",\"Status\":\"Up 3 seconds (healthy)\","
                + "\"HostConfig\":{\"NetworkMode\":\"" + PROJECT + "_default\"},"
                + "\"NetworkSettings\":{\"Networks\":{\"" + PROJECT + "_default\":{\"IPAMConfig\":null,\"Links\":null,"
                + "\"Aliases\":null,\"NetworkID\":\"" + "a".repeat(64) + "\",\"EndpointID\":\"" + "b".repeat(64)
                + "\",\"Gateway\":\"172.30.0.1\",\"IPAddress\":\"172.30.0.2\",\"IPPrefixLen\":16,"
                + "\"IPv6Gateway\":\"\",\"GlobalIPv6Address\":\"\",\"GlobalIPv6PrefixLen\":0,"
                + "\"MacAddress\":\"02:42:ac:1e:00:02\",\"DriverOpts\":null}}},\"Mounts\":[]}]";
    }

    /** Escape text for a JSON string: quotes, backslashes and control characters (a temporary path may hold any). */
    static String json(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                escaped.append('\\').append(c);
            } else if (c < 0x20) {
                String hex = Integer.toHexString(c);
                escaped.append("\\u00").append(hex.length() == 1 ? "0" : "").append(hex);
            } else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
