package dev.backendconfig.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backendconfig.api.ServiceEndpoint;
import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.testkit.LoopbackServers;
import dev.backendconfig.testkit.LoopbackWebSocketServer;
import dev.backendconfig.testkit.RecordingLogs;
import dev.backendconfig.testsupport.AlpineStack;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.event.Level;

/**
 * Engine unreachable: the port is predicted from this checkout's compose project, taken only when the protocol is
 * spoken there (never a bare TCP accept), and marked unconfirmed everywhere; which container port of the matched
 * compose service is taken, on which host, and what the reason says when the files fix no host port.
 */
class DockerPredictionTest {

    private static final String ALPINE = AlpineStack.COMPOSE_FILE;

    @TempDir
    Path repository;

    private final List<AutoCloseable> closeables = new CopyOnWriteArrayList<>();
    private String unreachable;

    @BeforeEach
    void repositoryWithoutEngine() throws IOException {
        Files.createDirectory(repository.resolve(".git"));
        unreachable = "unix://" + repository.resolve("no-engine.sock");
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
    }

    private Path write(String name, String text) throws IOException {
        Path file = repository.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    private ProviderResult resolve(Map<String, String> environment, Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(settings);
        all.putIfAbsent("docker.host", unreachable);
        return new DockerEndpointProvider().resolve(ResolutionContext.builder().workingDirectory(repository)
                .environment(environment).settings(all).build());
    }

    /** A real loopback server answering HTTP, as a backend does. */
    private int httpPort() throws IOException {
        LoopbackServers.Server server = LoopbackServers.answeringHttp();
        closeables.add(server);
        return server.port();
    }

    /** A real loopback server that accepts and holds connections without a word: a TCP accept and nothing more. */
    private int silentPort() throws IOException {
        LoopbackServers.Server server = LoopbackServers.holding();
        closeables.add(server);
        return server.port();
    }

    private String engineProblem() {
        return "setting docker.host names " + unreachable + ", which does not exist (is the engine running?)";
    }

    @Test
    void aPredictionWhereHttpIsSpokenIsTakenButMarkedUnconfirmedInTheEndpointTheReasonAndAWarn() throws IOException {
        Path file = write("docker/docker-compose.alpine-test.yml", ALPINE);
        int port = httpPort();
        RecordingLogs.clear();
        ProviderResult result = resolve(Map.of("ALPINE_TEST_BACKEND_PORT", Integer.toString(port)),
                Map.of("docker.compose-file", "docker/docker-compose.alpine-test.yml"));
        assertThat(result).isInstanceOf(ProviderResult.Found.class);
        ServiceEndpoint endpoint = ((ProviderResult.Found) result).endpoint();
        assertThat(endpoint.http()).isEqualTo(URI.create("http://localhost:" + port));
        assertThat(endpoint.unconfirmed()).isPresent();
        String predicted = "predicted http://localhost:" + port + " for service alpine-test-backend from " + file + ":6";
        assertThat(endpoint.unconfirmed()).contains(predicted + " while the engine could not be asked ("
                + engineProblem() + "); http GET http://localhost:" + port + "/: answered 200, but nothing confirms it is this"
                + " checkout's project docker (another stack may publish that port)");
        assertThat(result.reason()).isEqualTo("UNCONFIRMED: " + predicted + "; http GET http://localhost:" + port
                + "/: answered 200; " + engineProblem());
        assertThat(RecordingLogs.events(Level.WARN)).extracting(RecordingLogs.Event::message).containsExactly("Tests"
                + " will use http://localhost:" + port + " for service backend, UNCONFIRMED: "
                + endpoint.unconfirmed().orElseThrow() + ". Make the engine answer (or set docker.predict=false to"
                + " never guess).");
    }

    @Test
    void aBareTcpAcceptIsNeverTakenForAPrediction() throws IOException {
        write("docker/docker-compose.alpine-test.yml", ALPINE);
        int port = silentPort();
        ProviderResult result = resolve(Map.of("ALPINE_TEST_BACKEND_PORT", Integer.toString(port)),
                Map.of("docker.compose-file", "docker/docker-compose.alpine-test.yml", "probe", "tcp",
                        "probe.timeout", "300ms"));
        assertThat(result).isInstanceOf(ProviderResult.Unavailable.class);
        assertThat(result.reason()).endsWith(", but the protocol is not spoken there: http GET http://localhost:" + port
                + "/: no answer within 300 ms");
    }

    @Test
    void aWebSocketServerIsPredictedByItsHttpAnswerWhateverSettingProbeSays() throws IOException {
        write("compose.yaml", "services:\n  backend:\n    ports: [\"${PORT}:8000\"]\n");
        try (LoopbackWebSocketServer webSocket = LoopbackWebSocketServer.start()) {
            ProviderResult result = resolve(Map.of("PORT", Integer.toString(webSocket.port())),
                    Map.of("probe", "websocket", "docker.websocket-path", "/ws"));
            ServiceEndpoint endpoint = ((ProviderResult.Found) result).endpoint();
            assertThat(endpoint.webSocket()).isEqualTo(URI.create("ws://localhost:" + webSocket.port() + "/ws"));
            assertThat(result.reason()).contains("http GET http://localhost:" + webSocket.port() + "/: answered 404");
            assertThat(endpoint.unconfirmed()).isPresent();
        }
    }

    @Test
    void eachServiceHasTheWebSocketPathOfItsOwnSettingAndNeverTheBackends() throws IOException {
        write("compose.yaml", """
                services:
                  backend:
                    ports: ["${B}:8000"]
                  auth:
                    ports: ["${A}:8081"]
                  frontend:
                    ports: ["${F}:3000"]
                """);
        int backend = httpPort();
        int auth = httpPort();
        int frontend = httpPort();
        ProviderResult result = resolve(Map.of("B", Integer.toString(backend), "A", Integer.toString(auth), "F",
                Integer.toString(frontend)), Map.of("services", "auth,frontend", "docker.websocket-path", "/ws",
                "services.auth.docker.websocket-path", "realtime/v1"));
        Map<String, ServiceEndpoint> endpoints = ((ProviderResult.Found) result).endpoints();
        assertThat(endpoints.get("backend").webSocket()).isEqualTo(URI.create("ws://localhost:" + backend + "/ws"));
        assertThat(endpoints.get("auth").webSocket()).isEqualTo(URI.create("ws://localhost:" + auth + "/realtime/v1"));
        assertThat(endpoints.get("frontend").webSocket()).isEqualTo(URI.create("ws://localhost:" + frontend));
    }

    @Test
    void settingDockerPredictFalseNeverPredicts() throws IOException {
        write("compose.yaml", "services:\n  backend:\n    ports: [\"" + httpPort() + ":8000\"]\n");
        ProviderResult result = resolve(Map.of(), Map.of("docker.predict", "false"));
        assertThat(result).isEqualTo(ProviderResult.unavailable(engineProblem() + "; setting docker.predict=false: no"
                + " prediction from the compose files").withNextStep("start the engine that setting docker.host names,"
                + " or fix or unset setting docker.host (the socket " + repository.resolve("no-engine.sock") + " does"
                + " not exist)"));
    }

    @Test
    void predicts8002ByDefaultAndTheVariablesPortWhenItIsSet() throws IOException {
        write("docker/docker-compose.alpine-test.yml", ALPINE);
        Map<String, String> settings = Map.of("docker.compose-file", "docker/docker-compose.alpine-test.yml");
        assertThat(resolve(Map.of(), settings).reason()).contains("predicted http://localhost:8002 for service"
                + " alpine-test-backend");
        int port = httpPort();
        assertThat(((ProviderResult.Found) resolve(Map.of("ALPINE_TEST_BACKEND_PORT", Integer.toString(port)),
                settings)).endpoint().http()).isEqualTo(URI.create("http://localhost:" + port));
    }

    @Test
    void findsComposeYamlInAParentDirectory() throws IOException {
        int port = httpPort();
        write("compose.yaml", "services:\n  backend:\n    ports: [\"" + port + ":8000\"]\n");
        Path module = Files.createDirectories(repository.resolve("e2e/tests"));
        ProviderResult result = new DockerEndpointProvider().resolve(ResolutionContext.builder().workingDirectory(module)
                .settings(Map.of("docker.host", unreachable)).build());
        assertThat(((ProviderResult.Found) result).endpoint().http()).isEqualTo(URI.create("http://localhost:" + port));
        assertThat(result.notes()).contains("compose file " + repository.resolve("compose.yaml") + " (found from "
                + module + " up to " + repository + ")");
    }

    @Test
    void composeFileListsAreSplitOnTheSeparator() throws IOException {
        int port = httpPort();
        write("base.yml", "services:\n  backend:\n    image: x\n");
        write("ports.yml", "services:\n  backend:\n    ports: [\"127.0.0.1:" + port + ":8000\"]\n");
        ProviderResult result = resolve(Map.of("COMPOSE_FILE", "base.yml;ports.yml", "COMPOSE_PATH_SEPARATOR", ";"),
                Map.of());
        assertThat(((ProviderResult.Found) result).endpoint().http()).isEqualTo(URI.create("http://127.0.0.1:" + port));
    }

    @Test
    void aServiceOnTheHostsNetworkIsPredictedAtItsContainerPort() throws IOException {
        int port = httpPort();
        write("compose.yaml", "services:\n  backend:\n    network_mode: host\n    expose: [\"" + port + "\"]\n");
        ProviderResult result = resolve(Map.of(), Map.of("docker.container-port", Integer.toString(port)));
        assertThat(((ProviderResult.Found) result).endpoint().http()).isEqualTo(URI.create("http://localhost:" + port));
        assertThat(result.reason()).contains("(network_mode: host: it listens on the host at " + port + ")");
    }

    @Test
    void anUnreachableEngineAndNoComposeFileIsUnavailable() {
        ProviderResult result = resolve(Map.of(), Map.of());
        assertThat(result).isEqualTo(ProviderResult.unavailable(engineProblem() + "; no compose file in " + repository
                + " to predict the port from").withNextStep("start the engine that setting docker.host names, or fix"
                + " or unset setting docker.host (the socket " + repository.resolve("no-engine.sock") + " does not"
                + " exist)"));
    }

    @Test
    void noEngineAtAllAndNoComposeFileIsSkipped() {
        Path missingSocket = repository.resolve("var/run/docker.sock");
        ProviderResult result = new DockerEndpointProvider(missingSocket).resolve(ResolutionContext.builder()
                .workingDirectory(repository).systemProperties(Map.of("user.home", repository.toString())).build());
        assertThat(result).isInstanceOf(ProviderResult.Skipped.class);
        assertThat(result.reason()).startsWith("no Docker engine: none of " + missingSocket + ", ")
                .endsWith(" exists and DOCKER_HOST is not set; no compose file in " + repository
                        + " to predict the port from");
    }

    @Test
    void aServiceNamedOnlyLooselyIsNeverTakenAndTheReasonSaysWhatWasMeant() throws IOException {
        Path file = write("compose.yaml", """
                services:
                  api:
                    ports: ["8002:8080"]
                  db:
                    image: postgres:16
                    ports: ["5432:5432"]
                """);
        assertThat(resolve(Map.of(), Map.of()).reason()).isEqualTo(engineProblem() + "; this checkout's compose"
                + " project " + repository.getFileName().toString().replaceAll("[^a-z0-9_-]", "") + " (" + file
                + ") has no compose service named backend or with network alias backend, and none publishes"
                + " container port 8000; did you mean docker.service=api? (db looks like a database (image"
                + " postgres:16)); its services: api, db");
    }

    @Test
    void twoServicesPublishingThePortAreAnErrorUnlessDockerServicePicksOne() throws IOException {
        int port = httpPort();
        Path file = write("compose.yaml", "services:\n  api:\n    ports: [\"8002:8000\"]\n  web:\n    ports: [\""
                + port + ":8000\"]\n");
        assertThatThrownBy(() -> resolve(Map.of(), Map.of())).isInstanceOf(InvalidInputException.class)
                .hasMessage(file + ": 2 compose services of this checkout's compose project "
                        + repository.getFileName().toString().replaceAll("[^a-z0-9_-]", "") + " (" + file + ") could be"
                        + " service backend: api, web (they publish container port 8000); set docker.service to pick"
                        + " one");
        assertThat(((ProviderResult.Found) resolve(Map.of(), Map.of("docker.service", "web"))).endpoint().http())
                .isEqualTo(URI.create("http://localhost:" + port));
    }

    @Test
    void aRandomHostPortCannotBePredicted() throws IOException {
        write("compose.yaml", "services:\n  backend:\n    ports: [\"8000\"]\n");
        assertThat(resolve(Map.of(), Map.of()).reason()).endsWith("publishes 8000 on a host port Docker picks at start,"
                + " which only a running engine can tell");
    }

    @Test
    void aServiceLeftOutByProfilesSaysSo() throws IOException {
        write("compose.yaml", "services:\n  backend:\n    profiles: [full]\n    ports: [\"8002:8000\"]\n");
        assertThat(resolve(Map.of(), Map.of()).reason()).endsWith("compose service backend is left out by profiles (it"
                + " is in full; active: none, neither setting docker.profiles nor COMPOSE_PROFILES is set); set"
                + " docker.profiles or COMPOSE_PROFILES to activate it");
        int port = httpPort();
        write("compose.yaml", "services:\n  backend:\n    profiles: [full]\n    ports: [\"" + port + ":8000\"]\n");
        assertThat(resolve(Map.of("COMPOSE_PROFILES", "full"), Map.of())).isInstanceOf(ProviderResult.Found.class);
    }

    @Test
    void badComposeInputIsAnError() throws IOException {
        Path file = write("compose.yaml", "services:\n  backend:\n    ports: [\"70000:8000\"]\n");
        assertThatThrownBy(() -> resolve(Map.of(), Map.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(file + ":3: ports entry '70000:8000': the host port 70000 is outside 1-65535");
    }

    @Test
    void aNamedComposeFileThatDoesNotExistIsAnError() {
        assertThatThrownBy(() -> resolve(Map.of(), Map.of("docker.compose-file", "docker/missing.yml")))
                .hasMessage("setting docker.compose-file given to ResolutionContext.Builder.settings: names the compose"
                        + " file " + repository.resolve("docker/missing.yml") + ", which does not exist");
    }

    private static final String THREE_SERVICES = """
            services:
              alpine-test-backend:
                ports: ["${ALPINE_TEST_BACKEND_PORT:-8002}:8000"]
                networks: {default: {aliases: [backend]}}
              alpine-test-auth:
                ports: ["${ALPINE_TEST_AUTH_PORT:-8083}:8081"]
                networks: {default: {aliases: [auth]}}
              frontend:
                ports: ["${ALPINE_TEST_FRONTEND_PORT:-3002}:3000"]
            """;

    @Test
    void everyServiceIsPredictedFromTheComposeFileAndProbed() throws IOException {
        write("compose.yaml", THREE_SERVICES);
        int backend = httpPort();
        int auth = httpPort();
        int frontend = httpPort();
        ProviderResult result = resolve(Map.of("ALPINE_TEST_BACKEND_PORT", Integer.toString(backend),
                "ALPINE_TEST_AUTH_PORT", Integer.toString(auth), "ALPINE_TEST_FRONTEND_PORT", Integer.toString(frontend)),
                Map.of("services", "auth,frontend"));
        ProviderResult.Found found = (ProviderResult.Found) result;
        assertThat(found.endpoint().http()).isEqualTo(URI.create("http://localhost:" + backend));
        assertThat(found.endpoints().get("auth").http()).isEqualTo(URI.create("http://localhost:" + auth));
        assertThat(found.endpoints().get("auth").detail("container-port")).contains("8081");
        assertThat(found.endpoints().get("frontend").http()).isEqualTo(URI.create("http://localhost:" + frontend));
        assertThat(found.endpoints().values()).allMatch(endpoint -> endpoint.unconfirmed().isPresent());
        assertThat(found.reason()).startsWith("predicted from " + repository.resolve("compose.yaml") + "; setting"
                + " docker.host names " + unreachable);
    }

    @Test
    void aPredictedServiceThatDoesNotAnswerMakesThePredictionPartial() throws IOException {
        write("compose.yaml", THREE_SERVICES);
        int backend = httpPort();
        int closed = LoopbackServers.closedPort();
        ProviderResult result = resolve(Map.of("ALPINE_TEST_BACKEND_PORT", Integer.toString(backend),
                "ALPINE_TEST_AUTH_PORT", Integer.toString(closed)), Map.of("services", "auth"));
        ProviderResult.Found partial = (ProviderResult.Found) result;
        assertThat(partial.endpoints()).containsOnlyKeys("backend");
        assertThat(partial.missing().get("auth")).isEqualTo("predicted http://localhost:" + closed + " for service"
                + " alpine-test-auth from " + repository.resolve("compose.yaml") + ":6, but the protocol is not spoken"
                + " there: http GET http://localhost:" + closed + "/: connection refused");
    }

    @Test
    void aComposeFileBelowTheRepositoryRootIsNamedWithTheSettingThatSelectsIt() throws IOException {
        write("docker/docker-compose.alpine-test.yml", ALPINE);
        write("node_modules/x/docker-compose.yml", ALPINE);
        ProviderResult result = resolve(Map.of(), Map.of());
        assertThat(result.reason()).endsWith("; no compose file in " + repository + " (compose files below it:"
                + " docker/docker-compose.alpine-test.yml; set docker.compose-file, or COMPOSE_FILE, to the one that"
                + " starts the stack) to predict the port from");
    }

    // --- which container port a prediction takes, on which host; prediction off; a project without a file here ---

    private static URI predicted(ProviderResult result) {
        assertThat(result).isInstanceOf(ProviderResult.Found.class);
        return ((ProviderResult.Found) result).endpoint().http();
    }

    @Test
    void noEngineAtAllWithPredictionTurnedOffIsSkipped() throws IOException {
        write("compose.yaml", "services:\n  backend:\n    ports: [\"" + httpPort() + ":8000\"]\n");
        Path missingSocket = repository.resolve("var/run/docker.sock");
        ProviderResult result = new DockerEndpointProvider(missingSocket).resolve(ResolutionContext.builder()
                .workingDirectory(repository).systemProperties(Map.of("user.home", repository.toString()))
                .settings(Map.of("docker.predict", "false")).build());

        assertThat(result).isInstanceOf(ProviderResult.Skipped.class);
        assertThat(result.reason()).endsWith(" exists and DOCKER_HOST is not set; setting docker.predict=false: no"
                + " prediction from the compose files");
    }

    @Test
    void aProjectNamedBySettingWithNoComposeFileHereHasNothingToPredictFrom() {
        ProviderResult result = resolve(Map.of(), Map.of("docker.project", "shop"));

        assertThat(result).isInstanceOf(ProviderResult.Unavailable.class);
        assertThat(result.reason()).isEqualTo(engineProblem() + "; this checkout's project shop (setting"
                + " docker.project given to ResolutionContext.Builder.settings) has no compose file here to predict the port from");
    }

    @Test
    void aBackendPublishingNoPortSaysSoAndNamesItsSetting() throws IOException {
        Path file = write("compose.yaml", "services:\n  backend:\n    image: shop/api\n");

        assertThat(resolve(Map.of(), Map.of()).reason()).isEqualTo(engineProblem() + "; service backend (" + file + ":3)"
                + " publishes no port; set docker.container-port");
    }

    @Test
    void aBackendWithSeveralContainerPortsButNot8000NeedsTheSettingWhichThenPicksOne() throws IOException {
        int port = httpPort();
        Path file = write("compose.yaml", "services:\n  backend:\n    ports: [\"8001:7000\", \"" + port + ":7001\"]\n");

        assertThat(resolve(Map.of(), Map.of()).reason()).isEqualTo(engineProblem() + "; service backend (" + file + ":3)"
                + " names container ports [7000, 7001] but not 8000; set docker.container-port");
        assertThat(predicted(resolve(Map.of(), Map.of("docker.container-port", "7001")))).isEqualTo(URI.create("http://localhost:"
                + port));
    }

    @Test
    void aBackendPublishingOneOtherContainerPortIsPredictedThere() throws IOException {
        int port = httpPort();
        write("compose.yaml", "services:\n  backend:\n    ports: [\"" + port + ":7000\"]\n");

        assertThat(predicted(resolve(Map.of(), Map.of()))).isEqualTo(URI.create("http://localhost:" + port));
    }

    @Test
    void udpPortsAreNotCandidatesForTheContainerPort() throws IOException {
        int port = httpPort();
        write("compose.yaml", "services:\n  backend:\n    ports: [\"" + port + ":7000\", \"9999:7001/udp\"]\n");

        assertThat(predicted(resolve(Map.of(), Map.of()))).isEqualTo(URI.create("http://localhost:" + port));
    }

    @Test
    void aContainerPortTheServiceDoesNotPublishIsNamedWithItsSetting() throws IOException {
        Path file = write("compose.yaml", "services:\n  backend:\n    ports: [\"8001:8000\"]\n");

        assertThat(resolve(Map.of(), Map.of("docker.container-port", "9000")).reason()).isEqualTo(engineProblem()
                + "; service backend (" + file + ":3) does not publish container port 9000 (setting"
                + " docker.container-port)");
    }

    @Test
    void anotherServiceIsNeverGivenTheBackendsPortAndNeedsItsOwnSettingAmongSeveral() throws IOException {
        int backend = httpPort();
        Path file = write("compose.yaml", "services:\n  backend:\n    ports: [\"" + backend + ":8000\"]\n  auth:\n"
                + "    ports: [\"8101:8000\", \"8102:9000\"]\n");

        ProviderResult result = resolve(Map.of(), Map.of("services", "auth"));

        assertThat(predicted(result)).isEqualTo(URI.create("http://localhost:" + backend));
        assertThat(((ProviderResult.Found) result).missing()).containsExactly(Map.entry("auth", "service auth ("
                + file + ":5) names container ports [8000, 9000] but not just one; set"
                + " services.auth.docker.container-port"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"0.0.0.0", "[::]"})
    void aPortBoundToEveryAddressIsPredictedOnLocalhost(String address) throws IOException {
        int port = httpPort();
        write("compose.yaml", "services:\n  backend:\n    ports: [\"" + address + ":" + port + ":8000\"]\n");

        assertThat(predicted(resolve(Map.of(), Map.of()))).isEqualTo(URI.create("http://localhost:" + port));
    }

    @Test
    void aBackendOnTheHostsNetworkExposingOnePortIsPredictedThere() throws IOException {
        int port = httpPort();
        write("compose.yaml", "services:\n  backend:\n    network_mode: host\n    expose: [\"" + port + "\"]\n");

        assertThat(predicted(resolve(Map.of(), Map.of()))).isEqualTo(URI.create("http://localhost:" + port));
    }

    @Test
    void aBackendOnTheHostsNetworkNamingNoPortIsPredictedAt8000() throws IOException {
        Path file = write("compose.yaml", "services:\n  backend:\n    network_mode: host\n");

        assertThat(resolve(Map.of(), Map.of("probe.timeout", "300ms")).reason()).contains("predicted http://localhost:8000 for"
                + " service backend from " + file + ":3 (network_mode: host: it listens on the host at 8000)");
    }

    @Test
    void theBackendIsNeverGivenTheComposeServiceAnotherServiceTakesForPublishingItsPort() throws IOException {
        int auth = httpPort();
        write("compose.yaml", "services:\n  auth:\n    ports: [\"" + auth + ":8000\"]\n  web:\n    image: shop/web\n");

        ProviderResult result = resolve(Map.of(), Map.of("services", "auth"));

        ProviderResult.Found partial = (ProviderResult.Found) result;
        assertThat(partial.endpoints()).containsOnlyKeys("auth");
        assertThat(partial.missing().get("backend")).isEqualTo("this checkout's compose project "
                + repository.getFileName() + " (" + repository.resolve("compose.yaml") + ") has no compose service"
                + " named backend or with network alias backend, and none publishes container port 8000 but auth,"
                + " which another service takes; did you mean docker.service=web?; its services: auth, web");
    }

    @Test
    void theBackendIsNeverGivenTheComposeServiceAnotherServicesSettingNames() throws IOException {
        int login = httpPort();
        write("compose.yaml", "services:\n  login:\n    ports: [\"" + login + ":8000\"]\n  web:\n    image: shop/web\n");

        ProviderResult.Found partial = (ProviderResult.Found) resolve(Map.of(), Map.of("services", "auth",
                "services.auth.docker.service", "login"));

        assertThat(partial.endpoints().get("auth").http()).isEqualTo(URI.create("http://localhost:" + login));
        assertThat(partial.endpoints()).containsOnlyKeys("auth");
        assertThat(partial.missing().get("backend")).endsWith(", and none publishes container port 8000 but login,"
                + " which another service takes; did you mean docker.service=web?; its services: login, web");
    }
}
