package dev.backendconfig.docker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backendconfig.api.ServiceEndpoint;
import dev.backendconfig.api.spi.Service;
import dev.backendconfig.toolkit.Origin;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** A published port's endpoint: its HTTP URL, and the WebSocket URL derived from it with the service's path. */
class EndpointsTest {

    private static final URI HTTP = URI.create("http://localhost:8002");

    @Test
    void withoutAWebSocketPathTheWebSocketUrlIsTheHttpUrlsOwnDerivation() {
        ServiceEndpoint endpoint = Endpoints.builder("docker", new DockerConfig.ServiceTarget(new Service("auth",
                true), "", 0, ""), HTTP, Origin.other("container shop-auth-1")).build();
        assertThat(endpoint.service()).isEqualTo("auth");
        assertThat(endpoint.http()).isEqualTo(HTTP);
        assertThat(endpoint.webSocket()).isEqualTo(URI.create("ws://localhost:8002"));
        assertThat(endpoint.origins().get(ServiceEndpoint.WEBSOCKET)).isNotEqualTo(Origin.derived("the HTTP URL"
                + " (container shop-auth-1) and setting services.auth.docker.websocket-path="));
    }

    @Test
    void aWebSocketPathIsJoinedOnAndTheOriginNamesItsSetting() {
        ServiceEndpoint endpoint = Endpoints.builder("docker", new DockerConfig.ServiceTarget(new Service("auth",
                true), "", 0, "/ws"), HTTP, Origin.other("container shop-auth-1")).build();
        assertThat(endpoint.webSocket()).isEqualTo(URI.create("ws://localhost:8002/ws"));
        assertThat(endpoint.origins().get(ServiceEndpoint.WEBSOCKET)).isEqualTo(Origin.derived("the HTTP URL"
                + " (container shop-auth-1) and setting services.auth.docker.websocket-path=/ws"));
    }
}
