package dev.backendconfig.tests;

import static dev.backendconfig.testsupport.Recorded.id;
import static dev.backendconfig.testsupport.Recorded.inspection;
import static dev.backendconfig.testsupport.Recorded.list;
import static dev.backendconfig.testsupport.Recorded.listEntry;
import static dev.backendconfig.testsupport.Recorded.startedFrom;
import static dev.backendconfig.testsupport.Recorded.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.backendconfig.testsupport.FakeDockerEngine;
import dev.backendconfig.tests.support.ConfigurationScenario;
import dev.backendconfig.tests.support.SuiteContext;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Group 4 of the plan: the two gaps the library closes. Both fail against the pre-fix context
 * ({@code -Dbackendconfig.tests.legacy=true}), which says {@code http://localhost:8000} in each case.
 */
class WebSocketConfigurationGapDemonstrationTest extends ConfigurationScenario {

    /**
     * The project's compose file publishes the backend with {@code "${ALPINE_TEST_BACKEND_PORT:-8002}:8000"}, no URL
     * variable is set, and a backend really runs: the context must give the port Docker published, never 8000.
     * Docker running: the engine answers with the stack's container as compose started it from the default (8000 on
     * 8002, recorded from a real engine), so 8002 is proven without binding it. Docker stopped, with the variable
     * naming a port chosen free now where a backend listens: the port is predicted from the compose file and the
     * probe finds the backend there.
     */
    @Test
    void theDockerAlpineTestPortMappingGap() throws IOException {
        java.nio.file.Path compose = writeAlpineCompose();
        setting("docker.compose-file", "docker/docker-compose.alpine-test.yml");
        FakeDockerEngine engine = engine();
        Map<String, Object> alpine = startedFrom(listEntry("alpine-test-backend"), compose.getParent(), compose);
        engine.containers(list(alpine)).inspect(id(alpine), text(inspection("alpine")));

        SuiteContext running = SuiteContext.current();
        assertThat(running.backendUrl()).isEqualTo(URI.create("http://localhost:8002"));
        assertThat(running.webSocketUrl("/ws/chat")).isEqualTo(URI.create("ws://localhost:8002/ws/chat"));

        engine.close();
        int port = listeningBackend().port();
        variables.set("ALPINE_TEST_BACKEND_PORT", Integer.toString(port));
        SuiteContext.reset();
        SuiteContext stopped = SuiteContext.current();
        assertThat(stopped.backendUrl()).isEqualTo(URI.create("http://localhost:" + port));
        assertThat(stopped.webSocketUrl("/ws/chat")).isEqualTo(URI.create("ws://localhost:" + port + "/ws/chat"));
    }

    @Test
    void theStagingFallbackVariableMappingGap() throws IOException {
        writeStagingFile();
        SuiteContext context = SuiteContext.current();
        assertThat(context.backendUrl()).isEqualTo(URI.create("https://backend-staging.example.test"));
        assertThat(context.webSocketUrl()).isEqualTo(URI.create("wss://backend-staging.example.test/ws"));
    }
}
