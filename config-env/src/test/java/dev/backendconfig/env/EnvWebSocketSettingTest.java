package dev.backendconfig.env;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backendconfig.api.ServiceEndpoint;
import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.toolkit.Origin;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Setting {@code websocket-url} sets the backend's WebSocket URL and wins over the WebSocket variables. */
class EnvWebSocketSettingTest {

    private final EnvEndpointProvider provider = new EnvEndpointProvider();

    @Test
    void theWebSocketUrlSettingBeatsTheWebSocketVariables() {
        ProviderResult result = provider.resolve(ResolutionContext.builder()
                .systemProperties(Map.of("backendconfig.websocket-url", "ws://127.0.0.1:9999/socket"))
                .environment(Map.of("TEST_BACKEND_URL", "http://localhost:8002",
                        "TEST_WEBSOCKET_URL", "ws://localhost:8002/ws")).build());
        ServiceEndpoint endpoint = ((ProviderResult.Found) result).endpoint();
        assertThat(endpoint.http()).isEqualTo(URI.create("http://localhost:8002"));
        assertThat(endpoint.webSocket()).isEqualTo(URI.create("ws://127.0.0.1:9999/socket"));
        assertThat(endpoint.origins())
                .containsEntry(ServiceEndpoint.WEBSOCKET, Origin.systemProperty("backendconfig.websocket-url"));
        assertThat(result.notes()).containsExactly("system property backendconfig.websocket-url wins over"
                + " TEST_WEBSOCKET_URL, which is set to a different URL (localhost:8002 instead of 127.0.0.1:9999)");
    }

    @Test
    void theWebSocketUrlSettingAloneGivesTheHttpOrigin() {
        ProviderResult result = provider.resolve(ResolutionContext.builder()
                .settings(Map.of("websocket-url", "wss://backend.example.test/ws")).environment(Map.of()).build());
        ServiceEndpoint endpoint = ((ProviderResult.Found) result).endpoint();
        assertThat(endpoint.webSocket()).isEqualTo(URI.create("wss://backend.example.test/ws"));
        assertThat(endpoint.http()).isEqualTo(URI.create("https://backend.example.test"));
    }
}
