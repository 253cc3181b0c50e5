package dev.backendconfig.docker.internal.compose;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Which compose command line is installed — {@code docker compose} (the v2 plugin) or {@code docker-compose} (v1, or
 * v2 installed standalone) — so that advice names a command that runs here. Found by running {@code docker compose
 * version}, then {@code docker-compose version}, each found on the {@code PATH} of the resolution's environment and
 * bounded in time; no process of ours outlives the check. What answered is remembered for the JVM, by {@code PATH} and
 * the commands found on it (a Python {@code docker-compose} can take seconds to start on a busy machine); a check
 * that found neither is not remembered.
 *
 * @param command the command's words: {@code [docker, compose]} or {@code [docker-compose]}
 * @param found whether it answered here; false: neither did, and {@code command} is {@code docker compose}, the
 *     current one
 * @param why what the check found, for the report
 */
public record ComposeCli(List<String> command, boolean found, String why) {

    /** How long one {@code version} check may take. */
    public static final Duration CHECK_TIME = Duration.ofSeconds(10);

    private static final Map<List<String>, ComposeCli> FOUND = new ConcurrentHashMap<>();

    public ComposeCli {
        command = List.copyOf(command);
    }

    /** Return the command as a shell line: {@code docker compose}. */
    public String shown() {
        return String.join(" ", command);
    }

    /**
     * Find the installed compose command line.
     *
     * @param environment the variables of the resolution ({@code PATH} is searched, and the commands run with them)
     * @param limit how long the checks may take in all
     */
    public static ComposeCli detect(Map<String, String> environment, Duration limit) {
        Optional<Path> docker = onPath("docker", environment);
        Optional<Path> standalone = onPath("docker-compose", environment);
        List<String> key = List.of(environment.getOrDefault("PATH", ""), docker.map(Path::toString).orElse(""),
                standalone.map(Path::toString).orElse(""));
        ComposeCli known = FOUND.get(key);
        if (known != null) {
            return known;
        }
        ComposeCli found = check(environment, limit, docker, standalone);
        if (found.found()) {
            FOUND.put(key, found);
        }
        return found;
    }

    private static ComposeCli check(Map<String, String> environment, Duration limit, Optional<Path> docker,
            Optional<Path> standalone) {
        long deadline = System.nanoTime() + limit.toNanos();
        if (docker.isPresent() && answers(List.of(docker.get().toString(), "compose", "version"), environment,
                deadline)) {
            return new ComposeCli(List.of("docker", "compose"), true, "docker compose answers here");
        }
        if (standalone.isPresent() && answers(List.of(standalone.get().toString(), "version"), environment,
                deadline)) {
            return new ComposeCli(List.of("docker-compose"), true, "docker-compose answers here"
                    + (docker.isPresent() ? " (docker compose does not)" : ""));
        }
        return new ComposeCli(List.of("docker", "compose"), false, "neither docker compose nor docker-compose"
                + " answered here (PATH " + (docker.isPresent() || standalone.isPresent() ? "has them, but they did"
                        + " not answer in time" : "has neither") + ")");
    }

    /** Return the executable {@code name} in a directory of {@code PATH}, as a shell would find it. */
    static Optional<Path> onPath(String name, Map<String, String> environment) {
        String path = environment.getOrDefault("PATH", "");
        for (String directory : path.split(File.pathSeparator)) {
            if (directory.isBlank()) {
                continue;
            }
            try {
                Path candidate = Path.of(directory, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            } catch (InvalidPathException e) {
                // a PATH entry that is no path holds no command
            }
        }
        return Optional.empty();
    }

    /** Run a command with output discarded; tell whether it exited with 0 before the deadline. */
    private static boolean answers(List<String> command, Map<String, String> environment, long deadline) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            return false;
        }
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return false;
        }
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // its input is closed either way
        }
        try {
            if (process.waitFor(Math.min(left, CHECK_TIME.toNanos()), TimeUnit.NANOSECONDS)) {
                return process.exitValue() == 0;
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            if (process.isAlive()) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                try {
                    process.waitFor(1, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
