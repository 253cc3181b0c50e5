package dev.backendconfig.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backendconfig.api.InvalidConfigurationException;
import dev.backendconfig.api.ServiceEndpoint;
import dev.backendconfig.api.ServiceResolver;
import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.api.spi.Service;
import dev.backendconfig.toolkit.InvalidInputException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Provider env with services declared beside the backend: all of them from variables, or an error. */
class EnvServicesTest {

    private final EnvEndpointProvider provider = new EnvEndpointProvider();

    private ProviderResult resolve(Map<String, String> variables, Map<String, String> settings) {
        return provider.resolve(ResolutionContext.builder().environment(variables).settings(settings).build());
    }

    @Test
    void everyServiceFromItsDefaultVariablesGivesAllOfThem() {
        ProviderResult result = resolve(Map.of("TEST_BACKEND_URL", "http://localhost:8002",
                "TEST_AUTH_URL", "http://localhost:8083", "FRONTEND_URL", "http://localhost:3002",
                "FRONTEND_WEBSOCKET_URL", "ws://localhost:3002/hmr"), Map.of("services", "auth,frontend"));
        ProviderResult.Found found = (ProviderResult.Found) result;
        assertThat(found.endpoints()).containsOnlyKeys("backend", "auth", "frontend");
        ServiceEndpoint auth = found.endpoints().get("auth");
        assertThat(auth.service()).isEqualTo("auth");
        assertThat(auth.http()).isEqualTo(URI.create("http://localhost:8083"));
        assertThat(found.endpoints().get("frontend").webSocket()).isEqualTo(URI.create("ws://localhost:3002/hmr"));
        assertThat(found.serviceReasons()).containsEntry("auth", "TEST_AUTH_URL is set; WebSocket URL derived from it")
                .containsEntry("frontend", "FRONTEND_URL and FRONTEND_WEBSOCKET_URL are set");
    }

    @Test
    void aServiceReadsTheVariablesItsSettingNames() {
        ProviderResult result = resolve(Map.of("BACKEND_URL", "http://localhost:8002",
                "E2E_AUTH_SERVICE_URL", "http://auth.local:8083"),
                Map.of("services", "auth", "services.auth.url-variables", "AUTH_SERVICE_URL,E2E_AUTH_SERVICE_URL"));
        assertThat(((ProviderResult.Found) result).endpoints().get("auth").http())
                .isEqualTo(URI.create("http://auth.local:8083"));
    }

    @Test
    void aServicesUrlSystemPropertyWinsOverItsVariablesAsTheMavenPluginsForksReadIt() {
        ProviderResult result = provider.resolve(ResolutionContext.builder()
                .environment(Map.of("TEST_AUTH_URL", "http://localhost:1", "TEST_BACKEND_URL", "http://localhost:1"))
                .systemProperties(Map.of("backendconfig.services", "auth",
                        "backendconfig.url", "http://127.0.0.1:8002",
                        "backendconfig.services.auth.url", "http://127.0.0.1:8083",
                        "backendconfig.services.auth.websocket-url", "ws://127.0.0.1:8084/events"))
                .build());
        ProviderResult.Found found = (ProviderResult.Found) result;
        ServiceEndpoint auth = found.endpoints().get("auth");
        assertThat(auth.http()).isEqualTo(URI.create("http://127.0.0.1:8083"));
        assertThat(auth.webSocket()).isEqualTo(URI.create("ws://127.0.0.1:8084/events"));
        assertThat(found.endpoints().get("backend").http()).isEqualTo(URI.create("http://127.0.0.1:8002"));
        assertThat(found.serviceReasons().get("auth")).startsWith("system property backendconfig.services.auth.url and"
                + " system property backendconfig.services.auth.websocket-url are set");
    }

