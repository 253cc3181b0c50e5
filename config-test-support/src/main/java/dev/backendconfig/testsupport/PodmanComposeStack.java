package dev.backendconfig.testsupport;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real compose stack on Podman for the Podman tests, started and stopped with podman-compose through Podman's API
 * service ({@code CONTAINER_HOST}), with the containers.conf this machine needs ({@code CONTAINERS_CONF}). Every
 * command has a time limit.
 */
public final class PodmanComposeStack implements AutoCloseable {

    private static final Duration COMMAND_TIME = Duration.ofSeconds(120);

    private final Path file;
    private final String project;
    private final Map<String, String> environment;

    private PodmanComposeStack(Path file, String project, Map<String, String> environment) {
        this.file = file;
        this.project = project;
        this.environment = environment;
    }

    /** Start {@code file} as {@code project} on the Podman service at {@code socket}. */
    public static PodmanComposeStack up(Path file, String project, Path socket, Path containersConf,
            Map<String, String> variables) throws IOException {
        Map<String, String> environment = new java.util.HashMap<>(variables);
        environment.put("CONTAINER_HOST", "unix://" + socket);
        environment.put("CONTAINERS_CONF", containersConf.toString());
        PodmanComposeStack stack = new PodmanComposeStack(file, project, environment);
        stack.compose("up", "-d");
        return stack;
    }

    /** Return the project name. */
    public String project() {
        return project;
    }

    /** Run {@code podman ARGUMENTS...} through the same service, for example {@code healthcheck run NAME}. */
    public String podman(String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of("podman"));
        command.addAll(List.of(arguments));
        return run(command);
    }

    @Override
    public void close() throws IOException {
        try {
            compose("down", "-t", "1");
        } finally {
            // podman-compose down leaves the project's network behind
            run(List.of("podman", "network", "rm", "-f", project + "_default"));
        }
    }

    private void compose(String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of("podman-compose", "-f", file.toString(), "-p", project));
        command.addAll(List.of(arguments));
        run(command);
    }

    private String run(List<String> command) throws IOException {
        return Commands.run(command, environment, COMMAND_TIME);
    }
}
