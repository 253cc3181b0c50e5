/**
 * Provider {@code docker} (priority 200): the host port a running compose service really publishes, asked of the
 * Docker Engine API, or predicted from the compose file when the engine cannot be reached. Its {@code internal}
 * packages (engine, transport, tls, json, compose, discovery) are not exported.
 *
 * @provides dev.backendconfig.api.spi.EndpointProvider as
 *     {@link dev.backendconfig.docker.DockerEndpointProvider}
 */
module dev.backendconfig.docker {
    requires dev.backendconfig.api;
    requires dev.backendconfig.toolkit;
    requires org.slf4j;
    requires org.snakeyaml.engine;

    exports dev.backendconfig.docker;

    provides dev.backendconfig.api.spi.EndpointProvider with dev.backendconfig.docker.DockerEndpointProvider;
}
