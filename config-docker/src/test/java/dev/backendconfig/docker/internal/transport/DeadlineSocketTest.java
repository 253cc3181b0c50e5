package dev.backendconfig.docker.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The socket a TLS socket is layered over: every read and write is bounded by the deadline of the step under way,
 * whatever the TLS socket's own timeout, and everything else is the wrapped socket's.
 */
class DeadlineSocketTest {

    private static final Duration BOUND = Duration.ofSeconds(10);

    private ServerSocketChannel server;
    private SocketChannel channel;
    private SocketChannel peer;
    private Socket wrapped;

    @BeforeEach
    void connect() throws IOException {
        server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        channel = SocketChannel.open(server.getLocalAddress());
        peer = server.accept();
        wrapped = channel.socket();
    }

    @AfterEach
    void close() throws IOException {
        channel.close();
        peer.close();
        server.close();
    }

    private static Step lasting(Duration duration) {
        return Step.start("finish the TLS handshake", "docker.answer-timeout", duration, Duration.ofHours(1));
    }

    private static Step ranOut() throws InterruptedException {
        Step step = lasting(Duration.ofMillis(1));
        Thread.sleep(5);
        return step;
    }

    private void peerSends(String text) throws IOException {
        peer.write(ByteBuffer.wrap(text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
    }

    @Test
    void aReadOfAPeerThatSendsNothingEndsAtTheStepsDeadline() throws IOException {
        DeadlineSocket socket = new DeadlineSocket(wrapped, lasting(Duration.ofMillis(300)));
        InputStream in = socket.getInputStream();
        long start = System.nanoTime();

        assertThatThrownBy(() -> assertTimeoutPreemptively(BOUND, () -> in.read(new byte[8], 0, 8)))
                .isInstanceOf(SocketTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(250))
                .isLessThan(Duration.ofSeconds(5));
        assertThatThrownBy(() -> assertTimeoutPreemptively(BOUND, () -> in.read()))
                .isInstanceOf(SocketTimeoutException.class);
    }

    @Test
    void readsDeliverWhatThePeerSentWithinTheDeadline() throws IOException {
        DeadlineSocket socket = new DeadlineSocket(wrapped, lasting(BOUND));
        peerSends("abcdef");
        InputStream in = socket.getInputStream();

        assertThat(in.read()).isEqualTo('a');
        byte[] buffer = new byte[2];
        assertThat(in.read(buffer, 0, 2)).isEqualTo(2);
        assertThat(buffer).containsExactly('b', 'c');
        assertThat(in.skip(2)).isEqualTo(2);
        assertThat(in.read()).isEqualTo('f');
        assertThat(wrapped.getSoTimeout()).as("the wrapped socket waits at most what is left of the step")
                .isBetween(1, (int) BOUND.toMillis());
    }

    @Test
    void noReadNorSkipStartsOnceTheStepHasRunOutThoughBytesAreWaiting() throws Exception {
        DeadlineSocket socket = new DeadlineSocket(wrapped, ranOut());
        peerSends("abcdef");
        InputStream in = socket.getInputStream();

        assertThatThrownBy(in::read).isInstanceOf(Step.TimedOut.class)
                .hasMessage("did not finish the TLS handshake within 1 ms (setting docker.answer-timeout)");
        assertThatThrownBy(() -> in.read(new byte[4], 0, 4)).isInstanceOf(Step.TimedOut.class);
        assertThatThrownBy(() -> in.skip(2)).isInstanceOf(Step.TimedOut.class);
    }

    @Test
    void aByteThatArrivesAfterTheDeadlineStillEndsTheStep() throws Exception {
        DeadlineSocket socket = new DeadlineSocket(wrapped, lasting(BOUND));
        InputStream in = socket.getInputStream();
        for (boolean single : new boolean[] {true, false}) {
            CompletableFuture<Integer> read = CompletableFuture.supplyAsync(() -> {
                try {
                    return single ? in.read() : in.read(new byte[4], 0, 4);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            Thread.sleep(200); // the read is under way
            socket.step(ranOut());
            peerSends("x");
            assertThatThrownBy(() -> read.get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(java.io.UncheckedIOException.class)
                    .hasRootCauseInstanceOf(Step.TimedOut.class);
            socket.step(lasting(BOUND));
        }
    }

    @Test
    void theEndOfTheStreamIsReportedEvenAfterTheDeadline() throws Exception {
        DeadlineSocket socket = new DeadlineSocket(wrapped, lasting(BOUND));
        InputStream in = socket.getInputStream();
        CompletableFuture<Integer> read = CompletableFuture.supplyAsync(() -> {
            try {
                return in.read();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Thread.sleep(200);
        socket.step(ranOut());
        peer.close();
        assertThat(read.get(10, TimeUnit.SECONDS)).isEqualTo(-1);
    }

    @Test
    void noWriteStartsOnceTheStepHasRunOut() throws Exception {
        DeadlineSocket socket = new DeadlineSocket(wrapped, lasting(BOUND));
        OutputStream out = socket.getOutputStream();
        out.write('a');
        out.write(new byte[] {'b', 'c'}, 0, 2);
        socket.step(ranOut());

        assertThatThrownBy(() -> out.write('d')).isInstanceOf(Step.TimedOut.class);
        assertThatThrownBy(() -> out.write(new byte[] {'e'}, 0, 1)).isInstanceOf(Step.TimedOut.class);
        channel.shutdownOutput();
        ByteBuffer received = ByteBuffer.allocate(16);
        while (peer.read(received) != -1) {
            // until the end
        }
        assertThat(new String(received.array(), 0, received.position(), java.nio.charset.StandardCharsets.ISO_8859_1))
                .isEqualTo("abc");
    }

    @Test
    void theTlsSocketsOwnTimeoutIsIgnoredAndTheWrappedSocketsIsReported() throws IOException {
        wrapped.setSoTimeout(1234);
        DeadlineSocket socket = new DeadlineSocket(wrapped, lasting(BOUND));
        socket.setSoTimeout(5);
        assertThat(wrapped.getSoTimeout()).isEqualTo(1234);
        assertThat(socket.getSoTimeout()).isEqualTo(1234);
    }

    @Test
    void everythingElseIsTheWrappedSockets() throws IOException {
        DeadlineSocket socket = new DeadlineSocket(wrapped, lasting(BOUND));
        assertThat(socket.isConnected()).isTrue();
        assertThat(socket.isBound()).isTrue();
        assertThat(socket.isClosed()).isFalse();
        assertThat(socket.getInetAddress()).isEqualTo(wrapped.getInetAddress()).isNotNull();
        assertThat(socket.getPort()).isEqualTo(wrapped.getPort()).isPositive();
        assertThat(socket.getLocalAddress()).isEqualTo(wrapped.getLocalAddress()).isNotNull();
        assertThat(socket.getLocalPort()).isEqualTo(wrapped.getLocalPort()).isPositive();
        assertThat(socket.getRemoteSocketAddress()).isEqualTo(wrapped.getRemoteSocketAddress()).isNotNull();
        assertThat(socket.getLocalSocketAddress()).isEqualTo(wrapped.getLocalSocketAddress()).isNotNull();
        assertThat(socket).hasToString("DeadlineSocket[" + wrapped + "]");

        assertThat(socket.isInputShutdown()).isFalse();
        assertThat(socket.isOutputShutdown()).isFalse();
        socket.shutdownInput();
        assertThat(wrapped.isInputShutdown()).isTrue();
        assertThat(socket.isInputShutdown()).isTrue();
        socket.shutdownOutput();
        assertThat(wrapped.isOutputShutdown()).isTrue();
        assertThat(socket.isOutputShutdown()).isTrue();
    }

    @Test
    void closingClosesTheWrappedSocketAndTheDescriptorOfTheSocketItself() throws IOException {
        assumeTrue(Files.isDirectory(FDS), "needs Linux /proc");
        DeadlineSocket socket = new DeadlineSocket(wrapped, lasting(BOUND));
        Map<String, String> before = sockets();
        socket.getTcpNoDelay(); // the JDK makes the socket's own descriptor when it is first used, as TLS does
        Map<String, String> own = sockets();
        own.entrySet().removeAll(before.entrySet());
        assertThat(own).as("the descriptor the JDK made").hasSize(1);

        socket.close();

        assertThat(wrapped.isClosed()).isTrue();
        assertThat(channel.isOpen()).isFalse();
        assertThat(socket.isClosed()).isTrue();
        assertThat(sockets().entrySet()).as("the socket's own descriptor is gone").doesNotContainAnyElementsOf(
                own.entrySet());
    }

    private static final Path FDS = Path.of("/proc/self/fd");

    /** Return this process's open sockets: descriptor number to {@code socket:[inode]}. */
    private static Map<String, String> sockets() throws IOException {
        Map<String, String> sockets = new HashMap<>();
        try (var list = Files.list(FDS)) {
            for (Path fd : list.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:")) {
                        sockets.put(fd.getFileName().toString(), target);
                    }
                } catch (IOException gone) {
                    // closed meanwhile (the listing's own descriptor)
                }
            }
        }
        return sockets;
    }

    @Test
    void anUnconnectedWrappedSocketIsNeitherConnectedNorBound() throws IOException {
        try (SocketChannel unconnected = SocketChannel.open()) {
            DeadlineSocket socket = new DeadlineSocket(unconnected.socket(), lasting(BOUND));
            assertThat(socket.isConnected()).isFalse();
            assertThat(socket.isBound()).isFalse();
        }
    }

    @Test
    void aSingleByteReadWaitsOnlyUntilTheDeadlineThoughTheWrappedSocketWouldWaitForever() throws IOException {
        wrapped.setSoTimeout(0);
        InputStream in = new DeadlineSocket(wrapped, lasting(Duration.ofMillis(300))).getInputStream();
        long start = System.nanoTime();

        assertThatThrownBy(() -> assertTimeoutPreemptively(BOUND, () -> in.read()))
                .isInstanceOf(SocketTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
}
