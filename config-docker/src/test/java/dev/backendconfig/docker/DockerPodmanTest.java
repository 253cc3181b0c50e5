package dev.backendconfig.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.docker.internal.json.Json;
import dev.backendconfig.testkit.LoopbackServers;
import dev.backendconfig.testsupport.FakeDockerEngine;
import dev.backendconfig.testsupport.Recorded;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The provider against Podman's Docker-compatible API, answering with replies recorded from Podman 4.3.1 and a stack
 * podman-compose 1.0.3 started: its headers, its list without {@code IP}, compose v1 container names with {@code _},
 * and a healthcheck that stays {@code starting} forever on a host without systemd.
 */
class DockerPodmanTest {

    private static final String BACKEND = "85b73e80b2e63ded35c741d210b482aec99927bb73db6ac0d8083c692bc7e45a";
    private static final String AUTH = "e7496b630db96c74340422e2e303dd6d389d9e07caaefce7f1bdcbca731eec66";
    /** When the recorded backend container started. */
    private static final Instant STARTED = Instant.parse("2026-11-25T21:54:06.530150234Z");

    @TempDir
    Path directory;

    private FakeDockerEngine engine;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @BeforeEach
    void startPodman() throws IOException {
        Files.createDirectory(directory.resolve(".git"));
        engine = FakeDockerEngine.onUnixSocket(directory.resolve("podman.sock")).identifyAs("Api-Version: 1.41",
                "Libpod-Api-Version: 4.3.1", "Server: Libpod/4.3.1 (linux)");
    }

