package dev.backendconfig.docker;

import static dev.backendconfig.testsupport.Recorded.id;
import static dev.backendconfig.testsupport.Recorded.inspection;
import static dev.backendconfig.testsupport.Recorded.list;
import static dev.backendconfig.testsupport.Recorded.listEntry;
import static dev.backendconfig.testsupport.Recorded.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.testsupport.FakeDockerEngine;
import dev.backendconfig.testsupport.Recorded;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A lying engine, on a real Unix socket: what comes back is validated before it is used, so that no reply can change
 * a request, put a bad port or host into a URL, forge a report line or show a secret.
 */
class EngineReplyValidationTest {

    private static final String ALPINE_ID = id(listEntry("alpine-test-backend"));

    @TempDir
    Path directory;

    private FakeDockerEngine engine;

    @BeforeEach
    void startEngine() throws IOException {
        Files.createDirectory(directory.resolve(".git"));
        engine = FakeDockerEngine.onUnixSocket(directory.resolve("engine.sock"));
    }

    @AfterEach
    void stop() throws IOException {
        engine.close();
    }

    private ProviderResult resolve() {
        return new DockerEndpointProvider().resolve(ResolutionContext.builder().workingDirectory(directory)
                .settings(Map.of("docker.host", engine.dockerHost(), "probe", "none")).build());
    }

    /** The recorded alpine container, changed by {@code change}, listed alone; its inspection is healthy. */
    private ProviderResult resolveWith(java.util.function.Consumer<Map<String, Object>> change) {
        Map<String, Object> alpine = ours("alpine-test-backend");
        change.accept(alpine);
        engine.containers(list(alpine)).inspect(ALPINE_ID, text(inspection("alpine")));
        return resolve();
    }

