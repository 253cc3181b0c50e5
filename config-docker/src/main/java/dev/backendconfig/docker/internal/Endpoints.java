package dev.backendconfig.docker.internal;

import dev.backendconfig.api.ServiceEndpoint;
import dev.backendconfig.toolkit.Origin;
import java.net.URI;

/**
 * Endpoints as provider docker builds them: the HTTP URL of a published port, and the WebSocket URL derived from it
 * ({@code http}→{@code ws}, same host and port) with the service's WebSocket path joined on by URI rules — setting
 * {@code docker.websocket-path} ({@code services.<name>.docker.websocket-path}): {@code /ws} gives
 * {@code ws://localhost:8002/ws}, as staging's {@code STAGING_WEBSOCKET_URL} and env's {@code TEST_WEBSOCKET_URL}
 * carry theirs. A service whose setting {@code services.<name>.websocket} is false loses its WebSocket URL in the
 * resolver, as every provider's does.
 */
public final class Endpoints {

    private Endpoints() {
    }

    /** Start a service's endpoint at {@code http}, its WebSocket URL derived with the service's WebSocket path. */
    public static ServiceEndpoint.Builder builder(String providerId, DockerConfig.ServiceTarget target, URI http,
            Origin origin) {
        ServiceEndpoint.Builder builder = ServiceEndpoint.builder(providerId).service(target.service().name())
                .http(http, origin);
        if (!target.webSocketPath().isEmpty()) {
            URI webSocket = ServiceEndpoint.builder(providerId).http(http, origin).build()
                    .webSocket(target.webSocketPath());
            builder.webSocket(webSocket, Origin.derived("the HTTP URL (" + origin.describe() + ") and setting "
                    + target.webSocketPathKey() + "=" + Listing.shown(target.webSocketPath())));
        }
        return builder;
    }
}
