package dev.backendconfig.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.testkit.LoopbackServers;
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

/**
 * Engine unreachable: which container port of the matched compose service a prediction takes, on which host, and
 * what the reason says when the files do not fix a host port; when prediction is off or the project has no file.
 */
class DockerPredictionPortChoiceTest {

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

    private Path compose(String text) throws IOException {
        return Files.writeString(repository.resolve("compose.yaml"), text);
    }

    private ProviderResult resolve(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(settings);
        all.putIfAbsent("docker.host", unreachable);
        return new DockerEndpointProvider().resolve(ResolutionContext.builder().workingDirectory(repository)
                .settings(all).build());
    }

    private String engineProblem() {
        return "setting docker.host names " + unreachable + ", which does not exist (is the engine running?)";
    }

    private int httpPort() throws IOException {
        LoopbackServers.Server server = LoopbackServers.answeringHttp();
        closeables.add(server);
        return server.port();
    }

    private static URI found(ProviderResult result) {
        assertThat(result).isInstanceOf(ProviderResult.Found.class);
        return ((ProviderResult.Found) result).endpoint().http();
    }

    @Test
    void noEngineAtAllWithPredictionTurnedOffIsSkipped() throws IOException {
        compose("services:\n  backend:\n    ports: [\"" + httpPort() + ":8000\"]\n");
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
        ProviderResult result = resolve(Map.of("docker.project", "shop"));

        assertThat(result).isInstanceOf(ProviderResult.Unavailable.class);
        assertThat(result.reason()).isEqualTo(engineProblem() + "; this checkout's project shop (setting"
                + " docker.project given to ResolutionContext.Builder.settings) has no compose file here to predict the port from");
    }

    @Test
    void aBackendPublishingNoPortSaysSoAndNamesItsSetting() throws IOException {
        Path file = compose("services:\n  backend:\n    image: shop/api\n");

        assertThat(resolve(Map.of()).reason()).isEqualTo(engineProblem() + "; service backend (" + file + ":3)"
                + " publishes no port; set docker.container-port");
    }

    @Test
    void aBackendWithSeveralContainerPortsButNot8000NeedsTheSettingWhichThenPicksOne() throws IOException {
        int port = httpPort();
        Path file = compose("services:\n  backend:\n    ports: [\"8001:7000\", \"" + port + ":7001\"]\n");

        assertThat(resolve(Map.of()).reason()).isEqualTo(engineProblem() + "; service backend (" + file + ":3)"
                + " names container ports [7000, 7001] but not 8000; set docker.container-port");
        assertThat(found(resolve(Map.of("docker.container-port", "7001")))).isEqualTo(URI.create("http://localhost:"
                + port));
    }

    @Test
    void aBackendPublishingOneOtherContainerPortIsPredictedThere() throws IOException {
        int port = httpPort();
        compose("services:\n  backend:\n    ports: [\"" + port + ":7000\"]\n");

        assertThat(found(resolve(Map.of()))).isEqualTo(URI.create("http://localhost:" + port));
    }

    @Test
    void udpPortsAreNotCandidatesForTheContainerPort() throws IOException {
        int port = httpPort();
        compose("services:\n  backend:\n    ports: [\"" + port + ":7000\", \"9999:7001/udp\"]\n");

        assertThat(found(resolve(Map.of()))).isEqualTo(URI.create("http://localhost:" + port));
    }

    @Test
    void aContainerPortTheServiceDoesNotPublishIsNamedWithItsSetting() throws IOException {
        Path file = compose("services:\n  backend:\n    ports: [\"8001:8000\"]\n");

        assertThat(resolve(Map.of("docker.container-port", "9000")).reason()).isEqualTo(engineProblem()
                + "; service backend (" + file + ":3) does not publish container port 9000 (setting"
                + " docker.container-port)");
    }

    @Test
    void anotherServiceIsNeverGivenTheBackendsPortAndNeedsItsOwnSettingAmongSeveral() throws IOException {
        int backend = httpPort();
        Path file = compose("services:\n  backend:\n    ports: [\"" + backend + ":8000\"]\n  auth:\n"
                + "    ports: [\"8101:8000\", \"8102:9000\"]\n");

        ProviderResult result = resolve(Map.of("services", "auth"));

        assertThat(found(result)).isEqualTo(URI.create("http://localhost:" + backend));
        assertThat(((ProviderResult.Found) result).missing()).containsExactly(Map.entry("auth", "service auth ("
                + file + ":5) names container ports [8000, 9000] but not just one; set"
                + " services.auth.docker.container-port"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"0.0.0.0", "[::]"})
    void aPortBoundToEveryAddressIsPredictedOnLocalhost(String address) throws IOException {
        int port = httpPort();
        compose("services:\n  backend:\n    ports: [\"" + address + ":" + port + ":8000\"]\n");

        assertThat(found(resolve(Map.of()))).isEqualTo(URI.create("http://localhost:" + port));
    }

    @Test
    void aBackendOnTheHostsNetworkExposingOnePortIsPredictedThere() throws IOException {
        int port = httpPort();
        compose("services:\n  backend:\n    network_mode: host\n    expose: [\"" + port + "\"]\n");

        assertThat(found(resolve(Map.of()))).isEqualTo(URI.create("http://localhost:" + port));
    }

    @Test
    void aBackendOnTheHostsNetworkNamingNoPortIsPredictedAt8000() throws IOException {
        Path file = compose("services:\n  backend:\n    network_mode: host\n");

        assertThat(resolve(Map.of("probe.timeout", "300ms")).reason()).contains("predicted http://localhost:8000 for"
                + " service backend from " + file + ":3 (network_mode: host: it listens on the host at 8000)");
    }

    @Test
    void theBackendIsNeverGivenTheComposeServiceAnotherServiceTakesForPublishingItsPort() throws IOException {
        int auth = httpPort();
        compose("services:\n  auth:\n    ports: [\"" + auth + ":8000\"]\n  web:\n    image: shop/web\n");

        ProviderResult result = resolve(Map.of("services", "auth"));

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
        compose("services:\n  login:\n    ports: [\"" + login + ":8000\"]\n  web:\n    image: shop/web\n");

        ProviderResult.Found partial = (ProviderResult.Found) resolve(Map.of("services", "auth",
                "services.auth.docker.service", "login"));

        assertThat(partial.endpoints().get("auth").http()).isEqualTo(URI.create("http://localhost:" + login));
        assertThat(partial.endpoints()).containsOnlyKeys("auth");
        assertThat(partial.missing().get("backend")).endsWith(", and none publishes container port 8000 but login,"
                + " which another service takes; did you mean docker.service=web?; its services: login, web");
    }
}
