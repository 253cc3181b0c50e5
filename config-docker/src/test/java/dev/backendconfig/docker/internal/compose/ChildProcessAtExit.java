package dev.backendconfig.docker.internal.compose;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A JVM that exits while a command it runs through {@link ChildProcess} is still running, as a test JVM does when
 * Surefire or a user ends it mid-start: run by {@link ChildProcessTest}. Arguments: {@code DIRECTORY}; the command
 * writes its own pid and its child's to {@code DIRECTORY/pids} and waits; once they are written the JVM exits.
 */
public final class ChildProcessAtExit {

    private ChildProcessAtExit() {
    }

    public static void main(String[] args) throws Exception {
        Path directory = Path.of(args[0]);
        Path pids = directory.resolve("pids");
        Thread running = new Thread(() -> {
            try {
                ChildProcess.run(List.of("/bin/sh", "-c", "sleep 300 & echo \"$$ $!\" > pids.tmp; mv pids.tmp pids;"
                        + " wait"), Map.of("PATH", "/usr/bin:/bin"), directory, Duration.ofMinutes(2), ran -> { });
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, "compose");
        running.start();
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!Files.exists(pids) && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        System.exit(0);
    }
}
