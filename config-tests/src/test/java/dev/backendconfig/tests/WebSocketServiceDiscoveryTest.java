package dev.backendconfig.tests;

import static dev.backendconfig.testsupport.Recorded.id;
import static dev.backendconfig.testsupport.Recorded.inspection;
import static dev.backendconfig.testsupport.Recorded.list;
import static dev.backendconfig.testsupport.Recorded.listEntry;
import static dev.backendconfig.testsupport.Recorded.text;
import static dev.backendconfig.testsupport.Recorded.withPublicPort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backendconfig.api.ServiceNotFoundException;
import dev.backendconfig.api.InvalidConfigurationException;
import dev.backendconfig.api.ServiceResolver;
import dev.backendconfig.api.ResolutionReport.Line;
import dev.backendconfig.api.ResolutionReport.Outcome;
import dev.backendconfig.api.spi.EndpointProvider;
import dev.backendconfig.testkit.LoopbackServers;
import dev.backendconfig.testsupport.FakeDockerEngine;
import dev.backendconfig.tests.support.ConfigurationScenario;
import dev.backendconfig.tests.support.Priority250Provider;
import dev.backendconfig.tests.support.SuiteContext;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Group 2 of the plan, integration: the three providers discovered by the real ServiceLoader, asked in order, and
 * falling back when one cannot answer, each read the way a suite reads it ({@link SuiteContext}). Docker is a fake
 * engine on a real Unix socket (replies recorded from a real engine) or no engine at all; backends are real loopback
 * servers on ports chosen free at run time.
 */
class WebSocketServiceDiscoveryTest extends ConfigurationScenario {

    @Test
    void allThreeProvidersAreDiscoveredWithTheirPriorities() {
        notApplicableToThePreFixContext("it tests the library's provider discovery (ServiceLoader), and the pre-fix"
                + " context has no providers");
        Map<String, Integer> priorities = new TreeMap<>();
        for (EndpointProvider provider : ServiceResolver.create().providers()) {
            priorities.put(provider.id(), provider.priority());
        }
        assertThat(priorities).containsEntry("env", 300).containsEntry("docker", 200).containsEntry("staging", 100);
    }

    @Test
    void aRunningDockerBackendGivesTheDockerUrl() throws IOException {
        int port = listeningBackend().port();
        Map<String, Object> plain = ours(withPublicPort(listEntry("plain-backend"), port));
        engine().containers(list(plain)).inspect(id(plain), text(inspection("plain")));
        SuiteContext context = SuiteContext.current();
        assertThat(context.backendUrl()).isEqualTo(URI.create("http://localhost:" + port));
        assertThat(context.webSocketUrl()).isEqualTo(URI.create("ws://localhost:" + port));
        assertThat(context.reportLine("docker").orElseThrow().outcome()).isEqualTo(Outcome.FOUND);
    }

    @Test
    void dockerUnavailableFallsBackToStaging() throws IOException {
        writeStagingFile();
        SuiteContext context = SuiteContext.current();
        assertThat(context.backendUrl()).isEqualTo(URI.create("https://backend-staging.example.test"));
        assertThat(context.reportLine("docker").orElseThrow().outcome()).isEqualTo(Outcome.UNAVAILABLE);
    }

