package dev.backendconfig.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backendconfig.api.ServiceEndpoint;
import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.testkit.RecordingLogs;
import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.toolkit.Origin;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.event.Level;

class EnvEndpointProviderTest {

    private final EnvEndpointProvider provider = new EnvEndpointProvider();

    private ProviderResult resolve(Map<String, String> variables) {
        return provider.resolve(ResolutionContext.builder().environment(variables).build());
    }

    private ServiceEndpoint found(Map<String, String> variables) {
        ProviderResult result = resolve(variables);
        assertThat(result).isInstanceOf(ProviderResult.Found.class);
        return ((ProviderResult.Found) result).endpoint();
    }

    @Test
    void testBackendUrlAloneGivesHttpAndDerivedWebSocket() {
        ProviderResult result = resolve(Map.of("TEST_BACKEND_URL", "http://localhost:8002"));
        ServiceEndpoint endpoint = ((ProviderResult.Found) result).endpoint();
        assertThat(endpoint.http()).isEqualTo(URI.create("http://localhost:8002"));
        assertThat(endpoint.webSocket()).isEqualTo(URI.create("ws://localhost:8002"));
        assertThat(endpoint.origins()).containsEntry(ServiceEndpoint.HTTP, Origin.variable("TEST_BACKEND_URL"));
        assertThat(result.reason()).isEqualTo("TEST_BACKEND_URL is set; WebSocket URL derived from it");
        assertThat(result.notes()).isEmpty();
    }

    @Test
    void onlyAMisspeltVariableSetIsSkippedSayingSoAndWhichNameWasMeant() {
        ProviderResult result = resolve(Map.of("TEST_BAKEND_URL", "http://localhost:8002", "HOME", "/home/e2e"));
        assertThat(result).isInstanceOf(ProviderResult.Skipped.class);
        assertThat(result.reason()).isEqualTo("none of TEST_BACKEND_URL, BACKEND_URL, TEST_WEBSOCKET_URL, WEBSOCKET_URL"
                + " is set; set but read by no service: TEST_BAKEND_URL (did you mean TEST_BACKEND_URL?)");
        assertThat(result.nextStep()).isEqualTo("fix the misspelt name: TEST_BAKEND_URL (did you mean"
                + " TEST_BACKEND_URL?)");
    }

    @Test
    void aMisspeltVariableSetEmptyCountsAsUnsetAndIsNotNamed() {
        assertThat(resolve(Map.of("TEST_BAKEND_URL", " ")).reason()).isEqualTo("none of TEST_BACKEND_URL, BACKEND_URL,"
                + " TEST_WEBSOCKET_URL, WEBSOCKET_URL is set");
    }

    @Test
    void backendUrlAloneIsTakenToo() {
        assertThat(found(Map.of("BACKEND_URL", "https://backend.example.test")).webSocket())
                .isEqualTo(URI.create("wss://backend.example.test"));
    }

    @Test
    void theTestSpecificVariableWinsAndTheConflictIsReportedAndWarned() {
        RecordingLogs.clear();
        ProviderResult result = resolve(Map.of("TEST_BACKEND_URL", "http://localhost:8002",
                "BACKEND_URL", "http://localhost:8000"));
        assertThat(((ProviderResult.Found) result).endpoint().http()).isEqualTo(URI.create("http://localhost:8002"));
        String conflict = "TEST_BACKEND_URL wins over BACKEND_URL, which is set to a different URL"
                + " (localhost:8000 instead of localhost:8002)";
        assertThat(result.notes()).containsExactly(conflict);
        assertThat(RecordingLogs.events(Level.WARN)).extracting(RecordingLogs.Event::message).containsExactly(conflict);
    }

    @Test
    void twoVariablesWithTheSameUrlAreNotedWithoutAWarning() {
        RecordingLogs.clear();
        ProviderResult result = resolve(Map.of("TEST_BACKEND_URL", "http://localhost:8002",
                "BACKEND_URL", "http://localhost:8002/"));
        assertThat(result.notes()).containsExactly("BACKEND_URL is also set, to the same URL");
        assertThat(RecordingLogs.events(Level.WARN)).isEmpty();
    }

    @Test
    void anEmptyTestBackendUrlCountsAsUnset() {
        ProviderResult result = resolve(Map.of("TEST_BACKEND_URL", "", "BACKEND_URL", "http://localhost:8002"));
        assertThat(((ProviderResult.Found) result).endpoint().http()).isEqualTo(URI.create("http://localhost:8002"));
        assertThat(result.reason()).isEqualTo("BACKEND_URL is set; WebSocket URL derived from it");
        assertThat(result.notes()).isEmpty();
    }

    @Test
    void theUrlSettingBeatsEveryVariable() {
        ProviderResult result = provider.resolve(ResolutionContext.builder()
                .systemProperties(Map.of("backendconfig.url", "http://127.0.0.1:9999"))
                .environment(Map.of("TEST_BACKEND_URL", "http://localhost:8002")).build());
        assertThat(((ProviderResult.Found) result).endpoint().http()).isEqualTo(URI.create("http://127.0.0.1:9999"));
        assertThat(result.reason()).isEqualTo("system property backendconfig.url is set; WebSocket URL derived from it");
        assertThat(result.notes()).containsExactly("system property backendconfig.url wins over TEST_BACKEND_URL, which is"
                + " set to a different URL (localhost:8002 instead of 127.0.0.1:9999)");
    }

