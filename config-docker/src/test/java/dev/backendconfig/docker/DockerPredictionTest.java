package dev.backendconfig.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.testkit.LoopbackServers;
import dev.backendconfig.testsupport.AlpineStack;
import dev.backendconfig.toolkit.InvalidInputException;
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

/** Engine unreachable: the port is predicted from the compose file and accepted only if something answers there. */
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

    private int listeningPort() throws IOException {
        LoopbackServers.Server server = LoopbackServers.holding();
        closeables.add(server);
        return server.port();
    }

    @Test
    void predictsThePortFromTheComposeFileAndAcceptsItWhenSomethingAnswers() throws IOException {
        Path file = write("docker/docker-compose.alpine-test.yml", ALPINE);
        int port = listeningPort();
        ProviderResult result = resolve(Map.of("ALPINE_TEST_BACKEND_PORT", Integer.toString(port)),
                Map.of("docker.compose-file", "docker/docker-compose.alpine-test.yml"));
        assertThat(result).isInstanceOf(ProviderResult.Found.class);
        assertThat(((ProviderResult.Found) result).endpoint().http()).isEqualTo(URI.create("http://localhost:" + port));
        assertThat(result.reason()).isEqualTo("predicted http://localhost:" + port + " for service alpine-test-backend"
                + " from " + file + ":6; tcp localhost:" + port + ": accepted and kept the connection open; setting"
                + " docker.host names " + unreachable + ", which does not exist (is the engine running?)");
    }

    @Test
    void predicts8002ByDefaultAnd8010WhenTheVariableSaysSo() throws IOException {
        write("docker/docker-compose.alpine-test.yml", ALPINE);
        Map<String, String> settings = Map.of("docker.compose-file", "docker/docker-compose.alpine-test.yml",
                "probe", "none");
        assertThat(((ProviderResult.Found) resolve(Map.of(), settings)).endpoint().http())
                .isEqualTo(URI.create("http://localhost:8002"));
        assertThat(((ProviderResult.Found) resolve(Map.of("ALPINE_TEST_BACKEND_PORT", "8010"), settings)).endpoint().http())
                .isEqualTo(URI.create("http://localhost:8010"));
    }

    @Test
    void aPredictionNothingAnswersIsUnavailableAndSaysWhatWasTried() throws IOException {
        Path file = write("docker/docker-compose.alpine-test.yml", ALPINE);
        int port = LoopbackServers.closedPort();
        ProviderResult result = resolve(Map.of("ALPINE_TEST_BACKEND_PORT", Integer.toString(port)),
                Map.of("docker.compose-file", "docker/docker-compose.alpine-test.yml"));
        assertThat(result).isEqualTo(ProviderResult.unavailable("setting docker.host names " + unreachable + ", which"
                + " does not exist (is the engine running?); predicted http://localhost:" + port + " for service"
                + " alpine-test-backend from " + file + ":6, but nothing answers there: tcp localhost:" + port
                + ": connection refused").withNextStep("start the engine that setting docker.host names, or fix or unset setting docker.host (the socket "
                + repository.resolve("no-engine.sock") + " does not exist)"));
    }

    @Test
    void findsComposeYamlInAParentDirectory() throws IOException {
        write("compose.yaml", "services:\n  backend:\n    ports: [\"8002:8000\"]\n");
        Path module = Files.createDirectories(repository.resolve("e2e/tests"));
        ProviderResult result = new DockerEndpointProvider().resolve(ResolutionContext.builder().workingDirectory(module)
                .settings(Map.of("docker.host", unreachable, "probe", "none")).build());
        assertThat(((ProviderResult.Found) result).endpoint().http()).isEqualTo(URI.create("http://localhost:8002"));
    }

    @Test
    void composeFileListsAreSplitOnTheSeparator() throws IOException {
        write("base.yml", "services:\n  backend:\n    image: x\n");
        write("ports.yml", "services:\n  backend:\n    ports: [\"127.0.0.1:8006:8000\"]\n");
        ProviderResult result = resolve(Map.of("COMPOSE_FILE", "base.yml;ports.yml", "COMPOSE_PATH_SEPARATOR", ";"),
                Map.of("probe", "none"));
        assertThat(((ProviderResult.Found) result).endpoint().http()).isEqualTo(URI.create("http://127.0.0.1:8006"));
    }

    @Test
    void anUnreachableEngineAndNoComposeFileIsUnavailable() {
        ProviderResult result = resolve(Map.of(), Map.of());
        assertThat(result).isEqualTo(ProviderResult.unavailable("setting docker.host names " + unreachable + ", which"
                + " does not exist (is the engine running?); no compose file in " + repository + " to predict the port"
                + " from").withNextStep("start the engine that setting docker.host names, or fix or unset setting docker.host (the socket "
                + repository.resolve("no-engine.sock") + " does not exist)"));
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
    void aComposeFileWithoutAServicePublishingThePortIsUnavailable() throws IOException {
        Path file = write("compose.yaml", "services:\n  db:\n    ports: [\"5432:5432\"]\n  cache: {}\n");
        assertThat(resolve(Map.of(), Map.of()).reason()).endsWith("; " + file + " has no service named after backend or"
                + " publishing container port 8000 (services: db, cache)");
    }

    @Test
    void twoServicesPublishingThePortAreAmbiguousUnlessOneIsTheBackend() throws IOException {
        write("compose.yaml", "services:\n  api:\n    ports: [\"8002:8000\"]\n  web:\n    ports: [\"8003:8000\"]\n");
        assertThat(resolve(Map.of(), Map.of("probe", "none")).reason()).endsWith(" 2 services could be backend: api,"
                + " web; set docker.service to pick one");
        assertThat(((ProviderResult.Found) resolve(Map.of(), Map.of("probe", "none", "docker.service", "web")))
                .endpoint().http()).isEqualTo(URI.create("http://localhost:8003"));
    }

    @Test
    void aRandomHostPortCannotBePredicted() throws IOException {
        write("compose.yaml", "services:\n  backend:\n    ports: [\"8000\"]\n");
        assertThat(resolve(Map.of(), Map.of()).reason()).endsWith("publishes 8000 on a host port Docker picks at start,"
                + " which only a running engine can tell");
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
              alpine-test-frontend:
                ports: ["${ALPINE_TEST_FRONTEND_PORT:-3002}:3000"]
            """;

    @Test
    void everyServiceIsPredictedFromTheComposeFileAndProbed() throws IOException {
        write("compose.yaml", THREE_SERVICES);
        int backend = listeningPort();
        int auth = listeningPort();
        int frontend = listeningPort();
        ProviderResult result = resolve(Map.of("ALPINE_TEST_BACKEND_PORT", Integer.toString(backend),
                "ALPINE_TEST_AUTH_PORT", Integer.toString(auth), "ALPINE_TEST_FRONTEND_PORT", Integer.toString(frontend)),
                Map.of("services", "auth,frontend"));
        ProviderResult.Found found = (ProviderResult.Found) result;
        assertThat(found.endpoint().http()).isEqualTo(URI.create("http://localhost:" + backend));
        assertThat(found.endpoint("auth").orElseThrow().http()).isEqualTo(URI.create("http://localhost:" + auth));
        assertThat(found.endpoint("auth").orElseThrow().detail("container-port")).contains("8081");
        assertThat(found.endpoint("frontend").orElseThrow().http()).isEqualTo(URI.create("http://localhost:" + frontend));
        assertThat(found.reason()).startsWith("predicted from " + repository.resolve("compose.yaml") + "; setting"
                + " docker.host names " + unreachable);
    }

    @Test
    void aPredictedServiceThatDoesNotAnswerMakesThePredictionPartial() throws IOException {
        write("compose.yaml", THREE_SERVICES);
        int backend = listeningPort();
        int closed = LoopbackServers.closedPort();
        ProviderResult result = resolve(Map.of("ALPINE_TEST_BACKEND_PORT", Integer.toString(backend),
                "ALPINE_TEST_AUTH_PORT", Integer.toString(closed)), Map.of("services", "auth"));
        ProviderResult.Found partial = (ProviderResult.Found) result;
        assertThat(partial.endpoints()).containsOnlyKeys("backend");
        assertThat(partial.missing().get("auth")).isEqualTo("predicted http://localhost:" + closed + " for service"
                + " alpine-test-auth from " + repository.resolve("compose.yaml") + ":6, but nothing answers there: tcp"
                + " localhost:" + closed + ": connection refused");
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
}
