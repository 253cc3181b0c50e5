package dev.backendconfig.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.backendconfig.toolkit.BackendUrls;
import dev.backendconfig.toolkit.Origin;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServiceEndpointTest {

    private static ServiceEndpoint fromHttp(String http) {
        return ServiceEndpoint.builder("env").http(URI.create(http), Origin.variable("TEST_BACKEND_URL")).build();
    }

    private static ServiceEndpoint fromWebSocket(String webSocket) {
        return ServiceEndpoint.builder("env").webSocket(URI.create(webSocket), Origin.variable("TEST_WEBSOCKET_URL"))
                .build();
    }

    @Test
    void derivesTheWebSocketUrlFromTheHttpOneAndSaysSo() {
        ServiceEndpoint endpoint = fromHttp("https://backend.example.test/api");
        assertThat(endpoint.webSocket()).isEqualTo(URI.create("wss://backend.example.test/api"));
        assertThat(endpoint.origins().get(ServiceEndpoint.WEBSOCKET).kind()).isEqualTo(Origin.Kind.DERIVED);
        assertThat(endpoint.origins().get(ServiceEndpoint.WEBSOCKET).describe())
                .isEqualTo("derived from the HTTP URL (variable TEST_BACKEND_URL)");
    }

    @Test
    void derivesTheHttpOriginFromAWebSocketUrlAlone() {
        ServiceEndpoint endpoint = fromWebSocket("wss://h.example.test/api/ws");
        assertThat(endpoint.http()).isEqualTo(URI.create("https://h.example.test"));
        assertThat(endpoint.origins().get(ServiceEndpoint.WEBSOCKET).kind()).isNotEqualTo(Origin.Kind.DERIVED);
        assertThat(endpoint.origins().get(ServiceEndpoint.HTTP).kind()).isEqualTo(Origin.Kind.DERIVED);
    }

    @Test
    void keepsAnExplicitWebSocketUrlOnAnotherHostAndSaysTheHostsDiffer() {
        ServiceEndpoint endpoint = ServiceEndpoint.builder("staging")
                .http(URI.create("https://backend.example.test"), Origin.file("/r/.env.staging.e2e", 2))
                .webSocket(URI.create("wss://other.example.test/api/v1/websocket"), Origin.file("/r/.env.staging.e2e", 3))
                .build();
        assertThat(endpoint.webSocket()).isEqualTo(URI.create("wss://other.example.test/api/v1/websocket"));
        assertThat(BackendUrls.hostAndPort(endpoint.webSocket())).isNotEqualTo(BackendUrls.hostAndPort(endpoint.http()));
    }

    @ParameterizedTest(name = "{0} + {1} = {2}")
    @CsvSource({
        "ws://h:8002, /ws/chat, ws://h:8002/ws/chat",
        "ws://h:8002, ws/chat, ws://h:8002/ws/chat",
        "ws://h:8002/, /ws/chat, ws://h:8002/ws/chat",
        "wss://h/ws, chat, wss://h/ws/chat",
        "wss://h/ws/, chat, wss://h/ws/chat",
        "ws://h:8002/ws, ws/test, ws://h:8002/ws/test",
        "ws://h:8002/ws, /ws/test, ws://h:8002/ws/test",
        "ws://h:8002/ws/, ws/test, ws://h:8002/ws/test",
        "ws://h:8002/api/ws, ws/chat, ws://h:8002/api/ws/chat",
        "ws://wshost/ws, ws/test, ws://wshost/ws/test",
        "ws://wshost/ws, /ws, ws://wshost/ws",
        "wss://h/api/v1/websocket, /ws/chat, wss://h/ws/chat",
        "ws://h:8002, chat?room=1, ws://h:8002/chat?room=1",
        "ws://h:8002/ws?v=2, chat, ws://h:8002/ws/chat?v=2",
        "ws://h:8002/ws, ../other, ws://h:8002/other",
    })
    void joinsPathsByUriRulesWithoutDoublingASegment(String base, String path, String expected) {
        assertThat(fromWebSocket(base).webSocket(path)).isEqualTo(URI.create(expected));
    }

    @Test
    void anEmptyPathGivesTheBase() {
        assertThat(fromHttp("http://h:8002").webSocket("")).isEqualTo(URI.create("ws://h:8002"));
    }

    @Test
    void refusesToJoinAWholeUrl() {
        assertThatThrownBy(() -> fromHttp("http://h:8002").webSocket("ws://other/ws"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected a path such as /ws/chat or chat, got an absolute URL");
    }

    @Test
    void flagsCredentialsSecretAndNeverShowsThemOrTheUserInfo() {
        ServiceEndpoint endpoint = ServiceEndpoint.builder("staging")
                .http(URI.create("https://e2e:pw-in-url@backend.example.test"), Origin.variable("X"))
                .detail("auth-url", "https://auth.example.test", Origin.variable("STAGING_AUTH_URL"))
                .detail("TEST_USER_PASSWORD", "not-for-logs", Origin.variable("TEST_USER_PASSWORD"))
                .secretDetail("session", "opaque-value", Origin.variable("SESSION"))
                .build();
        assertThat(endpoint.details()).containsEntry("TEST_USER_PASSWORD", "not-for-logs");
        assertThat(endpoint.maskedDetails()).containsExactly(entry("auth-url", "https://auth.example.test"),
                entry("TEST_USER_PASSWORD", "***"), entry("session", "***"));
        assertThat(endpoint.toString())
                .isEqualTo("ServiceEndpoint[source=staging, http=https://***@backend.example.test,"
                        + " webSocket=wss://***@backend.example.test, details={auth-url=https://auth.example.test,"
                        + " TEST_USER_PASSWORD=***, session=***}]");
    }

    @Test
    void equalEndpointsFromEqualParts() {
        assertThat(fromHttp("http://h:8002")).isEqualTo(fromHttp("http://h:8002"))
                .hasSameHashCodeAs(fromHttp("http://h:8002"))
                .isNotEqualTo(fromHttp("http://h:8003"));
    }

    @Test
    void needsAtLeastOneUrlAndTheRightSchemes() {
        assertThatThrownBy(() -> ServiceEndpoint.builder("env").build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("an endpoint needs an HTTP or a WebSocket URL; neither was set");
        assertThatThrownBy(() -> ServiceEndpoint.builder("env").http(URI.create("ws://h"), Origin.variable("X")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("http: expected an absolute http or https URL with a host, got ws://h");
    }
}
