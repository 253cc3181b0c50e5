package dev.backendconfig.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backendconfig.api.ServiceEndpoint;
import dev.backendconfig.api.ServiceResolver;
import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.api.Resolution;
import dev.backendconfig.api.ResolutionReport.Outcome;
import dev.backendconfig.toolkit.Origin;
import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.docker.internal.DockerConfig;
import dev.backendconfig.docker.internal.ResolutionFacts;
import dev.backendconfig.docker.internal.engine.EngineAddress;
import dev.backendconfig.docker.internal.engine.EngineLocator;
import dev.backendconfig.docker.internal.engine.LocalSockets;
import dev.backendconfig.docker.internal.json.Json;
import dev.backendconfig.docker.internal.transport.EngineClient;
import dev.backendconfig.testkit.WebSocketEcho;
import dev.backendconfig.testsupport.AlpineStack;
import dev.backendconfig.testsupport.CallerEnvironment;
import dev.backendconfig.testsupport.ComposeStack;
import dev.backendconfig.testsupport.FixedProvider;
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

/**
 * The provider against a real Docker engine and real compose stacks built from the test image
 * (scripts/docker-it-image.sh). Run by scripts/docker-it.sh, through Maven profile docker-it. Every host port is
 * chosen free at run time and handed to the stack through its variables, every project name is unique, and the only
 * thing taken from the caller's environment is where the engine is: these tests pass beside the example stack and
 * beside another run of themselves.
 */
class RealDockerIT {

    private static final String IMAGE = "backend-config-it/backend:latest";

    @TempDir
    Path repository;

    private Path composeFile;
    private int port;

    @BeforeEach
    void writeTheAlpineStack() throws IOException {
        Files.createDirectory(repository.resolve(".git"));
        composeFile = repository.resolve("docker/docker-compose.alpine-test.yml");
        Files.createDirectories(composeFile.getParent());
        Files.writeString(composeFile, AlpineStack.UNNAMED_COMPOSE_FILE);
        port = ComposeStack.freePort();
    }

