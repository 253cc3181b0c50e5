package dev.backendconfig.tests;

import static dev.backendconfig.testsupport.Recorded.id;
import static dev.backendconfig.testsupport.Recorded.inspection;
import static dev.backendconfig.testsupport.Recorded.list;
import static dev.backendconfig.testsupport.Recorded.listEntry;
import static dev.backendconfig.testsupport.Recorded.text;
import static dev.backendconfig.testsupport.Recorded.withPublicPort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backendconfig.api.BackendNotFoundException;
import dev.backendconfig.api.BackendResolver;
import dev.backendconfig.api.Resolution;
import dev.backendconfig.api.ResolutionReport.Outcome;
import dev.backendconfig.api.spi.BackendEndpointProvider;
import dev.backendconfig.testsupport.FakeDockerEngine;
import dev.backendconfig.tests.support.ConfigurationScenario;
import dev.backendconfig.tests.support.Priority250Provider;
import java.io.IOException;
import java.net.BindException;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Group 2 of the plan, integration: the three providers discovered by the real ServiceLoader, asked in order, and
 * falling back when one cannot answer. Docker is a fake engine on a real Unix socket (replies recorded from a real
 * engine) or no engine at all; backends are real loopback servers.
 */
class WebSocketServiceDiscoveryTest extends ConfigurationScenario {

    private FakeDockerEngine engine() throws IOException {
        FakeDockerEngine engine = closeLater(FakeDockerEngine.onUnixSocket(repository.resolve("engine.sock")));
        variables.set("DOCKER_HOST", engine.dockerHost());
        return engine;
    }

    @Test
    void allThreeProvidersAreDiscoveredWithTheirPriorities() {
        Map<String, Integer> priorities = new java.util.TreeMap<>();
        for (BackendEndpointProvider provider : BackendResolver.create().providers()) {
            priorities.put(provider.id(), provider.priority());
        }
        assertThat(priorities).containsEntry("env", 300).containsEntry("docker", 200).containsEntry("staging", 100);
    }

    @Test
    void aRunningDockerBackendGivesTheDockerUrl() throws IOException {
        int port = listeningBackend();
        Map<String, Object> plain = withPublicPort(listEntry("plain-backend"), port);
        engine().containers(list(plain)).inspect(id(plain), text(inspection("plain")));
        Resolution resolution = resolve(Map.of());
        assertThat(resolution.endpoint().source()).isEqualTo("docker");
        assertThat(resolution.endpoint().http()).isEqualTo(URI.create("http://localhost:" + port));
        assertThat(resolution.endpoint().webSocket()).isEqualTo(URI.create("ws://localhost:" + port));
    }

    @Test
    void dockerUnavailableFallsBackToStaging() throws IOException {
        writeStagingFile();
        Resolution resolution = resolve(Map.of());
        assertThat(resolution.endpoint().http()).isEqualTo(URI.create("https://backend-staging.example.test"));
        assertThat(resolution.report().line("docker").orElseThrow().outcome()).isEqualTo(Outcome.UNAVAILABLE);
    }

    @Test
    void engineUpButBackendMissingOrUnhealthyFallsBackToStagingWithTheReason() throws IOException {
        writeStagingFile();
        FakeDockerEngine engine = engine().containers("[]");
        Resolution missing = resolve(Map.of());
        assertThat(missing.endpoint().source()).isEqualTo("staging");
        assertThat(missing.report().line("docker").orElseThrow().reason())
                .isEqualTo("engine " + engine.dockerHost() + " runs no compose container (start the stack with docker"
                        + " compose up -d)");

        Map<String, Object> sick = listEntry("sick-backend");
        engine.containers(list(sick)).inspect(id(sick), text(inspection("sick")));
        Resolution unhealthy = resolve(Map.of());
        assertThat(unhealthy.endpoint().source()).isEqualTo("staging");
        assertThat(unhealthy.report().line("docker").orElseThrow().reason()).isEqualTo("service sick-backend (project"
                + " capture, container capture_sick-backend_1) is unhealthy (last check said: database connection refused)");
    }

    @Test
    void envBeatsDocker() throws IOException {
        Map<String, Object> alpine = listEntry("alpine-test-backend");
        engine().containers(list(alpine)).inspect(id(alpine), text(inspection("alpine")));
        variables.set("BACKEND_URL", "http://localhost:8010");
        Resolution resolution = resolve(Map.of());
        assertThat(resolution.endpoint().http()).isEqualTo(URI.create("http://localhost:8010"));
        assertThat(resolution.report().line("docker").orElseThrow().outcome()).isEqualTo(Outcome.NOT_ASKED);
    }

    @Test
    void smartPortDetectionPredictsFromTheComposeFileWhenSomethingReallyAnswers() throws IOException {
        writeAlpineCompose();
        try {
            listeningBackendOn(8002);
        } catch (BindException e) {
            throw new AssertionError("this test needs 127.0.0.1:8002 free, to play the backend the compose file predicts"
                    + " there; something already listens on it", e);
        }
        Resolution resolution = resolve(Map.of("docker.compose-file", "docker/docker-compose.alpine-test.yml"));
        assertThat(resolution.endpoint().http()).isEqualTo(URI.create("http://localhost:8002"));
        assertThat(resolution.report().line("docker").orElseThrow().reason())
                .contains("; tcp localhost:8002: accepted and kept the connection open; ");
    }

    @Test
    void nothingAvailableThrowsOneExceptionListingAllProvidersAndWhatToDo() {
        assertThatThrownBy(() -> resolve(Map.of()))
                .isInstanceOf(BackendNotFoundException.class)
                .hasMessageStartingWith("No backend found.\nbackend: none found (4 providers asked, ")
                .hasMessageContaining("\n  env          300  skipped      none of TEST_BACKEND_URL, BACKEND_URL,")
                .hasMessageContaining("\n  docker       200  unavailable  DOCKER_HOST names unix://")
                .hasMessageContaining("\n  staging      100  skipped      no .env.staging.e2e in " + repository)
                .hasMessageContaining("What to do next:\n  - env: set TEST_BACKEND_URL")
                .hasMessageContaining("  - docker: start the engine that DOCKER_HOST names, or fix or unset DOCKER_HOST (the"
                        + " socket ")
                .hasMessageContaining("  - staging: to fall back to staging, create .env.staging.e2e");
    }

    @Test
    void aCustomProviderAt250WinsOverDockerAndTheProvidersSettingReordersOrExcludes() throws IOException {
        Map<String, Object> alpine = listEntry("alpine-test-backend");
        engine().containers(list(alpine)).inspect(id(alpine), text(inspection("alpine")));
        variables.set("FIXTURE_250_URL", "http://localhost:9250");
        assertThat(resolve(Map.of()).endpoint().source()).isEqualTo(Priority250Provider.ID);

        Resolution reordered = resolve(Map.of("providers", "docker," + Priority250Provider.ID));
        assertThat(reordered.endpoint().http()).isEqualTo(URI.create("http://localhost:8002"));

        writeStagingFile();
        Resolution excluded = resolve(Map.of("providers", "env,staging"));
        assertThat(excluded.endpoint().source()).isEqualTo("staging");
        assertThat(excluded.report().line("docker").orElseThrow().outcome()).isEqualTo(Outcome.EXCLUDED);
        assertThat(excluded.report().line(Priority250Provider.ID).orElseThrow().outcome()).isEqualTo(Outcome.EXCLUDED);
    }
}
