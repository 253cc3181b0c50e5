package dev.backendconfig.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.testsupport.EnginesIt;
import dev.backendconfig.testsupport.PodmanComposeStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The provider against Podman's Docker-compatible API service (rootful, on a socket of its own, no systemd:
 * scripts/engines-env.sh start_podman), with stacks started by podman-compose, found through {@code CONTAINER_HOST}.
 * Run by scripts/engines-it.sh: {@code ENGINES_IT_PODMAN_SOCKET} and {@code ENGINES_IT_CONTAINERS_CONF}.
 */
class PodmanEngineIT {

    private static final String COMPOSE = """
            services:
              alpine-test-backend:
                image: backend-config-it/backend:latest
                ports:
                  - "${BACKEND_PORT}:8000"
                healthcheck:
                  test: ["CMD", "/bin/busybox", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8000/health"]
                  interval: 1s
                  timeout: 2s
                  retries: 3
              alpine-test-auth:
                image: backend-config-it/backend:latest
                ports:
                  - "${AUTH_PORT}:8000"
            """;

    private static Path socket;
    private static Path containersConf;

    @TempDir
    Path directory;

    @BeforeAll
    static void findPodman() {
        socket = Path.of(EnginesIt.required("ENGINES_IT_PODMAN_SOCKET"));
        containersConf = Path.of(EnginesIt.required("ENGINES_IT_CONTAINERS_CONF"));
    }

    private PodmanComposeStack up(String prefix, int backendPort) throws Exception {
        Path file = Files.writeString(directory.resolve("docker-compose.yml"), COMPOSE);
        return PodmanComposeStack.up(file, EnginesIt.project(prefix), socket, containersConf, Map.of("BACKEND_PORT",
                Integer.toString(backendPort), "AUTH_PORT", Integer.toString(EnginesIt.freePort())));
    }

    private ProviderResult resolve(String project, Map<String, String> settings) {
        Map<String, String> all = new java.util.HashMap<>(settings);
        all.put("docker.project", project);
        // two services publish container port 8000: the backend is named, never guessed
        all.put("docker.service", "alpine-test-backend");
        return new DockerEndpointProvider().resolve(ResolutionContext.builder()
                .environment(EnginesIt.environment(Map.of("CONTAINER_HOST", "unix://" + socket)))
                .systemProperties(Map.of("user.home", directory.toString())).workingDirectory(directory)
                .settings(all).build());
    }

    private static String body(URI http) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(http.resolve("/health"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body().strip();
    }

    @Test
    void aPodmanComposeStackIsFoundThroughItsLabelsAndPodmanIsNamed() throws Exception {
        int port = EnginesIt.freePort();
        try (PodmanComposeStack stack = up("bcit-podman", port)) {
            String container = stack.project() + "_alpine-test-backend_1";
            // stand in for the systemd timer this host lacks, so that the healthcheck says healthy
            stack.podman("healthcheck", "run", container);
            ProviderResult result = resolve(stack.project(), Map.of());
            assertThat(result).as(result.reason()).isInstanceOf(ProviderResult.Found.class);
            ProviderResult.Found found = (ProviderResult.Found) result;
            assertThat(found.endpoint().http()).isEqualTo(URI.create("http://localhost:" + port));
            assertThat(found.endpoint().details()).containsEntry("container-name", container)
                    .containsEntry("compose-service", "alpine-test-backend");
            assertThat(result.reason()).isEqualTo("compose project " + stack.project() + " (named by setting"
                    + " docker.project): service alpine-test-backend publishes 8000 on 0.0.0.0:" + port + " (healthy);"
                    + " chosen because setting docker.service names it");
            // named by setting docker.service, as the auth container publishes 8000 too
            assertThat(result.notes().get(0)).isEqualTo("engine unix://" + socket
                    + " (CONTAINER_HOST): Podman 4.3.1 (API 1.41), reached over a unix socket");
            assertThat(result.notes()).contains("this checkout's compose project: " + stack.project() + " (setting"
                    + " docker.project given to ResolutionContext.Builder.settings)");
            assertThat(body(found.endpoint().http())).isEqualTo("ok");
        }
    }

    @Test
    void aHealthcheckPodmanNeverRunsFallsBackToTheProbeQuickly() throws Exception {
        int port = EnginesIt.freePort();
        try (PodmanComposeStack stack = up("bcit-podman-stall", port)) {
            long start = System.nanoTime();
            ProviderResult result = resolve(stack.project(), Map.of("docker.wait-healthy", "60s"));
            long took = (System.nanoTime() - start) / 1_000_000;
            System.out.println("timing: Podman healthcheck that never runs, docker.wait-healthy=60s: resolved in " + took
                    + " ms");
            assertThat(result).as(result.reason()).isInstanceOf(ProviderResult.Found.class);
            assertThat(result.reason()).startsWith("compose project " + stack.project() + " (named by setting"
                    + " docker.project): service alpine-test-backend publishes 8000 on 0.0.0.0:" + port + " (Podman has not run its healthcheck in the ").contains(" s since the container started (interval"
                    + " 1000 ms; the health log is empty, the status stays starting): Podman runs healthchecks from"
                    + " systemd timers, which this host does not have; probed instead; tcp localhost:" + port
                    + ": accepted");
            assertThat(took).isLessThan(10_000);
            assertThat(body(((ProviderResult.Found) result).endpoint().http())).isEqualTo("ok");
        }
    }
}
