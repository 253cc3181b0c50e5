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
        return ComposeCli.choose(Map.of("PATH", bin.toString()), bin, podman, ComposeCli.START_CHECK,
                Duration.ofSeconds(30), tried);
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
    void aChoiceThatAnsweredIsRememberedUntilTheProgramOnPathChanges() throws IOException {
        Path runs = bin.resolve("runs");
        program("docker-compose", "echo run >> '" + runs + "'; [ \"$1\" = version ] && exit 0; exit 1");

        assertThat(choose(false, new ArrayList<>()).orElseThrow().name()).isEqualTo("docker-compose");
        assertThat(choose(false, new ArrayList<>()).orElseThrow().name()).isEqualTo("docker-compose");
        assertThat(Files.readAllLines(runs)).hasSize(1);

        program("docker-compose", "echo run >> '" + runs + "'; echo replaced >/dev/null; [ \"$1\" = version ] && exit 0;"
                + " exit 1");
        assertThat(choose(false, new ArrayList<>()).orElseThrow().name()).isEqualTo("docker-compose");
        assertThat(Files.readAllLines(runs)).hasSize(2);
    }

    @Test
    void aSearchThatFoundNoneIsNotRememberedSoAnInstallLaterIsSeen() throws IOException {
        program("docker-compose", "exit 1");
        assertThat(choose(false, new ArrayList<>())).isEmpty();

        program("docker-compose", "[ \"$1\" = version ] && exit 0; exit 1 # installed now");
        assertThat(choose(false, new ArrayList<>()).orElseThrow().name()).isEqualTo("docker-compose");
    }

    @Test
    void aCheckThatHangsIsKilledAtItsBoundWithWhatItStartedAndTheNextCandidateIsTried() throws IOException {
        Path pid = bin.resolve("child.pid");
        program("docker", "/bin/sleep 300 & echo $! > '" + pid + "'; wait");
        program("docker-compose", "[ \"$1\" = version ] && exit 0; exit 1");

        List<String> tried = new ArrayList<>();
        ComposeCli cli = ComposeCli.choose(Map.of("PATH", bin.toString()), bin, false, Duration.ofSeconds(1),
                Duration.ofSeconds(30), tried).orElseThrow();

        assertThat(cli.name()).isEqualTo("docker-compose");
        assertThat(tried).containsExactly("docker compose: compose version did not answer within 1 s");
        long child = Long.parseLong(Files.readString(pid).strip());
        assertThat(ProcessHandle.of(child).filter(ChildProcess::running)).as("the grandchild, killed (a zombie has ended)")
                .isEmpty();
    }
}
