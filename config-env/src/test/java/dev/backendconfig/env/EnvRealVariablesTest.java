package dev.backendconfig.env;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backendconfig.api.Resolution;
import dev.backendconfig.api.ResolutionReport.Outcome;
import dev.backendconfig.api.ServiceResolver;
import dev.backendconfig.testsupport.CallerEnvironment;
import java.net.URI;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import uk.org.webcompere.systemstubs.environment.EnvironmentVariables;
import uk.org.webcompere.systemstubs.jupiter.SystemStub;
import uk.org.webcompere.systemstubs.jupiter.SystemStubsExtension;
import uk.org.webcompere.systemstubs.properties.SystemProperties;

/** The real-variable path: the process's own environment and system properties, through ServiceLoader. */
@ExtendWith(SystemStubsExtension.class)
class EnvRealVariablesTest {

    @SystemStub
    private EnvironmentVariables variables = new EnvironmentVariables();

    @SystemStub
    private SystemProperties properties;

    @BeforeEach
    void removeTheCallersVariables() {
        CallerEnvironment.present().forEach(variables::remove);
    }

    @Test
    void readsTestBackendUrlFromTheRealEnvironment() {
        variables.set("TEST_BACKEND_URL", "http://localhost:8002");
        Resolution resolution = ServiceResolver.create().resolve();
        assertThat(resolution.endpoint().http()).isEqualTo(URI.create("http://localhost:8002"));
        assertThat(resolution.endpoint().webSocket()).isEqualTo(URI.create("ws://localhost:8002"));
        assertThat(resolution.report().line("env").orElseThrow().outcome()).isEqualTo(Outcome.FOUND);
    }

    @Test
    void theSystemPropertyBeatsTheRealVariables() {
        variables.set("TEST_BACKEND_URL", "http://localhost:8002");
        properties.set("backendconfig.url", "http://127.0.0.1:8010");
        assertThat(ServiceResolver.create().resolve().endpoint().http()).isEqualTo(URI.create("http://127.0.0.1:8010"));
    }

    @Test
    void aSettingVariableChangesTheNamesRead() {
        variables.set("BACKENDCONFIG_ENV_URL_VARIABLES", "E2E_BACKEND_URL");
        variables.set("E2E_BACKEND_URL", "http://localhost:8003");
        Resolution resolution = ServiceResolver.create().resolve();
        assertThat(resolution.endpoint().http()).isEqualTo(URI.create("http://localhost:8003"));
        assertThat(resolution.report().notes())
                .contains("setting env.url-variables=E2E_BACKEND_URL (variable BACKENDCONFIG_ENV_URL_VARIABLES)");
    }
}