    @Test
    void aBackendVariableWithoutTheRequiredAuthVariableIsAnErrorNamingWhatIsMissing() {
        assertThatThrownBy(() -> resolve(Map.of("TEST_BACKEND_URL", "http://localhost:8002"),
                Map.of("services", "auth")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("variable TEST_BACKEND_URL: is set, but required service auth has none of TEST_AUTH_URL,"
                        + " AUTH_URL, TEST_AUTH_WEBSOCKET_URL, AUTH_WEBSOCKET_URL set: set one of them, or mark the"
                        + " service optional with services.auth.required=false (tests must not take auth from another"
                        + " environment than the others)");
    }

    @Test
    void everyRequiredServiceMissingIsNamedAtOnce() {
        assertThatThrownBy(() -> resolve(Map.of("TEST_BACKEND_URL", "http://localhost:8002"),
                Map.of("services", "auth,frontend,payments", "services.payments.required", "false")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("variable TEST_BACKEND_URL: is set, but required services auth, frontend have none of their"
                        + " variables set (auth: TEST_AUTH_URL, AUTH_URL, TEST_AUTH_WEBSOCKET_URL, AUTH_WEBSOCKET_URL;"
                        + " frontend: TEST_FRONTEND_URL, FRONTEND_URL, TEST_FRONTEND_WEBSOCKET_URL,"
                        + " FRONTEND_WEBSOCKET_URL): set one for each, or mark them optional with"
                        + " services.auth.required=false, services.frontend.required=false (tests must not take auth,"
                        + " frontend from another environment than the others)");
    }

    @Test
    void aVariableForAMisspeltServiceNameOffersTheServiceNameFirst() {
        assertThatThrownBy(() -> resolve(Map.of("TEST_BACKEND_URL", "http://localhost:8002",
                "TEST_FRONTEND_URL", "http://localhost:3002"), Map.of("services", "fronted")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageEndingWith("(tests must not take fronted from another environment than the others); set but"
                        + " read by no service: TEST_FRONTEND_URL (did you mean service frontend? setting services"
                        + " declares fronted; or else the variable TEST_FRONTED_URL)");
    }

    @Test
    void anAuthVariableWithoutTheBackendIsAnErrorToo() {
        assertThatThrownBy(() -> resolve(Map.of("AUTH_URL", "http://localhost:8083"), Map.of("services", "auth")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("variable AUTH_URL: is set, but required service backend has none of"
                        + " TEST_BACKEND_URL, BACKEND_URL, TEST_WEBSOCKET_URL, WEBSOCKET_URL set: set one of them (");
    }

    @Test
    void anOptionalServiceWithoutVariablesIsMissingNotAnError() {
        ProviderResult result = resolve(Map.of("TEST_BACKEND_URL", "http://localhost:8002"),
                Map.of("services", "frontend", "services.frontend.required", "false"));
        ProviderResult.Found partial = (ProviderResult.Found) result;
        assertThat(partial.endpoints()).containsOnlyKeys("backend");
        assertThat(partial.missing()).containsExactly(Map.entry("frontend",
                "none of TEST_FRONTEND_URL, FRONTEND_URL, TEST_FRONTEND_WEBSOCKET_URL, FRONTEND_WEBSOCKET_URL is set"));
    }

    @Test
    void noVariableOfAnyServiceIsSkippedListingThemAll() {
        assertThat(resolve(Map.of(), Map.of("services", "auth")).reason()).isEqualTo("no variable of any service is"
                + " set (backend: TEST_BACKEND_URL, BACKEND_URL, TEST_WEBSOCKET_URL, WEBSOCKET_URL; auth: TEST_AUTH_URL,"
                + " AUTH_URL, TEST_AUTH_WEBSOCKET_URL, AUTH_WEBSOCKET_URL)");
    }

    @Test
    void theNextStepNamesAVariableForEachRequiredService() {
        assertThat(resolve(Map.of(), Map.of("services", "auth,payments-api,frontend",
                "services.frontend.required", "false")).nextStep()).isEqualTo("set TEST_BACKEND_URL, TEST_AUTH_URL and"
                + " TEST_PAYMENTS_API_URL to the URLs of one environment (the variables each service reads are settings"
                + " env.url-variables and services.<name>.url-variables)");
        assertThat(resolve(Map.of(), Map.of()).nextStep()).isEmpty();
    }

    @Test
    void aServiceNameWithADashBecomesAnUnderscoreInItsVariables() {
        ProviderResult result = resolve(Map.of("TEST_BACKEND_URL", "http://localhost:8002",
                "TEST_PAYMENTS_API_URL", "http://localhost:9000"), Map.of("services", "payments-api"));
        assertThat(((ProviderResult.Found) result).endpoints().get("payments-api").http())
                .isEqualTo(URI.create("http://localhost:9000"));
    }

    @ParameterizedTest(name = "services={0}")
    @CsvSource(delimiter = '|', value = {
        "websocket | websocket | TEST_WEBSOCKET_URL | backend",
        "test-backend | test-backend | TEST_BACKEND_URL | backend",
        "auth,test-auth | test-auth | TEST_AUTH_URL | auth",
        "auth,auth-websocket | auth-websocket | TEST_AUTH_WEBSOCKET_URL | auth",
        "test | test | TEST_WEBSOCKET_URL | backend",
    })
    void aServiceWhoseVariablesWouldBeAnothersIsRefused(String services, String service, String variable, String other) {
        assertThatThrownBy(() -> ServiceResolver.of(List.of(provider)).resolve(ResolutionContext.builder()
                .systemProperties(Map.of("backendconfig.services", services)).build()))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("system property backendconfig.services: setting services: service " + service + " would"
                        + " share variable " + variable + " with service " + other + " (provider env reads "
                        + names(service) + " for service " + service + ", and " + names(other) + " for service " + other
                        + "); give service " + service + " another name");
    }

    /** The variables env reads for a service, as the message lists them. */
    private static String names(String service) {
        String name = service.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
        String webSocket = service.equals("backend") ? "WEBSOCKET" : name + "_WEBSOCKET";
        return "TEST_" + name + "_URL, " + name + "_URL, TEST_" + webSocket + "_URL and " + webSocket + "_URL";
    }

    @Test
    void servicesWhoseNamesOnlyLookAlikeAreAccepted() {
        assertThat(ServiceResolver.of(List.of(provider)).resolve(ResolutionContext.builder()
                .environment(Map.of("TEST_BACKEND_URL", "http://b", "TEST_AUTH_URL", "http://a",
                        "AUTH_API_URL", "http://aa", "WEBSOCKETS_URL", "http://w", "TESTS_URL", "http://t"))
                .systemProperties(Map.of("backendconfig.services", "auth,auth-api,websockets,tests")).build())
                .services()).containsOnlyKeys("backend", "auth", "auth-api", "websockets", "tests");
    }

    @Test
    void theConventionIsWhatTheSettingsDefaultTo() {
        Service auth = new Service("auth", true);
        assertThat(provider.urlVariables(auth)).containsExactly("TEST_AUTH_URL", "AUTH_URL");
        assertThat(provider.webSocketVariables(auth)).containsExactly("TEST_AUTH_WEBSOCKET_URL", "AUTH_WEBSOCKET_URL");
        Service backend = new Service(Service.BACKEND, true);
        assertThat(provider.urlVariables(backend)).containsExactly("TEST_BACKEND_URL", "BACKEND_URL");
        assertThat(provider.webSocketVariables(backend)).containsExactly("TEST_WEBSOCKET_URL", "WEBSOCKET_URL");
    }

    @Test
    void withTwoServicesEachNoteSaysWhichServiceItIsAbout() {
        ProviderResult result = resolve(Map.of("TEST_BACKEND_URL", "http://localhost:8002",
                "BACKEND_URL", "http://localhost:8002", "TEST_AUTH_URL", "http://localhost:8083"),
                Map.of("services", "auth"));
        assertThat(result.notes()).contains("backend: BACKEND_URL is also set, to the same URL");
    }

    @Test
    void theNextStepNamesTheOneRequiredServicesVariableWhenTheOthersAreOptional() {
        ProviderResult result = resolve(Map.of(), Map.of("services", "auth", "services.auth.required", "false"));
        assertThat(result.nextStep()).isEqualTo("set TEST_BACKEND_URL to the URLs of one environment (the variables"
                + " each service reads are settings env.url-variables and services.<name>.url-variables)");
    }

    @Test
    void aServiceGivenOnlyByItsWebSocketVariableIsWhereTheIncompleteConfigurationIsReported() {
        assertThatThrownBy(() -> resolve(Map.of("TEST_WEBSOCKET_URL", "ws://localhost:8002/ws"),
                Map.of("services", "auth")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("variable TEST_WEBSOCKET_URL: is set, but required service auth has none of");
    }

    @Test
    void atMostFiveMisspeltVariablesAreNamed() {
        Map<String, String> variables = new java.util.HashMap<>();
        for (String name : List.of("TEST_BAKEND_URL", "TEST_BACKND_URL", "TEST_BACKEN_URL", "TEST_BCKEND_URL",
                "TEST_BACKEDN_URL", "TEST_BAKCEND_URL", "TEST_BACKEND_ULR")) {
            variables.put(name, "http://localhost:8002");
        }
        ProviderResult result = resolve(variables, Map.of());
        assertThat(result.reason().split("did you mean", -1)).hasSize(6);
    }
}
