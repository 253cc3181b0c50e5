package dev.backendconfig.testkit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.apiguardian.api.API.Status.STABLE;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apiguardian.api.API;

/**
 * Real TCP servers on 127.0.0.1 that play a backend's port for tests — holding connections, closing them at once, or
 * answering HTTP — and a port where nothing listens.
 */
@API(status = EXPERIMENTAL, since = "1.0")
public final class LoopbackServers {

    private LoopbackServers() {
    }

    /** A server on a loopback port; closing it closes every connection it holds. */
    @API(status = STABLE, since = "1.0")
    public static final class Server implements AutoCloseable {
        private final ServerSocket socket;
        private final List<Socket> held = new CopyOnWriteArrayList<>();

        private Server(ServerSocket socket, Mode mode) {
            this.socket = socket;
            Thread thread = new Thread(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket accepted = socket.accept();
                        switch (mode) {
                            case CLOSE -> accepted.close();
                            case HOLD -> held.add(accepted);
                            case HTTP -> answerHttp(accepted);
                        }
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "loopback-server");
            thread.setDaemon(true);
            thread.start();
        }

        /** Return the port it listens on. */
        public int port() {
            return socket.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket connection : held) {
                connection.close();
            }
        }
    }

    /** What a server does with a connection. */
    private enum Mode {
        HOLD, CLOSE, HTTP
    }

    /** Read a request head (at most 16 KiB), answer {@code 200 ok}, close. */
    private static void answerHttp(Socket connection) {
        try (connection) {
            connection.setSoTimeout(5000);
            java.io.InputStream in = connection.getInputStream();
            int matched = 0;
            for (int read = 0; read < 16 * 1024 && matched < 4; read++) {
                int b = in.read();
                if (b < 0) {
                    return;
                }
                matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : b == '\r' ? 1 : 0;
            }
            connection.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n"
                    .concat("Connection: close\r\n\r\nok").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        } catch (IOException e) {
            // the client went away; nothing to answer
        }
    }

    /** Start a server that answers every HTTP request with {@code 200 ok}, as a backend speaking HTTP does. */
    public static Server answeringHttp() throws IOException {
        return new Server(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), Mode.HTTP);
    }

    /** Start a server that accepts and holds every connection without a word, as an idle backend does. */
    public static Server holding() throws IOException {
        return holdingOn(0);
    }

    /** Start such a server on a given port (0 for any); throws {@link java.net.BindException} when it is taken. */
    public static Server holdingOn(int port) throws IOException {
        return new Server(new ServerSocket(port, 50, InetAddress.getLoopbackAddress()), Mode.HOLD);
    }

    /** Start a server that closes every connection at once, as Docker's port proxy does with no app behind it. */
    public static Server closingAtOnce() throws IOException {
        return new Server(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), Mode.CLOSE);
    }

    /** Return a loopback port where nothing listens (bound once, then released). */
    public static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
