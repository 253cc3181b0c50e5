package dev.backendconfig.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.backendconfig.api.InvalidConfigurationException;
import dev.backendconfig.api.ServiceEndpoint;
import dev.backendconfig.testkit.RecordingLogs;
import dev.backendconfig.tests.support.ConfigurationScenario;
import dev.backendconfig.tests.support.SuiteContext;
import dev.backendconfig.testsupport.AlpineStack;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Group 1 of the plan, unit: how variables and files become the backend's URLs, each read the way a suite reads it
 * ({@link SuiteContext}).
 */
class WebSocketConfigurationResolutionTest extends ConfigurationScenario {

    @Test
    void testBackendUrlAloneMapsToTheBackendUrl() {
        variables.set("TEST_BACKEND_URL", "http://localhost:8002");
        assertThat(SuiteContext.current().backendUrl()).isEqualTo(URI.create("http://localhost:8002"));
    }

    @Test
    void backendUrlAloneMapsToTheBackendUrl() {
        variables.set("BACKEND_URL", "http://localhost:8002");
        assertThat(SuiteContext.current().backendUrl()).isEqualTo(URI.create("http://localhost:8002"));
    }

    @Test
    void bothSetTheTestSpecificOneWinsAndTheReportSaysSo() {
        variables.set("TEST_BACKEND_URL", "http://localhost:8002");
        variables.set("BACKEND_URL", "http://localhost:8000");
        SuiteContext context = SuiteContext.current();
        assertThat(context.backendUrl()).isEqualTo(URI.create("http://localhost:8002"));
        assertThat(context.report()).contains("note: TEST_BACKEND_URL wins over BACKEND_URL, which is set to a different"
                + " URL (localhost:8000 instead of localhost:8002)");
    }

    @Test
    void anEmptyTestBackendUrlCountsAsUnset() {
        variables.set("TEST_BACKEND_URL", "");
        variables.set("BACKEND_URL", "http://localhost:8002");
        assertThat(SuiteContext.current().backendUrl()).isEqualTo(URI.create("http://localhost:8002"));
    }

    @Test
    void theWebSocketUrlIsBuiltFromHttpAndHttpsWithAndWithoutAPath() {
        Map<String, String> expected = Map.of(
                "http://localhost:8002", "ws://localhost:8002",
                "http://localhost:8002/api", "ws://localhost:8002/api",
                "https://backend.example.test", "wss://backend.example.test",
                "https://backend.example.test/api", "wss://backend.example.test/api");
        expected.forEach((http, webSocket) -> {
            SuiteContext.reset();
            variables.set("BACKEND_URL", http);
            assertThat(SuiteContext.current().webSocketUrl()).as("from %s", http).isEqualTo(URI.create(webSocket));
        });
    }

    @Test
    void anExplicitWebSocketUrlOnAnotherHostAndPathIsKept() {
        variables.set("BACKEND_URL", "https://api.example.test");
        variables.set("WEBSOCKET_URL", "wss://realtime.example.test/api/v1/websocket");
        SuiteContext context = SuiteContext.current();
        assertThat(context.backendUrl()).isEqualTo(URI.create("https://api.example.test"));
        assertThat(context.webSocketUrl()).isEqualTo(URI.create("wss://realtime.example.test/api/v1/websocket"));
    }

    @Test
    void joiningEndpointPathsNeverDoublesASegment() {
        variables.set("BACKEND_URL", "http://localhost:8002");
        SuiteContext bare = SuiteContext.current();
        assertThat(bare.webSocketUrl("/ws/chat")).isEqualTo(URI.create("ws://localhost:8002/ws/chat"));
        assertThat(bare.webSocketUrl("ws/test")).isEqualTo(URI.create("ws://localhost:8002/ws/test"));

        SuiteContext.reset();
        variables.set("BACKEND_URL", "http://localhost:8002/ws");
        SuiteContext withPath = SuiteContext.current();
        assertThat(withPath.webSocketUrl("/ws/chat")).isEqualTo(URI.create("ws://localhost:8002/ws/chat"));
        assertThat(withPath.webSocketUrl("ws/test")).isEqualTo(URI.create("ws://localhost:8002/ws/test"));
    }

    @Test
    void theSystemPropertyBeatsEveryVariable() {
        variables.set("TEST_BACKEND_URL", "http://localhost:8002");
        variables.set("BACKEND_URL", "http://localhost:8000");
        properties.set("backendconfig.url", "http://127.0.0.1:8010");
        assertThat(SuiteContext.current().backendUrl()).isEqualTo(URI.create("http://127.0.0.1:8010"));
    }

    @Test
    void aMalformedValueFailsNamingTheVariable() {
        variables.set("BACKEND_URL", "localhost:8002");
        assertThatThrownBy(() -> SuiteContext.current().backendUrl())
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("variable BACKEND_URL: expected an absolute http or https URL such as"
                        + " http://localhost:8002, got a value without a scheme");
    }

    @Test
    void stagingValuesAreLoadedFromTheEnvFile() throws IOException {
        Path file = writeStagingFile();
        SuiteContext context = SuiteContext.current();
        assertThat(context.backendUrl()).isEqualTo(URI.create("https://backend-staging.example.test"));
        assertThat(context.webSocketUrl()).isEqualTo(URI.create("wss://backend-staging.example.test/ws"));
        assertThat(context.details()).containsEntry("api-url", "https://backend-staging.example.test/api")
                .containsEntry("auth-url", "https://auth-staging.example.test")
                .containsEntry("TEST_USER_EMAIL", "e2e@example.test").containsEntry("ENVIRONMENT", "staging");
        assertThat(context.reportLine("staging").orElseThrow().origins().get(ServiceEndpoint.HTTP).describe()).isEqualTo(file + ":2");
    }

    @Test
    void theDockerPortMappingIsDetectedFromTheComposeFile() throws IOException {
        Path compose = writeAlpineCompose();
        setting("docker.compose-file", "docker/docker-compose.alpine-test.yml");
        int port = listeningBackend().port();
        variables.set("ALPINE_TEST_BACKEND_PORT", Integer.toString(port));
        SuiteContext predicted = SuiteContext.current();
        assertThat(predicted.backendUrl()).isEqualTo(URI.create("http://localhost:" + port));
        assertThat(predicted.reportLine("docker").orElseThrow().reason())
                .startsWith("UNCONFIRMED: predicted http://localhost:" + port + " for service alpine-test-backend from "
                        + compose + ":" + AlpineStack.PORTS_LINE);
    }

    @Test
    void credentialsAreNeverShown() throws IOException {
        writeStagingFile();
        SuiteContext context = SuiteContext.current();
        assertThat(context.details()).as("available to the login step").containsEntry("TEST_USER_PASSWORD",
                "not-for-logs");
        Files.writeString(repository.resolve(".env.staging.e2e"), STAGING_FILE + "STAGING_BASE_URL=${NOT_SET:?set it}\n");
        SuiteContext.reset();
        Throwable broken = catchThrowable(() -> SuiteContext.current().backendUrl());
        assertThat(broken).isInstanceOf(InvalidConfigurationException.class);
        StringWriter trace = new StringWriter();
        broken.printStackTrace(new PrintWriter(trace));
        assertThat(List.of(context.toString(), context.report(), broken.getMessage(), trace.toString(),
                RecordingLogs.text())).noneMatch(shown -> shown.contains("not-for-logs"));
    }
}
