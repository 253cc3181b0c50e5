package dev.backendconfig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built jar, run as a user runs it: java -jar target/backend-config.jar, in a fresh process. */
class ExplainJarIT {

    @TempDir
    Path project;

    private record Outcome(int exit, String out, String err) {
    }

    @BeforeEach
    void aProject() throws IOException {
        Files.createDirectory(project.resolve(".git"));
    }

    private Outcome run(Map<String, String> environment, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.home=" + project, "-jar", System.getProperty("explain.jar")));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile());
        builder.environment().clear();
        builder.environment().put("DOCKER_HOST", "unix://" + project.resolve("no-engine.sock"));
        builder.environment().putAll(environment);
        Path out = project.resolve("out.txt");
        Path err = project.resolve("err.txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("explain did not finish within 60 s");
        }
        return new Outcome(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void foundExitsZeroWithTheReport() throws Exception {
        Outcome outcome = run(Map.of("TEST_BACKEND_URL", "http://localhost:8002"));
        assertThat(outcome.exit()).isZero();
        assertThat(outcome.out()).startsWith("backend: http://localhost:8002  ws://localhost:8002  (from env, ");
        assertThat(outcome.err()).isEmpty();
    }

    @Test
    void notFoundExitsTwo() throws Exception {
        Outcome outcome = run(Map.of());
        assertThat(outcome.exit()).isEqualTo(2);
        assertThat(outcome.out()).startsWith("No backend found.\n");
        assertThat(outcome.err()).isEqualTo("explain: no backend found; the report says why\n");
    }

    @Test
    void invalidExitsThree() throws Exception {
        Outcome outcome = run(Map.of("BACKEND_URL", "http://host:65536"));
        assertThat(outcome.exit()).isEqualTo(3);
        assertThat(outcome.err()).isEqualTo("explain: variable BACKEND_URL: expected an absolute http or https URL such"
                + " as http://localhost:8002, got port 65536, outside 1-65535\n");
    }

    @Test
    void badArgumentsExitSixtyFour() throws Exception {
        Outcome outcome = run(Map.of(), "--format=yaml");
        assertThat(outcome.exit()).isEqualTo(64);
        assertThat(outcome.err()).isEqualTo("explain: --format expects text, env or json, got a value that is not one of"
                + " them (not shown: it may hold a secret)\n");
    }

    @Test
    void theExamplesProjectEndsInTheStagingFallback() throws Exception {
        Path examples = Path.of(System.getProperty("explain.jar")).getParent().resolve("../../examples").normalize();
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        // the stack's port is a variable: point it where nothing listens, whatever runs on this machine's 8002
        Outcome outcome = run(Map.of("ALPINE_TEST_BACKEND_PORT", Integer.toString(closed)), "--dir", examples.toString());
        assertThat(outcome.exit()).isZero();
        assertThat(outcome.out()).startsWith("backend: https://backend-staging.example.test"
                + "  wss://backend-staging.example.test/ws  (from staging, ")
                .contains("predicted http://localhost:" + closed + " for service alpine-test-backend from "
                        + examples.resolve("docker/docker-compose.alpine-test.yml") + ":11, but nothing answers there")
                .doesNotContain("not-for-logs");
        assertThat(outcome.err()).startsWith("[WARN] Tests will run against the shared staging deployment");
    }
}
