package dev.backendconfig.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backendconfig.api.ServiceEndpoint;
import dev.backendconfig.api.ServiceResolver;
import dev.backendconfig.api.InvalidConfigurationException;
import dev.backendconfig.api.Resolution;
import dev.backendconfig.api.ResolutionReport.Outcome;
import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.docker.DockerEndpointProvider;
import dev.backendconfig.staging.StagingEndpointProvider;
import dev.backendconfig.testkit.RecordingLogs;
import dev.backendconfig.testsupport.CallerEnvironment;
import dev.backendconfig.testsupport.ComposeStack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.event.Level;

/**
 * Three services (backend, auth, frontend) of one real compose stack, built from the test image, found by provider
 * docker, and by staging when docker lacks one of them. Host ports are chosen free at run time and handed to the
 * stack through its variables, so nothing depends on this machine's ports; of the caller's environment only the
 * engine's variables are read. Runs with Maven profile docker-it (scripts/docker-it.sh).
 */
class ServicesStackIT {

    private static final String IMAGE = "backend-config-it/backend:latest";

    /** The example project's stack, without fixed container names, so that copies can run side by side. */
    private static final String STACK = """
            services:
              alpine-test-backend:
                image: %1$s
                environment:
                  BACKEND_START_DELAY: "${BACKEND_DELAY:-0}"
                ports: ["${ALPINE_TEST_BACKEND_PORT:-8002}:${BACKEND_CONTAINER_PORT:-8000}"]
                command: ["/bin/sh", "-c", "BACKEND_PORT=${BACKEND_CONTAINER_PORT:-8000} exec /bin/backend"]
                networks: {default: {aliases: [backend]}}
                healthcheck:
                  test: ["CMD", "/bin/sh", "-c", "wget -q -O /dev/null http://127.0.0.1:${BACKEND_CONTAINER_PORT:-8000}/health"]
                  interval: 1s
                  timeout: 1s
                  retries: 30
              alpine-test-auth:
                image: %1$s
                environment:
                  BACKEND_PORT: "${AUTH_CONTAINER_PORT:-8081}"
                  BACKEND_START_DELAY: "${AUTH_DELAY:-0}"
                ports: ["${ALPINE_TEST_AUTH_PORT:-8083}:${AUTH_CONTAINER_PORT:-8081}"]
                networks: {default: {aliases: [auth]}}
                healthcheck:
                  test: ["CMD", "/bin/sh", "-c", "wget -q -O /dev/null http://127.0.0.1:${AUTH_CONTAINER_PORT:-8081}/health"]
                  interval: 1s
                  timeout: 1s
                  retries: 30
              alpine-test-frontend:
                image: %1$s
                environment:
                  BACKEND_PORT: "3000"
                  BACKEND_START_DELAY: "${FRONTEND_DELAY:-0}"
                ports: ["${ALPINE_TEST_FRONTEND_PORT:-3002}:3000"]
                networks: {default: {aliases: [frontend]}}
                healthcheck:
                  test: ["CMD", "/bin/busybox", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:3000/api/health"]
                  interval: 1s
                  timeout: 1s
                  retries: 30
            """.formatted(IMAGE);

    @TempDir
    Path repository;

    private Path composeFile;
    private final Map<String, String> ports = new HashMap<>();

    @BeforeEach
    void writeTheStack() throws IOException {
        Files.createDirectory(repository.resolve(".git"));
        composeFile = repository.resolve("docker/docker-compose.alpine-test.yml");
        Files.createDirectories(composeFile.getParent());
        Files.writeString(composeFile, STACK);
        choosePorts();
    }

    private void choosePorts() throws IOException {
        List<String> services = List.of("BACKEND", "AUTH", "FRONTEND");
        List<Integer> free = ComposeStack.freePorts(services.size());
        for (int i = 0; i < services.size(); i++) {
            ports.put("ALPINE_TEST_" + services.get(i) + "_PORT", Integer.toString(free.get(i)));
        }
    }

