package dev.backendconfig.robustness;

import static dev.backendconfig.testsupport.Recorded.id;
import static dev.backendconfig.testsupport.Recorded.inspection;
import static dev.backendconfig.testsupport.Recorded.list;
import static dev.backendconfig.testsupport.Recorded.listEntry;
import static dev.backendconfig.testsupport.Recorded.text;
import static dev.backendconfig.testsupport.Recorded.withPublicPort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.backendconfig.api.BackendEndpoint;
import dev.backendconfig.api.BackendNotFoundException;
import dev.backendconfig.api.BackendResolver;
import dev.backendconfig.api.Resolution;
import dev.backendconfig.api.ResolutionReport;
import dev.backendconfig.api.ResolutionReport.Outcome;
import dev.backendconfig.api.spi.BackendEndpointProvider;
import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.testsupport.FixedProvider;
import dev.backendconfig.testkit.LoopbackServers;
import dev.backendconfig.docker.DockerEndpointProvider;
import dev.backendconfig.testsupport.FakeDockerEngine;
import dev.backendconfig.staging.StagingEndpointProvider;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Faults: engines and backends that stop, hang or close, many threads at once, and a budget every provider overruns. */
class FaultToleranceTest {

    @TempDir
    Path repository;

    private final List<AutoCloseable> closeables = new CopyOnWriteArrayList<>();

    @BeforeEach
    void project() throws IOException {
        Files.createDirectory(repository.resolve(".git"));
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
    }

    private FakeDockerEngine engine() throws IOException {
        FakeDockerEngine engine = FakeDockerEngine.onUnixSocket(repository.resolve("engine.sock"));
        closeables.add(engine);
        return engine;
    }

    private ResolutionContext context(Map<String, String> environment, Map<String, String> settings) {
        return ResolutionContext.builder().workingDirectory(repository).environment(environment)
                .systemProperties(Map.of("user.home", repository.toString())).settings(settings).build();
    }

    private Resolution resolve(Map<String, String> environment, Map<String, String> settings) {
        return BackendResolver.create().resolve(context(environment, settings));
    }

    private void stagingFile() throws IOException {
        Files.writeString(repository.resolve(".env.staging.e2e"), "STAGING_BASE_URL=https://backend-staging.example.test\n");
    }

    /** A loopback server: silent (accepts and holds), or closing each connection at once. */
    private int backend(boolean closeAtOnce) throws IOException {
        LoopbackServers.Server server = closeAtOnce ? LoopbackServers.closingAtOnce() : LoopbackServers.holding();
        closeables.add(server);
        return server.port();
    }

    @Test
    void anEngineThatStopsBetweenTwoResolutionsIsAskedAgainAndTheSecondFallsBack() throws IOException {
        stagingFile();
        FakeDockerEngine engine = engine();
        Map<String, Object> alpine = listEntry("alpine-test-backend");
        engine.containers(list(alpine)).inspect(id(alpine), text(inspection("alpine")));
        Map<String, String> environment = Map.of("DOCKER_HOST", engine.dockerHost());
        BackendResolver resolver = BackendResolver.create();

        Resolution first = resolver.resolve(context(environment, Map.of()));
        assertThat(first.endpoint().source()).isEqualTo("docker");
        engine.close();
        Resolution second = resolver.resolve(context(environment, Map.of()));

        assertThat(second.endpoint().source()).isEqualTo("staging");
        assertThat(second.report().line("docker").orElseThrow().outcome()).isEqualTo(Outcome.UNAVAILABLE);
        assertThat(second.report().line("docker").orElseThrow().reason())
                .startsWith("DOCKER_HOST names " + engine.dockerHost() + ", which does not exist");
    }

