package dev.backendconfig.docker;

import dev.backendconfig.docker.internal.Json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backendconfig.api.BackendEndpoint;
import dev.backendconfig.api.BackendResolver;
import dev.backendconfig.api.InvalidBackendConfigurationException;
import dev.backendconfig.api.Resolution;
import dev.backendconfig.api.ResolutionReport.Outcome;
import dev.backendconfig.api.spi.Origin;
import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.testsupport.FixedProvider;
import dev.backendconfig.testkit.WebSocketEcho;
import dev.backendconfig.docker.internal.EngineAddress;
import dev.backendconfig.docker.internal.EngineClient;
import dev.backendconfig.docker.internal.EngineLocator;
import dev.backendconfig.testsupport.AlpineStack;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The provider against a real Docker engine and real compose stacks built from the test image
 * (scripts/docker-it-image.sh). Run by scripts/docker-it.sh, through Maven profile docker-it.
 */
class RealDockerIT {

    private static final String IMAGE = "backend-config-it/backend:latest";

    @TempDir
    Path repository;

    private Path composeFile;

    @BeforeEach
    void writeTheAlpineStack() throws IOException {
        Files.createDirectory(repository.resolve(".git"));
        composeFile = repository.resolve("docker/docker-compose.alpine-test.yml");
        Files.createDirectories(composeFile.getParent());
        Files.writeString(composeFile, AlpineStack.COMPOSE_FILE);
    }

    private ProviderResult resolve(String project, Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(settings);
        all.put("docker.project", project);
        all.putIfAbsent("docker.wait-healthy", "60s");
        return new DockerEndpointProvider().resolve(ResolutionContext.systemBuilder().workingDirectory(repository)
                .settings(all, "RealDockerIT").build());
    }

    private static BackendEndpoint found(ProviderResult result) {
        assertThat(result).as(result.reason()).isInstanceOf(ProviderResult.Found.class);
        return ((ProviderResult.Found) result).endpoint();
    }

