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

import dev.backendconfig.api.ServiceEndpoint;
import dev.backendconfig.api.ServiceNotFoundException;
import dev.backendconfig.api.InvalidConfigurationException;
import dev.backendconfig.api.ServiceResolver;
import dev.backendconfig.api.Resolution;
import dev.backendconfig.api.ResolutionReport;
import dev.backendconfig.api.ResolutionReport.Line;
import dev.backendconfig.api.ResolutionReport.Outcome;
import dev.backendconfig.api.spi.EndpointProvider;
import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.api.spi.Setting;
import dev.backendconfig.testkit.LoopbackServers;
import dev.backendconfig.docker.DockerEndpointProvider;
import dev.backendconfig.env.EnvEndpointProvider;
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
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

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
        return ServiceResolver.create().resolve(context(environment, settings));
    }

    /** A recorded container, as started from this test's repository: its project is this checkout's. */
    private Map<String, Object> ours(Map<String, Object> recorded) {
        return dev.backendconfig.testsupport.Recorded.startedIn(recorded, repository, "shop");
    }

    private void stagingFile() throws IOException {
        Files.writeString(repository.resolve(".env.staging.e2e"), "STAGING_BASE_URL=https://backend-staging.example.test\n");
    }

    @Test
    void anEngineThatStopsBetweenTwoResolutionsIsAskedAgainAndTheSecondFallsBack() throws IOException {
        stagingFile();
        FakeDockerEngine engine = engine();
        Map<String, Object> alpine = ours(listEntry("alpine-test-backend"));
        engine.containers(list(alpine)).inspect(id(alpine), text(inspection("alpine")));
        Map<String, String> environment = Map.of("DOCKER_HOST", engine.dockerHost());
        ServiceResolver resolver = ServiceResolver.create();

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
        Resolution resolution = resolve(Map.of("DOCKER_HOST", engine.dockerHost()),
                Map.of("docker.answer-timeout", "300ms"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThat(resolution.endpoint().source()).isEqualTo("staging");
        assertThat(resolution.report().line("docker").orElseThrow().reason())
                .startsWith("engine " + engine.dockerHost() + " did not answer GET /containers/json within 300 ms"
                        + " (setting docker.answer-timeout)");
    }

    /** A loopback server playing a backend's port. */
    private interface Backend {
        LoopbackServers.Server start() throws IOException;
    }

    static Stream<Arguments> backendsThatDoNotServe() {
        return Stream.of(
                Arguments.of("accepts and never answers an HTTP probe", (Backend) LoopbackServers::holding,
                        Map.of("probe", "http", "probe.timeout", "300ms"),
                        "http GET http://localhost:{port}/: no answer within 300 ms"),
                Arguments.of("closes each connection at once", (Backend) LoopbackServers::closingAtOnce, Map.of(),
                        "tcp localhost:{port}: accepted, then closed the connection at once (a port proxy with no app"
                                + " listening behind it)"));
    }

    @ParameterizedTest(name = "a backend port that {0}")
    @MethodSource("backendsThatDoNotServe")
    void aBackendPortOfOursThatDoesNotServeIsAnErrorLeftWithinTheProbeTimeout(String behaviour, Backend backend,
            Map<String, String> probe, String failure) throws IOException {
        LoopbackServers.Server server = backend.start();
        closeables.add(server);
        int port = server.port();
        FakeDockerEngine engine = engine();
        Map<String, Object> plain = ours(withPublicPort(listEntry("plain-backend"), port));
        engine.containers(list(plain)).inspect(id(plain), text(inspection("plain")));
        Map<String, String> settings = new HashMap<>(probe);
        settings.put("providers", "docker");
        long start = System.nanoTime();
        Throwable thrown = catchThrowable(() -> resolve(Map.of("DOCKER_HOST", engine.dockerHost()), settings));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThat(thrown).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("not running or not ready: backend (service plain-backend publishes 8000 on"
                        + " 0.0.0.0:" + port + ", but it has no healthcheck and the probe failed: "
                        + failure.replace("{port}", Integer.toString(port)) + ")");
    }

    @Test
    void sixtyFourThreadsWithAFreshResolverEachGetTheSameEndpointAndLeaveNothingOpen() throws Exception {
        Path fds = Path.of("/proc/self/fd");
        assumeTrue(Files.isDirectory(fds), "counting open files needs Linux /proc");
        FakeDockerEngine engine = engine();
        Map<String, Object> alpine = ours(listEntry("alpine-test-backend"));
        engine.containers(list(alpine)).inspect(id(alpine), text(inspection("alpine")));
        Map<String, String> environment = Map.of("DOCKER_HOST", engine.dockerHost());
        resolve(environment, Map.of());
        long before = openFiles(fds);

        ExecutorService threads = Executors.newFixedThreadPool(64);
        CountDownLatch start = new CountDownLatch(1);
        List<ServiceEndpoint> endpoints = new ArrayList<>();
        try {
            List<Future<ServiceEndpoint>> futures = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                futures.add(threads.submit(() -> {
                    start.await();
                    return ServiceResolver.create().resolve(context(environment, Map.of())).endpoint();
                }));
            }
            start.countDown();
            for (Future<ServiceEndpoint> future : futures) {
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

    private static final Duration BUDGET = Duration.ofMillis(1500);

    /**
     * Every provider blocks past the budget, and would have found the backend had it answered in time: env (a
     * variable is set) and staging (its file is there) wait before they read anything; docker's engine accepts and
     * never answers, and {@code docker.answer-timeout} (20 s) is longer than both the budget and its own default (10 s), so
     * docker waits on the engine for as long as the budget lets it. Whichever is asked first is left when the budget
     * runs out, and the others are never asked: the resolution ends on time.
     */
    @ParameterizedTest(name = "{0} asked first")
    @ValueSource(strings = {"env,docker,staging", "docker,staging,env", "staging,env,docker"})
    void theWholeResolutionKeepsItsBudgetWhenEveryProviderIsSlow(String order) throws IOException {
        stagingFile();
        FakeDockerEngine engine = engine().behave(FakeDockerEngine.Behaviour.NEVER_ANSWER);
        List<EndpointProvider> providers = List.of(new Slowed(new EnvEndpointProvider()),
                new DockerEndpointProvider(), new Slowed(new StagingEndpointProvider()));
        Map<String, String> settings = Map.of("timeout", BUDGET.toMillis() + "ms", "docker.answer-timeout", "20s",
                "providers", order);
        Map<String, String> environment = Map.of("DOCKER_HOST", engine.dockerHost(),
                "TEST_BACKEND_URL", "http://localhost:8002");
        long start = System.nanoTime();
        Throwable thrown = catchThrowable(() -> ServiceResolver.of(providers).resolve(context(environment, settings)));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(took).as("resolution time with a budget of %s", BUDGET).isLessThan(BUDGET.plusSeconds(1));
        assertThat(thrown).isInstanceOf(ServiceNotFoundException.class);
        ResolutionReport report = ((ServiceNotFoundException) thrown).report();
        List<String> asked = List.of(order.split(","));
        String first = asked.get(0);
        Line left = report.line(first).orElseThrow();
        assertThat(left.outcome()).isEqualTo(Outcome.UNAVAILABLE);
        if (first.equals("docker")) {
            assertThat(engine.requests()).as("requests the engine received").singleElement().asString()
                    .startsWith("GET /containers/json");
            // docker bounds its wait on the engine by the same budget, so it may end it a hair before the resolver
            // does: either way it did not answer
            assertThat(left.reason()).matches("(did not answer within the \\d+ ms left of the time budget \\(setting"
                    + " timeout\\); stopped|engine " + Pattern.quote(engine.dockerHost())
                    + " did not answer GET /containers/json within \\d+ ms .*)");
        } else {
            assertThat(engine.requests()).as("requests the engine received").isEmpty();
            assertThat(left.reason()).matches("did not answer within the \\d+ ms left of the time budget \\(setting"
                    + " timeout\\); stopped");
        }
        for (String later : asked.subList(1, asked.size())) {
            Line line = report.line(later).orElseThrow();
            if (first.equals("docker") && line.outcome() == Outcome.UNAVAILABLE) {
                // docker ended a hair before the budget, and this one was asked with nothing left
                assertThat(line.reason()).matches("did not answer within the \\d+\\.\\d ms left of the time budget"
                        + " \\(setting timeout\\); stopped");
                continue;
            }
            assertThat(line.outcome()).as(later).isEqualTo(Outcome.NOT_ASKED);
            assertThat(line.reason()).as(later).isEqualTo("the time budget (setting timeout = 1500 ms) was used up");
        }
    }

    /** A real provider that waits past any budget before it answers, and ends at once when interrupted. */
    private static final class Slowed implements EndpointProvider {
        private final EndpointProvider provider;

        Slowed(EndpointProvider provider) {
            this.provider = provider;
        }

        @Override
        public String id() {
            return provider.id();
        }

        @Override
        public int priority() {
            return provider.priority();
        }

        @Override
        public List<Setting<?>> settings() {
            return provider.settings();
        }

        @Override
        public ProviderResult resolve(ResolutionContext context) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ProviderResult.unavailable("interrupted while slowed");
            }
            return provider.resolve(context);
        }
    }
}
