package dev.backendconfig.docker.internal.compose;

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
    void aCommandStillRunningWhenTheJvmExitsIsKilledWithEveryProcessItStarted() throws Exception {
        Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), ChildProcessAtExit.class.getName(), directory.toString())
                .redirectErrorStream(true).redirectOutput(directory.resolve("jvm.out").toFile()).start();
        List<ProcessHandle> all = List.of();
        try {
            assertThat(jvm.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).as(directory.resolve("jvm.out")
                    .toString()).isTrue();
            assertThat(jvm.exitValue()).as(Files.readString(directory.resolve("jvm.out"))).isZero();
            all = java.util.Arrays.stream(Files.readString(directory.resolve("pids")).strip().split(" "))
                    .map(Long::parseLong).map(ProcessHandle::of).flatMap(java.util.Optional::stream).toList();
            long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (all.stream().anyMatch(ChildProcess::running) && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            assertThat(all).as("the command and the process it started (the JVM said: %s)",
                    Files.readString(directory.resolve("jvm.out"))).noneMatch(ChildProcess::running);
        } finally {
            all.forEach(ProcessHandle::destroyForcibly);
            jvm.destroyForcibly();
        }
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

    @Test
    void onlyTheLastLinesAreKeptALongLineIsCutAndALastLineWithoutLineFeedCounts() throws Exception {
        ChildProcess.Outcome outcome = ChildProcess.run(List.of("/bin/sh", "-c", "i=1; while [ $i -le 45 ]; do"
                + " echo line $i; i=$((i+1)); done; printf 'x%.0s' $(seq 1 900); printf '\\r\\nlast'"), environment,
                directory, Duration.ofSeconds(20), ran -> { });

        assertThat(outcome.tail()).hasSize(40);
        assertThat(outcome.tail().get(0)).isEqualTo("line 8");
        assertThat(outcome.tail().get(38)).isEqualTo("x".repeat(400) + "...");
        assertThat(outcome.tail().get(39)).isEqualTo("last");
        assertThat(outcome.tailText(2)).isEqualTo("    " + "x".repeat(400) + "...\n    last");
        assertThat(outcome.succeeded()).isTrue();
    }

    @Test
    void aCommandWithoutOutputSaysSoAndProgressIsReportedWhileItRuns() throws Exception {
        List<Duration> progress = new java.util.concurrent.CopyOnWriteArrayList<>();
        ChildProcess.Outcome outcome = ChildProcess.run(List.of("/bin/sh", "-c", "sleep 0.4"), environment, directory,
                Duration.ofSeconds(20), progress::add);

        assertThat(outcome.tailText(5)).isEqualTo("    (no output)");
        assertThat(outcome.took()).isGreaterThanOrEqualTo(Duration.ofMillis(350));
        assertThat(progress).isNotEmpty().allSatisfy(ran -> assertThat(ran).isPositive()
                .isLessThan(Duration.ofSeconds(20)));
    }

    @Test
    void aZombieAProcessLeftUnreapedHasEndedAndAnEndedProcessToo() throws Exception {
        // the child ends after the shell became sleep 30 (exec), so no shell can have reaped it: it stays a zombie
        Process parent = new ProcessBuilder("/bin/sh", "-c", "sleep 0.3 & echo $!; exec sleep 30").start();
        try {
            long zombie = Long.parseLong(new java.io.BufferedReader(new java.io.InputStreamReader(
                    parent.getInputStream(), java.nio.charset.StandardCharsets.UTF_8)).readLine().strip());
            ProcessHandle child = ProcessHandle.of(zombie).orElseThrow();
            long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (ChildProcess.running(child) && System.nanoTime() < until) {
                Thread.sleep(10);
            }
            assertThat(child.isAlive()).as("a zombie counts as alive for the JDK").isTrue();
            assertThat(ChildProcess.running(child)).isFalse();
            assertThat(ChildProcess.running(parent.toHandle())).isTrue();
        } finally {
            parent.destroyForcibly();
            parent.waitFor();
        }
        assertThat(ChildProcess.running(parent.toHandle())).isFalse();
    }
}