    /**
     * The reason of a result the engine's reply made unusable, without the note on the compose prediction that
     * every unusable engine reply ends with (this directory holds no compose file).
     */
    private String unusable(ProviderResult result) {
        assertThat(result).isInstanceOf(ProviderResult.Unavailable.class);
        String note = "; no compose file in " + directory + " to predict the port from";
        assertThat(result.reason()).endsWith(note);
        return result.reason().substring(0, result.reason().length() - note.length());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> firstPort(Map<String, Object> entry) {
        return (Map<String, Object>) ((List<Object>) entry.get("Ports")).get(0);
    }

    private List<String> requestsBeyondTheList() {
        return engine.requests().stream().filter(request -> !request.startsWith("GET /_ping ")
                && !request.startsWith("GET /containers/json?")).toList();
    }

    @ParameterizedTest(name = "Id {0}")
    @ValueSource(strings = {
        "9dbee0bf1ae0\r\n\r\nDELETE /containers/9dbee0bf1ae0?force=1 HTTP/1.1\r\nHost: docker\r\n\r\nGET /x",
        "../../images/x",
        "9dbee0bf1ae0/../../../images/json",
        "9DBEE0BF1AE0",
        "9dbee0bf1ae",
        "9dbee0bf1ae0 ",
        "9dbee0bf1ae0%2F..%2Fx",
    })
    void aContainerIdThatIsNotOneIsRefusedBeforeAnyRequestIsMadeWithIt(String hostileId) {
        ProviderResult result = resolveWith(alpine -> alpine.put("Id", hostileId));
        assertThat(result).isInstanceOf(ProviderResult.Unavailable.class);
        assertThat(unusable(result)).isEqualTo("engine " + engine.dockerHost() + " listed a container whose Id is not a"
                + " container id (expected 12 to 64 lower-case hexadecimal characters); the reply is not used");
        assertThat(requestsBeyondTheList()).isEmpty();
    }

    /** A recorded container, as started from this test's checkout (so that it is this checkout's project). */
    private Map<String, Object> ours(String service) {
        return dev.backendconfig.testsupport.Recorded.startedIn(listEntry(service), directory, "shop");
    }

    @Test
    void aValidIdIsInspectedAtExactlyItsOwnPath() {
        assertThat(resolveWith(alpine -> { })).isInstanceOf(ProviderResult.Found.class);
        assertThat(requestsBeyondTheList()).containsExactly("GET /containers/" + ALPINE_ID + "/json HTTP/1.1");
    }

    @ParameterizedTest(name = "PublicPort {0}")
    @ValueSource(ints = {70000, 65536, -1, Integer.MAX_VALUE})
    void aPortOutsideTheRangeIsRefused(int port) {
        ProviderResult result = resolveWith(alpine -> firstPort(alpine).put("PublicPort", BigDecimal.valueOf(port)));
        assertThat(unusable(result)).isEqualTo("engine " + engine.dockerHost() + " listed container "
                + ALPINE_ID.substring(0, 12) + " with PublicPort " + port + ", which is not a port from 0 to 65535;"
                + " the reply is not used");
    }

    @Test
    void aPortThatIsNotAWholeNumberIsRefused() {
        assertThat(unusable(resolveWith(alpine -> firstPort(alpine).put("PublicPort", "8002"))))
                .endsWith("with PublicPort that is not a number, which is not a port from 0 to 65535; the reply is not"
                        + " used");
        assertThat(unusable(resolveWith(alpine -> firstPort(alpine).put("PrivatePort", new BigDecimal("8000.5")))))
                .endsWith("with PrivatePort 8000.5, which is not a port from 0 to 65535; the reply is not used");
        assertThat(unusable(resolveWith(alpine -> firstPort(alpine).put("PublicPort",
                new BigDecimal("1e999999999")))))
                .endsWith("with PublicPort that is not a number, which is not a port from 0 to 65535; the reply is not"
                        + " used");
    }

    @ParameterizedTest(name = "IP {0}")
    @ValueSource(strings = {"127.0.0.1#x", "127.0.0.1 x", "127.0.0.1/p", "evil.example.test", "127.0.0.1:80",
        "[::1]", "::1%lo", "127.1", "0.0.0.0\r\nX-Forged: 1"})
    void aBindingAddressThatIsNotAnIpAddressIsRefused(String ip) {
        ProviderResult result = resolveWith(alpine -> firstPort(alpine).put("IP", ip));
        assertThat(unusable(result)).startsWith("engine " + engine.dockerHost() + " listed container "
                + ALPINE_ID.substring(0, 12) + " with a port bound to '").endsWith("', which is not an IP address; the"
                + " reply is not used").doesNotContain("\r", "\n");
    }

    @Test
    void anUnknownPortTypeIsRefused() {
        assertThat(unusable(resolveWith(alpine -> firstPort(alpine).put("Type", "tcp\u001b[2J"))))
                .endsWith("with a port of type 'tcp\\u001b[2J', which is not tcp, udp or sctp; the reply is not used");
    }

    @Test
    @SuppressWarnings("unchecked")
    void labelsAndNamesWithLineBreaksAndEscapesReachTheReasonOnOneLine() {
        ProviderResult result = resolveWith(alpine -> {
            ((Map<String, Object>) alpine.get("Labels")).put("com.docker.compose.service",
                    "backend\n[WARN] forged line\u001b[2J");
            alpine.put("Names", List.of("/name\u001b]0;title\u0007"));
        });
        assertThat(result).isInstanceOf(ProviderResult.Found.class);
        assertThat(result.reason()).isEqualTo("compose project shop (this checkout's): service backend\\n[WARN] forged"
                + " line\\u001b[2J publishes 8000 on 0.0.0.0:8002 (healthy); chosen because its network alias is backend");
        assertThat(((ProviderResult.Found) result).endpoint().origins().get("http").describe())
                .isEqualTo("container name\\u001b]0;title\\u0007 (" + ALPINE_ID.substring(0, 12) + ")");
    }

    @Test
    void secretsInAnEngineErrorMessageAreMasked() {
        engine.answer("/containers/json", 500, "{\"message\":\"login failed: password=s3cr3t token: t0k3n"
                + " https://u:p/w@registry.example.test\"}");
        ProviderResult result = resolve();
        assertThat(unusable(result)).isEqualTo("engine " + engine.dockerHost() + " answered GET /containers/json with"
                + " 500: login failed: password=*** token: *** https://***@registry.example.test");
    }

    @Test
    void secretsInAnErrorBodyThatIsNotJsonAreMaskedAndKeptOnOneLine() {
        engine.answer("/containers/json", 404, "proxy says token: t0k3n\nAuthorization: Bearer b3ar3r");
        assertThat(unusable(resolve())).isEqualTo("engine " + engine.dockerHost() + " answered GET /containers/json"
                + " with 404: proxy says token: ***\\nAuthorization: Bearer ***");
    }

    @Test
    void secretsInAHealthChecksOutputAreMasked() {
        Map<String, Object> alpine = ours("alpine-test-backend");
        Map<String, Object> sick = inspection("sick");
        @SuppressWarnings("unchecked")
        Map<String, Object> health = (Map<String, Object>) ((Map<String, Object>) sick.get("State")).get("Health");
        health.put("Log", List.of(Map.of("Output", "connecting\nDB_PASSWORD=s3cr3t rejected by"
                + " postgres://app:pa/ss@db:5432/app\n")));
        engine.containers(list(alpine)).inspect(ALPINE_ID, Recorded.write(sick));
        assertThatThrownBy(this::resolve).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("is unhealthy (last check said: DB_PASSWORD=*** rejected by"
                        + " postgres://***@db:5432/app)").hasMessageNotContaining("s3cr3t").hasMessageNotContaining("pa/ss");
    }
}
