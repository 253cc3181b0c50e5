package dev.backendconfig.docker.internal.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A stack's project as the lifecycle names it to compose: env files, and what a project must have. */
class StackSpecRulesTest {

    private static final List<Path> FILES = List.of(Path.of("/r/compose.yaml"));

    @Test
    void envFilesComeBeforeProfilesAndOnlyForACommandThatTakesProjectOptions() {
        StackSpec spec = new StackSpec("shop", Path.of("/r"), FILES, List.of("debug", "db"), List.of(Path.of(
                "/r/ci.env"), Path.of("/r/local.env")), Map.of(), Map.of(), "test");

        assertThat(spec.projectArguments(true)).containsExactly("-p", "shop", "--project-directory", "/r", "-f",
                "/r/compose.yaml", "--env-file", "/r/ci.env", "--env-file", "/r/local.env", "--profile", "debug",
                "--profile", "db");
        assertThat(spec.projectArguments(false)).containsExactly("-p", "shop", "-f", "/r/compose.yaml");
    }

    @Test
    void aProjectNeedsANameAndAFile() {
        assertThatThrownBy(() -> new StackSpec(" ", Path.of("/r"), FILES, List.of(), List.of(), Map.of(), Map.of(),
                "test")).isInstanceOf(IllegalArgumentException.class).hasMessage("a compose project has a name");
        assertThatThrownBy(() -> new StackSpec("shop", Path.of("/r"), List.of(), List.of(), List.of(), Map.of(),
                Map.of(), "test")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a compose project has at least one file");
    }
}
