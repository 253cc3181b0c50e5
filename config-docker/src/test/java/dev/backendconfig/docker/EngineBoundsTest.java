package dev.backendconfig.docker;

import static dev.backendconfig.testsupport.Recorded.id;
import static dev.backendconfig.testsupport.Recorded.inspection;
import static dev.backendconfig.testsupport.Recorded.list;
import static dev.backendconfig.testsupport.Recorded.listEntry;
import static dev.backendconfig.testsupport.Recorded.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.testsupport.BusyCores;
import dev.backendconfig.testsupport.FakeDockerEngine;
import dev.backendconfig.testsupport.FakeSsh;
import dev.backendconfig.testsupport.Leftovers;
import dev.backendconfig.testsupport.TestPki;
import dev.backendconfig.testsupport.TestPki.Issued;
import dev.backendconfig.testsupport.TestPki.KeyKind;
import dev.backendconfig.testsupport.TlsFrontEngine;
import dev.backendconfig.testsupport.TricklingServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A slow engine is not an absent one: connecting is bounded by {@code docker.timeout} (is anyone there), and each
 * exchange with an engine that accepted — the TLS handshake, the ssh login with its first answer, each answer — by
 * {@code docker.answer-timeout}, one deadline for the whole exchange however the engine trickles its bytes. What ran
 * out is named with its setting; the defaults hold with every core of the machine busy.
 */
class EngineBoundsTest {

    private static Issued ca;
    private static Issued engineCertificate;
    private static Issued client;

    @TempDir
    Path directory;

    private FakeDockerEngine backend;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @BeforeAll
    static void makeCertificates() {
        ca = TestPki.authority("bounds-ca");
        engineCertificate = TestPki.server(ca, List.of("localhost"), List.of("127.0.0.1"));
        client = TestPki.client(ca, KeyKind.EC);
    }

    @BeforeEach
    void startBackend() throws IOException {
        Files.createDirectory(directory.resolve(".git"));
        backend = FakeDockerEngine.onUnixSocket(directory.resolve("engine.sock"));
        Map<String, Object> alpine = listEntry("alpine-test-backend");
        backend.containers(list(alpine)).inspect(id(alpine), text(inspection("alpine")));
        closeables.add(backend);
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
    }

    private TlsFrontEngine tlsEngine() throws IOException {
        TlsFrontEngine engine = TlsFrontEngine.start(engineCertificate, ca, ca, List.of("TLSv1.3", "TLSv1.2"),
                directory.resolve("engine.sock"));
        closeables.add(0, engine);
        return engine;
    }

    private Map<String, String> tls(String dockerHost) {
        Path certs = TestPki.certPath(directory.resolve("certs"), ca.certificate(), client.certificate(),
                TestPki.pkcs8(client.keys().getPrivate()));
        return Map.of("DOCKER_HOST", dockerHost, "DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", certs.toString());
    }

    private ProviderResult resolve(Map<String, String> environment, Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(environment);
        all.put("PATH", "/usr/bin:/bin");
        return new DockerEndpointProvider(directory.resolve("no-default.sock")).resolve(ResolutionContext.builder()
                .workingDirectory(directory).environment(all).systemProperties(Map.of("user.home", directory.toString()))
                .settings(withProject(settings)).build());
    }

    /** The recorded containers are of project docker, which no compose file here builds: name it, as a user would. */
    private static Map<String, String> withProject(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(settings);
        all.putIfAbsent("docker.project", "docker");
        return all;
    }

    /** Resolve, and return the result with how long it took. */
    private record Timed(ProviderResult result, Duration took) {
    }

