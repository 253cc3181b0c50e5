package dev.backendconfig.docker.internal.compose;

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
 * Choosing the compose command line, beyond the common cases: Podman's own plugin, the bound of all checks together,
 * a program that cannot be run, an interrupted search, and which of a failed check's lines the error names.
 */
class ComposeCliRulesTest {

    @TempDir
    Path bin;

    private void program(String name, String script) throws IOException {
        Path file = bin.resolve(name);
        Files.writeString(file, script.startsWith("#!") ? script : "#!/bin/sh\n" + script + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void podmansComposePluginIsChosenForAPodmanEngineAndTakesProjectOptions() throws IOException {
        program("podman", "[ \"$1 $2\" = \"compose version\" ] && exit 0; exit 1");
        program("podman-compose", "exit 0");
        List<String> tried = new ArrayList<>();

        ComposeCli cli = ComposeCli.choose(Map.of("PATH", bin.toString()), bin, true, Duration.ofSeconds(20),
                Duration.ofSeconds(30), tried).orElseThrow();

        assertThat(cli).isEqualTo(new ComposeCli(List.of(bin.resolve("podman").toString(), "compose"),
                "podman compose", true));
        assertThat(tried).containsExactly("docker compose: no docker on PATH",
                "docker-compose: no docker-compose on PATH");
    }

    @Test
    void aCheckThatUsesUpTheWholeBoundLeavesTheOthersUncheckedAndTheBoundIsShownInMilliseconds() throws IOException {
        Path ran = bin.resolve("ran");
        program("docker", "/bin/sleep 30");
        program("docker-compose", "echo ran > '" + ran + "'; exit 0");
        List<String> tried = new ArrayList<>();

        Optional<ComposeCli> cli = ComposeCli.choose(Map.of("PATH", bin.toString()), bin, false,
                Duration.ofSeconds(20), Duration.ofMillis(700), tried);

        assertThat(cli).isEmpty();
        assertThat(tried).hasSize(2);
        assertThat(tried.get(0)).as("what was left of the bound, to the millisecond")
                .matches("docker compose: compose version did not answer within (6[0-9][0-9]|700) ms");
        assertThat(tried.get(1)).isEqualTo("docker-compose: not checked (no time left)");
        assertThat(ran).doesNotExist();
    }

    @Test
    void aProgramThatCannotBeRunIsNamedWithWhyAndTheNextIsTried() throws IOException {
        program("docker", "#!/nonexistent/interpreter\n");
        program("docker-compose", "[ \"$1\" = version ] && exit 0; exit 1");
        List<String> tried = new ArrayList<>();

        ComposeCli cli = ComposeCli.choose(Map.of("PATH", bin.toString()), bin, false, Duration.ofSeconds(20),
                Duration.ofSeconds(30), tried).orElseThrow();

        assertThat(cli.name()).isEqualTo("docker-compose");
        assertThat(tried).singleElement().satisfies(line -> assertThat(line).startsWith("docker compose: "
                + bin.resolve("docker") + " could not be run (").endsWith(")"));
    }

    @Test
    void anInterruptedSearchStopsAfterTheCheckItCutAndKeepsTheInterrupt() throws IOException {
        Path ran = bin.resolve("ran");
        program("docker", "/bin/sleep 30");
        program("docker-compose", "echo ran > '" + ran + "'; exit 0");
        List<String> tried = new ArrayList<>();

        Thread.currentThread().interrupt();
        Optional<ComposeCli> cli;
        boolean interrupted;
        try {
            cli = ComposeCli.choose(Map.of("PATH", bin.toString()), bin, false, Duration.ofSeconds(20),
                    Duration.ofSeconds(30), tried);
        } finally {
            interrupted = Thread.interrupted();
        }

        assertThat(interrupted).isTrue();
        assertThat(cli).isEmpty();
        assertThat(tried).containsExactly("docker compose: compose version did not answer within 20 s");
        assertThat(ran).doesNotExist();
    }

    @Test
    void aFailedCheckIsNamedWithItsLastLineOfOutput() throws IOException {
        program("docker-compose", "echo 'first line'; echo 'the last line'; exit 4");
        List<String> tried = new ArrayList<>();

        assertThat(ComposeCli.choose(Map.of("PATH", bin.toString()), bin, false, Duration.ofSeconds(20),
                Duration.ofSeconds(30), tried)).isEmpty();

        assertThat(tried).containsExactly("docker compose: no docker on PATH",
                "docker-compose: version exited with code 4 (the last line)");
    }

    @Test
    void anEnvironmentWithoutPathFindsNothing() {
        List<String> tried = new ArrayList<>();

        assertThat(ComposeCli.choose(Map.of(), bin, false, Duration.ofSeconds(20), Duration.ofSeconds(30), tried))
                .isEmpty();
        assertThat(tried).containsExactly("docker compose: no docker on PATH",
                "docker-compose: no docker-compose on PATH");
    }
}
