/**
 * backend-config's core: the facade tests call ({@code TestContext}, the resolver, its report and its errors) and the
 * contract providers implement ({@code dev.backendconfig.api.spi}). Providers are found with
 * {@link java.util.ServiceLoader}; the {@code internal} packages are not exported, to any module, so that no other
 * module can depend on them. What providers share beyond the contract is the toolkit, {@code dev.backendconfig.toolkit}.
 *
 * @uses dev.backendconfig.api.spi.EndpointProvider the sources that may know where the services are
 * @uses dev.backendconfig.api.spi.SettingsOwner modules that read settings without being providers (the JUnit
 *     extension)
 */
module dev.backendconfig.api {
    requires transitive dev.backendconfig.toolkit;
    requires org.slf4j;

    exports dev.backendconfig.api;
    exports dev.backendconfig.api.spi;

    uses dev.backendconfig.api.spi.EndpointProvider;
    uses dev.backendconfig.api.spi.SettingsOwner;
}
