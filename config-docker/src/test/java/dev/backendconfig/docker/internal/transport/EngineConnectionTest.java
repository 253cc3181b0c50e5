package dev.backendconfig.docker.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.backendconfig.docker.internal.engine.EngineAddress;
import dev.backendconfig.testsupport.Leftovers;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One connection to an engine: what it reads and writes, and how each wait ends at its step's deadline. */
class EngineConnectionTest {

    private static final Duration BOUND = Duration.ofSeconds(10);

    @TempDir
    Path directory;

    private ServerSocketChannel server;
    private EngineAddress address;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @BeforeEach
    void listen() throws IOException {
        Path socket = directory.resolve("engine.sock");
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        address = EngineAddress.unix(socket, "test");
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
        server.close();
    }

    private static Step lasting(Duration duration) {
        return Step.start("answer GET /x", "docker.answer-timeout", duration, Duration.ofHours(1));
    }

    private EngineConnection open() throws IOException {
        EngineConnection connection = EngineConnection.open(address, lasting(BOUND));
        closeables.add(connection);
        return connection;
    }

    private SocketChannel accepted() throws IOException {
        SocketChannel peer = server.accept();
        closeables.add(peer);
        return peer;
    }

    private static void send(SocketChannel peer, byte... bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            peer.write(buffer);
        }
    }

    @Test
    void aByteIsReadAsAnUnsignedValueAndTheEndAsMinusOne() throws IOException {
        EngineConnection connection = open();
        SocketChannel peer = accepted();
        send(peer, (byte) 0xFF, (byte) 0x80, (byte) 0x00);
        peer.shutdownOutput();
        InputStream in = connection.input();

        assertThat(in.read()).isEqualTo(255);
        assertThat(in.read()).isEqualTo(128);
        assertThat(in.read()).isZero();
        assertThat(in.read()).isEqualTo(-1);
        assertThat(in.read(new byte[4], 0, 4)).isEqualTo(-1);
    }

    @Test
    void aReadIntoAnArrayTakesWhatIsThereUpToItsLengthAtItsOffset() throws IOException {
        EngineConnection connection = open();
        SocketChannel peer = accepted();
        send(peer, "abcdef".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        InputStream in = connection.input();
        byte[] target = new byte[8];

        assertThat(in.read(target, 0, 0)).as("nothing asked, nothing read").isZero();
        assertThat(in.read(target, 2, 4)).isEqualTo(4);
        assertThat(target).containsExactly(0, 0, 'a', 'b', 'c', 'd', 0, 0);
        assertThat(in.read(target, 0, 8)).isEqualTo(2);
        assertThat(target[0]).isEqualTo((byte) 'e');
        assertThat(target[1]).isEqualTo((byte) 'f');
    }

    @Test
    void whatIsWrittenArrivesWhole() throws IOException {
        EngineConnection connection = open();
        SocketChannel peer = accepted();
        byte[] request = new byte[3 * 1024 * 1024];
        for (int i = 0; i < request.length; i++) {
            request[i] = (byte) i;
        }
        CompletableFuture<ByteBuffer> received = CompletableFuture.supplyAsync(() -> {
            ByteBuffer all = ByteBuffer.allocate(request.length);
            try {
                while (all.hasRemaining() && peer.read(all) != -1) {
                    // until all arrived
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return all;
        });
        connection.write(request);
        assertThat(received.join().array()).isEqualTo(request);
    }

    @Test
    void aWriteThatThePeerNeverReadsEndsAtTheStepsDeadline() throws IOException {
        EngineConnection connection = open();
        accepted();
        connection.step(lasting(Duration.ofMillis(300)));
        long start = System.nanoTime();

        assertThatThrownBy(() -> assertTimeoutPreemptively(BOUND, () -> connection.write(new byte[64 * 1024 * 1024])))
                .isInstanceOf(Step.TimedOut.class)
                .hasMessage("did not answer GET /x within 300 ms (setting docker.answer-timeout)");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aReadOfAPeerThatSendsNothingEndsAtTheStepsDeadline() throws IOException {
        EngineConnection connection = open();
        accepted();
        connection.step(lasting(Duration.ofMillis(300)));
        InputStream in = connection.input();
        long start = System.nanoTime();

        assertThatThrownBy(() -> assertTimeoutPreemptively(BOUND, () -> in.read()))
                .isInstanceOf(Step.TimedOut.class)
                .hasMessage("did not answer GET /x within 300 ms (setting docker.answer-timeout)");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(250))
                .isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aReadThatIsInterruptedEndsAtOnceSayingSo() throws Exception {
        EngineConnection connection = open();
        accepted();
        InputStream in = connection.input();
        AtomicReference<Thread> reader = new AtomicReference<>();
        CompletableFuture<Integer> read = CompletableFuture.supplyAsync(() -> {
            reader.set(Thread.currentThread());
            try {
                return in.read();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } finally {
                Thread.interrupted(); // leave the pool's thread as it was
            }
        });
        Thread.sleep(200);
        long start = System.nanoTime();
        reader.get().interrupt();

        assertThatThrownBy(() -> read.get(5, TimeUnit.SECONDS)).hasRootCauseInstanceOf(InterruptedIOException.class)
                .hasRootCauseMessage("interrupted while waiting for the engine");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aTcpEngineIsConnectedToAndClosingItEndsTheConnection() throws IOException {
        try (ServerSocketChannel tcp = ServerSocketChannel.open()) {
            tcp.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = ((InetSocketAddress) tcp.getLocalAddress()).getPort();
            EngineConnection connection = EngineConnection.open(EngineAddress.tcp("127.0.0.1", port, "test"),
                    lasting(BOUND));
            try (SocketChannel peer = tcp.accept()) {
                connection.write(new byte[] {'x'});
                ByteBuffer one = ByteBuffer.allocate(1);
                peer.read(one);
                assertThat(one.array()).containsExactly('x');
                connection.close();
                assertThat(peer.read(ByteBuffer.allocate(1))).isEqualTo(-1);
            }
        }
    }

    @Test
    void connectionsThatFailOrCloseLeaveNothingOpen() throws Exception {
        Leftovers leftovers = Leftovers.snapshot(directory);
        for (int i = 0; i < 20; i++) {
            EngineConnection connection = EngineConnection.open(address, lasting(BOUND));
            server.accept().close();
            connection.close();
        }
        Path stale = directory.resolve("stale.sock");
        ServerSocketChannel gone = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        gone.bind(UnixDomainSocketAddress.of(stale));
        gone.close();
        for (int i = 0; i < 20; i++) {
            assertThatThrownBy(() -> EngineConnection.open(EngineAddress.unix(stale, "test"), lasting(BOUND)))
                    .isInstanceOf(IOException.class).hasMessageContaining("refused");
        }
        assertThat(leftovers.newDescriptors()).isEmpty();
    }

    @Test
    void anInterruptWhileTheQueueStaysFullEndsTheWaitAndKeepsTheInterrupt() throws Exception {
        Path busy = directory.resolve("busy.sock");
        List<SocketChannel> waiting = new ArrayList<>();
        try (ServerSocketChannel full = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            full.bind(UnixDomainSocketAddress.of(busy), 1);
            for (int i = 0; i < 16; i++) {
                SocketChannel filler = SocketChannel.open(StandardProtocolFamily.UNIX);
                filler.configureBlocking(false);
                try {
                    filler.connect(UnixDomainSocketAddress.of(busy));
                    waiting.add(filler);
                } catch (IOException queueFull) {
                    filler.close();
                    break;
                }
            }
            AtomicReference<Thread> opener = new AtomicReference<>();
            CompletableFuture<Boolean> interruptKept = CompletableFuture.supplyAsync(() -> {
                opener.set(Thread.currentThread());
                try {
                    EngineConnection.open(EngineAddress.unix(busy, "test"), lasting(BOUND)).close();
                    return false;
                } catch (IOException e) {
                    return Thread.interrupted();
                }
            });
            Thread.sleep(200);
            long start = System.nanoTime();
            opener.get().interrupt();
            assertThat(interruptKept.get(5, TimeUnit.SECONDS)).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        } finally {
            for (SocketChannel filler : waiting) {
                filler.close();
            }
        }
    }

    @Test
    void askingForNothingReturnsAtOnceThoughNothingCameAndAtTheEnd() throws Exception {
        EngineConnection connection = open();
        SocketChannel peer = accepted();
        InputStream in = connection.input();
        byte[] target = new byte[4];

        assertThat(assertTimeoutPreemptively(Duration.ofSeconds(5), () -> in.read(target, 0, 0))).isZero();
        peer.shutdownOutput();
        assertThat(in.read()).isEqualTo(-1);
        assertThat(in.read(target, 0, 0)).isZero();
    }

    @Test
    void aConnectionThatIsRefusedLeavesNoSelectorOpen() throws IOException {
        Path stale = directory.resolve("refusing.sock");
        ServerSocketChannel gone = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        gone.bind(UnixDomainSocketAddress.of(stale));
        gone.close();
        long before = kernelObjects();
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> EngineConnection.open(EngineAddress.unix(stale, "test"), lasting(BOUND)))
                    .isInstanceOf(IOException.class);
        }
        assertThat(kernelObjects()).as("sockets, pipes and the selectors' epoll and event descriptors")
                .isLessThanOrEqualTo(before + 2);
    }

    /** Count this process's descriptors of sockets, pipes and anonymous inodes (a selector's epoll and eventfd). */
    private static long kernelObjects() throws IOException {
        Path fds = Path.of("/proc/self/fd");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isDirectory(fds), "needs Linux /proc");
        try (var list = java.nio.file.Files.list(fds)) {
            return list.filter(fd -> {
                try {
                    String target = java.nio.file.Files.readSymbolicLink(fd).toString();
                    return target.startsWith("socket:") || target.startsWith("pipe:") || target.startsWith("anon_inode:");
                } catch (IOException gone) {
                    return false;
                }
            }).count();
        }
    }

    @Test
    void aTcpEngineThatNeverAcceptsIsLeftAtTheDeadlineWithNothingOpen() throws Exception {
        try (java.net.ServerSocket listener = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<SocketChannel> waiting = new ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) {
                    SocketChannel filler = SocketChannel.open();
                    waiting.add(filler);
                    filler.configureBlocking(false);
                    filler.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort()));
                }
                try (SocketChannel probe = SocketChannel.open()) {
                    probe.socket().connect(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                            listener.getLocalPort()), 300);
                    org.junit.jupiter.api.Assumptions.assumeTrue(false, "this kernel accepts beyond a full queue");
                } catch (java.net.SocketTimeoutException expected) {
                    // nobody accepts
                }
                long before = kernelObjects();
                Step connecting = Step.start("accept the connection", "docker.timeout", Duration.ofMillis(300),
                        Duration.ofHours(1));
                long start = System.nanoTime();

                assertThatThrownBy(() -> assertTimeoutPreemptively(BOUND, () -> EngineConnection.open(
                        EngineAddress.tcp("127.0.0.1", listener.getLocalPort(), "test"), connecting)))
                        .isInstanceOf(Step.TimedOut.class)
                        .hasMessage("did not accept the connection within 300 ms (setting docker.timeout)");
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
                assertThat(kernelObjects()).as("the channel and its selector are closed").isEqualTo(before);
            } finally {
                for (SocketChannel filler : waiting) {
                    filler.close();
                }
            }
        }
    }
}