    private static String project() {
        return "bcit-svc-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Start the stack; on ports another stack on the shared engine took meanwhile, again on fresh ones (3 tries). */
    private ComposeStack up(Map<String, String> extra) throws IOException {
        for (int attempt = 1; ; attempt++) {
            Map<String, String> environment = new HashMap<>(ports);
            environment.putAll(extra);
            try {
                return ComposeStack.up(composeFile, project(), environment);
            } catch (IOException e) {
                if (attempt == 3 || !ComposeStack.portTaken(e)) {
                    throw e;
                }
                choosePorts();
            }
        }
    }

    private ResolutionContext context(String project, Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(settings);
        all.put("docker.project", project);
        all.putIfAbsent("services", "auth,frontend");
        all.putIfAbsent("docker.wait-healthy", "60s");
        Map<String, String> environment = new HashMap<>(CallerEnvironment.engine());
        environment.putAll(ports);
        environment.put("PATH", System.getenv("PATH"));
        return ResolutionContext.builder().workingDirectory(repository).environment(environment)
                .systemProperties(Map.of("user.home", System.getProperty("user.home")))
                .settings(all, "ServicesStackIT").build();
    }

    private URI local(String service) {
        return URI.create("http://localhost:" + ports.get("ALPINE_TEST_" + service + "_PORT"));
    }

    @Test
    void allThreeHealthyServicesComeFromDockerAndReallyAnswer() throws Exception {
        try (ComposeStack stack = up(Map.of())) {
            ProviderResult result = new DockerEndpointProvider().resolve(context(stack.project(), Map.of()));
            assertThat(result).as(result.reason()).isInstanceOf(ProviderResult.Found.class);
            ProviderResult.Found found = (ProviderResult.Found) result;
            assertThat(found.endpoint().http()).isEqualTo(local("BACKEND"));
            assertThat(found.endpoints().get("auth").http()).isEqualTo(local("AUTH"));
            assertThat(found.endpoints().get("frontend").http()).isEqualTo(local("FRONTEND"));
            assertThat(found.serviceReasons().get("auth")).startsWith("service alpine-test-auth publishes 8081 on");
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    found.endpoints().get("frontend").http("/api/health")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void servicesStillStartingAreWaitedForInParallel() throws Exception {
        try (ComposeStack stack = up(Map.of("AUTH_DELAY", "5", "FRONTEND_DELAY", "5"))) {
            long start = System.nanoTime();
            ProviderResult result = new DockerEndpointProvider().resolve(context(stack.project(), Map.of()));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(result).as(result.reason()).isInstanceOf(ProviderResult.Found.class);
            ProviderResult.Found found = (ProviderResult.Found) result;
            assertThat(found.serviceReasons().get("auth")).contains("(healthy after waiting ");
            assertThat(found.serviceReasons().get("frontend")).contains("(healthy after waiting ");
            // each needs about 5 s to start; one after the other would take 10 s or more
            assertThat(took).isLessThan(Duration.ofSeconds(9));
        }
    }

    private void stagingFile() throws IOException {
        Files.writeString(repository.resolve(".env.staging.e2e"), """
                STAGING_BASE_URL=https://backend-staging.example.test
                STAGING_AUTH_URL=https://auth-staging.example.test
                STAGING_FRONTEND_URL=https://app-staging.example.test
                """);
    }

    @Test
    void aStoppedAuthIsAnErrorNamingWhatRunsWhatDoesNotAndTheCommandAndStagingIsNeverAsked() throws Exception {
        stagingFile();
        try (ComposeStack stack = up(Map.of())) {
            stack.stop("alpine-test-auth");
            assertThatThrownBy(() -> ServiceResolver.of(List.of(new DockerEndpointProvider(),
                    new StagingEndpointProvider())).resolve(context(stack.project(), Map.of())))
                    .isInstanceOf(InvalidConfigurationException.class)
                    .hasMessageContaining("compose project " + stack.project() + " (named by setting docker.project) is"
                            + " half up: running: ")
                    .hasMessageContaining("not running or not ready: auth (compose service alpine-test-auth, container "
                            + stack.project() + "_alpine-test-auth_1: exited")
                    .hasMessageContaining("start the stopped ones: docker-compose -f " + composeFile + " -p "
                            + stack.project() + " start alpine-test-auth")
                    .satisfies(error -> assertThat(((InvalidConfigurationException) error).report()
                            .line("staging").orElseThrow().outcome()).isEqualTo(Outcome.NOT_ASKED));
        }
    }

    @Test
    void aStoppedStackHandsOverToStagingWhoseWarnSaysThisCheckoutsProjectIsStoppedAndHowToStartIt() throws Exception {
        stagingFile();
        try (ComposeStack stack = up(Map.of())) {
            stack.stopAll();
            RecordingLogs.clear();
            Resolution resolution = ServiceResolver.of(List.of(new DockerEndpointProvider(),
                    new StagingEndpointProvider())).resolve(context(stack.project(), Map.of()));
            assertThat(resolution.services().values()).extracting(ServiceEndpoint::source).containsOnly("staging");
            assertThat(RecordingLogs.events(Level.WARN)).extracting(RecordingLogs.Event::message).singleElement()
                    .asString().startsWith("Tests will run against the shared staging deployment"
                            + " https://backend-staging.example.test (from " + repository.resolve(".env.staging.e2e")
                            + "): docker unavailable: compose project " + stack.project() + " (named by setting"
                            + " docker.project) is stopped (")
                    .contains(". To test locally: start it: docker-compose -f " + composeFile + " -p " + stack.project()
                            + " start; staging.enabled=false turns this fallback off.")
                    .doesNotContain("no local backend was found");
        }
    }

    @Test
    void alpineTestAuthPortIsHonouredThroughTheEngineAndInThePrediction() throws Exception {
        try (ComposeStack stack = up(Map.of())) {
            ProviderResult.Found found = (ProviderResult.Found) new DockerEndpointProvider()
                    .resolve(context(stack.project(), Map.of()));
            assertThat(found.endpoints().get("auth").http()).isEqualTo(local("AUTH"));
            ProviderResult predicted = new DockerEndpointProvider().resolve(ResolutionContext.builder()
                    .workingDirectory(repository).environment(ports).settings(Map.of("services", "auth,frontend",
                            "docker.host", "unix://" + repository.resolve("no-engine.sock"),
                            "docker.compose-file", "docker/docker-compose.alpine-test.yml")).build());
            assertThat(predicted).as(predicted.reason()).isInstanceOf(ProviderResult.Found.class);
            assertThat(((ProviderResult.Found) predicted).endpoints().get("auth").http()).isEqualTo(local("AUTH"));
            assertThat(((ProviderResult.Found) predicted).endpoints().get("auth").unconfirmed()).isPresent();
        }
    }

    @Test
    void theBackendOnContainerPort8080BesideAuthOn8000IsChosenForTheBackend() throws Exception {
        try (ComposeStack stack = up(Map.of("BACKEND_CONTAINER_PORT", "8080", "AUTH_CONTAINER_PORT", "8000"))) {
            ProviderResult result = new DockerEndpointProvider().resolve(context(stack.project(), Map.of("services",
                    "auth")));
            assertThat(result).as(result.reason()).isInstanceOf(ProviderResult.Found.class);
            ProviderResult.Found found = (ProviderResult.Found) result;
            assertThat(found.endpoint().http()).isEqualTo(local("BACKEND"));
            assertThat(found.endpoint().detail("compose-service")).contains("alpine-test-backend");
            assertThat(found.endpoint().detail("container-port")).contains("8080");
            assertThat(found.endpoints().get("auth").http()).isEqualTo(local("AUTH"));
            assertThat(found.notes()).anyMatch(note -> note.contains("does not publish the default container port 8000;"
                    + " using 8080, the one port it publishes"));
        }
    }
}
