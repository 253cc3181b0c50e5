package dev.backendconfig.docker;

import static dev.backendconfig.testsupport.Recorded.id;
import static dev.backendconfig.testsupport.Recorded.inspection;
import static dev.backendconfig.testsupport.Recorded.list;
import static dev.backendconfig.testsupport.Recorded.listEntry;
import static dev.backendconfig.testsupport.Recorded.renamed;
import static dev.backendconfig.testsupport.Recorded.text;
import static dev.backendconfig.testsupport.Recorded.withAliases;
import static dev.backendconfig.testsupport.Recorded.withHealth;
import static dev.backendconfig.testsupport.Recorded.withPublicPort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backendconfig.api.ServiceEndpoint;
import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.testkit.LoopbackServers;
import dev.backendconfig.testsupport.FakeDockerEngine;
import dev.backendconfig.toolkit.InvalidInputException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The provider against a fake engine on a real Unix socket, answering with replies recorded from a real engine. */
class DockerEngineDiscoveryTest {

    @TempDir
    Path directory;

    private FakeDockerEngine engine;
    private final List<AutoCloseable> closeables = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startEngine() throws IOException {
        Files.createDirectory(directory.resolve(".git"));
        engine = FakeDockerEngine.onUnixSocket(directory.resolve("engine.sock"));
    }

    @AfterEach
    void stop() throws Exception {
        engine.close();
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
    }

    private ProviderResult resolve(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(settings);
        all.put("docker.host", engine.dockerHost());
        return new DockerEndpointProvider().resolve(ResolutionContext.builder().workingDirectory(directory)
                .settings(all).build());
    }

    private ProviderResult resolve() {
        return resolve(Map.of());
    }

    /** A real loopback server that accepts and holds connections, as a listening backend does. */
    private int listeningPort() throws IOException {
        LoopbackServers.Server server = LoopbackServers.holding();
        closeables.add(server);
        return server.port();
    }

    @Test
    void oneHealthyContainerGivesItsPublishedHostPort() {
        Map<String, Object> alpine = listEntry("alpine-test-backend");
        engine.containers(list(alpine)).inspect(id(alpine), text(inspection("alpine")));
        ProviderResult result = resolve();
        assertThat(result).isInstanceOf(ProviderResult.Found.class);
        ServiceEndpoint endpoint = ((ProviderResult.Found) result).endpoint();
        assertThat(endpoint.http()).isEqualTo(URI.create("http://localhost:8002"));
        assertThat(endpoint.webSocket()).isEqualTo(URI.create("ws://localhost:8002"));
        assertThat(result.reason()).isEqualTo("service alpine-test-backend publishes 8000 on 0.0.0.0:8002 (healthy)");
        assertThat(result.notes()).containsExactly("engine " + engine.dockerHost() + " (setting docker.host): Docker"
                + " 20.10.24 (API 1.41), reached over a unix socket");
        assertThat(endpoint.details()).containsEntry("compose-service", "alpine-test-backend")
                .containsEntry("compose-project", "docker").containsEntry("container-name", "alpine-test-backend")
                .containsEntry("container-id", id(alpine).substring(0, 12)).containsEntry("container-port", "8000")
                .containsEntry("engine", engine.dockerHost());
    }

    @Test
    void asksOnlyForComposeContainersOfTheProjectAndService() {
        engine.containers("[]");
        resolve(Map.of("docker.project", "shop", "docker.service", "api"));
        assertThat(engine.requests()).contains("GET /containers/json?filters=%7B%22label%22%3A%5B%22com.docker.compose"
                + ".project%3Dshop%22%2C%22com.docker.compose.service%3Dapi%22%5D%7D HTTP/1.1");
    }

    @Test
    void theProjectCanComeFromComposeProjectName() {
        engine.containers(list(listEntry("alpine-test-backend")));
        ProviderResult result = new DockerEndpointProvider().resolve(ResolutionContext.builder().workingDirectory(directory)
                .environment(Map.of("COMPOSE_PROJECT_NAME", "other")).settings(Map.of("docker.host", engine.dockerHost()))
                .build());
        assertThat(result.reason()).startsWith("engine " + engine.dockerHost() + " runs no compose container of project other");
    }

    @Test
    void aBindingOn127001IsKeptAndAStartingContainerIsWaitedFor() {
        Map<String, Object> slow = listEntry("slow-backend");
        engine.containers(list(slow)).inspect(id(slow), text(inspection("slow")), text(inspection("slow")),
                withHealth(inspection("slow"), "healthy"));
        ProviderResult result = resolve(Map.of("docker.wait-healthy", "10s"));
        assertThat(((ProviderResult.Found) result).endpoint().http()).isEqualTo(URI.create("http://127.0.0.1:8021"));
        assertThat(result.reason()).startsWith("service slow-backend publishes 8000 on 127.0.0.1:8021 (healthy after"
                + " waiting ").endsWith(" ms for it to start)");
        assertThat(engine.inspections(id(slow))).isEqualTo(3);
    }