    private static String project(String name) {
        return "bcit-" + name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The Alpine stack, published on the free port through ALPINE_TEST_BACKEND_PORT. */
    private ComposeStack alpine(String name) throws IOException {
        return ComposeStack.up(composeFile, project(name), Map.of("ALPINE_TEST_BACKEND_PORT", Integer.toString(port)));
    }

    /** The caller's Docker engine and nothing else of its environment. */
    private ResolutionContext.Builder context() {
        return ResolutionContext.builder().environment(CallerEnvironment.engine())
                .systemProperties(Map.of("user.home", System.getProperty("user.home"))).workingDirectory(repository);
    }

    private ProviderResult resolve(String project, Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(settings);
        all.put("docker.project", project);
        all.putIfAbsent("docker.wait-healthy", "60s");
        return new DockerEndpointProvider().resolve(context().settings(all, "RealDockerIT").build());
    }

    private static ServiceEndpoint found(ProviderResult result) {
        assertThat(result).as(result.reason()).isInstanceOf(ProviderResult.Found.class);
        return ((ProviderResult.Found) result).endpoint();
    }

    private Path write(String name, String text) throws IOException {
        Path file = repository.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    @Test
    void aStackStartedWithAlpineTestBackendPortIsFoundOnItReallyAnswersAndIsPredictedWhenTheEngineIsOutOfReach()
            throws Exception {
        try (ComposeStack stack = alpine("port")) {
            ProviderResult result = resolve(stack.project(), Map.of());
            ServiceEndpoint endpoint = found(result);
            assertThat(endpoint.http()).isEqualTo(URI.create("http://localhost:" + port));
            assertThat(endpoint.webSocket()).isEqualTo(URI.create("ws://localhost:" + port));
            assertThat(result.reason()).startsWith("compose project " + stack.project() + " (named by setting"
                    + " docker.project): service alpine-test-backend publishes 8000 on 0.0.0.0:" + port + " (healthy");

            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint.http("/health"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body().strip()).isEqualTo("ok");
            assertThat(WebSocketEcho.exchange(endpoint.webSocket("/ws/chat"), "hello backend")).isEqualTo("hello backend");

            ProviderResult predicted = new DockerEndpointProvider().resolve(ResolutionContext.builder()
                    .workingDirectory(repository).environment(Map.of("ALPINE_TEST_BACKEND_PORT", Integer.toString(port)))
                    .settings(Map.of("docker.host", CallerEnvironment.noEngine(repository),
                            "docker.compose-file", "docker/docker-compose.alpine-test.yml")).build());
            assertThat(found(predicted).http()).isEqualTo(URI.create("http://localhost:" + port));
            assertThat(found(predicted).unconfirmed()).isPresent();
            assertThat(predicted.reason()).startsWith("UNCONFIRMED: predicted http://localhost:" + port + " for service"
                    + " alpine-test-backend from " + composeFile + ":" + AlpineStack.UNNAMED_PORTS_LINE + "; http GET"
                    + " http://localhost:" + port + "/: answered ");
        }
    }

    private static final String SLOW = """
            services:
              slow-backend:
                image: %s
                environment:
                  BACKEND_START_DELAY: "4"
                ports: ["127.0.0.1:${SLOW_BACKEND_PORT}:8000"]
                healthcheck:
                  test: ["CMD", "/bin/busybox", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8000/health"]
                  interval: 1s
                  timeout: 1s
                  retries: 30
                  start_period: 30s
            """.formatted(IMAGE);

    @Test
    void aStartingContainerIsWaitedForAndAShortWaitSaysItIsStillStarting() throws Exception {
        Path file = write("slow/compose.yaml", SLOW);
        try (ComposeStack stack = ComposeStack.up(file, project("slow"), Map.of("SLOW_BACKEND_PORT",
                Integer.toString(port)))) {
            assertThatThrownBy(() -> resolve(stack.project(), Map.of("docker.wait-healthy", "1s")))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining(" is half up: ").hasMessageContaining(" is still starting after ")
                    .hasMessageContaining("(setting docker.wait-healthy = 1000 ms)");

            ProviderResult patient = resolve(stack.project(), Map.of("docker.wait-healthy", "30s"));
            assertThat(found(patient).http()).isEqualTo(URI.create("http://127.0.0.1:" + port));
            assertThat(patient.reason()).startsWith("compose project " + stack.project() + " (named by setting"
                    + " docker.project): service slow-backend publishes 8000 on 127.0.0.1:" + port + " (healthy after"
                    + " waiting ");
        }
    }

    private static final String SICK = """
            services:
              sick-backend:
                image: %s
                ports: ["${SICK_BACKEND_PORT}:8000"]
                healthcheck:
                  test: ["CMD-SHELL", "echo 'database connection refused' >&2; exit 1"]
                  interval: 1s
                  timeout: 1s
                  retries: 1
            """.formatted(IMAGE);

    @Test
    void anUnhealthyContainerIsAnErrorWithItsLastHealthOutputNeverAFallback() throws Exception {
        Path file = write("sick/compose.yaml", SICK);
        try (ComposeStack stack = ComposeStack.up(file, project("sick"), Map.of("SICK_BACKEND_PORT",
                Integer.toString(port)))) {
            assertThatThrownBy(() -> resolve(stack.project(), Map.of("docker.wait-healthy", "30s")))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("not running or not ready: backend (service sick-backend (project "
                            + stack.project() + ", container " + stack.project() + "_sick-backend_1) is unhealthy (last"
                            + " check said: database connection refused))");
        }
    }

    @Test
    void aStoppedStackMakesDockerUnavailableAndTheNextProviderIsAsked() throws Exception {
        ComposeStack stack = alpine("stopped");
        stack.down();
        FixedProvider staging = new FixedProvider("staging", 100, context -> ProviderResult.found(ServiceEndpoint
                .builder("staging").http(URI.create("https://backend-staging.example.test"), Origin.other("test")).build(),
                "fallback"));
        Resolution resolution = ServiceResolver.of(List.of(new DockerEndpointProvider(), staging))
                .resolve(context().settings(Map.of("docker.project", stack.project())).build());
        assertThat(resolution.endpoint().source()).isEqualTo("staging");
        assertThat(resolution.report().line("docker").orElseThrow().outcome()).isEqualTo(Outcome.UNAVAILABLE);
        assertThat(resolution.report().line("docker").orElseThrow().reason())
                .isEqualTo("engine " + engine() + " has no container of compose project " + stack.project() + " (named"
                        + " by setting docker.project)");
    }

    private static final String TWO = """
            services:
              api-one:
                image: %1$s
                ports: ["${API_ONE_PORT}:8000"]
              api-two:
                image: %1$s
                ports: ["${API_TWO_PORT}:8000"]
            """.formatted(IMAGE);

    @Test
    void twoCandidateServicesAreAnErrorUntilDockerServicePicksOne() throws Exception {
        Path file = write("two/compose.yaml", TWO);
        int other = ComposeStack.freePort();
        try (ComposeStack stack = ComposeStack.up(file, project("two"), Map.of("API_ONE_PORT", Integer.toString(other),
                "API_TWO_PORT", Integer.toString(port)))) {
            String project = stack.project();
            assertThatThrownBy(() -> resolve(project, Map.of())).isInstanceOf(InvalidInputException.class)
                    .hasMessage("engine " + engine() + ": 2 compose services of project " + project + " could be"
                            + " service backend: api-one, api-two (they publish container port 8000); set"
                            + " docker.service to pick one");
            ProviderResult picked = resolve(stack.project(), Map.of("docker.service", "api-two"));
            assertThat(found(picked).http()).isEqualTo(URI.create("http://localhost:" + port));
            assertThat(picked.reason()).contains("(no healthcheck; tcp localhost:" + port + ": accepted");
        }
    }

    @Test
    void theRealEnginesRepliesStillHaveTheShapeTheFakeEngineRecorded() throws Exception {
        try (ComposeStack stack = alpine("shapes")) {
            EngineClient client = new EngineClient(engineAddress(), Duration.ofSeconds(5));
            Object list = client.getJson("/containers/json?all=1&filters=%7B%22label%22%3A%5B%22com.docker.compose"
                    + ".project%3D" + stack.project() + "%22%5D%7D");
            assertThat(list).isInstanceOf(List.class);
            assertThat((List<?>) list).hasSize(1);
            Object container = ((List<?>) list).get(0);
            assertThat(Json.array(container, "Ports")).allSatisfy(port ->
                    assertThat(Json.object(Map.of("port", port), "port")).containsKeys("IP", "PrivatePort", "PublicPort",
                            "Type"));
            assertThat(Json.object(container, "Labels")).containsKeys("com.docker.compose.project",
                    "com.docker.compose.service", "com.docker.compose.container-number",
                    "com.docker.compose.project.working_dir", "com.docker.compose.project.config_files");
            assertThat(Json.string(container, "State")).isEqualTo("running");
            assertThat(Json.string(container, "Image")).isEqualTo(IMAGE);
            assertThat(Json.string(Json.object(container, "HostConfig"), "NetworkMode")).isNotEmpty();
            Object inspect = client.getJson("/containers/" + Json.string(container, "Id") + "/json");
            assertThat(Json.object(Json.object(inspect, "State"), "Health")).containsKeys("Status", "Log");
            assertThat(Json.object(Json.object(inspect, "NetworkSettings"), "Networks").values())
                    .allSatisfy(network -> assertThat(Json.array(network, "Aliases")).contains("backend"));
        }
    }

    private EngineAddress engineAddress() {
        ResolutionContext context = context().build();
        return ((EngineLocator.Located.Found) EngineLocator.locate(DockerConfig.read(context), ResolutionFacts.of(context),
                LocalSockets.SYSTEM)).address();
    }

    private String engine() {
        return engineAddress().uri();
    }
}
