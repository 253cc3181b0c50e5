package dev.backendconfig.docker.internal.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backendconfig.testkit.RecordingLogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.event.Level;

class ChildProcessTest {

    @TempDir
    Path directory;

    private final Map<String, String> environment = Map.of("PATH", "/usr/bin:/bin");

    @Test
    void everyLineIsLoggedAtDebugMaskedAndTheLastOnesAreKept() throws Exception {
        RecordingLogs.clear();
        ChildProcess.Outcome outcome = ChildProcess.run(List.of("/bin/sh", "-c", "echo 'pulling backend'; echo"
                + " 'login token=Hunter2Pw failed' >&2; printf '\\033[1Aoverwritten\\n'; exit 4"), environment, directory,
                Duration.ofSeconds(20), ran -> { });

        assertThat(outcome.exitCode()).isEqualTo(4);
        assertThat(outcome.timedOut()).isFalse();
        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.tail()).containsExactly("pulling backend", "login token=*** failed", "overwritten");
        assertThat(RecordingLogs.events(Level.DEBUG)).extracting(RecordingLogs.Event::message)
                .contains("/bin/sh -c echo 'pulling backend'; echo 'login token=*** failed' >&2; printf"
                        + " '\\033[1Aoverwritten\\n'; exit 4: login token=*** failed");
        assertThat(RecordingLogs.text()).doesNotContain("Hunter2Pw");
    }

    @Test
    void aCommandStuckPastItsBoundIsKilledWithEveryProcessItStarted() throws Exception {
        Path pidFile = directory.resolve("child.pid");
        long start = System.nanoTime();
        ChildProcess.Outcome outcome = ChildProcess.run(List.of("/bin/sh", "-c", "sleep 300 & echo $! > '" + pidFile
                + "'; echo started; wait"), environment, directory, Duration.ofMillis(1500), ran -> { });

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(outcome.timedOut()).isTrue();
        assertThat(outcome.exitCode()).isEqualTo(-1);
        assertThat(outcome.tail()).containsExactly("started");
        long grandchild = Long.parseLong(Files.readString(pidFile).strip());
        assertThat(ProcessHandle.of(grandchild).filter(ChildProcess::running)).isEmpty();
    }

    @Test
    void theChildSeesExactlyTheEnvironmentItIsGiven() throws Exception {
        ChildProcess.Outcome outcome = ChildProcess.run(List.of("/bin/sh", "-c", "echo \"host=$DOCKER_HOST"
                + " home=${HOME:-unset}\""), Map.of("PATH", "/usr/bin:/bin", "DOCKER_HOST", "unix:///e.sock"),
                directory, Duration.ofSeconds(20), ran -> { });
        assertThat(outcome.tail()).containsExactly("host=unix:///e.sock home=unset");
    }

    @Test
    void aProgramIsFoundOnThePathItIsGivenAsAShellWouldFindIt() throws Exception {
        Path first = Files.createDirectories(directory.resolve("first"));
        Path second = Files.createDirectories(directory.resolve("second"));
        Files.writeString(first.resolve("tool"), "not executable");
        Path executable = Files.writeString(second.resolve("tool"), "#!/bin/sh\n");
        executable.toFile().setExecutable(true);
        assertThat(ChildProcess.onPath("tool", first + ":" + second)).contains(executable);
        assertThat(ChildProcess.onPath("tool", first.toString())).isEmpty();
    }
}
