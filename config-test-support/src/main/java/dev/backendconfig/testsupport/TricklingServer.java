package dev.backendconfig.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real loopback server that answers every connection slowly: it sends a fixed start at once, then one byte of
 * filler at every tick, forever — a peer that keeps a per-read timeout from ever firing. Closing it closes every
 * connection and ends its threads.
 */
public final class TricklingServer implements AutoCloseable {

    private final ServerSocket socket;
    private final byte[] start;
    private final byte filler;
    private final Duration tick;
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();

    private TricklingServer(byte[] start, byte filler, Duration tick) throws IOException {
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.start = start.clone();
        this.filler = filler;
        this.tick = tick;
        spawn(this::acceptLoop);
    }

    /** Send an HTTP status line, then one byte of a header that never ends. */
    public static TricklingServer httpHead(Duration tick) throws IOException {
        return new TricklingServer("HTTP/1.1 200 OK\r\nX-Slow: ".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                (byte) 'x', tick);
    }

    /** Send a TLS handshake record header announcing 16 KB, then its body one byte at a time. */
    public static TricklingServer tlsRecord(Duration tick) throws IOException {
        return new TricklingServer(new byte[] {0x16, 0x03, 0x03, 0x40, 0x00}, (byte) 0x02, tick);
    }

    /** Return the port it listens on. */
    public int port() {
        return socket.getLocalPort();
    }

    /** Return how many connections it accepted. */
    public int accepted() {
        return accepted.get();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                accepted.incrementAndGet();
                connections.add(connection);
                spawn(() -> trickle(connection));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void trickle(Socket connection) {
        try (connection) {
            spawn(() -> drain(connection));
            OutputStream out = connection.getOutputStream();
            out.write(start);
            out.flush();
            while (!connection.isClosed()) {
                Thread.sleep(tick.toMillis());
                out.write(filler);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // the client went away, or the server is closing
        }
    }

    private static void drain(Socket connection) {
        try {
            InputStream in = connection.getInputStream();
            byte[] buffer = new byte[4096];
            while (in.read(buffer) != -1) {
                // read what the client sends, so that its writes never block
            }
        } catch (IOException e) {
            // closed
        }
    }

    private void spawn(Runnable task) {
        Thread thread = new Thread(task, "trickling-server");
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket connection : connections) {
            connection.close();
        }
        for (Thread thread : threads) {
            thread.interrupt();
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
