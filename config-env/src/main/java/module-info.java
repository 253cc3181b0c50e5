/**
 * Provider {@code env} (priority 300): the backend's URL from variables and system properties.
 *
 * @provides dev.backendconfig.api.spi.EndpointProvider as {@link dev.backendconfig.env.EnvEndpointProvider}
 */
module dev.backendconfig.env {
    requires dev.backendconfig.api;
    requires dev.backendconfig.toolkit;
    requires org.slf4j;

    exports dev.backendconfig.env;

    provides dev.backendconfig.api.spi.EndpointProvider with dev.backendconfig.env.EnvEndpointProvider;
}
