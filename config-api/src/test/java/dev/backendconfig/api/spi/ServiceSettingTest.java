package dev.backendconfig.api.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which setting a service reads for a per-service setting: its key, its default, and the backend's own setting. */
class ServiceSettingTest {

    private static final Service AUTH = new Service("auth-api", true);
    private static final Service BACKEND = new Service(Service.BACKEND, true);

    @Test
    void aServiceReadsItsOwnKeyWithTheDefaultNamingItAndTheBackendReadsItsOwnSetting() {
        Setting<List<String>> backendVariables = Setting.list("acme.url-variables", "TEST_BACKEND_URL", "Variables.");
        ServiceSetting<List<String>> variables = ServiceSetting.list("url-variables", backendVariables,
                "TEST_<NAME>_URL,<NAME>_URL", "Variables.");
        Setting<List<String>> auth = variables.forService(AUTH);
        assertThat(auth.key()).isEqualTo("services.auth-api.url-variables");
        assertThat(auth.defaultValue()).contains("TEST_AUTH_API_URL,AUTH_API_URL");
        assertThat(variables.forService(BACKEND)).isSameAs(backendVariables);
        assertThat(variables.backendSetting()).containsSame(backendVariables);
    }

    @Test
    void withoutABackendSettingTheBackendReadsItsPerServiceKeyAndWithoutATemplateNoDefault() {
        ServiceSetting<String> path = ServiceSetting.text("health-path", null, "Health path.");
        assertThat(path.backendSetting()).isEmpty();
        assertThat(path.forService(BACKEND).key()).isEqualTo("services.backend.health-path");
        assertThat(path.forService(AUTH).key()).isEqualTo("services.auth-api.health-path");
        assertThat(path.forService(AUTH).defaultValue()).isEmpty();
    }

    @Test
    void aPerServiceFlagHasItsDefaultForEveryService() {
        ServiceSetting<Boolean> optional = ServiceSetting.flag("optional", null, false, "Optional.");
        Setting<Boolean> auth = optional.forService(AUTH);
        assertThat(auth.key()).isEqualTo("services.auth-api.optional");
        assertThat(auth.parsedDefault()).contains(false);
    }

    @Test
    void aPerServiceWholeNumberTakesItsBoundsForEveryService() {
        ServiceSetting<Integer> port = ServiceSetting.integer("container-port", null, 1, 65535, "Port.");
        Setting<Integer> auth = port.forService(AUTH);
        assertThat(auth.key()).isEqualTo("services.auth-api.container-port");
        assertThat(auth.parse("65535", dev.backendconfig.toolkit.Origin.other("a test"))).isEqualTo(65535);
        assertThat(auth.defaultValue()).isEmpty();
    }
}
