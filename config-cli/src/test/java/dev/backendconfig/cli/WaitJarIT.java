package dev.backendconfig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wait}, the built jar run as a process against real loopback servers that answer at once, late, or never:
 * exit codes, what goes to stdout and to stderr, progress lines, and the bound of {@code --timeout}.
 */
class WaitJarIT {

    @TempDir
    Path project;

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void aProject() throws IOException {
        Files.createDirectory(project.resolve(".git"));
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** Start a server whose /health answers 503 to the first {@code notReady} requests, then 200. */
    private String healthAfter(int notReady) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/health", exchange -> {
            int status = requests.incrementAndGet() > notReady ? 200 : 503;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** How long the last {@link #run} took, JVM start included. */
    private Duration took = Duration.ZERO;

    private ProcessOutcome run(Map<String, String> environment, String... arguments) throws Exception {
        long start = System.nanoTime();
        ProcessOutcome outcome = JarRun.run(project, project, environment, arguments);
        took = Duration.ofNanos(System.nanoTime() - start);
        return outcome;
    }

    private static long progressLines(String err) {
        return err.lines().filter(line -> line.matches("wait: \\d+\\.\\d s of \\d+\\.\\d s: waiting for .*")).count();
    }

    @Test
    void aServiceThatAnswersLateIsWaitedForAndTheAnswerPrinted() throws Exception {
        String backend = healthAfter(8);

        ProcessOutcome outcome = run(Map.of("TEST_BACKEND_URL", backend), "wait", "--path", "/health", "--timeout",
                "60s");

        assertThat(outcome.exit()).as(outcome.err()).isZero();
        assertThat(requests).hasValue(9);
        assertThat(outcome.out()).startsWith("backend: " + backend + "  ")
                .containsPattern("\nprobe: backend: http GET " + backend + "/health: answered 200 \\(ready after"
                        + " \\d+\\.\\d s\\)\n$");
        assertThat(outcome.err()).contains("wait: ").contains(": waiting for backend (http GET " + backend
                + "/health: answered 503 (a server error: not ready))").containsPattern("wait: ready after \\d+\\.\\d s:"
                        + " backend\n$");
        assertThat(progressLines(outcome.err())).isBetween(1L, took.toSeconds() + 1);
    }

    @Test
    void aServiceThatNeverAnswersIsNotReadyInTimeWithTheReportOnStderr() throws Exception {
        String backend = healthAfter(Integer.MAX_VALUE);

        ProcessOutcome outcome = run(Map.of("TEST_BACKEND_URL", backend), "wait", "--path=/health", "--timeout=3s");

        assertThat(outcome.exit()).isEqualTo(2);
        assertThat(outcome.out()).isEmpty();
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
        assertThat(outcome.err()).contains("\nbackend: " + backend + "  ")
                .contains("\n  env      300  found        TEST_BACKEND_URL is set")
                .contains("\nprobe: backend: http GET " + backend + "/health: answered 503 (a server error: not ready)"
                        + " (not ready)\n")
                .endsWith("\nwait: not ready within 3.0 s: backend (http GET " + backend + "/health: answered 503 (a"
                        + " server error: not ready))\n");
        assertThat(progressLines(outcome.err())).isBetween(1L, took.toSeconds() + 1);
    }

    @Test
    void eachServiceNamedIsWaitedForAndJsonSaysWhichAnswered() throws Exception {
        String backend = healthAfter(0);
        int closed = closedPort();

        ProcessOutcome outcome = run(Map.of("TEST_BACKEND_URL", backend, "TEST_AUTH_URL", "http://127.0.0.1:" + closed,
                "BACKENDCONFIG_SERVICES", "auth"), "wait", "--service", "backend", "--service=auth", "--path=/health",
                "--timeout=2s", "--format=json");

        assertThat(outcome.exit()).isEqualTo(2);
        JsonNode wait = new ObjectMapper().readTree(outcome.out()).get("wait");
        assertThat(wait.get("ready").booleanValue()).isFalse();
        assertThat(wait.at("/services/backend/ready").booleanValue()).isTrue();
        assertThat(wait.at("/services/auth/ready").booleanValue()).isFalse();
        assertThat(wait.at("/services/auth/description").textValue()).isEqualTo("http GET http://127.0.0.1:" + closed
                + "/health: connection refused");
        assertThat(outcome.err()).endsWith("\nwait: not ready within 2.0 s: auth (http GET http://127.0.0.1:" + closed
                + "/health: connection refused)\n");
    }

    @Test
    void readyServicesPrintTheEnvAnswerForTheShell() throws Exception {
        String backend = healthAfter(0);

        ProcessOutcome outcome = run(Map.of("TEST_BACKEND_URL", backend), "wait", "--path=/health", "--format=env",
                "--export");

        assertThat(outcome.exit()).as(outcome.err()).isZero();
        assertThat(outcome.out()).isEqualTo("export BACKEND_URL=" + backend + "\nexport WEBSOCKET_URL="
                + backend.replace("http:", "ws:") + "\nexport BACKEND_SOURCE=env\nexport BACKEND_CONFIRMED=true\n");
    }

    @Test
    void invalidConfigurationExitsThree() throws Exception {
        ProcessOutcome outcome = run(Map.of("TEST_BACKEND_URL", "localhost:8002"), "wait");

        assertThat(outcome.exit()).isEqualTo(3);
        assertThat(outcome.out()).isEmpty();
        assertThat(outcome.err()).endsWith("\nwait: variable TEST_BACKEND_URL: expected an absolute http or https URL"
                + " such as http://localhost:8002, got a value without a scheme (write http://host:port)\n");
    }

    @Test
    void nothingFoundExitsTwoAtOnceWithTheReport() throws Exception {
        ProcessOutcome outcome = run(Map.of(), "wait", "--timeout=60s");

        assertThat(outcome.exit()).isEqualTo(2);
        assertThat(took).isLessThan(Duration.ofSeconds(60));
        assertThat(outcome.out()).isEmpty();
        assertThat(outcome.err()).startsWith("No backend found.\n").endsWith("\nwait: no backend found; the report says"
                + " why\n");
    }

    @Test
    void aServiceThatIsNotDeclaredIsABadArgumentWithTheNearestName() throws Exception {
        ProcessOutcome outcome = run(Map.of("TEST_BACKEND_URL", "http://localhost:8002", "TEST_AUTH_URL",
                "http://localhost:8083", "BACKENDCONFIG_SERVICES", "auth"), "wait", "--service=auht");

        assertThat(outcome.exit()).isEqualTo(64);
        assertThat(outcome.err()).isEqualTo("wait: --service auht: not a declared service (declared: backend, auth);"
                + " did you mean auth?; declare it with setting services, for example --set services=auht\n");
    }
}