    static Stream<Arguments> engineUpButBackendMissingOrUnhealthy() {
        return Stream.of(
                Arguments.of("none of this checkout's stack: staging answers, docker saying why", false,
                        "no compose project of this checkout ({repository}) is on engine {engine}; this checkout has no"
                                + " compose file; other projects run there, and are not ours: capture (setting"
                                + " docker.project uses one)"),
                Arguments.of("this checkout's backend unhealthy: an error, staging never asked", true,
                        "compose project shop (this checkout's) is half up: running: sick-backend; not running or not"
                                + " ready: backend (service sick-backend (project shop, container"
                                + " capture_sick-backend_1) is unhealthy (last check said: database connection"
                                + " refused))"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engineUpButBackendMissingOrUnhealthy")
    void engineUpButBackendMissingOrUnhealthyIsToldAsItIsAndOnlyAMissingStackFallsBackToStaging(String situation,
            boolean ours, String reason) throws IOException {
        writeStagingFile();
        Map<String, Object> sick = ours ? ours(listEntry("sick-backend")) : listEntry("sick-backend");
        FakeDockerEngine engine = engine().containers(list(sick)).inspect(id(sick), text(inspection("sick")));
        setting("docker.service", "sick-backend");
        String expected = reason.replace("{engine}", engine.dockerHost()).replace("{repository}",
                repository.toString());
        if (ours) {
            assertThatThrownBy(() -> SuiteContext.current().backendUrl())
                    .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining(expected);
            return;
        }
        SuiteContext context = SuiteContext.current();
        assertThat(context.backendUrl()).isEqualTo(URI.create("https://backend-staging.example.test"));
        Line docker = context.reportLine("docker").orElseThrow();
        assertThat(docker.outcome()).isEqualTo(Outcome.UNAVAILABLE);
        assertThat(docker.reason()).isEqualTo(expected);
    }

    @Test
    void envBeatsDocker() throws IOException {
        Map<String, Object> alpine = listEntry("alpine-test-backend");
        FakeDockerEngine engine = engine();
        engine.containers(list(alpine)).inspect(id(alpine), text(inspection("alpine")));
        variables.set("BACKEND_URL", "http://localhost:8010");
        assertThat(SuiteContext.current().backendUrl()).isEqualTo(URI.create("http://localhost:8010"));
        assertThat(engine.requests()).as("requests the engine received").isEmpty();
    }

    /**
     * Docker out of reach, the compose file's port variable naming a port chosen free now: a backend listening there
     * is found, and when it stops the prediction is refused, because the probe, not the prediction, decides.
     */
    @Test
    void smartPortDetectionPredictsFromTheComposeFileWhenSomethingReallyAnswers() throws IOException {
        writeAlpineCompose();
        setting("docker.compose-file", "docker/docker-compose.alpine-test.yml");
        LoopbackServers.Server backend = listeningBackend();
        int port = backend.port();
        variables.set("ALPINE_TEST_BACKEND_PORT", Integer.toString(port));

        SuiteContext answering = SuiteContext.current();
        assertThat(answering.backendUrl()).isEqualTo(URI.create("http://localhost:" + port));
        assertThat(answering.reportLine("docker").orElseThrow().reason())
                .contains("; http GET http://localhost:" + port + "/: answered 200; ");
        assertThat(answering.reportLine("docker").orElseThrow().reason()).startsWith("UNCONFIRMED: ");

        backend.close();
        SuiteContext.reset();
        assertThatThrownBy(() -> SuiteContext.current().backendUrl()).isInstanceOf(ServiceNotFoundException.class)
                .hasMessageContaining("predicted http://localhost:" + port + " for service alpine-test-backend from ")
                .hasMessageContaining(", but the protocol is not spoken there: http GET http://localhost:" + port
                        + "/: connection refused");
    }

    @Test
    void nothingAvailableThrowsOneExceptionListingAllProvidersAndWhatToDo() {
        assertThatThrownBy(() -> SuiteContext.current().backendUrl())
                .isInstanceOf(ServiceNotFoundException.class)
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
        notApplicableToThePreFixContext("it tests the library's provider SPI and its setting providers, and the"
                + " pre-fix context has no providers");
        Map<String, Object> alpine = ours(listEntry("alpine-test-backend"));
        engine().containers(list(alpine)).inspect(id(alpine), text(inspection("alpine")));
        variables.set("FIXTURE_250_URL", "http://localhost:9250");
        SuiteContext first = SuiteContext.current();
        assertThat(first.backendUrl()).isEqualTo(URI.create("http://localhost:9250"));
        assertThat(first.reportLine("docker").orElseThrow().outcome()).isEqualTo(Outcome.NOT_ASKED);

        setting("providers", "docker," + Priority250Provider.ID);
        SuiteContext.reset();
        assertThat(SuiteContext.current().backendUrl()).isEqualTo(URI.create("http://localhost:8002"));

        writeStagingFile();
        setting("providers", "env,staging");
        SuiteContext.reset();
        SuiteContext excluded = SuiteContext.current();
        assertThat(excluded.backendUrl()).isEqualTo(URI.create("https://backend-staging.example.test"));
        assertThat(excluded.reportLine("docker").orElseThrow().outcome()).isEqualTo(Outcome.EXCLUDED);
        assertThat(excluded.reportLine(Priority250Provider.ID).orElseThrow().outcome()).isEqualTo(Outcome.EXCLUDED);
    }
}