    @Test
    void aContainerStillStartingAfterTheWaitIsUnavailable() {
        Map<String, Object> slow = listEntry("slow-backend");
        engine.containers(list(slow)).inspect(id(slow), text(inspection("slow")));
        ProviderResult result = resolve(Map.of("docker.wait-healthy", "600ms"));
        assertThat(result).isInstanceOf(ProviderResult.Unavailable.class);
        assertThat(result.reason()).startsWith("service slow-backend (project capture, container capture_slow-backend_1)"
                + " is still starting after ").endsWith(" ms (setting docker.wait-healthy = 600 ms) (last check said:"
                + " wget: can't connect to remote host (127.0.0.1): Connection refused)");
        long waited = Long.parseLong(result.reason().replaceAll("^.* is still starting after (\\d+) ms .*$", "$1"));
        assertThat(waited).as("the wait ends at docker.wait-healthy, not later").isBetween(600L, 4_000L);
    }


    @Test
    void anEngineWithoutTheStackNamesTheCommandThatStartsThisCheckoutsComposeFiles() throws IOException {
        Files.createDirectories(directory.resolve("docker"));
        Files.writeString(directory.resolve("docker/compose.yml"), "services:\n  backend:\n    ports:\n"
                + "      - \"8002:8000\"\n");
        engine.containers("[]");
        for (Map.Entry<Path, String> shell : Map.of(directory, "docker/compose.yml", directory.getParent(),
                directory.getFileName() + "/docker/compose.yml", Path.of("/proc"),
                directory.resolve("docker/compose.yml").toString()).entrySet()) {
            ProviderResult result = new DockerEndpointProvider().resolve(ResolutionContext.builder()
                    .workingDirectory(directory).systemProperties(Map.of("user.dir", shell.getKey().toString()))
                    .settings(Map.of("docker.host", engine.dockerHost(), "docker.compose-file", "docker/compose.yml"))
                    .build());
            assertThat(result).isInstanceOf(ProviderResult.Unavailable.class);
            assertThat(result.reason()).as("from %s", shell.getKey()).startsWith("engine " + engine.dockerHost()
                    + " runs no compose container (start the stack with docker compose -f " + shell.getValue()
                    + " up -d)");
        }
    }

