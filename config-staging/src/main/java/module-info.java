/**
 * Provider {@code staging} (priority 100): the shared staging deployment described by a dotenv file, as the last
 * resort.
 *
 * @provides dev.backendconfig.api.spi.EndpointProvider as
 *     {@link dev.backendconfig.staging.StagingEndpointProvider}
 */
module dev.backendconfig.staging {
    requires dev.backendconfig.api;
    requires dev.backendconfig.toolkit;
    requires org.slf4j;

    exports dev.backendconfig.staging;

    provides dev.backendconfig.api.spi.EndpointProvider with dev.backendconfig.staging.StagingEndpointProvider;
}