    /** Resolve within 30 s at most, so that a bound that does not hold fails the test instead of hanging it. */
    private Timed timed(Map<String, String> environment, Map<String, String> settings) {
        long start = System.nanoTime();
        ProviderResult result = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> resolve(environment, settings));
        return new Timed(result, Duration.ofNanos(System.nanoTime() - start));
    }

    @Test
    void aTlsHandshakeTrickledOneByteEveryThirdOfASecondHasOneDeadlineForAllOfIt() throws IOException {
        TricklingServer trickling = TricklingServer.tlsRecord(Duration.ofMillis(300));
        closeables.add(trickling);
        Leftovers leftovers = Leftovers.snapshot(directory);
        Timed timed = timed(tls("tcp://127.0.0.1:" + trickling.port()), Map.of("docker.answer-timeout", "1200ms"));
        assertThat(timed.result()).isInstanceOf(ProviderResult.Unavailable.class);
        assertThat(timed.result().reason()).startsWith("engine tcp://127.0.0.1:" + trickling.port() + " did not finish"
                + " the TLS handshake within 1200 ms (setting docker.answer-timeout)");
        assertThat(timed.took()).as("each byte came within 300 ms, yet the handshake as a whole was bounded")
                .isLessThan(Duration.ofMillis(1200 + 1500));
        assertThat(leftovers.newThreads()).isEmpty();
        assertThat(leftovers.newDescriptors()).isEmpty();
    }

    @Test
    void anAnswerTrickledOverTlsHasOneDeadlineForAllOfIt() throws IOException {
        TlsFrontEngine engine = tlsEngine();
        backend.behave(FakeDockerEngine.Behaviour.TRICKLE);
        Timed timed = timed(tls(engine.dockerHost()), Map.of("docker.answer-timeout", "1s"));
        assertThat(timed.result().reason()).startsWith("engine " + engine.dockerHost() + " did not answer GET"
                + " /containers/json within 1000 ms (setting docker.answer-timeout)");
        assertThat(timed.took()).isLessThan(Duration.ofMillis(1000 + 1500));
    }

    @Test
    void anAnswerTrickledOverAUnixSocketHasOneDeadlineForAllOfIt() {
        backend.behave(FakeDockerEngine.Behaviour.TRICKLE);
        Timed timed = timed(Map.of("DOCKER_HOST", backend.dockerHost()), Map.of("docker.answer-timeout", "1s"));
        assertThat(timed.result().reason()).startsWith("engine " + backend.dockerHost() + " did not answer GET"
                + " /containers/json within 1000 ms (setting docker.answer-timeout)");
        assertThat(timed.took()).isLessThan(Duration.ofMillis(1000 + 1500));
    }

    @Test
    void aSlowTlsEngineIsFoundWithTheDefaultsThoughItAnswersAfterDockerTimeout() throws IOException {
        TlsFrontEngine engine = tlsEngine();
        backend.answerAfter(Duration.ofMillis(1500));
        Timed timed = timed(tls(engine.dockerHost()), Map.of());
        assertThat(timed.result()).as(timed.result().reason()).isInstanceOf(ProviderResult.Found.class);
        assertThat(timed.took()).isGreaterThan(Duration.ofMillis(1500));
    }

    @Test
    void aSlowSshLoginIsFoundWithTheDefaultsThoughItTakesLongerThanDockerTimeout() throws IOException {
        FakeSsh ssh = FakeSsh.in(directory.resolve("fake-ssh"), list(listEntry("alpine-test-backend")),
                text(inspection("alpine")));
        Timed timed = timed(Map.of("DOCKER_HOST", "ssh://me@build-box", "FAKE_SSH_SLEEP", "1.5"),
                Map.of("docker.ssh-command", ssh.command()));
        assertThat(timed.result()).as(timed.result().reason()).isInstanceOf(ProviderResult.Found.class);
        assertThat(ssh.arguments()).contains("ConnectTimeout=1");
    }

    /** A loopback TCP port that never accepts: its listen queue is full, so further connection requests wait. */
    private int portWhoseQueueIsFull() throws IOException {
        ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        closeables.add(listener);
        for (int i = 0; i < 8; i++) {
            SocketChannel waiting = SocketChannel.open();
            closeables.add(waiting);
            waiting.configureBlocking(false);
            waiting.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort()));
        }
        try (SocketChannel probe = SocketChannel.open()) {
            probe.socket().connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort()),
                    300);
            assumeTrue(false, "this kernel accepts connections beyond a full listen queue");
        } catch (java.net.SocketTimeoutException e) {
            // as wanted: nobody accepts
        }
        return listener.getLocalPort();
    }

    @Test
    void anEngineThatNeverAcceptsIsAbsentWithinDockerTimeoutOverTcpAndTls() throws IOException {
        int port = portWhoseQueueIsFull();
        for (Map<String, String> environment : List.of(Map.of("DOCKER_HOST", "tcp://127.0.0.1:" + port),
                tls("tcp://127.0.0.1:" + port))) {
            Timed timed = timed(environment, Map.of("docker.timeout", "400ms"));
            assertThat(timed.result().reason()).as(environment.toString()).startsWith("engine tcp://127.0.0.1:" + port
                    + " did not accept the connection within 400 ms (setting docker.timeout)");
            assertThat(timed.took()).isLessThan(Duration.ofMillis(400 + 1500));
        }
    }

    @Test
    void aHealthyTlsEngineIsFoundWithTheDefaultsWithEveryCoreBusy() throws IOException {
        TlsFrontEngine engine = tlsEngine();
        try (BusyCores busy = BusyCores.start()) {
            assertThat(busy.count()).isGreaterThan(Runtime.getRuntime().availableProcessors());
            for (int i = 0; i < 3; i++) {
                ProviderResult result = resolve(tls(engine.dockerHost()), Map.of());
                assertThat(result).as(result.reason()).isInstanceOf(ProviderResult.Found.class);
            }
        }
    }

    @Test
    void aHealthySshEngineIsFoundWithTheDefaultsWithEveryCoreBusy() throws IOException {
        FakeSsh ssh = FakeSsh.in(directory.resolve("fake-ssh"), list(listEntry("alpine-test-backend")),
                text(inspection("alpine")));
        try (BusyCores busy = BusyCores.start()) {
            assertThat(busy.count()).isGreaterThan(Runtime.getRuntime().availableProcessors());
            for (int i = 0; i < 3; i++) {
                ProviderResult result = resolve(Map.of("DOCKER_HOST", "ssh://me@build-box"),
                        Map.of("docker.ssh-command", ssh.command()));
                assertThat(result).as(result.reason()).isInstanceOf(ProviderResult.Found.class);
            }
        }
    }
}
