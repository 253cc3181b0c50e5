package dev.backendconfig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code up} and {@code down}, the built jar run as a shell runs it: each in a fresh process, the lease held in between
 * by the process {@code up} leaves. The real-engine cycle runs in profile docker-it (scripts/docker-it.sh).
 */
class UpDownIT {

    private static final String IMAGE = "backend-config-it/backend:latest";

    @TempDir
    Path project;
    @TempDir
    Path tmp;

    private final String composeProject = "bcup-" + UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, String> engine = new HashMap<>();

    @BeforeEach
    void aProject() throws IOException {
        Files.createDirectory(project.resolve(".git"));
        engine.put("DOCKER_HOST", "unix://" + project.resolve("no-engine.sock"));
    }

    @AfterEach
    void nothingLeft() throws Exception {
        // whatever a failed test left of its own compose project (never another's)
        if (!engine.containsKey("DOCKER_HOST")) {
            new ProcessBuilder("docker-compose", "-p", composeProject, "down", "-t", "1").directory(project.toFile())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        }
    }

    private ProcessOutcome run(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.home=" + project, "-Djava.io.tmpdir=" + tmp, "-jar", System.getProperty("explain.jar")));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile());
        builder.environment().clear();
        builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        builder.environment().putAll(engine);
        return ProcessOutcome.of(builder, tmp);
    }

    private List<Path> records() throws IOException {
        Path home = tmp.resolve("backend-config-up-" + System.getProperty("user.name").replaceAll("[^A-Za-z0-9_.-]", "_"));
        if (!Files.isDirectory(home)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(home)) {
            return files.toList();
        }
    }

    @Test
    void upWithNothingToFindExitsTwoWithTheReportOnStderrAndLeavesNothingBehind() throws Exception {
        ProcessOutcome outcome = run("up");
        assertThat(outcome.exit()).isEqualTo(2);
        assertThat(outcome.out()).isEmpty();
        assertThat(outcome.err()).startsWith("No backend found.\n").endsWith("up: nothing found; the report says why\n")
                .contains("What to do next:\n  - env: set TEST_BACKEND_URL")
                // up shows the report itself: no step sends the user to run explain for it
                .doesNotContain("run the explain command");
        assertThat(records()).isEmpty();
    }

    @Test
    void upWithAnInvalidSettingExitsThreeNamingIt() throws Exception {
        ProcessOutcome outcome = run("up", "--set", "probe=sometimes");
        assertThat(outcome.exit()).isEqualTo(3);
        assertThat(outcome.err()).contains("setting probe expects one of none, tcp, http, websocket");
        assertThat(records()).isEmpty();
    }

    @Test
    void downWithoutUpHasNothingToRelease() throws Exception {
        ProcessOutcome outcome = run("down");
        assertThat(outcome.exit()).isZero();
        assertThat(outcome.err()).isEqualTo("down: no up of " + project.toAbsolutePath().normalize() + " is recorded; nothing to"
                + " release\n");
    }

    @Test
    void anUnknownArgumentIsRefusedWithoutEchoingAValue() throws Exception {
        ProcessOutcome outcome = run("down", "--set", "x=y");
        assertThat(outcome.exit()).isEqualTo(64);
        assertThat(outcome.err()).startsWith("down: unknown argument --set; usage: backend-config up");
        assertThat(run("up", "hunter2").err()).startsWith("up: unknown argument (not shown: it may hold a secret)");
    }

    /** The whole cycle on a real engine: up starts and holds, another process attaches, down stops and removes. */
    @Test
    @EnabledIfSystemProperty(named = "backendconfig.it.engine", matches = "true")
    void upHoldsTheStackAcrossProcessesAndDownRemovesWhatItStarted() throws Exception {
        engine.clear();
        engine.put("HOME", System.getProperty("user.home")); // docker-compose's own configuration
        int port = freePort();
        Files.writeString(project.resolve("compose.yaml"), """
                services:
                  backend:
                    image: %s
                    ports: ["127.0.0.1:%d:8000"]
                    healthcheck:
                      test: ["CMD", "/bin/busybox", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8000/health"]
                      interval: 1s
                      timeout: 2s
                      retries: 30
                """.formatted(IMAGE, port));

        ProcessOutcome up = run("up", "--set", "docker.project=" + composeProject);
        assertThat(up.exit()).as(up.err()).isZero();
        assertThat(up.out()).startsWith("backend: http://127.0.0.1:" + port + "  ").contains("docker.start=if-missing:"
                + " started backend of compose project " + composeProject);
        assertThat(up.err()).matches("up: held by process [0-9]+ until backend-config down\n");
        assertThat(running()).hasSize(1);

        ProcessOutcome again = run("up", "--set", "docker.project=" + composeProject);
        assertThat(again.exit()).isZero();
        assertThat(again.err()).contains("is already up (held by process");

        ProcessOutcome explain = run("--set", "docker.project=" + composeProject, "--format=env");
        assertThat(explain.exit()).isZero();
        assertThat(explain.out()).startsWith("BACKEND_URL=http://127.0.0.1:" + port + "\n");

        ProcessOutcome down = run("down");
        assertThat(down.exit()).as(down.err()).isZero();
        assertThat(down.out()).contains("the last JVM holding the lease of compose project " + composeProject
                + " leaves: stopped and removed 1 container");
        assertThat(down.err()).isEqualTo("down: released " + project.toAbsolutePath().normalize() + "\n");
        assertThat(running()).isEmpty();
        assertThat(records()).isEmpty();
    }

    private List<String> running() throws IOException, InterruptedException {
        Process ps = new ProcessBuilder("docker", "ps", "-aq", "--filter", "label=com.docker.compose.project="
                + composeProject).redirectErrorStream(true).start();
        String out = new String(ps.getInputStream().readAllBytes()).strip();
        ps.waitFor();
        return out.isEmpty() ? List.of() : List.of(out.split("\n"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
