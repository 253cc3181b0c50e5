/**
 * backend-config's core: the resolver and its report, {@code TestContext}, settings, probes, and the SPI that
 * providers implement. Providers are found with {@link java.util.ServiceLoader}; the {@code internal} packages are
 * not exported, so that no other module can depend on them.
 *
 * @uses dev.backendconfig.api.spi.BackendEndpointProvider the sources that may know where the backend is
 * @uses dev.backendconfig.api.spi.SettingsContributor modules that read settings without being providers
 */
module dev.backendconfig.api {
    requires org.slf4j;

    exports dev.backendconfig.api;
    exports dev.backendconfig.api.spi;
    exports dev.backendconfig.api.dotenv;

    uses dev.backendconfig.api.spi.BackendEndpointProvider;
    uses dev.backendconfig.api.spi.SettingsContributor;
}
