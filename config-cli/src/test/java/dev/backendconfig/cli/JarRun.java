package dev.backendconfig.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The built jar run as a user runs it, {@code java -jar target/backend-config.jar ...}, in a fresh process whose
 * environment holds only what the test gives it (and a DOCKER_HOST where no engine is), from a directory of the
 * test's choosing; its outcome read by {@link ProcessOutcome}.
 */
final class JarRun {

    private JarRun() {
    }

    /** Return the java command that runs the built jar, for a test that starts it its own way (from a shell). */
    static List<String> javaJar(Path home) {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Duser.home=" + home,
                "-jar", System.getProperty("explain.jar"));
    }

    /**
     * Run the jar in {@code directory} with {@code arguments}; {@code home} is its user.home, where the output files
     * go, and where DOCKER_HOST points at a socket that does not exist.
     */
    static ProcessOutcome run(Path home, Path directory, Map<String, String> environment, String... arguments)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(javaJar(home));
        command.addAll(List.of(arguments));
        return start(home, directory, environment, command);
    }

    /** Run any command (a shell running the jar, say) as {@link #run} runs the jar. */
    static ProcessOutcome start(Path home, Path directory, Map<String, String> environment, List<String> command)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        builder.environment().clear();
        builder.environment().put("DOCKER_HOST", "unix://" + home.resolve("no-engine.sock"));
        builder.environment().putAll(environment);
        return ProcessOutcome.of(builder, home);
    }
}
