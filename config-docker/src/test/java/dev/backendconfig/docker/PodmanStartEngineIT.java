package dev.backendconfig.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.api.spi.RunScope;
import dev.backendconfig.testsupport.Commands;
import dev.backendconfig.testsupport.EnginesIt;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code docker.start=if-missing} on Podman (scripts/engines-env.sh start_podman: rootful, a socket of its own, no
 * systemd), with only Podman's commands on PATH: {@code podman compose} does not answer (Podman 4.3 has none), so
 * {@code podman-compose} starts the missing service, pointed at the service by {@code CONTAINER_HOST}; the end of the
 * run stops and removes the container and the network it created. Asserts {@code podman ps -a} (filtered to its own
 * project) afterwards. Run by scripts/engines-it.sh.
 */
class PodmanStartEngineIT {

    private static Path socket;
    private static Path containersConf;

    @TempDir
    Path repository;
    @TempDir
    Path bin;

    private final String project = EnginesIt.project("bcpod");
    private final RunScope run = RunScope.create("PodmanStartEngineIT");
    private int port;

    @BeforeAll
    static void findPodman() {
        socket = Path.of(EnginesIt.required("ENGINES_IT_PODMAN_SOCKET"));
        containersConf = Path.of(EnginesIt.required("ENGINES_IT_CONTAINERS_CONF"));
    }

    @BeforeEach
    void stackAndPodmanOnlyPath() throws IOException {
        Files.createDirectory(repository.resolve(".git"));
        port = EnginesIt.freePort();
        Files.writeString(repository.resolve("compose.yaml"), """
                services:
                  backend:
                    image: backend-config-it/backend:latest
                    ports: ["127.0.0.1:${PODMAN_BACKEND_PORT}:8000"]
                """);
        for (String program : List.of("podman", "podman-compose")) {
            Path wrapper = Files.writeString(bin.resolve(program), "#!/bin/sh\nexec /usr/bin/" + program + " \"$@\"\n");
            Files.setPosixFilePermissions(wrapper, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @AfterEach
    void removeWhatIsLeft() throws IOException {
        run.close();
        for (String name : podman("ps", "-a", "--filter", "label=com.docker.compose.project=" + project, "--format",
                "{{.Names}}")) {
            podman("rm", "-f", name);
        }
        podman("network", "rm", "-f", project + "_default");
    }

    private List<String> podman(String... arguments) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of("podman"));
        command.addAll(List.of(arguments));
        return Commands.run(command, Map.of("CONTAINER_HOST", "unix://" + socket, "CONTAINERS_CONF",
                containersConf.toString()), Duration.ofSeconds(60)).lines().filter(line -> !line.isBlank()).sorted()
                .toList();
    }

    @Test
    void aMissingServiceIsStartedWithPodmanComposeOnTheResolvedPodmanAndRemovedAtTheEndOfTheRun() throws Exception {
        Map<String, String> environment = new HashMap<>();
        environment.put("PATH", bin.toString());
        environment.put("HOME", System.getProperty("user.home"));
        environment.put("CONTAINERS_CONF", containersConf.toString());
        environment.put("PODMAN_BACKEND_PORT", Integer.toString(port));
        ProviderResult result = new DockerEndpointProvider(run).resolve(ResolutionContext.builder()
                .environment(environment).systemProperties(Map.of("user.home", repository.toString()))
                .workingDirectory(repository).settings(Map.of("docker.host", "unix://" + socket, "docker.project",
                        project, "docker.start", "if-missing", "docker.lease-dir", repository.resolve("leases")
                                .toString(), "docker.timeout", "5s")).build());

        assertThat(result).as(result.reason() + " " + result.notes()).isInstanceOf(ProviderResult.Found.class);
        assertThat(((ProviderResult.Found) result).endpoint().http()).isEqualTo(URI.create("http://127.0.0.1:" + port));
        assertThat(result.notes()).anySatisfy(note -> assertThat(note).startsWith("docker.start=if-missing: started"
                + " backend of compose project " + project).contains(" with podman-compose in "));
        assertThat(podman("ps", "--filter", "label=com.docker.compose.project=" + project, "--format",
                "{{.Names}}")).as("running").containsExactly(project + "_backend_1");

        run.close();

        assertThat(podman("ps", "-a", "--filter", "label=com.docker.compose.project=" + project, "--format",
                "{{.Names}}")).isEmpty();
        assertThat(podman("network", "ls", "--filter", "label=com.docker.compose.project=" + project, "--format",
                "{{.Name}}")).isEmpty();
    }
}
