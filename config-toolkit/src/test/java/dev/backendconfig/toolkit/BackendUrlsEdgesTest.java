package dev.backendconfig.toolkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The edges of {@link BackendUrls}: schemes, hosts and ports at their limits, and each error's exact words. */
class BackendUrlsEdgesTest {

    private static final Origin BACKEND_URL = Origin.variable("BACKEND_URL");
    private static final String EXPECTED = "variable BACKEND_URL: expected an absolute http or https URL such as"
            + " http://localhost:8002, ";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "://host:8002                    | got a value without a scheme (write http://host:port)",
        "1http://host                    | got text before '://' that is not a scheme",
        "http://?x=1                     | got a URL without a host",
        "http://#top                     | got a URL without a host",
        "http://:8002                    | got a URL without a host",
        "http://user:pw@:8002            | got a URL without a host",
        "http://host/%zz                 | got text that is not a valid URL (Malformed escape pair at character 13)",
        "http://host:100000              | got port 100000, outside 1-65535",
        "http://host:99999999999999999999 | got port 999999..., outside 1-65535",
        "abcdefghijklmnopqrst://host     | got scheme 'abcdefghijklmnopqrst'",
        "abcdefghijklmnopqrstu://host    | got scheme 'abcdefghijklmnopqrst...'",
    })
    void rejectsEachMalformedValueWithItsOwnReason(String raw, String problem) {
        assertThatThrownBy(() -> BackendUrls.parseHttp(raw, BACKEND_URL))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(EXPECTED + problem);
    }

    /** A scheme is a letter, then letters, digits, {@code +}, {@code .} or {@code -}: each edge, inside and out. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "a://host       | got scheme 'a'",
        "z://host       | got scheme 'z'",
        "AZ://host      | got scheme 'az'",
        "ba://host      | got scheme 'ba'",
        "a0://host      | got scheme 'a0'",
        "a9://host      | got scheme 'a9'",
        "a+.-://host    | got scheme 'a+.-'",
        "`x://host      | got text before '://' that is not a scheme",
        "{x://host      | got text before '://' that is not a scheme",
        "0x://host      | got text before '://' that is not a scheme",
        "a`://host      | got text before '://' that is not a scheme",
        "a{://host      | got text before '://' that is not a scheme",
        "a/x://host     | got text before '://' that is not a scheme",
        "a:x://host     | got text before '://' that is not a scheme",
        "a*://host      | got text before '://' that is not a scheme",
        "a,://host      | got text before '://' that is not a scheme",
        "httpé://host   | got text before '://' that is not a scheme",
    })
    void aSchemeIsALetterThenLettersDigitsPlusDotOrMinus(String raw, String problem) {
        assertThatThrownBy(() -> BackendUrls.parseHttp(raw, BACKEND_URL))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(EXPECTED + problem);
    }

    @Test
    void namesTheKindOfCharacterThatCannotBeInAUrl() {
        assertThatThrownBy(() -> BackendUrls.parseHttp("http://host\u0001:8002", BACKEND_URL))
                .hasMessage(EXPECTED + "got a value with a control character at character 12 (a URL cannot contain"
                        + " one; encode a space as %20)");
        assertThatThrownBy(() -> BackendUrls.parseHttp("http://host\u2003:8002", BACKEND_URL))
                .hasMessage(EXPECTED + "got a value with whitespace at character 12 (a URL cannot contain one;"
                        + " encode a space as %20)");
    }

    @Test
    void anIpv6HostWithoutAPortIsAccepted() {
        assertThat(BackendUrls.parseHttp("http://[::1]/x", BACKEND_URL)).contains(URI.create("http://[::1]/x"));
    }

    @Test
    void aPortWithLeadingZerosIsItsNumber() {
        assertThat(BackendUrls.parseHttp("http://host:008002", BACKEND_URL)).contains(URI.create("http://host:8002"));
    }

    @Test
    void aUserWithoutAPortKeepsTheSchemesDefault() {
        assertThat(BackendUrls.parseHttp("https://user:pw@host/api", BACKEND_URL))
                .contains(URI.create("https://user:pw@host/api"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "http://h, h:80, 80",
        "ws://h/ws, h:80, 80",
        "https://h, h:443, 443",
        "wss://h/ws, h:443, 443",
        "http://h:8002, h:8002, 8002",
        "https://h:8443, h:8443, 8443",
    })
    void theEffectivePortIsTheSchemesDefaultUnlessGiven(String url, String hostAndPort, int port) {
        assertThat(BackendUrls.effectivePort(URI.create(url))).isEqualTo(port);
        assertThat(BackendUrls.hostAndPort(URI.create(url))).isEqualTo(hostAndPort);
    }
}
