package dev.backendconfig.docker;

import static dev.backendconfig.testsupport.Recorded.id;
import static dev.backendconfig.testsupport.Recorded.inspection;
import static dev.backendconfig.testsupport.Recorded.list;
import static dev.backendconfig.testsupport.Recorded.listEntry;
import static dev.backendconfig.testsupport.Recorded.renamed;
import static dev.backendconfig.testsupport.Recorded.startedIn;
import static dev.backendconfig.testsupport.Recorded.text;
import static dev.backendconfig.testsupport.Recorded.withAliases;
import static dev.backendconfig.testsupport.Recorded.withHealth;
import static dev.backendconfig.testsupport.Recorded.withPublicPort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backendconfig.api.ServiceEndpoint;
import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.testkit.LoopbackServers;
import dev.backendconfig.testsupport.FakeDockerEngine;
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

/**
 * The provider against a fake engine on a real Unix socket, answering with replies recorded from a real engine, each
 * container started from this test's checkout (project {@code shop}) unless a test says otherwise.
 */
class DockerEngineDiscoveryTest {

    private static final String OURS = "compose project shop (this checkout's): ";

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

    /** A recorded container, as started from this checkout. */
    private Map<String, Object> ours(String service) {
        return startedIn(listEntry(service), directory, "shop");
    }

    private Map<String, Object> ours(Map<String, Object> entry) {
        return startedIn(entry, directory, "shop");
    }

    /** A real loopback server that accepts and holds connections, as a listening backend does. */
    private int listeningPort() throws IOException {
        LoopbackServers.Server server = LoopbackServers.holding();
        closeables.add(server);
        return server.port();
    }

    private String engineNote() {
        return "engine " + engine.dockerHost() + " (setting docker.host): Docker 20.10.24 (API 1.41), reached over a"
                + " unix socket";
    }

    @Test
    void oneHealthyContainerOfThisCheckoutGivesItsPublishedHostPort() {
        Map<String, Object> alpine = ours("alpine-test-backend");
        engine.containers(list(alpine)).inspect(id(alpine), text(inspection("alpine")));
        ProviderResult result = resolve();
        assertThat(result).isInstanceOf(ProviderResult.Found.class);
        ServiceEndpoint endpoint = ((ProviderResult.Found) result).endpoint();
        assertThat(endpoint.http()).isEqualTo(URI.create("http://localhost:8002"));
        assertThat(endpoint.webSocket()).isEqualTo(URI.create("ws://localhost:8002"));
        assertThat(endpoint.unconfirmed()).isEmpty();
        assertThat(result.reason()).isEqualTo(OURS + "service alpine-test-backend publishes 8000 on 0.0.0.0:8002"
                + " (healthy); chosen because its network alias is backend");
        assertThat(result.notes()).containsExactly(engineNote(), "compose project shop is this checkout's: it was"
                + " started from this checkout's " + directory.resolve("compose.yaml"));
        assertThat(endpoint.details()).containsEntry("compose-service", "alpine-test-backend")
                .containsEntry("compose-project", "shop").containsEntry("container-name", "alpine-test-backend")
                .containsEntry("container-id", id(alpine).substring(0, 12)).containsEntry("container-port", "8000")
                .containsEntry("engine", engine.dockerHost());
    }

    @Test
    void aContainerDockersListCallsHealthyIsAnsweredWithTheListAloneOneRequestNoInspect() {
        Map<String, Object> alpine = ours("alpine-test-backend");
        engine.containers(list(alpine)).inspect(id(alpine), withHealth(inspection("alpine"), "unhealthy"));
        ProviderResult result = resolve(Map.of("docker.service", "alpine-test-backend"));
        assertThat(result.reason()).isEqualTo(OURS + "service alpine-test-backend publishes 8000 on 0.0.0.0:8002"
                + " (healthy); chosen because setting docker.service names it");
        assertThat(engine.requests()).hasSize(1).allMatch(request -> request.startsWith("GET /containers/json?"));
        assertThat(engine.inspections(id(alpine))).isZero();
    }

