package dev.backendconfig.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backendconfig.toolkit.Origin;
import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** What {@link ServiceEndpoint.Builder} refuses, and how an endpoint compares and describes itself. */
class ServiceEndpointBuilderTest {

    private static final Origin ORIGIN = Origin.variable("X");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"http://h:8002/ws", "https://h/ws", "ws:relative", "/ws", "ws:///ws"})
    void aWebSocketUrlMustBeAbsoluteWsOrWssWithAHost(String url) {
        assertThatThrownBy(() -> ServiceEndpoint.builder("env").webSocket(URI.create(url), ORIGIN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("webSocket: expected an absolute ws or wss URL with a host, got " + url);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ws://h:8002", "http:relative", "/api", "http:///api"})
    void anHttpUrlMustBeAbsoluteHttpOrHttpsWithAHost(String url) {
        assertThatThrownBy(() -> ServiceEndpoint.builder("env").http(URI.create(url), ORIGIN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("http: expected an absolute http or https URL with a host, got " + url);
    }

    @Test
    void aRefusedUrlIsQuotedWithItsPasswordMasked() {
        assertThatThrownBy(() -> ServiceEndpoint.builder("env")
                .webSocket(URI.create("http://user:s3cr3t@h/ws"), ORIGIN))
                .hasMessage("webSocket: expected an absolute ws or wss URL with a host, got http://***@h/ws");
    }

    @ParameterizedTest(name = "[{0}]")
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\t"})
    void theSourceTheServiceAndADetailNameMustNotBeBlank(String blank) {
        assertThatThrownBy(() -> ServiceEndpoint.builder(blank)).hasMessage("source must not be blank");
        assertThatThrownBy(() -> ServiceEndpoint.builder("env").service(blank)).hasMessage("service must not be blank");
        assertThatThrownBy(() -> ServiceEndpoint.builder("env").detail(blank, "v", ORIGIN))
                .hasMessage("name must not be blank");
    }

    @Test
    void endpointsDifferingInOnePartAreNotEqual() {
        ServiceEndpoint endpoint = endpoint("env", "backend", "v");
        assertThat(endpoint).isEqualTo(endpoint("env", "backend", "v"))
                .hasSameHashCodeAs(endpoint("env", "backend", "v"))
                .isNotEqualTo(endpoint("docker", "backend", "v"))
                .isNotEqualTo(endpoint("env", "chat", "v"))
                .isNotEqualTo(endpoint("env", "backend", "w"))
                .isNotEqualTo("not an endpoint");
        assertThat(endpoint.hashCode()).isNotEqualTo(endpoint("env", "backend", "w").hashCode());
    }

    @Test
    void aServiceOtherThanTheBackendIsNamedInTheDescription() {
        assertThat(endpoint("env", "backend", "v"))
                .hasToString("ServiceEndpoint[source=env, http=http://h:8002, webSocket=ws://h:8002, details={d=v}]");
        assertThat(endpoint("env", "chat", "v")).hasToString(
                "ServiceEndpoint[service=chat, source=env, http=http://h:8002, webSocket=ws://h:8002, details={d=v}]");
        assertThat(ServiceEndpoint.builder("env").http(URI.create("http://h:8002"), ORIGIN).build())
                .hasToString("ServiceEndpoint[source=env, http=http://h:8002, webSocket=ws://h:8002]");
    }

    @Test
    void anEndpointWithoutAWebSocketUrlSaysSoAndNeedsAnHttpUrl() {
        ServiceEndpoint httpOnly = ServiceEndpoint.builder("env").http(URI.create("http://h:8002"), ORIGIN)
                .withoutWebSocket("setting services.backend.websocket=false").build();
        assertThat(httpOnly).hasToString("ServiceEndpoint[source=env, http=http://h:8002, webSocket=(none)]");
        assertThatThrownBy(() -> ServiceEndpoint.builder("env").webSocket(URI.create("ws://h:8002"), ORIGIN)
                .withoutWebSocket("setting services.backend.websocket=false").build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("an endpoint without a WebSocket URL needs an HTTP URL");
    }

    @Test
    void aDetailIsFoundByNameWithItsOrigin() {
        ServiceEndpoint endpoint = endpoint("env", "backend", "v");
        assertThat(endpoint.detail("d")).contains("v");
        assertThat(endpoint.detail("other")).isEmpty();
        assertThat(endpoint.origins()).containsEntry("d", Origin.variable("D"));
    }

    private static ServiceEndpoint endpoint(String source, String service, String detail) {
        return ServiceEndpoint.builder(source).service(service).http(URI.create("http://h:8002"), ORIGIN)
                .detail("d", detail, Origin.variable("D")).build();
    }
}