    @Test
    void theVariableNamesAreASetting() {
        ProviderResult result = provider.resolve(ResolutionContext.builder()
                .settings(Map.of("env.url-variables", "E2E_BACKEND_URL,NETRA_BACKEND_URL"))
                .environment(Map.of("NETRA_BACKEND_URL", "http://netra.localhost:8010",
                        "TEST_BACKEND_URL", "http://ignored:1")).build());
        assertThat(((ProviderResult.Found) result).endpoint().http()).isEqualTo(URI.create("http://netra.localhost:8010"));
    }

    @Test
    void anExplicitWebSocketUrlOnAnotherHostAndPathIsKept() {
        ProviderResult result = resolve(Map.of("TEST_BACKEND_URL", "https://api.example.test",
                "TEST_WEBSOCKET_URL", "wss://realtime.example.test/api/v1/websocket"));
        ServiceEndpoint endpoint = ((ProviderResult.Found) result).endpoint();
        assertThat(endpoint.webSocket()).isEqualTo(URI.create("wss://realtime.example.test/api/v1/websocket"));
        assertThat(endpoint.origins().get(ServiceEndpoint.WEBSOCKET).kind()).isNotEqualTo(Origin.Kind.DERIVED);
        assertThat(result.reason()).isEqualTo("TEST_BACKEND_URL and TEST_WEBSOCKET_URL are set");
    }

    @Test
    void aWebSocketVariableAloneGivesItsOriginAsHttp() {
        ProviderResult result = resolve(Map.of("WEBSOCKET_URL", "wss://h.example.test/api/ws"));
        ServiceEndpoint endpoint = ((ProviderResult.Found) result).endpoint();
        assertThat(endpoint.http()).isEqualTo(URI.create("https://h.example.test"));
        assertThat(result.reason()).isEqualTo("WEBSOCKET_URL is set; HTTP URL is its origin");
    }

    @Test
    void nothingSetIsSkippedNamingEveryVariable() {
        assertThat(resolve(Map.of("BACKEND_URL", "  ")))
                .isEqualTo(ProviderResult.skipped("none of TEST_BACKEND_URL, BACKEND_URL, TEST_WEBSOCKET_URL,"
                        + " WEBSOCKET_URL is set"));
    }

    @ParameterizedTest(name = "BACKEND_URL={0}")
    @CsvSource(delimiter = '|', value = {
        "localhost:8002 | got a value without a scheme (write http://host:port)",
        "http:// | got a URL without a host",
        "http://host:0 | got port 0, outside 1-65535",
        "http://host:65536 | got port 65536, outside 1-65535",
        "http://host:abc | got a port that is not a number (what follows ':' must be 1 to 65535; a password belongs before an '@')",
        "ftp://host | got scheme 'ftp'",
        "'http://local host:8002' | got a value with a space at character 13 (a URL cannot contain one; encode a space"
                + " as %20)",
    })
    void aMalformedValueIsAnErrorNamingTheVariable(String value, String problem) {
        assertThatThrownBy(() -> resolve(Map.of("BACKEND_URL", value)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("variable BACKEND_URL: expected an absolute http or https URL such as http://localhost:8002, "
                        + problem);
    }

    @Test
    void aMalformedWebSocketVariableIsAnErrorToo() {
        assertThatThrownBy(() -> resolve(Map.of("TEST_BACKEND_URL", "http://localhost:8002",
                "TEST_WEBSOCKET_URL", "http://localhost:8002/ws")))
                .hasMessage("variable TEST_WEBSOCKET_URL: expected an absolute ws or wss URL such as"
                        + " ws://localhost:8002/ws, got scheme 'http'");
    }

    @Test
    void aMalformedLoserDoesNotStopTheWinnerButIsReported() {
        ProviderResult result = resolve(Map.of("TEST_BACKEND_URL", "http://localhost:8002", "BACKEND_URL", "localhost:8000"));
        assertThat(result.notes()).containsExactly("TEST_BACKEND_URL wins over BACKEND_URL, which is also set but is not"
                + " a valid URL (expected an absolute http or https URL such as http://localhost:8002, got a value without"
                + " a scheme (write http://host:port))");
    }

    @Test
    void aPasswordInTheUrlIsAcceptedAndMaskedEverywhere() {
        RecordingLogs.clear();
        ProviderResult result = resolve(Map.of("TEST_BACKEND_URL", "http://e2e:hunter2@localhost:8002",
                "BACKEND_URL", "http://e2e:other-pass@localhost:8000"));
        ServiceEndpoint endpoint = ((ProviderResult.Found) result).endpoint();
        assertThat(endpoint.http().getUserInfo()).isEqualTo("e2e:hunter2");
        assertThat(endpoint.toString()).doesNotContain("hunter2").contains("http://***@localhost:8002");
        assertThat(String.join("\n", result.notes()) + result.reason() + RecordingLogs.text())
                .doesNotContain("hunter2").doesNotContain("other-pass");
    }
}
