package dev.backendconfig.docker.internal.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backendconfig.docker.internal.compose.ComposeCli;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The command line that starts the missing services of this checkout's project. */
class StackSpecTest {

    @Test
    void theUpCommandNamesTheProjectItsFilesProfilesAndJustTheMissingServices() {
        StackSpec spec = new StackSpec("shop", Path.of("/r"), List.of(Path.of("/r/compose.yaml"),
                Path.of("/r/compose.override.yaml")), List.of("debug"), List.of(), Map.of("backend", "api"), Map.of(),
                "test");
        ComposeCli cli = new ComposeCli(List.of("/usr/bin/docker", "compose"), "docker compose", true);
        assertThat(spec.up(cli, List.of("api", "auth"))).containsExactly("/usr/bin/docker", "compose", "-p", "shop",
                "--project-directory", "/r", "-f", "/r/compose.yaml", "-f", "/r/compose.override.yaml", "--profile",
                "debug", "up", "-d", "--no-recreate", "api", "auth");
        ComposeCli podman = new ComposeCli(List.of("/usr/bin/podman-compose"), "podman-compose", false);
        assertThat(spec.up(podman, List.of("api"))).containsExactly("/usr/bin/podman-compose", "-p", "shop", "-f",
                "/r/compose.yaml", "-f", "/r/compose.override.yaml", "up", "-d", "--no-recreate", "api");
    }
}
