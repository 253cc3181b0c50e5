package com.example.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** The three forks run at the same time: none ends its run before all three have joined the stack's lease. */
final class Forks {

    private static final Path JOINED = Path.of("target", "joined");

    private Forks() {
    }

    /** Say that this fork has its endpoint (it holds the lease), and wait until the other two have theirs. */
    static void awaitTheOthers() throws Exception {
        Files.createDirectories(JOINED);
        Files.createFile(JOINED.resolve(Long.toString(ProcessHandle.current().pid())));
        long until = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < until) {
            try (var forks = Files.list(JOINED)) {
                if (forks.count() >= 3) {
                    return;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the other forks did not join within 3 minutes");
    }
}
