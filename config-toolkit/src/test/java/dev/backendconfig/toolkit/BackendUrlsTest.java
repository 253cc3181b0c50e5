package dev.backendconfig.toolkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class BackendUrlsTest {

    private static final Origin BACKEND_URL = Origin.variable("BACKEND_URL");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "http://localhost:8002, http://localhost:8002",
        "'  http://localhost:8002  ', http://localhost:8002",
        "http://localhost:8002/, http://localhost:8002",
        "HTTP://LocalHost:8002/api, http://localhost:8002/api",
        "https://backend-staging.example.test, https://backend-staging.example.test",
        "http://[::1]:8002, http://[::1]:8002",
        "http://127.0.0.1:1, http://127.0.0.1:1",
        "http://127.0.0.1:65535/x?y=1, http://127.0.0.1:65535/x?y=1",
    })
    void acceptsAndNormalisesHttpUrls(String raw, String expected) {
        assertThat(BackendUrls.parseHttp(raw, BACKEND_URL)).contains(URI.create(expected));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\t"})
    void unsetEmptyOrBlankMeansUnset(String raw) {
        assertThat(BackendUrls.parseHttp(raw, BACKEND_URL)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "localhost:8002        | got a value without a scheme",
        "http://               | got a URL without a host",
        "http:///path          | got a URL without a host",
        "http://host:0         | got port 0, outside 1-65535",
        "http://host:65536     | got port 65536, outside 1-65535",
        "http://host:abc       | got a port that is not a number (what follows ':' must be 1 to 65535; a password belongs before an '@')",
        "http://admin:hunter2  | got a port that is not a number (what follows ':' must be 1 to 65535; a password belongs before an '@')",
        "http://host:          | got a ':' with no port after it",
        "ftp://host            | got scheme 'ftp'",
        "ws://host:8002        | got scheme 'ws'",
        "'http://local host:8002' | got a value with a space at character 13",
        "http://my_host:8000   | it contains '_', which host names cannot",
        "http://host:8002/#top | got a URL with a fragment",
    })
    void rejectsMalformedValuesNamingTheVariableAndWhatIsValid(String raw, String problem) {
        assertThatThrownBy(() -> BackendUrls.parseHttp(raw, BACKEND_URL))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("variable BACKEND_URL: expected an absolute http or https URL such as"
                        + " http://localhost:8002, ")
                .hasMessageContaining(problem);
    }

    @Test
    void acceptsAPasswordInTheUrl() {
        URI parsed = BackendUrls.parseHttp("http://user:hunter2@localhost:8002", BACKEND_URL).orElseThrow();
        assertThat(parsed.getUserInfo()).isEqualTo("user:hunter2");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "http://user:hunter2@localhost:99999 | got port 99999",
        "user:hunter2@localhost:8002         | without a scheme",
    })
    void neverEchoesAPasswordInAnError(String raw, String problem) {
        assertThatThrownBy(() -> BackendUrls.parseHttp(raw, BACKEND_URL))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageNotContaining("hunter2")
                .hasMessageContaining(problem);
    }

    @Test
    void webSocketUrlsTakeWsAndWssOnly() {
        assertThat(BackendUrls.parseWebSocket("wss://h/ws", BACKEND_URL)).contains(URI.create("wss://h/ws"));
        assertThatThrownBy(() -> BackendUrls.parseWebSocket("http://h/ws", BACKEND_URL))
                .hasMessageContaining("expected an absolute ws or wss URL such as ws://localhost:8002/ws")
                .hasMessageContaining("got scheme 'http'");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "http://localhost:8002, ws://localhost:8002",
        "https://h.example.test/api, wss://h.example.test/api",
        "http://wshost:8002/ws, ws://wshost:8002/ws",
    })
    void derivesTheWebSocketUrlBySchemeOnly(String http, String webSocket) {
        assertThat(BackendUrls.toWebSocket(URI.create(http))).isEqualTo(URI.create(webSocket));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "wss://h/api/ws, https://h",
        "ws://localhost:8002/ws, http://localhost:8002",
        "ws://wshost/ws, http://wshost",
    })
    void derivesTheHttpOriginOfAWebSocketUrl(String webSocket, String http) {
        assertThat(BackendUrls.toHttpOrigin(URI.create(webSocket))).isEqualTo(URI.create(http));
    }
}
