package dev.backendconfig.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.backendconfig.api.ServiceNotFoundException;
import dev.backendconfig.api.ServiceResolver;
import dev.backendconfig.api.InvalidConfigurationException;
import dev.backendconfig.api.Resolution;
import dev.backendconfig.api.ResolutionReport;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.testsupport.Leftovers;
import dev.backendconfig.testsupport.SpecialFiles;
import dev.backendconfig.testsupport.TricklingServer;
import dev.backendconfig.testsupport.FakeDockerEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Whole resolutions, with every provider on the classpath, against input that hits a limit: explicit configuration
 * that cannot be read stops the resolution before the shared staging deployment is asked; slow peers and heavy files
 * end with the budget; and afterwards no thread of the library is alive and no socket, pipe or file of the test is
 * open.
 */
class HostileInputTest {

    /** Proves "does not hang", far above every budget used here. */
    private static final Duration DOES_NOT_HANG = Duration.ofSeconds(60);
    private static final String STAGING = "STAGING_BASE_URL=https://backend-staging.example.test\n";

    @TempDir
    Path repository;

    private final List<AutoCloseable> closeables = new CopyOnWriteArrayList<>();
    private final Map<String, String> environment = new HashMap<>();
    private final Map<String, String> settings = new HashMap<>();
    private Leftovers leftovers;

    @BeforeEach
    void repositoryWithAStagingFallbackAndNoEngine() throws IOException {
        Files.createDirectory(repository.resolve(".git"));
        Files.writeString(repository.resolve(".env.staging.e2e"), STAGING);
        environment.put("DOCKER_HOST", "unix://" + repository.resolve("no-engine.sock"));
    }

    @AfterEach
    void closeServers() throws Exception {
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
    }

    private Throwable resolveExpectingFailure() {
        return assertTimeoutPreemptively(DOES_NOT_HANG, () -> {
            leftovers = Leftovers.snapshot(repository);
            return catchThrowable(this::resolve);
        });
    }

    private Resolution resolve() {
        return ServiceResolver.create().resolve(ResolutionContext.builder().workingDirectory(repository)
                .environment(environment).systemProperties(Map.of("user.home", repository.toString()))
                .settings(settings).build());
    }

    /** Check what the resolution left: no live thread now, and no descriptor once the test's servers are closed. */
    private void nothingLeftBehind() throws Exception {
        assertThat(leftovers.newThreads()).as("threads of the library still alive").isEmpty();
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
        assertThat(leftovers.newDescriptors()).as("sockets, pipes or test files left open").isEmpty();
    }