    @Test
    void anEngineThatAcceptsAndNeverAnswersIsLeftWithinItsTimeout() throws IOException {
        stagingFile();
        FakeDockerEngine engine = engine().behave(FakeDockerEngine.Behaviour.NEVER_ANSWER);
        long start = System.nanoTime();
        Resolution resolution = resolve(Map.of("DOCKER_HOST", engine.dockerHost()), Map.of("docker.timeout", "300ms"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThat(resolution.endpoint().source()).isEqualTo("staging");
        assertThat(resolution.report().line("docker").orElseThrow().reason())
                .startsWith("engine " + engine.dockerHost() + " did not answer within 300 ms (setting docker.timeout)");
    }

    @Test
    void aBackendPortThatAcceptsAndNeverAnswersFailsTheHttpProbeWithinItsTimeout() throws IOException {
        int port = backend(false);
        FakeDockerEngine engine = engine();
        Map<String, Object> plain = withPublicPort(listEntry("plain-backend"), port);
        engine.containers(list(plain)).inspect(id(plain), text(inspection("plain")));
        long start = System.nanoTime();
        Throwable thrown = catchThrowable(() -> resolve(Map.of("DOCKER_HOST", engine.dockerHost()),
                Map.of("probe", "http", "probe.timeout", "300ms", "providers", "docker")));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThat(((BackendNotFoundException) thrown).report().line("docker").orElseThrow().reason())
                .isEqualTo("service plain-backend publishes 8000 on 0.0.0.0:" + port + ", but it has no healthcheck and"
                        + " the probe failed: http GET http://localhost:" + port + "/: no answer within 300 ms");
    }

    @Test
    void aBackendThatClosesEachConnectionAtOnceIsNotReady() throws IOException {
        int port = backend(true);
        FakeDockerEngine engine = engine();
        Map<String, Object> plain = withPublicPort(listEntry("plain-backend"), port);
        engine.containers(list(plain)).inspect(id(plain), text(inspection("plain")));
        Throwable thrown = catchThrowable(() -> resolve(Map.of("DOCKER_HOST", engine.dockerHost()),
                Map.of("providers", "docker")));
        assertThat(((BackendNotFoundException) thrown).report().line("docker").orElseThrow().reason())
                .endsWith("the probe failed: tcp localhost:" + port + ": accepted, then closed the connection at once"
                        + " (a port proxy with no app listening behind it)");
    }

    @Test
    void sixtyFourThreadsWithAFreshResolverEachGetTheSameEndpointAndLeaveNothingOpen() throws Exception {
        Path fds = Path.of("/proc/self/fd");
        assumeTrue(Files.isDirectory(fds), "counting open files needs Linux /proc");
        FakeDockerEngine engine = engine();
        Map<String, Object> alpine = listEntry("alpine-test-backend");
        engine.containers(list(alpine)).inspect(id(alpine), text(inspection("alpine")));
        Map<String, String> environment = Map.of("DOCKER_HOST", engine.dockerHost());
        resolve(environment, Map.of());
        long before = openFiles(fds);

        ExecutorService threads = Executors.newFixedThreadPool(64);
        CountDownLatch start = new CountDownLatch(1);
        List<BackendEndpoint> endpoints = new ArrayList<>();
        try {
            List<Future<BackendEndpoint>> futures = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                futures.add(threads.submit(() -> {
                    start.await();
                    return BackendResolver.create().resolve(context(environment, Map.of())).endpoint();
                }));
            }
            start.countDown();
            for (Future<BackendEndpoint> future : futures) {
                endpoints.add(future.get(30, TimeUnit.SECONDS));
            }
        } finally {
            threads.shutdownNow();
            assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).as("no thread hangs").isTrue();
        }
        assertThat(endpoints).hasSize(64).allSatisfy(endpoint ->
                assertThat(endpoint.http()).isEqualTo(URI.create("http://localhost:8002")));
        assertThat(openFiles(fds)).as("open files after 64 resolutions").isLessThanOrEqualTo(before + 2);
    }

    private static long openFiles(Path fds) throws IOException {
        try (var list = Files.list(fds)) {
            return list.count();
        }
    }

    @Test
    void theWholeResolutionKeepsItsBudgetWhenEveryProviderIsSlow() throws IOException {
        FakeDockerEngine engine = engine().behave(FakeDockerEngine.Behaviour.NEVER_ANSWER);
        List<BackendEndpointProvider> providers = List.of(slow("slow-350", 350), new DockerEndpointProvider(),
                slow("slow-150", 150), new StagingEndpointProvider());
        Map<String, String> settings = new HashMap<>(Map.of("timeout", "800ms", "docker.timeout", "10s"));
        long start = System.nanoTime();
        Throwable thrown = catchThrowable(() -> BackendResolver.of(providers)
                .resolve(context(Map.of("DOCKER_HOST", engine.dockerHost()), settings)));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(took).isLessThan(Duration.ofMillis(2000));
        ResolutionReport report = ((BackendNotFoundException) thrown).report();
        assertThat(report.line("slow-350").orElseThrow().reason()).startsWith("did not answer within ");
        assertThat(report.lines()).anySatisfy(line -> assertThat(line.reason())
                .isEqualTo("the time budget (setting timeout = 800 ms) was used up"));
    }

    private static FixedProvider slow(String id, int priority) {
        return new FixedProvider(id, priority, context -> {
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ProviderResult.skipped("woke up");
        });
    }
}
