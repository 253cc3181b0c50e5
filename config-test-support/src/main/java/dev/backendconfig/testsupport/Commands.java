package dev.backendconfig.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the command-line tools the real-engine tests drive (docker-compose, podman-compose, podman) with a time limit.
 * Output goes to a temporary file rather than a pipe, so that a chatty command ({@code up --build}) can never block
 * on a full pipe while we wait for it.
 */
public final class Commands {

    private Commands() {
    }

    /**
     * Run {@code command} with the JVM's variables less those a resolution may read ({@link CallerEnvironment#isRead})
     * and with {@code environment} added, and return its output (stdout and stderr together).
     *
     * @throws IOException when it cannot start, does not finish within {@code limit}, or exits with another code
     *     than 0 (the message holds the command and its output)
     */
    public static String run(List<String> command, Map<String, String> environment, Duration limit)
            throws IOException {
        return run(command, environment, limit, null);
    }

    /**
     * Run {@code command} as {@link #run(List, Map, Duration)} does, in {@code directory} (null: this JVM's).
     *
     * @throws IOException as {@link #run(List, Map, Duration)} does
     */
    public static String run(List<String> command, Map<String, String> environment, Duration limit, Path directory)
            throws IOException {
        Path output = Files.createTempFile("backend-config-command", ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            if (directory != null) {
                builder.directory(directory.toFile());
            }
            builder.environment().keySet().removeIf(CallerEnvironment::isRead);
            builder.environment().putAll(environment);
            Process process = builder.start();
            try {
                if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new IOException(String.join(" ", command) + " did not finish within " + limit.toSeconds()
                            + " s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
                throw new IOException("interrupted while running " + String.join(" ", command), e);
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed with exit code " + process.exitValue()
                        + ":\n" + text);
            }
            return text;
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
