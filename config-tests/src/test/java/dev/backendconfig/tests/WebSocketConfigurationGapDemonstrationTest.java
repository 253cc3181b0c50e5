package dev.backendconfig.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backendconfig.tests.support.ConfigurationScenario;
import dev.backendconfig.tests.support.SuiteContext;
import java.io.IOException;
import java.net.URI;
import org.junit.jupiter.api.Test;

/**
 * Group 4 of the plan: the two gaps the library closes. Both fail against the pre-fix context
 * ({@code -Dbackendconfig.tests.legacy=true}), which says {@code http://localhost:8000} in each case.
 */
class WebSocketConfigurationGapDemonstrationTest extends ConfigurationScenario {

    @Test
    void theDockerAlpineTestPortMappingGap() {
        variables.set("ALPINE_TEST_BACKEND_PORT", "8002");
        variables.set("TEST_BACKEND_URL", "http://localhost:8002");
        SuiteContext context = SuiteContext.current();
        assertThat(context.backendUrl()).isEqualTo(URI.create("http://localhost:8002"))
                .isNotEqualTo(URI.create("http://localhost:8000"));
        assertThat(context.webSocketUrl("/ws/chat")).isEqualTo(URI.create("ws://localhost:8002/ws/chat"));
    }

    @Test
    void theStagingFallbackVariableMappingGap() throws IOException {
        writeStagingFile();
        SuiteContext context = SuiteContext.current();
        assertThat(context.backendUrl()).isEqualTo(URI.create("https://backend-staging.example.test"))
                .isNotEqualTo(URI.create("http://localhost:8000"));
        assertThat(context.webSocketUrl()).isEqualTo(URI.create("wss://backend-staging.example.test/ws"));
    }
}