    static Stream<Arguments> containersThatCannotServe() {
        Map<String, Object> sick = listEntry("sick-backend");
        int closed = LoopbackServers.closedPort();
        Map<String, Object> plain = withPublicPort(listEntry("plain-backend"), closed);
        return Stream.of(
                Arguments.of("no compose container", "[]", Map.of(), Map.of(),
                        "engine {engine} runs no compose container (start the stack with docker compose up -d)"),
                Arguments.of("an unhealthy container", list(sick), Map.of(id(sick), text(inspection("sick"))), Map.of(),
                        "service sick-backend (project capture, container capture_sick-backend_1) is unhealthy (last"
                                + " check said: database connection refused)"),
                Arguments.of("no healthcheck, and nothing listens on its port", list(plain),
                        Map.of(id(plain), text(inspection("plain"))), Map.of(),
                        "service plain-backend publishes 8000 on 0.0.0.0:" + closed + ", but it has no healthcheck and"
                                + " the probe failed: tcp localhost:" + closed + ": connection refused"),
                Arguments.of("none publishing the container port set", list(listEntry("alpine-test-backend")), Map.of(),
                        Map.of("docker.container-port", "9000"),
                        "service alpine-test-backend (project docker, container alpine-test-backend) does not publish"
                                + " container port 9000 (setting docker.container-port) on a host port; it publishes"
                                + " 8002->8000/tcp"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("containersThatCannotServe")
    void anEngineWithNoContainerThatCanServeLeavesDockerUnavailableSayingWhy(String situation, String containers,
            Map<String, String> inspections, Map<String, String> settings, String reason) {
        engine.containers(containers);
        inspections.forEach(engine::inspect);
        assertThat(resolve(settings)).isEqualTo(ProviderResult.unavailable(reason.replace("{engine}",
                engine.dockerHost())).withNote("engine " + engine.dockerHost() + " (setting docker.host): Docker 20.10.24 (API 1.41), reached"
                        + " over a unix socket"));
    }

    @Test
    void aContainerWithoutHealthcheckIsProbed() throws IOException {
        int port = listeningPort();
        Map<String, Object> plain = withPublicPort(listEntry("plain-backend"), port);
        engine.containers(list(plain)).inspect(id(plain), text(inspection("plain")));
        ProviderResult result = resolve();
        assertThat(((ProviderResult.Found) result).endpoint().http()).isEqualTo(URI.create("http://localhost:" + port));
        assertThat(result.reason()).isEqualTo("service plain-backend publishes 8000 on 0.0.0.0:" + port
                + " (no healthcheck; tcp localhost:" + port + ": accepted and kept the connection open)");
    }


    @Test
    void twoCandidatesWithoutAPreferenceAreAnErrorUntilDockerServicePicksOne() {
        Map<String, Object> one = renamed(listEntry("plain-backend"), "a".repeat(64), "api-one", "shop-api-one-1");
        Map<String, Object> two = renamed(listEntry("plain-backend"), "b".repeat(64), "api-two", "shop-api-two-1");
        engine.containers(list(one, two)).inspect("a".repeat(64), withAliases(inspection("plain"), "api-one"))
                .inspect("b".repeat(64), withAliases(inspection("plain"), "api-two"));
        assertThatThrownBy(this::resolve).isInstanceOf(InvalidInputException.class)
                .hasMessage("engine " + engine.dockerHost() + ": 2 compose services of project capture could be service"
                        + " backend: service api-one (project capture, container shop-api-one-1) publishes 8000; service"
                        + " api-two (project capture, container shop-api-two-1) publishes 8000; set docker.service to"
                        + " pick one");
        ProviderResult picked = resolve(Map.of("docker.service", "api-two", "probe", "none"));
        assertThat(((ProviderResult.Found) picked).endpoint().detail("container-name")).contains("shop-api-two-1");
    }

    @Test
    void ofSeveralCandidatesTheOneNamedBackendIsPreferred() {
        Map<String, Object> worker = renamed(listEntry("plain-backend"), "c".repeat(64), "worker", "shop-worker-1");
        Map<String, Object> alpine = listEntry("alpine-test-backend");
        engine.containers(list(worker, alpine)).inspect(id(alpine), text(inspection("alpine")));
        ProviderResult result = resolve();
        assertThat(((ProviderResult.Found) result).endpoint().detail("compose-service")).contains("alpine-test-backend");
        assertThat(result.notes()).contains("compose project docker is the only one of 2 running (capture, docker) that"
                + " runs a backend");
    }

    @Test
    void aNetworkAliasNamedBackendBreaksATie() {
        Map<String, Object> api = renamed(listEntry("plain-backend"), "d".repeat(64), "api", "shop-api-1");
        Map<String, Object> worker = renamed(listEntry("plain-backend"), "e".repeat(64), "worker", "shop-worker-1");
        engine.containers(list(api, worker)).inspect("d".repeat(64), withAliases(inspection("alpine"), "api", "backend"))
                .inspect("e".repeat(64), withAliases(inspection("plain"), "worker", "jobs"));
        ProviderResult result = resolve();
        assertThat(((ProviderResult.Found) result).endpoint().detail("compose-service")).contains("api");
        assertThat(result.reason()).endsWith("; chosen because a network alias names it");
    }

    @Test
    void replicasOfOneServiceGiveTheFirst() {
        Map<String, Object> first = listEntry("alpine-test-backend");
        Map<String, Object> second = renamed(first, "f".repeat(64), "alpine-test-backend", "docker_alpine-test-backend_2");
        @SuppressWarnings("unchecked")
        Map<String, Object> labels = (Map<String, Object>) second.get("Labels");
        labels.put("com.docker.compose.container-number", "2");
        engine.containers(list(second, first)).inspect(id(first), text(inspection("alpine")));
        ProviderResult result = resolve();
        assertThat(((ProviderResult.Found) result).endpoint().detail("container-name")).contains("alpine-test-backend");
        assertThat(result.notes()).contains("compose service alpine-test-backend has 2 containers; using the first,"
                + " alpine-test-backend");
    }

    @Test
    void aSecondDifferentHostPortIsNoted() {
        Map<String, Object> alpine = listEntry("alpine-test-backend");
        @SuppressWarnings("unchecked")
        List<Object> ports = (List<Object>) alpine.get("Ports");
        @SuppressWarnings("unchecked")
        Map<String, Object> extra = new HashMap<>((Map<String, Object>) ports.get(0));
        extra.put("IP", "127.0.0.1");
        extra.put("PublicPort", java.math.BigDecimal.valueOf(8012));
        ports.add(extra);
        engine.containers(list(alpine)).inspect(id(alpine), text(inspection("alpine")));
        assertThat(resolve().notes()).contains("the container port is also published on 127.0.0.1:8012; using 0.0.0.0:8002");
    }

    @Test
    void chunkedRepliesAreRead() {
        Map<String, Object> alpine = listEntry("alpine-test-backend");
        engine.chunked(true).containers(list(alpine)).inspect(id(alpine), text(inspection("alpine")));
        assertThat(resolve()).isInstanceOf(ProviderResult.Found.class);
    }

    @Test
    void aTcpEngineOnLoopbackGivesLocalhostForWildcardBindings() throws IOException {
        try (FakeDockerEngine tcp = FakeDockerEngine.onLoopback()) {
            Map<String, Object> alpine = listEntry("alpine-test-backend");
            tcp.containers(list(alpine)).inspect(id(alpine), text(inspection("alpine")));
            ProviderResult result = new DockerEndpointProvider().resolve(ResolutionContext.builder()
                    .workingDirectory(directory).environment(Map.of("DOCKER_HOST", tcp.dockerHost())).build());
            assertThat(((ProviderResult.Found) result).endpoint().http()).isEqualTo(URI.create("http://localhost:8002"));
            assertThat(result.notes()).contains("engine " + tcp.dockerHost() + " (DOCKER_HOST): Docker 20.10.24 (API"
                    + " 1.41), reached over tcp");
        }
    }
}
