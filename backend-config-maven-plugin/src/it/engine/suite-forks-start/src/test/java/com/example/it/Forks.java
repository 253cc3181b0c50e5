package com.example.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** The three forks run at the same time: none ends its run before all three have joined the stack's lease. */
final class Forks {

    private static final Path JOINED = Path.of("target", "joined");

    private Forks() {
    }

    /**
     * Check that the backend answers at {@code health}, say so, and wait until the other two forks have their
     * endpoint too (each holds the lease once it has one).
     */
    static void reachAndAwaitTheOthers(String fork, URI health) throws Exception {
        HttpResponse<String> answer = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                .send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), health.toString());
        System.out.println("fork " + fork + " (pid " + ProcessHandle.current().pid() + ") reached " + health);
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
