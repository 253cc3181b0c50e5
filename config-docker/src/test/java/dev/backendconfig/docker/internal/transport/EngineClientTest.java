package dev.backendconfig.docker.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.backendconfig.docker.internal.engine.EngineAddress;
import dev.backendconfig.testsupport.FakeDockerEngine;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against a fake engine that misbehaves, and against sockets that are not engines. */
class EngineClientTest {

    private static final Duration TIMEOUT = Duration.ofMillis(400);

    @TempDir
    Path directory;

    private FakeDockerEngine engine;
    private EngineClient client;

    @BeforeEach
    void start() throws IOException {
        engine = FakeDockerEngine.onUnixSocket(directory.resolve("engine.sock"));
        client = new EngineClient(EngineAddress.unix(directory.resolve("engine.sock"), "test"), TIMEOUT);
    }

    private static final String LIST = "/containers/json";

    @AfterEach
    void stop() throws IOException {
        engine.close();
    }

    @Test
    void readsJson() throws EngineException {
        engine.containers("[{\"Id\":\"abc\"}]");
        Object list = client.getJson("/containers/json");
        assertThat(list).isInstanceOf(java.util.List.class);
        assertThat((java.util.List<?>) list).hasSize(1);
    }

    @Test
    void anErrorStatusCarriesTheEnginesMessage() {
        engine.answer("/containers/json", 500, "{\"message\":\"Cannot connect to containerd\"}");
        assertThatThrownBy(() -> client.getJson("/containers/json?all=0"))
                .isInstanceOf(EngineException.class)
                .hasMessage("engine unix://" + directory.resolve("engine.sock")
                        + " answered GET /containers/json with 500: Cannot connect to containerd");
    }

    @Test
    void malformedJsonIsSaidToBeMalformed() {
        engine.answer("/containers/json", 200, "[{\"Id\": }");
        assertThatThrownBy(() -> client.getJson("/containers/json"))
                .hasMessage("engine unix://" + directory.resolve("engine.sock") + " answered GET /containers/json with"
                        + " malformed JSON (expected a value, got '}' (line 1, column 9))");
    }

    @Test
    void anEngineThatNeverAnswersIsLeftAfterTheTimeout() {
        engine.behave(FakeDockerEngine.Behaviour.NEVER_ANSWER);
        long start = System.nanoTime();
        assertThatThrownBy(() -> client.getJson(LIST)).hasMessage("engine unix://" + directory.resolve("engine.sock")
                + " did not answer GET /containers/json within 400 ms (setting docker.answer-timeout)");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void anEngineThatClosesAtOnceIsSaidToHaveClosed() {
        engine.behave(FakeDockerEngine.Behaviour.CLOSE_AT_ONCE);
        assertThatThrownBy(() -> client.getJson(LIST)).hasMessageEndingWith(" closed the connection without answering GET /containers/json");
    }

    @Test
    void aBodyLargerThanTheCapIsRefusedWithoutReadingIt() {
        engine.answerWithLength("/containers/json", EngineClient.MAX_BODY_BYTES + 1L);
        assertThatThrownBy(() -> client.getJson("/containers/json"))
                .hasMessageEndingWith("answered GET /containers/json with something that is not a usable HTTP response:"
                        + " body of 8388609 bytes is larger than the cap of 8388608");
    }

    @Test
    void aStaleSocketRefusesTheConnection() throws IOException {
        Path stale = directory.resolve("stale.sock");
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(stale));
        server.close();
        assertThat(stale).exists();
        EngineClient staleClient = new EngineClient(EngineAddress.unix(stale, "test"), TIMEOUT);
        assertThatThrownBy(() -> staleClient.getJson(LIST)).hasMessage("engine unix://" + stale
                + " refused the connection (is the Docker daemon running?)");
    }

    @Test
    void aSocketWithoutPermissionSaysSo() throws IOException {
        Path guarded = directory.resolve("guarded.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(guarded));
            Files.setPosixFilePermissions(guarded, PosixFilePermissions.fromString("---------"));
            assumeTrue(!Files.isWritable(guarded), "running as root: socket permissions do not apply");
            EngineClient guardedClient = new EngineClient(EngineAddress.unix(guarded, "test"), TIMEOUT);
            assertThatThrownBy(() -> guardedClient.getJson(LIST)).hasMessage("cannot connect to unix://" + guarded
                    + ": permission denied (add your user to the docker group, or use a socket you may open)");
        }
    }

