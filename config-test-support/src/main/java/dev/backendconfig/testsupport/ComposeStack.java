package dev.backendconfig.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real compose stack for the real-Docker tests, started and stopped with the docker-compose command line (tests
 * may use the CLI; the library never does). Every command has a time limit. The command sees the caller's Docker
 * engine ({@link CallerEnvironment#engine()}) and none of the caller's other variables the stack could interpolate
 * ({@code ALPINE_TEST_BACKEND_PORT}, {@code COMPOSE_FILE}, ...): only the stack's own.
 */
public final class ComposeStack implements AutoCloseable {

    private static final Duration COMMAND_TIME = Duration.ofSeconds(120);

    private final Path file;
    private final String project;
    private final Map<String, String> environment;

    private ComposeStack(Path file, String project, Map<String, String> environment) {
        this.file = file;
        this.project = project;
        this.environment = environment;
    }

    /** Start {@code file} as project {@code project}, with extra variables for its interpolation. */
    public static ComposeStack up(Path file, String project, Map<String, String> environment) throws IOException {
        ComposeStack stack = new ComposeStack(file, project, environment);
        stack.run("down", "--remove-orphans", "-t", "1");
        stack.run("up", "-d");
        return stack;
    }

    /**
     * Return a host port that is free now, for a stack's port variable: tests never publish a fixed port, which the
     * example stack or another copy of these tests may hold.
     */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Return the project name. */
    public String project() {
        return project;
    }

    /** Stop one service of the stack, leaving the others running. */
    public void stop(String service) throws IOException {
        run("stop", "-t", "1", service);
    }

    /** Stop and remove the stack. */
    public void down() throws IOException {
        run("down", "--remove-orphans", "-t", "1");
    }

    @Override
    public void close() throws IOException {
        down();
    }

    private void run(String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of("docker-compose", "-f", file.toString(), "-p", project));
        command.addAll(List.of(arguments));
        Map<String, String> all = new java.util.HashMap<>(CallerEnvironment.engine());
        all.putAll(environment);
        Commands.run(command, all, COMMAND_TIME);
    }
}