    @Test
    void aContainerDockersListShowsWithoutHealthcheckIsProbedWithoutAnInspect() throws IOException {
        int port = listeningPort();
        Map<String, Object> plain = ours(renamed(withPublicPort(listEntry("plain-backend"), port),
                id(listEntry("plain-backend")), "backend", "shop-backend-1"));
        engine.containers(list(plain)).inspect(id(plain), text(inspection("alpine")));
        ProviderResult result = resolve();
        assertThat(result.reason()).isEqualTo(OURS + "service backend publishes 8000 on 0.0.0.0:" + port
                + " (no healthcheck; tcp localhost:" + port + ": accepted and kept the connection open)");
        assertThat(engine.requests()).hasSize(1);
    }

    @Test
    void anEngineThatDoesNotSayItIsDockerIsInspectedWhateverItsListSays() {
        engine.identifyAs("Api-Version: 1.41");
        Map<String, Object> alpine = ours("alpine-test-backend");
        engine.containers(list(alpine)).inspect(id(alpine), text(inspection("alpine")));
        ProviderResult result = resolve(Map.of("docker.service", "alpine-test-backend"));
        assertThat(result).isInstanceOf(ProviderResult.Found.class);
        assertThat(engine.inspections(id(alpine))).isEqualTo(1);
    }

    @Test
    void asksOnceForEveryComposeContainerStoppedOnesIncludedOrOnlyForTheNamedProject() {
        engine.containers("[]");
        resolve();
        resolve(Map.of("docker.project", "other"));
        assertThat(engine.requests()).containsExactly(
                "GET /containers/json?all=1&filters=%7B%22label%22%3A%5B%22com.docker.compose.project%22%5D%7D"
                        + " HTTP/1.1",
                "GET /containers/json?all=1&filters=%7B%22label%22%3A%5B%22com.docker.compose.project%3Dother%22%5D"
                        + "%7D HTTP/1.1");
    }

    @Test
    void theProjectCanComeFromComposeProjectNameWhoeverStartedIt() {
        Map<String, Object> alpine = listEntry("alpine-test-backend");
        engine.containers(list(alpine)).inspect(id(alpine), text(inspection("alpine")));
        ProviderResult missing = new DockerEndpointProvider().resolve(ResolutionContext.builder()
                .workingDirectory(directory).environment(Map.of("COMPOSE_PROJECT_NAME", "other"))
                .settings(Map.of("docker.host", engine.dockerHost())).build());
        assertThat(missing.reason()).isEqualTo("engine " + engine.dockerHost() + " has no container of compose project"
                + " other (named by COMPOSE_PROJECT_NAME)");
        ProviderResult found = new DockerEndpointProvider().resolve(ResolutionContext.builder()
                .workingDirectory(directory).environment(Map.of("COMPOSE_PROJECT_NAME", "docker"))
                .settings(Map.of("docker.host", engine.dockerHost())).build());
        assertThat(found.reason()).isEqualTo("compose project docker (named by COMPOSE_PROJECT_NAME): service"
                + " alpine-test-backend publishes 8000 on 0.0.0.0:8002 (healthy); chosen because its network alias"
                + " is backend");
    }

    @Test
    void aBindingOn127001IsKeptAndAStartingContainerIsWaitedFor() {
        Map<String, Object> slow = ours(renamed(listEntry("slow-backend"), id(listEntry("slow-backend")), "backend",
                "shop-backend-1"));
        engine.containers(list(slow)).inspect(id(slow), text(inspection("slow")), text(inspection("slow")),
                withHealth(inspection("slow"), "healthy"));
        ProviderResult result = resolve(Map.of("docker.wait-healthy", "10s"));
        assertThat(((ProviderResult.Found) result).endpoint().http()).isEqualTo(URI.create("http://127.0.0.1:8021"));
        assertThat(result.reason()).startsWith(OURS + "service backend publishes 8000 on 127.0.0.1:8021 (healthy after"
                + " waiting ").endsWith(" ms for it to start)");
        assertThat(engine.inspections(id(slow))).isEqualTo(3);
    }