    @Test
    void aTcpAddressWhereNothingListensIsRefused() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        EngineClient tcp = new EngineClient(EngineAddress.tcp("127.0.0.1", port, "test"), TIMEOUT);
        assertThatThrownBy(() -> tcp.getJson(LIST)).hasMessage("engine tcp://127.0.0.1:" + port
                + " refused the connection (is the Docker daemon running?)");
    }

    /** A Unix listener with a queue of one that nobody accepts from, filled until a connect is refused. */
    private ServerSocketChannel listenerWithAFullQueue(Path socket, List<SocketChannel> waiting) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket), 1);
        for (int i = 0; i < 16; i++) {
            SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.configureBlocking(false);
            try {
                channel.connect(UnixDomainSocketAddress.of(socket));
                waiting.add(channel);
            } catch (IOException full) {
                channel.close();
                return server;
            }
        }
        throw new AssertionError("the listen queue never filled up");
    }

    @Test
    void aBusyEngineWhoseQueueIsFullIsWaitedForWithinTheTimeout() throws Exception {
        Path socket = directory.resolve("busy.sock");
        List<SocketChannel> waiting = new ArrayList<>();
        ServerSocketChannel server = listenerWithAFullQueue(socket, waiting);
        Thread engine = new Thread(() -> {
            try {
                Thread.sleep(150);
                for (SocketChannel filler : waiting) {
                    filler.close();
                }
                while (server.isOpen()) {
                    try (SocketChannel accepted = server.accept()) {
                        if (accepted.read(ByteBuffer.allocate(4096)) > 0) {
                            accepted.write(ByteBuffer.wrap(("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n[]")
                                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
                        }
                    } catch (IOException gone) {
                        // a filler connection that was closed: serve the next one
                    }
                }
            } catch (IOException | InterruptedException e) {
                // the test is over
            }
        });
        engine.setDaemon(true);
        engine.start();
        try {
            assertThat(new EngineClient(EngineAddress.unix(socket, "test"), Duration.ofSeconds(3)).getJson(LIST))
                    .isEqualTo(List.of());
        } finally {
            server.close();
            for (SocketChannel channel : waiting) {
                channel.close();
            }
        }
    }

    @Test
    void aQueueThatStaysFullEndsAtTheTimeoutSayingSo() throws Exception {
        Path socket = directory.resolve("stuck.sock");
        List<SocketChannel> waiting = new ArrayList<>();
        try (ServerSocketChannel server = listenerWithAFullQueue(socket, waiting)) {
            EngineClient stuck = new EngineClient(EngineAddress.unix(socket, "test"), TIMEOUT);
            assertThatThrownBy(() -> stuck.getJson(LIST)).isInstanceOf(EngineException.class).hasMessage("engine unix://" + socket
                    + " did not accept the connection (its queue stayed full) within 400 ms (setting docker.timeout)");
        } finally {
            for (SocketChannel channel : waiting) {
                channel.close();
            }
        }
    }

    @Test
    void nothingIsLeftOpenAfterManyRequests() throws EngineException, IOException {
        long before = openFileDescriptors();
        for (int i = 0; i < 200; i++) {
            client.getJson(LIST);
        }
        assertThat(openFileDescriptors()).isLessThanOrEqualTo(before + 5);
    }

    private static long openFileDescriptors() throws IOException {
        Path fds = Path.of("/proc/self/fd");
        assumeTrue(Files.isDirectory(fds), "needs Linux /proc");
        try (var list = Files.list(fds)) {
            return list.count();
        }
    }

    @Test
    void aRequestNeverOutlastsWhatIsLeftOfTheBudgetEvenWithALongerEngineTimeout() {
        engine.behave(FakeDockerEngine.Behaviour.NEVER_ANSWER);
        EngineClient bounded = new EngineClient(EngineAddress.unix(directory.resolve("engine.sock"), "test"),
                EngineTimeouts.both(Duration.ofHours(1)), SshCommand.DEFAULT, () -> Duration.ofMillis(300));
        assertThatThrownBy(() -> assertTimeoutPreemptively(Duration.ofSeconds(10), () -> bounded.getJson(LIST)))
                .isInstanceOf(EngineException.class)
                .hasMessage("engine unix://" + directory.resolve("engine.sock") + " did not answer GET /containers/json"
                        + " within 300 ms (setting docker.answer-timeout, cut to what was left of setting timeout)");
    }

    @Test
    void requestPathsAreBuiltFromWordsSoThatNoReplyCanChangeThem() {
        assertThat(EngineClient.path("containers", "9dbee0bf1ae0", "json")).isEqualTo("/containers/9dbee0bf1ae0/json");
        for (String hostile : List.of("..", ".", "a/b", "x\r\nDELETE /x", "", "a b", "%2e%2e", "x?all=1")) {
            assertThatThrownBy(() -> EngineClient.path("containers", hostile, "json"))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        for (String hostile : List.of("/containers/x\r\nDELETE /y/json", "/containers/../images/json",
                "/containers/./json", "relative", "/a b")) {
            assertThatThrownBy(() -> client.get(hostile)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(engine.requests()).isEmpty();
    }
}
