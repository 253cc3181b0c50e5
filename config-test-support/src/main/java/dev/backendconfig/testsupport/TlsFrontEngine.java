package dev.backendconfig.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * A Docker engine behind TLS for fast tests, as {@code dockerd --tlsverify} serves one: a real JDK TLS server on
 * 127.0.0.1 with a certificate signed by a test CA, demanding a client certificate signed by that CA (or not), with
 * the protocols it is told to use, that hands each request to a {@link FakeDockerEngine} on a Unix socket and sends
 * its reply back.
 */
public final class TlsFrontEngine implements AutoCloseable {

    private final SSLServerSocket server;
    private final Path backend;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "tls-front-engine");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final List<String> handshakeFailures = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger handshakes = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean closeAfterEachReply;

    private TlsFrontEngine(SSLServerSocket server, Path backend) {
        this.server = server;
        this.backend = backend;
        threads.execute(this::acceptLoop);
    }

    /**
     * Start the TLS front.
     *
     * @param certificate the engine's certificate and keys
     * @param chainTo the CA whose certificate is sent after the engine's
     * @param clientCa the CA client certificates must be signed by, or null not to ask for one
     * @param protocols the TLS versions offered, for example {@code TLSv1.2}
     * @param backend the Unix socket of the {@link FakeDockerEngine} that answers
     */
    public static TlsFrontEngine start(TestPki.Issued certificate, TestPki.Issued chainTo, TestPki.Issued clientCa,
            List<String> protocols, Path backend) throws IOException {
        SSLContext context = TestPki.engineContext(certificate, chainTo, clientCa);
        SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        server.setEnabledProtocols(protocols.toArray(new String[0]));
        server.setNeedClientAuth(clientCa != null);
        return new TlsFrontEngine(server, backend);
    }

    /** Return the engine's address as DOCKER_HOST writes it. */
    public String dockerHost() {
        return "tcp://127.0.0.1:" + server.getLocalPort();
    }

    /** Return the port. */
    public int port() {
        return server.getLocalPort();
    }

    /** Close each connection after its first reply (HTTP keep-alive refused without saying so). */
    public TlsFrontEngine closeAfterEachReply(boolean close) {
        this.closeAfterEachReply = close;
        return this;
    }

    /** Return how many handshakes succeeded. */
    public int handshakes() {
        return handshakes.get();
    }

    /** Return what each failed handshake said on the engine's side. */
    public List<String> handshakeFailures() {
        return List.copyOf(handshakeFailures);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                open.add(socket);
                threads.execute(() -> serve((SSLSocket) socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    /** Serve requests on one connection until the client closes it, as dockerd does (HTTP keep-alive). */
    private void serve(SSLSocket socket) {
        try (socket) {
            socket.setSoTimeout(10_000);
            try {
                socket.startHandshake();
            } catch (IOException e) {
                handshakeFailures.add(String.valueOf(e.getMessage()));
                return;
            }
            handshakes.incrementAndGet();
            while (true) {
                byte[] request = readHead(socket.getInputStream());
                if (request.length == 0) {
                    return;
                }
                try (SocketChannel engine = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                    engine.connect(UnixDomainSocketAddress.of(backend));
                    engine.write(ByteBuffer.wrap(request));
                    InputStream reply = Channels.newInputStream(engine);
                    OutputStream out = socket.getOutputStream();
                    reply.transferTo(out);
                    out.flush();
                }
                if (closeAfterEachReply) {
                    return;
                }
            }
        } catch (IOException e) {
            // the client went away
        } finally {
            open.remove(socket);
        }
    }

    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            head.write(b);
            byte[] bytes = head.toByteArray();
            int n = bytes.length;
            if (n >= 4 && bytes[n - 4] == '\r' && bytes[n - 3] == '\n' && bytes[n - 2] == '\r' && bytes[n - 1] == '\n') {
                return bytes;
            }
        }
        return new byte[0];
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : open) {
            socket.close();
        }
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