    private static void stoppedBeforeStaging(Throwable thrown, String message) {
        assertThat(thrown).isInstanceOf(InvalidConfigurationException.class).hasMessageContaining(message);
        ResolutionReport report = ((InvalidConfigurationException) thrown).report();
        assertThat(report.line("staging").orElseThrow().outcome()).isEqualTo(ResolutionReport.Outcome.NOT_ASKED);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "a merge key that refers to itself|services:\n  api: &api\n    <<: *api\n|compose.yaml:2: a merge key (<<)"
                + " refers to the mapping that holds it",
        "lists nested 10,000 deep|services:\n  api:\n    ports: " + "[[[[[[[[[[" + "|compose.yaml:3: is not read:"
                + " mappings and lists nest more than 64 levels deep here",
        "a host_ip with a space|services:\n  api:\n    ports:\n      - {target: 8000, published: 8002, host_ip:"
                + " 127.0.0.1 x}\n|compose.yaml:4: ports entry 'target: 8000': the host address '127.0.0.1 x' is not an"
                + " IP address",
        "an undefined alias|services: *nowhere\n|compose.yaml:1: is not valid YAML",
        "two documents|services: {}\n---\nservices: {}\n|compose.yaml:2: is not valid YAML",
    })
    void aComposeFileNamedBySettingThatCannotBeReadStopsTheResolutionBeforeStaging(String entry) throws Exception {
        String[] parts = entry.split("\\|");
        String text = parts[1].replace("[[[[[[[[[[", "[".repeat(10_000));
        Files.writeString(repository.resolve("compose.yaml"), text);
        settings.put("docker.compose-file", "compose.yaml");
        Throwable thrown = resolveExpectingFailure();
        stoppedBeforeStaging(thrown, repository.resolve(parts[2].substring(0, parts[2].indexOf(':'))) + parts[2]
                .substring(parts[2].indexOf(':')));
        nothingLeftBehind();
    }

    @Test
    void aFoundComposeFileThatIsANamedPipeStopsTheResolutionInsteadOfBlockingAThread() throws Exception {
        Path fifo = SpecialFiles.fifo(repository.resolve("compose.yaml"));
        stoppedBeforeStaging(resolveExpectingFailure(), fifo + ": is a named pipe (FIFO), not a regular file");
        nothingLeftBehind();
    }

    @Test
    void fiftyResolutionsAgainstANamedPipeLeaveNoThreadBehind() throws Exception {
        Path fifo = SpecialFiles.fifo(repository.resolve("docker/compose.yaml"));
        environment.put("COMPOSE_FILE", "docker/compose.yaml");
        assertTimeoutPreemptively(DOES_NOT_HANG, () -> {
            leftovers = Leftovers.snapshot(repository);
            for (int i = 0; i < 50; i++) {
                assertThat(catchThrowable(this::resolve)).hasMessageContaining(fifo + ": is a named pipe (FIFO)");
            }
        });
        nothingLeftBehind();
    }

    @Test
    void aStagingFileThatIsANamedPipeIsInvalidAndLeavesNothingBehind() throws Exception {
        Files.delete(repository.resolve(".env.staging.e2e"));
        Path fifo = SpecialFiles.fifo(repository.resolve(".env.staging.e2e"));
        assertThat(resolveExpectingFailure()).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining(fifo + ": is a named pipe (FIFO), not a regular file");
        nothingLeftBehind();
    }

    @Test
    void aStagingFileNamedAsDevZeroIsInvalidInsteadOfFillingTheHeap() throws Exception {
        settings.put("staging.env-file", "/dev/zero");
        assertThat(resolveExpectingFailure()).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("/dev/zero: is a character device, not a regular file");
        nothingLeftBehind();
    }

    @Test
    void aBackendTricklingItsAnswerAtThePredictedPortCannotStretchTheResolution() throws Exception {
        Files.delete(repository.resolve(".env.staging.e2e"));
        TricklingServer server = TricklingServer.httpHead(Duration.ofMillis(50));
        closeables.add(server);
        Files.writeString(repository.resolve("compose.yaml"), "services:\n  api:\n    ports: [\"127.0.0.1:"
                + server.port() + ":8000\"]\n");
        settings.putAll(Map.of("probe", "http", "probe.timeout", "1h", "timeout", "1s"));
        long start = System.nanoTime();
        Throwable thrown = resolveExpectingFailure();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(thrown).isInstanceOf(ServiceNotFoundException.class);
        assertThat(((ServiceNotFoundException) thrown).report().line("docker").orElseThrow().reason())
                .matches(".*(the protocol is not spoken there: http GET http://127\\.0\\.0\\.1:[0-9]+/: no answer within"
                        + " [0-9]+ ms"
                        + "|left of the time budget \\(setting timeout\\); stopped)");
        assertThat(server.accepted()).isEqualTo(1);
        nothingLeftBehind();
    }

    @Test
    void anEngineThatNeverAnswersCannotStretchTheResolutionWhateverDockerTimeoutSays() throws Exception {
        FakeDockerEngine engine = FakeDockerEngine.onLoopback().behave(FakeDockerEngine.Behaviour.NEVER_ANSWER);
        closeables.add(engine);
        environment.put("DOCKER_HOST", engine.dockerHost());
        settings.putAll(Map.of("docker.timeout", "1h", "docker.answer-timeout", "1h", "timeout", "800ms", "providers",
                "docker"));
        long start = System.nanoTime();
        Throwable thrown = resolveExpectingFailure();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(thrown).isInstanceOf(ServiceNotFoundException.class);
        assertThat(((ServiceNotFoundException) thrown).report().line("docker").orElseThrow().reason())
                .matches(".*(cut to what was left of setting timeout\\)|; stopped).*");
        nothingLeftBehind();
    }

    @Test
    void aLargeComposeFileStillBeingReadWhenTheBudgetRunsOutStopsReadingAtOnce() throws Exception {
        StringBuilder text = new StringBuilder("services:\n");
        for (int i = 0; text.length() < 2_000_000; i++) {
            text.append("  s").append(i).append(":\n    image: x\n    ports: [\"").append(1 + i % 60_000)
                    .append(":9000\"]\n    labels: {a: b, c: d}\n");
        }
        Files.writeString(repository.resolve("compose.yaml"), text);
        // 2 MB is over the default compose cap (64 KiB, refused before reading); raised, the file is read
        settings.putAll(Map.of("timeout", "400ms", "providers", "docker", "docker.compose-max-kib", "2048"));
        Throwable thrown = resolveExpectingFailure();
        assertThat(thrown).isInstanceOf(ServiceNotFoundException.class);
        String docker = ((ServiceNotFoundException) thrown).report().line("docker").orElseThrow().reason();
        // on this kind of machine reading takes longer than the budget and is stopped; a faster one may finish first
        assertThat(docker).doesNotContain("still running").matches("did not answer within the [0-9]+ ms left of the"
                + " time budget \\(setting timeout\\); stopped|.*has no service publishing container port 8000.*");
        nothingLeftBehind();
    }

    @Test
    void mergeKeysThatDoubleAtEveryLevelAreReadInAMomentNotInAnAge() throws Exception {
        dev.backendconfig.testkit.LoopbackServers.Server backend = dev.backendconfig.testkit.LoopbackServers
                .answeringHttp();
        closeables.add(backend);
        StringBuilder text = new StringBuilder("x-0: &l0 {ports: [\"" + backend.port() + ":8000\"]}\n");
        for (int level = 1; level <= 45; level++) {
            text.append("x-").append(level).append(": &l").append(level).append(" {<<: [*l").append(level - 1)
                    .append(", *l").append(level - 1).append("]}\n");
        }
        text.append("services:\n  backend:\n    <<: *l45\n");
        Files.writeString(repository.resolve("compose.yaml"), text);
        settings.putAll(Map.of("providers", "docker", "timeout", "10s"));
        Resolution resolution = assertTimeoutPreemptively(DOES_NOT_HANG, () -> {
            leftovers = Leftovers.snapshot(repository);
            return resolve();
        });
        assertThat(resolution.endpoint().http()).hasToString("http://localhost:" + backend.port());
        nothingLeftBehind();
    }

    @Test
    void theDescriptorCheckItselfSeesAnOpenSocket() throws Exception {
        assumeTrue(Leftovers.descriptorsVisible(), "needs /proc/self/fd");
        leftovers = Leftovers.snapshot(repository);
        try (java.net.ServerSocket open = new java.net.ServerSocket(0)) {
            assertThat(leftovers.newDescriptors(Duration.ZERO)).isNotEmpty();
        }
        assertThat(leftovers.newDescriptors()).isEmpty();
    }
}
