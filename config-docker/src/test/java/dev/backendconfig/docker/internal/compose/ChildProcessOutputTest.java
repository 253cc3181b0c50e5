package dev.backendconfig.docker.internal.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backendconfig.testkit.RecordingLogs;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.event.Level;

/**
 * A command's output as it comes and at its end: each line logged while the command still runs, what it wrote before
 * an interruption kept, a carriage return ending a line, and a line's first 1600 bytes kept before its terminal
 * escapes are stripped; killing while interrupted; a blank entry of a PATH.
 */
class ChildProcessOutputTest {

    @TempDir
    Path directory;

    private final Map<String, String> environment = Map.of("PATH", "/usr/bin:/bin");

    private ChildProcess.Outcome run(String script) throws Exception {
        return ChildProcess.run(List.of("/bin/sh", "-c", script), environment, directory, Duration.ofSeconds(20),
                ran -> { });
    }

    private static void awaitFile(Path file) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!Files.exists(file) && System.nanoTime() < until) {
            Thread.sleep(10);
        }
    }

    @Test
    void eachLineIsLoggedWhileTheCommandStillRuns() throws Exception {
        RecordingLogs.clear();
        AtomicBoolean loggedWhileRunning = new AtomicBoolean();
        // the command ends as soon as the test saw its first line logged, or gives up after three seconds
        ChildProcess.Outcome outcome = ChildProcess.run(List.of("/bin/sh", "-c", "echo ready; i=0; while [ ! -e seen ]"
                + " && [ $i -lt 60 ]; do sleep 0.05; i=$((i+1)); done"), environment, directory, Duration.ofSeconds(20),
                ran -> {
                    if (RecordingLogs.events(Level.DEBUG).stream().anyMatch(event -> event.message()
                            .endsWith(": ready"))) {
                        loggedWhileRunning.set(true);
                        try {
                            Files.createFile(directory.resolve("seen"));
                        } catch (java.io.IOException e) {
                            // already made at an earlier progress call
                        }
                    }
                });

        assertThat(loggedWhileRunning).isTrue();
        assertThat(outcome.tail()).containsExactly("ready");
        assertThat(outcome.succeeded()).isTrue();
    }

    @Test
    void whatTheCommandWroteBeforeAnInterruptionIsKeptAndTheInterruptionToo() throws Exception {
        AtomicBoolean first = new AtomicBoolean(true);
        ChildProcess.Outcome outcome = ChildProcess.run(List.of("/bin/sh", "-c", "echo early; while [ ! -e go ]; do"
                + " sleep 0.02; done; echo late; touch wrote; sleep 30"), environment, directory,
                Duration.ofSeconds(20), ran -> {
                    if (first.getAndSet(false)) {
                        try {
                            Files.createFile(directory.resolve("go"));
                            awaitFile(directory.resolve("wrote"));
                        } catch (Exception e) {
                            throw new AssertionError(e);
                        }
                        Thread.currentThread().interrupt();
                    }
                });

        assertThat(Thread.interrupted()).as("the interruption is kept for the caller").isTrue();
        assertThat(outcome.timedOut()).isTrue();
        assertThat(outcome.tail()).containsExactly("early", "late");
        assertThat(outcome.took()).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void aCarriageReturnEndsALineAsALineFeedDoes() throws Exception {
        assertThat(run("printf 'one\\rtwo\\r\\nthree\\n'").tail()).containsExactly("one", "two", "three");
    }

    @Test
    void aLineKeepsItsFirst1600BytesBeforeItsTerminalEscapesAreStripped() throws Exception {
        // 533 escapes of 3 bytes make 1599 bytes: the 1600th is A, and B is past the bound
        ChildProcess.Outcome outcome = run("i=0; while [ $i -lt 533 ]; do printf '\\033[m'; i=$((i+1)); done;"
                + " printf 'AB\\nnext\\n'");

        assertThat(outcome.tail()).containsExactly("A", "next");
    }

    @Test
    void killingWhileInterruptedStillKillsAndReapsAndKeepsTheInterruption() throws Exception {
        Process process = new ProcessBuilder("/bin/sh", "-c", "sleep 30").start();
        try {
            Thread.currentThread().interrupt();
            ChildProcess.kill(process);

            assertThat(Thread.interrupted()).isTrue();
            assertThat(process.isAlive()).isFalse();
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void aBlankPathEntryIsNoDirectoryAndTheSearchGoesOn() throws Exception {
        Path bin = Files.createDirectories(directory.resolve("bin"));
        Path tool = Files.writeString(bin.resolve("tool"), "#!/bin/sh\n");
        tool.toFile().setExecutable(true);

        assertThat(ChildProcess.onPath(tool.toString(), " ")).isEmpty();
        assertThat(ChildProcess.onPath("tool", " " + File.pathSeparator + bin)).contains(tool);
    }
}