    @AfterEach
    void stop() throws Exception {
        engine.close();
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> recordedList() {
        return (List<Map<String, Object>>) Recorded.podman("list");
    }

    /** The recorded list with the backend's published port changed, so a real probe can reach it. */
    @SuppressWarnings("unchecked")
    private static String listPublishing(int backendPort) {
        List<Map<String, Object>> list = recordedList();
        for (Map<String, Object> container : list) {
            if (Json.string(container, "Id").equals(BACKEND)) {
                for (Object port : (List<Object>) container.get("Ports")) {
                    ((Map<String, Object>) port).put("PublicPort", BigDecimal.valueOf(backendPort));
                }
            }
        }
        return Json.write(list);
    }

    /** The recorded backend inspection, started at {@code started}. */
    @SuppressWarnings("unchecked")
    private static String backendStartedAt(Instant started) {
        Map<String, Object> inspect = (Map<String, Object>) Recorded.podman("inspect-backend");
        ((Map<String, Object>) inspect.get("State")).put("StartedAt", started.toString());
        return Json.write(inspect);
    }

    private ProviderResult resolve(Clock clock, Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(settings);
        all.put("docker.project", "engines-it");
        all.putIfAbsent("docker.service", "alpine-test-backend");
        return new DockerEndpointProvider(directory.resolve("no-default.sock")).resolve(ResolutionContext.builder()
                .workingDirectory(directory).environment(Map.of("CONTAINER_HOST", "unix://" + directory.resolve(
                        "podman.sock"))).clock(clock).settings(all).build());
    }

    private int listeningPort() throws IOException {
        LoopbackServers.Server server = LoopbackServers.holding();
        closeables.add(server);
        return server.port();
    }

    /** How a found reason starts, the project named by setting docker.project. */
    private static final String PROJECT = "compose project engines-it (named by setting docker.project): ";
    /** How a found reason ends, the backend's compose service named by setting docker.service. */
    private static final String CHOSEN = "; chosen because setting docker.service names it";

    @Test
    void podmanComposesStackIsFoundWithOneListAndOneInspectAndNamedInTheReport() {
        engine.containers(Json.write(recordedList()))
                .inspect(BACKEND, Recorded.write(Recorded.podman("inspect-backend-healthy")))
                .inspect(AUTH, Recorded.write(Recorded.podman("inspect-auth")));
        ProviderResult result = resolve(Clock.systemUTC(), Map.of());
        assertThat(result).as(result.reason()).isInstanceOf(ProviderResult.Found.class);
        ProviderResult.Found found = (ProviderResult.Found) result;
        assertThat(found.endpoint().http()).isEqualTo(URI.create("http://localhost:18002"));
        assertThat(found.endpoint().details()).containsEntry("container-name", "engines-it_alpine-test-backend_1")
                .containsEntry("compose-service", "alpine-test-backend").containsEntry("compose-project", "engines-it");
        assertThat(result.reason()).isEqualTo(PROJECT + "service alpine-test-backend publishes 8000 on 0.0.0.0:18002"
                + " (healthy)" + CHOSEN);
        assertThat(result.notes()).contains("engine unix://" + directory.resolve("podman.sock") + " (CONTAINER_HOST):"
                + " Podman 4.3.1 (API 1.41), reached over a unix socket");
        assertThat(engine.requests()).hasSize(2);
        assertThat(engine.inspections(BACKEND)).isEqualTo(1);
        assertThat(engine.inspections(AUTH)).isZero();
    }

    @Test
    void aHealthcheckPodmanNeverRunsIsProbedInsteadOfWaitedOut() throws IOException {
        int port = listeningPort();
        engine.containers(listPublishing(port)).inspect(BACKEND, Recorded.write(Recorded.podman("inspect-backend")));
        long start = System.nanoTime();
        ProviderResult result = resolve(Clock.fixed(STARTED.plusSeconds(45), ZoneOffset.UTC),
                Map.of("docker.wait-healthy", "60s"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(result).as(result.reason()).isInstanceOf(ProviderResult.Found.class);
        assertThat(result.reason()).isEqualTo(PROJECT + "service alpine-test-backend publishes 8000 on 0.0.0.0:" + port
                + " (Podman has not run its healthcheck in the 45 s since the container started (interval 1000 ms; the"
                + " health log is empty, the status stays starting): Podman runs healthchecks from systemd timers,"
                + " which this host does not have; probed instead; tcp localhost:" + port + ": accepted and kept the"
                + " connection open)" + CHOSEN);
        assertThat(engine.inspections(BACKEND)).isEqualTo(1);
    }

    @Test
    void aStalledHealthcheckWhoseProbeFailsIsAnErrorSayingBothSinceTheProjectRuns() throws IOException {
        int port = LoopbackServers.closedPort();
        engine.containers(listPublishing(port)).inspect(BACKEND, Recorded.write(Recorded.podman("inspect-backend")));
        assertThatThrownBy(() -> resolve(Clock.fixed(STARTED.plusSeconds(45), ZoneOffset.UTC), Map.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("compose project engines-it (named by setting docker.project) is half up:"
                        + " running: alpine-test-backend, alpine-test-auth; not running or not ready: backend (service"
                        + " alpine-test-backend publishes 8000 on 0.0.0.0:" + port + ", but Podman has not run its"
                        + " healthcheck in the 45 s since the container started")
                .hasMessageContaining("; probed instead and the probe failed: tcp localhost:" + port + ": connection"
                        + " refused)");
    }

    @Test
    void aFreshPodmanContainerIsWaitedForUntilItsFirstCheckIsOverdue() throws IOException {
        int port = listeningPort();
        engine.containers(listPublishing(port)).inspect(BACKEND, backendStartedAt(Instant.now().minusMillis(1500)));
        long start = System.nanoTime();
        ProviderResult result = resolve(Clock.systemUTC(), Map.of("docker.wait-healthy", "60s"));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(result).as(result.reason()).isInstanceOf(ProviderResult.Found.class);
        assertThat(result.reason()).contains("(Podman has not run its healthcheck in the 3 s since the container started");
        assertThat(took).isBetween(Duration.ofMillis(1000), Duration.ofMillis(4000));
        assertThat(engine.inspections(BACKEND)).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aDockerEngineIsNeverThoughtStalled() {
        engine.identifyAs("Api-Version: 1.41", "Server: Docker/20.10.24 (linux)");
        List<Map<String, Object>> list = recordedList();
        // Docker's list tells a healthcheck that has not answered yet, as Docker writes it
        list.stream().filter(container -> Json.string(container, "Id").equals(BACKEND))
                .forEach(container -> container.put("Status", "Up 45 seconds (health: starting)"));
        engine.containers(Json.write(list)).inspect(BACKEND, Recorded.write(Recorded.podman("inspect-backend")));
        assertThatThrownBy(() -> resolve(Clock.fixed(STARTED.plusSeconds(45), ZoneOffset.UTC),
                Map.of("docker.wait-healthy", "700ms"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not running or not ready: backend (service alpine-test-backend (project"
                        + " engines-it, container engines-it_alpine-test-backend_1) is still starting after ");
    }

    @Test
    void aPodmanContainerWithoutHealthcheckHasAnEmptyStatusAndIsProbed() throws IOException {
        int port = listeningPort();
        engine.containers(listPublishing(port)).inspect(BACKEND, Recorded.write(Recorded.podman("inspect-auth")));
        ProviderResult result = resolve(Clock.systemUTC(), Map.of());
        assertThat(result.reason()).isEqualTo(PROJECT + "service alpine-test-backend publishes 8000 on 0.0.0.0:" + port
                + " (no healthcheck; tcp localhost:" + port + ": accepted and kept the connection open)" + CHOSEN);
    }
}