    @Test
    void aContainerOfOursStillStartingAfterTheWaitIsAnErrorNotAFallback() {
        Map<String, Object> slow = ours(renamed(listEntry("slow-backend"), id(listEntry("slow-backend")), "backend",
                "shop-backend-1"));
        engine.containers(list(slow)).inspect(id(slow), text(inspection("slow")));
        assertThatThrownBy(() -> resolve(Map.of("docker.wait-healthy", "600ms")))
                .satisfies(e -> assertThat(Long.parseLong(e.getMessage().replaceAll("(?s)^.* is still starting after"
                        + " (\\d+) ms .*$", "$1"))).as("the wait ends at docker.wait-healthy, not later")
                        .isBetween(600L, 4_000L))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("engine " + engine.dockerHost() + ": compose project shop (this checkout's) is"
                        + " half up: running: backend; not running or not ready: backend (service backend (project"
                        + " shop, container shop-backend-1) is still starting after ")
                .hasMessageContaining(" ms (setting docker.wait-healthy = 600 ms) (last check said: wget: can't connect"
                        + " to remote host (127.0.0.1): Connection refused)); fix what is not ready");
    }

    @Test
    void anEngineWithoutOurStackNamesThisCheckoutsProjectAndTheCommandThatStartsIt() throws IOException {
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
            assertThat(result.reason()).isEqualTo("no compose project of this checkout (" + directory + ") is on"
                    + " engine " + engine.dockerHost() + "; this checkout's project is docker (the name of the project"
                    + " directory " + directory.resolve("docker") + ")");
            assertThat(result.nextStep()).as("from %s", shell.getKey()).isEqualTo("start this checkout's stack:"
                    + " docker compose -f " + shell.getValue() + " up -d");
        }
    }

    @Test
    void anUnhealthyContainerOfOursIsAnErrorWithItsLastCheck() {
        Map<String, Object> sick = ours(renamed(listEntry("sick-backend"), id(listEntry("sick-backend")), "backend",
                "shop-backend-1"));
        engine.containers(list(sick)).inspect(id(sick), text(inspection("sick")));
        assertThatThrownBy(this::resolve).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not running or not ready: backend (service backend (project shop, container"
                        + " shop-backend-1) is unhealthy (last check said: database connection refused))");
        // the last check's words are in the inspect only
        assertThat(engine.inspections(id(sick))).isEqualTo(1);
    }

    @Test
    void aContainerWithoutHealthcheckIsProbedAndOneWhoseProbeFailsIsAnError() throws IOException {
        int port = listeningPort();
        Map<String, Object> plain = ours(renamed(withPublicPort(listEntry("plain-backend"), port),
                id(listEntry("plain-backend")), "backend", "shop-backend-1"));
        engine.containers(list(plain)).inspect(id(plain), text(inspection("plain")));
        ProviderResult result = resolve();
        assertThat(((ProviderResult.Found) result).endpoint().http()).isEqualTo(URI.create("http://localhost:" + port));
        assertThat(result.reason()).isEqualTo(OURS + "service backend publishes 8000 on 0.0.0.0:" + port
                + " (no healthcheck; tcp localhost:" + port + ": accepted and kept the connection open)");
        int closed = LoopbackServers.closedPort();
        engine.containers(list(ours(renamed(withPublicPort(listEntry("plain-backend"), closed),
                id(listEntry("plain-backend")), "backend", "shop-backend-1"))));
        assertThatThrownBy(this::resolve).hasMessageContaining("not running or not ready: backend (service backend"
                + " publishes 8000 on 0.0.0.0:" + closed + ", but it has no healthcheck and the probe failed: tcp"
                + " localhost:" + closed + ": connection refused)");
    }

    @Test
    void aContainerThatDoesNotPublishTheSetPortIsAnErrorSayingWhatItPublishes() {
        Map<String, Object> alpine = ours("alpine-test-backend");
        engine.containers(list(alpine)).inspect(id(alpine), text(inspection("alpine")));
        assertThatThrownBy(() -> resolve(Map.of("docker.container-port", "9000")))
                .hasMessageContaining("not running or not ready: backend (service alpine-test-backend (project shop,"
                        + " container alpine-test-backend) does not publish container port 9000 (setting"
                        + " docker.container-port) on a host port; it publishes 8002->8000/tcp)");
    }

    @Test
    void twoServicesPublishingThePortAreAnErrorUntilDockerServicePicksOne() {
        Map<String, Object> one = ours(renamed(listEntry("plain-backend"), "a".repeat(64), "api-one", "shop-api-one-1"));
        Map<String, Object> two = ours(renamed(listEntry("plain-backend"), "b".repeat(64), "api-two", "shop-api-two-1"));
        engine.containers(list(one, two)).inspect("a".repeat(64), withAliases(inspection("plain"), "api-one"))
                .inspect("b".repeat(64), withAliases(inspection("plain"), "api-two"));
        assertThatThrownBy(this::resolve).isInstanceOf(InvalidInputException.class)
                .hasMessage("engine " + engine.dockerHost() + ": 2 compose services of project shop could be service"
                        + " backend: api-one, api-two (they publish container port 8000); set docker.service to pick"
                        + " one");
        ProviderResult picked = resolve(Map.of("docker.service", "api-two", "probe", "none"));
        assertThat(((ProviderResult.Found) picked).endpoint().detail("container-name")).contains("shop-api-two-1");
    }

    /**
     * Services api (network aliases api and backend) and backend-worker (worker, backends), both publishing 8000: only
     * the engine's aliases, read by inspecting, tell which is the backend.
     */
    private void aliasedApiBesideALookalike() {
        Map<String, Object> api = ours(renamed(listEntry("plain-backend"), "d".repeat(64), "api", "shop-api-1"));
        Map<String, Object> lookalike = ours(renamed(listEntry("plain-backend"), "e".repeat(64), "backend-worker",
                "shop-backend-worker-1"));
        engine.containers(list(api, lookalike))
                .inspect("d".repeat(64), withAliases(inspection("alpine"), "api", "backend"))
                .inspect("e".repeat(64), withAliases(inspection("plain"), "worker", "backends"));
    }

    private static void assertApiChosenByItsAlias(ProviderResult result) {
        assertThat(((ProviderResult.Found) result).endpoint().detail("compose-service")).contains("api");
        assertThat(result.reason()).endsWith("; chosen because its network alias is backend");
    }

    @Test
    void aNetworkAliasNamedExactlyBackendChoosesAndANameThatMerelyContainsItNever() {
        aliasedApiBesideALookalike();
        ProviderResult result = resolve();
        assertApiChosenByItsAlias(result);
    }

    @Test
    void aProjectNamedBySettingInACheckoutWithoutComposeFilesStillAsksTheEngineForNetworkAliases() {
        // no compose file describes the project, so its aliases are the engine's alone, looked up by inspecting
        aliasedApiBesideALookalike();
        ProviderResult result = resolve(Map.of("docker.project", "shop"));
        assertApiChosenByItsAlias(result);
    }

    @Test
    void replicasOfOneServiceGiveTheFirstRunningOne() {
        Map<String, Object> first = ours("alpine-test-backend");
        Map<String, Object> second = renamed(first, "f".repeat(64), "alpine-test-backend", "shop_alpine-test-backend_2");
        @SuppressWarnings("unchecked")
        Map<String, Object> labels = (Map<String, Object>) second.get("Labels");
        labels.put("com.docker.compose.container-number", "2");
        engine.containers(list(second, first)).inspect(id(first), text(inspection("alpine")))
                .inspect(id(second), text(inspection("alpine")));
        ProviderResult result = resolve();
        assertThat(((ProviderResult.Found) result).endpoint().detail("container-name")).contains("alpine-test-backend");
        assertThat(result.notes()).contains("compose service alpine-test-backend has 2 running containers; using the"
                + " first, alpine-test-backend");
    }

    @Test
    void runningReplicasWithTheSameNumberGiveTheFirstListed() {
        // an engine that lists two containers numbered 1 of one service: the first listed, as the stream's min chose
        Map<String, Object> first = ours("alpine-test-backend");
        Map<String, Object> twin = renamed(first, "f".repeat(64), "alpine-test-backend", "alpine-test-backend-twin");
        engine.containers(list(twin, first)).inspect(id(first), text(inspection("alpine")))
                .inspect(id(twin), text(inspection("alpine")));
        ProviderResult result = resolve();
        assertThat(((ProviderResult.Found) result).endpoint().detail("container-name"))
                .contains("alpine-test-backend-twin");
    }

    @Test
    void twoBindingsOnAllInterfacesGiveTheFirstListedAndNoteTheOther() {
        Map<String, Object> alpine = ours("alpine-test-backend");
        @SuppressWarnings("unchecked")
        List<Object> ports = (List<Object>) alpine.get("Ports");
        @SuppressWarnings("unchecked")
        Map<String, Object> other = new HashMap<>((Map<String, Object>) ports.get(0));
        other.put("PublicPort", java.math.BigDecimal.valueOf(8012));
        ports.add(0, other);
        engine.containers(list(alpine)).inspect(id(alpine), text(inspection("alpine")));
        ProviderResult result = resolve();
        assertThat(((ProviderResult.Found) result).endpoint().http().toString()).isEqualTo("http://localhost:8012");
        assertThat(result.notes()).contains("the container port is also published on 0.0.0.0:8002; using"
                + " 0.0.0.0:8012");
    }

    @Test
    void aSecondDifferentHostPortIsNoted() {
        Map<String, Object> alpine = ours("alpine-test-backend");
        @SuppressWarnings("unchecked")
        List<Object> ports = (List<Object>) alpine.get("Ports");
        @SuppressWarnings("unchecked")
        Map<String, Object> extra = new HashMap<>((Map<String, Object>) ports.get(0));
        extra.put("IP", "127.0.0.1");
        extra.put("PublicPort", java.math.BigDecimal.valueOf(8012));
        ports.add(extra);
        engine.containers(list(alpine)).inspect(id(alpine), text(inspection("alpine")));
        assertThat(resolve().notes()).contains("the container port is also published on 127.0.0.1:8012; using"
                + " 0.0.0.0:8002");
    }

    @Test
    void chunkedRepliesAreRead() {
        Map<String, Object> alpine = ours("alpine-test-backend");
        engine.chunked(true).containers(list(alpine)).inspect(id(alpine), text(inspection("alpine")));
        assertThat(resolve()).isInstanceOf(ProviderResult.Found.class);
    }

    @Test
    void aTcpEngineOnLoopbackGivesLocalhostForWildcardBindings() throws IOException {
        try (FakeDockerEngine tcp = FakeDockerEngine.onLoopback()) {
            Map<String, Object> alpine = ours("alpine-test-backend");
            tcp.containers(list(alpine)).inspect(id(alpine), text(inspection("alpine")));
            ProviderResult result = new DockerEndpointProvider().resolve(ResolutionContext.builder()
                    .workingDirectory(directory).environment(Map.of("DOCKER_HOST", tcp.dockerHost())).build());
            assertThat(((ProviderResult.Found) result).endpoint().http()).isEqualTo(URI.create("http://localhost:8002"));
            assertThat(result.notes()).contains("engine " + tcp.dockerHost() + " (DOCKER_HOST): Docker 20.10.24 (API"
                    + " 1.41), reached over tcp");
        }
    }

    @Test
    void aContainerOnTheHostsNetworkIsReachedAtItsContainerPort() throws IOException {
        int port = listeningPort();
        Map<String, Object> host = ours(renamed(listEntry("plain-backend"), id(listEntry("plain-backend")), "backend",
                "shop-backend-1"));
        host.put("Ports", List.of());
        host.put("HostConfig", Map.of("NetworkMode", "host"));
        engine.containers(list(host)).inspect(id(host), text(inspection("plain")));
        ProviderResult result = resolve(Map.of("docker.container-port", Integer.toString(port)));
        assertThat(((ProviderResult.Found) result).endpoint().http()).isEqualTo(URI.create("http://localhost:" + port));
        assertThat(result.reason()).isEqualTo(OURS + "service backend listens on the host's network (network_mode:"
                + " host) at " + port + " (no healthcheck; tcp localhost:" + port + ": accepted and kept the connection"
                + " open)");
    }
}
