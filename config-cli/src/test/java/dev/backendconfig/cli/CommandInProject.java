package dev.backendconfig.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fixture of the tests that run the command in this JVM: a project directory of their own (a {@code .git} in a
 * temporary directory, which is also the home directory) where no Docker engine answers ({@code DOCKER_HOST} names a
 * socket that does not exist), plain maps for the environment and system properties, and what the command printed.
 */
abstract class CommandInProject {

    @TempDir
    Path project;

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    final Map<String, String> environment = new HashMap<>();
    final Map<String, String> properties = new HashMap<>();
    /** How long the last {@link #run} took. */
    Duration took = Duration.ZERO;

    @BeforeEach
    void aProjectWithoutDocker() throws IOException {
        Files.createDirectory(project.resolve(".git"));
        environment.put("DOCKER_HOST", "unix://" + project.resolve("no-engine.sock"));
        properties.put("user.dir", project.toString());
        properties.put("user.home", project.toString());
    }

    /** Run the command with these arguments, the environment and the properties; return its exit code. */
    int run(String... arguments) {
        long start = System.nanoTime();
        int exit = new Explain(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true,
                StandardCharsets.UTF_8), environment, properties).run(List.of(arguments));
        took = Duration.ofNanos(System.nanoTime() - start);
        return exit;
    }

    /** Return what the command printed on standard output. */
    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Return what the command printed on standard error. */
    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** Return a loopback port that nothing listens on (it was free a moment ago). */
    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