    private Path write(String name, String text) throws IOException {
        Path file = repository.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    @Test
    void theDefaultStackIsFoundOn8002AndReallyAnswersHttpAndWebSocket() throws Exception {
        try (ComposeStack stack = ComposeStack.up(composeFile, "bcit-default", Map.of())) {
            ProviderResult result = resolve(stack.project(), Map.of());
            BackendEndpoint endpoint = found(result);
            assertThat(endpoint.http()).isEqualTo(URI.create("http://localhost:8002"));
            assertThat(endpoint.webSocket()).isEqualTo(URI.create("ws://localhost:8002"));
            assertThat(result.reason()).startsWith("service alpine-test-backend publishes 8000 on 0.0.0.0:8002 (healthy");

            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint.http("/health"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body().strip()).isEqualTo("ok");
            assertThat(WebSocketEcho.exchange(endpoint.webSocket("/ws/chat"), "hello backend")).isEqualTo("hello backend");
        }
    }

    @Test
    void aStackStartedWithAlpineTestBackendPort8010IsFoundOn8010AndPredictedTooWhenTheEngineIsOutOfReach()
            throws Exception {
        try (ComposeStack stack = ComposeStack.up(composeFile, "bcit-8010", Map.of("ALPINE_TEST_BACKEND_PORT", "8010"))) {
            assertThat(found(resolve(stack.project(), Map.of())).http()).isEqualTo(URI.create("http://localhost:8010"));

            ProviderResult predicted = new DockerEndpointProvider().resolve(ResolutionContext.builder()
                    .workingDirectory(repository).environment(Map.of("ALPINE_TEST_BACKEND_PORT", "8010"))
                    .settings(Map.of("docker.host", "unix://" + repository.resolve("no-engine.sock"),
                            "docker.compose-file", "docker/docker-compose.alpine-test.yml")).build());
            assertThat(found(predicted).http()).isEqualTo(URI.create("http://localhost:8010"));
            assertThat(predicted.reason()).startsWith("predicted http://localhost:8010 for service alpine-test-backend"
                    + " from " + composeFile + ":" + AlpineStack.PORTS_LINE + "; tcp localhost:8010: accepted");
        }
    }

    private static final String SLOW = """
            services:
              slow-backend:
                image: %s
                environment:
                  BACKEND_START_DELAY: "4"
                ports: ["127.0.0.1:8021:8000"]
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
        try (ComposeStack stack = ComposeStack.up(file, "bcit-slow", Map.of())) {
            ProviderResult impatient = resolve(stack.project(), Map.of("docker.wait-healthy", "1s"));
            assertThat(impatient).isInstanceOf(ProviderResult.Unavailable.class);
            assertThat(impatient.reason()).contains(" is still starting after ")
                    .contains("(setting docker.wait-healthy = 1000 ms)");

            ProviderResult patient = resolve(stack.project(), Map.of("docker.wait-healthy", "30s"));
            assertThat(found(patient).http()).isEqualTo(URI.create("http://127.0.0.1:8021"));
            assertThat(patient.reason()).startsWith("service slow-backend publishes 8000 on 127.0.0.1:8021 (healthy after"
                    + " waiting ");
        }
    }

    private static final String SICK = """
            services:
              sick-backend:
                image: %s
                ports: ["8022:8000"]
                healthcheck:
                  test: ["CMD-SHELL", "echo 'database connection refused' >&2; exit 1"]
                  interval: 1s
                  timeout: 1s
                  retries: 1
            """.formatted(IMAGE);

    @Test
    void anUnhealthyContainerIsRefusedWithItsLastHealthOutput() throws Exception {
        Path file = write("sick/compose.yaml", SICK);
        try (ComposeStack stack = ComposeStack.up(file, "bcit-sick", Map.of())) {
            ProviderResult result = resolve(stack.project(), Map.of("docker.wait-healthy", "30s"));
            assertThat(result).isInstanceOf(ProviderResult.Unavailable.class);
            assertThat(result.reason()).isEqualTo("service sick-backend (project bcit-sick, container"
                    + " bcit-sick_sick-backend_1) is unhealthy (last check said: database connection refused)");
        }
    }

    @Test
    void aStoppedStackMakesDockerUnavailableAndTheNextProviderIsAsked() throws Exception {
        ComposeStack stack = ComposeStack.up(composeFile, "bcit-stopped", Map.of());
        stack.down();
        FixedProvider staging = new FixedProvider("staging", 100, context -> ProviderResult.found(BackendEndpoint
                .builder("staging").http(URI.create("https://backend-staging.example.test"), Origin.other("test")).build(),
                "fallback"));
        Resolution resolution = BackendResolver.of(List.of(new DockerEndpointProvider(), staging))
                .resolve(ResolutionContext.systemBuilder().workingDirectory(repository)
                        .settings(Map.of("docker.project", "bcit-stopped")).build());
        assertThat(resolution.endpoint().source()).isEqualTo("staging");
        assertThat(resolution.report().line("docker").orElseThrow().outcome()).isEqualTo(Outcome.UNAVAILABLE);
        assertThat(resolution.report().line("docker").orElseThrow().reason())
                .isEqualTo("engine unix:///var/run/docker.sock runs no compose container of project bcit-stopped (start"
                        + " the stack with docker compose up -d)");
    }

    private static final String TWO = """
            services:
              api-one:
                image: %1$s
                ports: ["8031:8000"]
              api-two:
                image: %1$s
                ports: ["8032:8000"]
            """.formatted(IMAGE);

    @Test
    void twoCandidateServicesAreAnErrorUntilDockerServicePicksOne() throws Exception {
        Path file = write("two/compose.yaml", TWO);
        try (ComposeStack stack = ComposeStack.up(file, "bcit-two", Map.of())) {
            assertThatThrownBy(() -> resolve(stack.project(), Map.of()))
                    .isInstanceOf(InvalidBackendConfigurationException.class)
                    .hasMessageContaining(": 2 compose services of project bcit-two could be service backend: ")
                    .hasMessageEndingWith("; set docker.service to pick one");
            ProviderResult picked = resolve(stack.project(), Map.of("docker.service", "api-two"));
            assertThat(found(picked).http()).isEqualTo(URI.create("http://localhost:8032"));
            assertThat(picked.reason()).contains("(no healthcheck; tcp localhost:8032: accepted");
        }
    }

    @Test
    void theRealEnginesRepliesStillHaveTheShapeTheFakeEngineRecorded() throws Exception {
        try (ComposeStack stack = ComposeStack.up(composeFile, "bcit-shapes", Map.of())) {
            assertThat(stack.project()).isEqualTo("bcit-shapes");
            EngineLocator.Located located = EngineLocator.locate(ResolutionContext.systemBuilder().build());
            EngineAddress address = ((EngineLocator.Located.Found) located).address();
            EngineClient client = new EngineClient(address, Duration.ofSeconds(5));
            Object list = client.getJson("/containers/json?filters=%7B%22label%22%3A%5B%22com.docker.compose.project"
                    + "%3Dbcit-shapes%22%5D%7D");
            assertThat(list).isInstanceOf(List.class);
            assertThat((List<?>) list).hasSize(1);
            Object container = ((List<?>) list).get(0);
            assertThat(Json.array(container, "Ports")).allSatisfy(port ->
                    assertThat(Json.object(Map.of("port", port), "port")).containsKeys("IP", "PrivatePort", "PublicPort",
                            "Type"));
            assertThat(Json.object(container, "Labels")).containsKeys("com.docker.compose.project",
                    "com.docker.compose.service", "com.docker.compose.container-number");
            Object inspect = client.getJson("/containers/" + Json.string(container, "Id") + "/json");
            assertThat(Json.object(Json.object(inspect, "State"), "Health")).containsKeys("Status", "Log");
            assertThat(Json.object(Json.object(inspect, "NetworkSettings"), "Networks").values())
                    .allSatisfy(network -> assertThat(Json.array(network, "Aliases")).contains("backend"));
        }
    }
}
