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

    private final String project;
    private final Map<String, String> environment;
    private final Path directory;
    private final List<String> options;

    private ComposeStack(Path file, String project, Map<String, String> environment) {
        this.project = project;
        this.environment = environment;
        this.directory = null;
        this.options = List.of("-f", file.toString(), "-p", project);
    }

    private ComposeStack(Path directory, List<String> options, String project, Map<String, String> environment) {
        this.project = project;
        this.environment = environment;
        this.directory = directory;
        this.options = List.copyOf(options);
    }

    /**
     * Start a stack as a person does in a checkout: {@code docker-compose <options> up -d} run in {@code directory}
     * (no {@code -f}, no {@code -p} unless {@code options} has them), so that compose names the project and records
     * its labels itself. {@code project} is the name compose gives it, for the test to check against. When it cannot
     * be started, what did start is removed before the failure is thrown.
     */
    public static ComposeStack upIn(Path directory, List<String> options, String project,
            Map<String, String> environment) throws IOException {
        return started(new ComposeStack(directory, options, project, environment));
    }

    /**
     * Start {@code file} as project {@code project}, with extra variables for its interpolation. When it cannot be
     * started, what did start is removed before the failure is thrown: no container or network is left behind.
     */
    public static ComposeStack up(Path file, String project, Map<String, String> environment) throws IOException {
        return started(new ComposeStack(file, project, environment));
    }

    /** Start {@code stack} afresh (removing what an earlier run left); when it cannot start, remove what did. */
    private static ComposeStack started(ComposeStack stack) throws IOException {
        stack.run("down", "--remove-orphans", "-t", "1");
        try {
            stack.run("up", "-d");
        } catch (IOException e) {
            try {
                stack.down();
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        return stack;
    }

    /**
     * Tell whether a stack could not start because Docker had already allocated one of its host ports: a port free on
     * this machine a moment ago may have been taken since by another stack on the shared engine. Choose fresh ports
     * and start it again.
     */
    public static boolean portTaken(IOException failure) {
        String message = String.valueOf(failure.getMessage());
        return message.contains("port is already allocated") || message.contains("address already in use");
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

    /** Return {@code count} different host ports that are free now (see {@link #freePort()}). */
    public static List<Integer> freePorts(int count) throws IOException {
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                held.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            return held.stream().map(ServerSocket::getLocalPort).toList();
        } finally {
            for (ServerSocket socket : held) {
                socket.close();
            }
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

    /** Stop every container of the stack, leaving them in place (exited), as {@code docker-compose stop} does. */
    public void stopAll() throws IOException {
        run("stop", "-t", "1");
    }

    /** Start the stack's stopped containers again. */
    public void start() throws IOException {
        run("start");
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
        List<String> command = new ArrayList<>(List.of("docker-compose"));
        command.addAll(options);
        command.addAll(List.of(arguments));
        Map<String, String> all = new java.util.HashMap<>(CallerEnvironment.engine());
        all.putAll(environment);
        Commands.run(command, all, COMMAND_TIME, directory);
    }
}
