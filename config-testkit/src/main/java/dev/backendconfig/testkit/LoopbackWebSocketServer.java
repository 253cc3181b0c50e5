package dev.backendconfig.testkit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apiguardian.api.API;

/**
 * A real WebSocket server on 127.0.0.1 for tests: it performs the RFC 6455 opening handshake on any path
 * (answering 404 to requests that are not upgrades, and to paths outside {@code acceptedPaths} when given),
 * echoes text frames back, and answers a close frame with a close frame.
 */
@API(status = EXPERIMENTAL, since = "1.0")
public final class LoopbackWebSocketServer implements AutoCloseable {

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final ServerSocket server;
    private final ExecutorService workers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "loopback-websocket");
        thread.setDaemon(true);
        return thread;
    });
    private final List<String> acceptedPaths;
    private final List<String> handshakePaths = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    private LoopbackWebSocketServer(List<String> acceptedPaths) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptedPaths = List.copyOf(acceptedPaths);
        workers.execute(this::acceptLoop);
    }

    /** Start a server that upgrades requests on any path. */
    public static LoopbackWebSocketServer start() throws IOException {
        return new LoopbackWebSocketServer(List.of());
    }

    /** Start a server that upgrades only requests on these paths and answers 404 to others. */
    public static LoopbackWebSocketServer startAccepting(String... paths) throws IOException {
        return new LoopbackWebSocketServer(List.of(paths));
    }

    /** Return the port it listens on. */
    public int port() {
        return server.getLocalPort();
    }

    /** Return {@code ws://127.0.0.1:<port>}. */
    public URI webSocketUri() {
        return URI.create("ws://127.0.0.1:" + port());
    }

    /** Return {@code http://127.0.0.1:<port>}. */
    public URI httpUri() {
        return URI.create("http://127.0.0.1:" + port());
    }

    /** Return the paths of the handshakes completed so far. */
    public List<String> handshakePaths() {
        return List.copyOf(handshakePaths);
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : open) {
            socket.close();
        }
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                open.add(socket);
                workers.execute(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setSoTimeout(10_000);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            List<String> head = readHead(in);
            if (head.isEmpty()) {
                return;
            }
            String path = head.get(0).split(" ")[1];
            String key = header(head, "sec-websocket-key");
            boolean upgrade = "websocket".equalsIgnoreCase(header(head, "upgrade"));
            String pathOnly = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
            if (!upgrade || key == null || (!acceptedPaths.isEmpty() && !acceptedPaths.contains(pathOnly))) {
                out.write(("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                return;
            }
            handshakePaths.add(path);
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + accept(key) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            echoFrames(in, out);
        } catch (IOException e) {
            // the client went away; nothing to do
        } finally {
            open.remove(socket);
        }
    }

    private static void echoFrames(InputStream in, OutputStream out) throws IOException {
        while (true) {
            int first = in.read();
            if (first == -1) {
                return;
            }
            int second = in.read();
            int opcode = first & 0x0F;
            long length = second & 0x7F;
            if (length == 126) {
                length = (in.read() << 8) | in.read();
            } else if (length == 127) {
                length = 0;
                for (int i = 0; i < 8; i++) {
                    length = (length << 8) | in.read();
                }
            }
            byte[] mask = (second & 0x80) != 0 ? in.readNBytes(4) : new byte[4];
            byte[] payload = in.readNBytes((int) length);
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= mask[i % 4];
            }
            writeFrame(out, opcode, payload);
            if (opcode == 0x8) {
                return;
            }
        }
    }

    private static void writeFrame(OutputStream out, int opcode, byte[] payload) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x80 | opcode);
        if (payload.length < 126) {
            frame.write(payload.length);
        } else {
            frame.write(126);
            frame.write(payload.length >> 8);
            frame.write(payload.length & 0xFF);
        }
        frame.write(payload);
        try {
            out.write(frame.toByteArray());
            out.flush();
        } catch (SocketException e) {
            // the client closed first
        }
    }

    private static List<String> readHead(InputStream in) throws IOException {
        List<String> lines = new java.util.ArrayList<>();
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                String text = line.toString().replace("\r", "");
                if (text.isEmpty()) {
                    return lines;
                }
                lines.add(text);
                line.setLength(0);
            } else {
                line.append((char) b);
            }
        }
        return List.of();
    }

    private static String header(List<String> head, String name) {
        for (String line : head.subList(1, head.size())) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().toLowerCase(Locale.ROOT).equals(name)) {
                return line.substring(colon + 1).strip();
            }
        }
        return null;
    }

    /** Computed here independently of the library's probe, so that a test cannot pass by sharing its mistake. */
    private static String accept(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
