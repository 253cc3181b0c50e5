package dev.backendconfig.docker.internal.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The choice of compose command, with fake programs on PATH: the v2 plugin cannot be installed here, so
 * {@code docker compose version} answering is proven with a fake {@code docker}.
 */
class ComposeCliTest {

    @TempDir
    Path bin;

    private void program(String name, String script) throws IOException {
        Path file = bin.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + script + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private Optional<ComposeCli> choose(boolean podman, List<String> tried) {
        return ComposeCli.choose(Map.of("PATH", bin.toString()), bin, podman, Duration.ofSeconds(30), tried);
    }

    @Test
    void dockerComposeTheV2PluginIsChosenWhenDockerComposeVersionAnswers() throws IOException {
        program("docker", "[ \"$1 $2\" = \"compose version\" ] && echo 'Docker Compose version v2.29.7' && exit 0; exit 1");
        program("docker-compose", "exit 0");

        ComposeCli cli = choose(false, new ArrayList<>()).orElseThrow();

        assertThat(cli.name()).isEqualTo("docker compose");
        assertThat(cli.command()).containsExactly(bin.resolve("docker").toString(), "compose");
        assertThat(cli.projectOptions()).isTrue();
    }

    @Test
    void dockerComposeV1IsChosenWhenTheDockerCliHasNoComposePlugin() throws IOException {
        program("docker", "echo \"docker: 'compose' is not a docker command.\" >&2; exit 1");
        program("docker-compose", "[ \"$1\" = version ] && echo 'docker-compose version 1.29.2' && exit 0; exit 1");

        ComposeCli cli = choose(false, new ArrayList<>()).orElseThrow();

        assertThat(cli.name()).isEqualTo("docker-compose");
        assertThat(cli.command()).containsExactly(bin.resolve("docker-compose").toString());
    }

    @Test
    void podmanComposeIsChosenForAPodmanEngineOnlyAndTakesNoProjectOptions() throws IOException {
        program("podman", "exit 125");
        program("podman-compose", "[ \"$1\" = version ] && echo 'podman-compose version 1.0.3' && exit 0; exit 1");

        List<String> tried = new ArrayList<>();
        assertThat(choose(false, tried)).isEmpty();
        assertThat(tried).containsExactly("docker compose: no docker on PATH",
                "docker-compose: no docker-compose on PATH");

        ComposeCli cli = choose(true, new ArrayList<>()).orElseThrow();
        assertThat(cli.name()).isEqualTo("podman-compose");
        assertThat(cli.projectOptions()).isFalse();
    }

    @Test
    void whenNoneAnswersEachIsNamedWithWhatHappened() throws IOException {
        program("docker", "echo 'unknown command' >&2; exit 1");
        program("docker-compose", "exit 2");

        List<String> tried = new ArrayList<>();
        assertThat(choose(false, tried)).isEmpty();

        assertThat(tried).containsExactly("docker compose: compose version exited with code 1 (unknown command)",
                "docker-compose: version exited with code 2");
    }

    @Test
    void theUpCommandNamesTheProjectItsFilesProfilesAndJustTheMissingServices() {
        StackSpec spec = new StackSpec("shop", Path.of("/r"), List.of(Path.of("/r/compose.yaml"),
                Path.of("/r/compose.override.yaml")), List.of("debug"), List.of(), Map.of("backend", "api"), Map.of(),
                "test");
        ComposeCli cli = new ComposeCli(List.of("/usr/bin/docker", "compose"), "docker compose", true);
        assertThat(cli.up(spec, List.of("api", "auth"))).containsExactly("/usr/bin/docker", "compose", "-p", "shop",
                "--project-directory", "/r", "-f", "/r/compose.yaml", "-f", "/r/compose.override.yaml", "--profile",
                "debug", "up", "-d", "--no-recreate", "api", "auth");
        ComposeCli podman = new ComposeCli(List.of("/usr/bin/podman-compose"), "podman-compose", false);
        assertThat(podman.up(spec, List.of("api"))).containsExactly("/usr/bin/podman-compose", "-p", "shop", "-f",
                "/r/compose.yaml", "-f", "/r/compose.override.yaml", "up", "-d", "--no-recreate", "api");
    }
}
