package dev.backendconfig.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The built jar run as a user runs it, {@code java -jar target/backend-config.jar ...}, in a fresh process whose
 * environment holds only what the test gives it (and a DOCKER_HOST where no engine is), from a directory of the
 * test's choosing.
 */
final class JarRun {

    /**
     * What the process did.
     *
     * @param exit its exit code
     * @param out what it wrote on standard output
     * @param err what it wrote on standard error
     * @param took how long it ran, JVM start included
     */
    record Outcome(int exit, String out, String err, Duration took) {
    }

    private JarRun() {
    }

    /** Return the java command that runs the built jar, for a test that starts it its own way (from a shell). */
    static List<String> javaJar(Path home) {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Duser.home=" + home,
                "-jar", System.getProperty("explain.jar"));
    }

    /**
     * Run the jar in {@code directory} with {@code arguments}; the project is {@code home} (its user.home, where the
     * output files go, and where DOCKER_HOST points at a socket that does not exist).
     */
    static Outcome run(Path home, Path directory, Map<String, String> environment, String... arguments)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(javaJar(home));
        command.addAll(List.of(arguments));
        return start(home, directory, environment, command);
    }

    /** Run any command (a shell running the jar, say) as {@link #run} runs the jar. */
    static Outcome start(Path home, Path directory, Map<String, String> environment, List<String> command)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        builder.environment().clear();
        builder.environment().put("DOCKER_HOST", "unix://" + home.resolve("no-engine.sock"));
        builder.environment().putAll(environment);
        Path out = Files.createTempFile(home, "out", ".txt");
        Path err = Files.createTempFile(home, "err", ".txt");
        long start = System.nanoTime();
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("the command did not finish within 120 s: " + command);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        Outcome outcome = new Outcome(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8), took);
        Files.delete(out);
        Files.delete(err);
        return outcome;
    }
}
