/**
 * The JUnit Jupiter extension: {@code @BackendTest}, injection of the backend's endpoint and URLs, fail or skip when
 * there is none, and probes before tests that need a reachable backend.
 *
 * @provides dev.backendconfig.api.spi.SettingsOwner as the declaration of setting {@code junit.on-missing}
 */
module dev.backendconfig.junit {
    requires transitive dev.backendconfig.api;
    requires dev.backendconfig.toolkit;
    requires transitive org.junit.jupiter.api;

    exports dev.backendconfig.junit;

    provides dev.backendconfig.api.spi.SettingsOwner with dev.backendconfig.junit.internal.JunitSettings;
}
