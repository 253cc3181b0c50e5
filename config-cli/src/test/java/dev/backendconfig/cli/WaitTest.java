package dev.backendconfig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code wait} in this JVM, with plain maps for the environment and real loopback servers that answer at once, late,
 * never, or first and then no more: what it waits for, what goes to stdout and stderr, and when it gives up.
 * ({@code WaitJarIT} runs the built jar the same way; this one is what mutation testing sees.)
 */
class WaitTest extends CommandInProject {

    private final List<HttpServer> servers = new ArrayList<>();
    /** Released after each test, so that a handler told to hang lets its server stop. */
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stopServers() {
        release.countDown();
        servers.forEach(server -> server.stop(0));
    }

    /**
     * Start a server whose {@code /health} answers the n-th request (from 1) with {@code status.applyAsInt(n)}; a
     * status of 0 hangs that request until the test ends.
     */
    private String server(IntUnaryOperator status) throws IOException {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/health", exchange -> {
            int answer = status.applyAsInt(requests.incrementAndGet());
            try {
                if (answer == 0) {
                    release.await(60, TimeUnit.SECONDS);
                    return;
                }
                exchange.sendResponseHeaders(answer, -1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                exchange.close();
            }
        });
        server.start();
        servers.add(server);
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Return the seconds of the first match of {@code pattern}'s group 1, failing when there is none. */
    private static double seconds(String text, String pattern) {
        Matcher matcher = Pattern.compile(pattern).matcher(text);
        assertThat(matcher.find()).as("%s in %s", pattern, text).isTrue();
        return Double.parseDouble(matcher.group(1));
    }

    @Test
    void aReadyServiceExitsZeroWithTheProbeInTheAnswerAndHowLongItTookOnStderr() throws IOException {
        String backend = server(n -> 200);
        environment.put("TEST_BACKEND_URL", backend);

        assertThat(run("wait", "--path=/health", "--timeout=30s")).as(err()).isEqualTo(Explain.FOUND);

        assertThat(out()).startsWith("backend: " + backend + "  ").containsPattern("\nprobe: backend: http GET " + backend
                + "/health: answered 200 \\(ready after \\d+\\.\\d s\\)\n$");
        assertThat(err()).matches("wait: ready after \\d+\\.\\d s: backend\n");
        double readyAfter = seconds(err(), "ready after (\\d+\\.\\d) s");
        assertThat(readyAfter).isLessThanOrEqualTo(took.toMillis() / 1000.0 + 0.05);
    }

    @Test
    void aServiceNeverReadyExitsTwoAfterTheWholeTimeoutWithTheLastAnswerAndNothingOnStdout() throws IOException {
        String backend = server(n -> 503);
        environment.put("TEST_BACKEND_URL", backend);

        assertThat(run("wait", "--path=/health", "--timeout=2s")).isEqualTo(Explain.NOT_FOUND);

        assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(out()).isEmpty();
        String answer = "http GET " + backend + "/health: answered 503 (a server error: not ready)";
        assertThat(err()).startsWith("wait: ").containsPattern("^wait: \\d+\\.\\d s of 2\\.0 s: waiting for backend \\("
                + Pattern.quote(answer) + "\\)\n").contains("\nbackend: " + backend + "  ").contains("\nprobe: backend: "
                + answer + " (not ready)\n").endsWith("\nwait: not ready within 2.0 s: backend (" + answer + ")\n")
                .doesNotContain("ready after").doesNotContain("ready:");
    }

    @Test
    void notReadyWithinTheTimeoutIsNeverSaidBeforeItHasPassed() throws IOException {
        String backend = server(n -> 0); // never answers: the one probe ends at probe.timeout, just before --timeout
        environment.put("TEST_BACKEND_URL", backend);

        assertThat(run("wait", "--path=/health", "--timeout=1s", "--set", "probe.timeout=900ms"))
                .isEqualTo(Explain.NOT_FOUND);

        assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(err()).containsPattern("\nwait: not ready within 1\\.0 s: backend \\(http GET " + Pattern.quote(backend)
                + "/health: no answer within \\d+ ms\\)\n$");
    }

    @Test
    void progressNamesWhatIsStillAwaitedAndWhatIsReadyThenTheReadyLineNamesAll() throws IOException {
        String backend = server(n -> n > 6 ? 200 : 503); // six pauses of 250 ms before it is ready: 1.5 s at least
        String auth = server(n -> 200);
        environment.put("TEST_BACKEND_URL", backend);
        environment.put("TEST_AUTH_URL", auth);

        assertThat(run("wait", "--service=backend", "--service", "auth", "--path=/health", "--timeout=60s",
                "--set", "services=auth")).as(err()).isEqualTo(Explain.FOUND);

        assertThat(err()).containsPattern("(?m)^wait: \\d+\\.\\d s of 60\\.0 s: waiting for backend \\(http GET "
                + Pattern.quote(backend) + "/health: answered 503 \\(a server error: not ready\\)\\); ready: auth$")
                .containsPattern("\nwait: ready after \\d+\\.\\d s: backend, auth\n$");
        assertThat(seconds(err(), "ready after (\\d+\\.\\d) s")).isGreaterThanOrEqualTo(1.5);
        assertThat(out()).containsPattern("\nprobe: backend: http GET " + Pattern.quote(backend) + "/health: answered 200"
                + " \\(ready after \\d+\\.\\d s\\)\nprobe: auth: http GET " + Pattern.quote(auth) + "/health: answered"
                + " 200 \\(ready after 0\\.\\d s\\)\n$");
    }

    @Test
    void aProbeCutShortByTheTimeoutLeavesTheLastFullAnswerStanding() throws IOException {
        String backend = server(n -> n == 1 ? 503 : 0); // answers once, then never again
        environment.put("TEST_BACKEND_URL", backend);

        assertThat(run("wait", "--path=/health", "--timeout=2s", "--set", "probe.timeout=60s"))
                .isEqualTo(Explain.NOT_FOUND);

        assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(2)).isLessThan(Duration.ofSeconds(30));
        assertThat(err()).endsWith("\nwait: not ready within 2.0 s: backend (http GET " + backend + "/health: answered"
                + " 503 (a server error: not ready))\n");
    }

    @Test
    void theResolutionItselfIsCutToTheTimeout() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            environment.put("DOCKER_HOST", "tcp://127.0.0.1:" + silent.getLocalPort());

            int exit = run("wait", "--timeout=1500ms", "--set", "docker.answer-timeout=60s");

            assertThat(exit).isEqualTo(Explain.NOT_FOUND);
            assertThat(took).isLessThan(Duration.ofSeconds(30));
            // cut by the resolver's budget, or (on a slow machine, first) by docker's own step cut to what was left
            assertThat(err()).containsPattern("\n  docker   200  unavailable  (did not answer within the |engine"
                    + " tcp://127\\.0\\.0\\.1:" + silent.getLocalPort() + " did not answer [^\\n]*within [0-9]+ ms \\(setting"
                    + " docker\\.answer-timeout, cut to what was left of setting timeout\\))")
                    .contains("\n  setting timeout=1500ms (given to wait --timeout)\n");
        }
    }

    @Test
    void anOptionalServiceThatWasNotFoundStopsAtOnceSayingWhyAndWhatElseWasNotProbed() {
        environment.put("TEST_BACKEND_URL", "http://localhost:8002");

        assertThat(run("wait", "--service=backend", "--service=frontend", "--timeout=60s", "--set",
                "services=frontend", "--set", "services.frontend.required=false")).isEqualTo(Explain.NOT_FOUND);

        assertThat(took).isLessThan(Duration.ofSeconds(30));
        assertThat(out()).isEmpty();
        assertThat(err()).contains("\nprobe: backend: not probed: another service waited for was not found (not"
                + " ready)\nprobe: frontend: not found: none of TEST_FRONTEND_URL, FRONTEND_URL,"
                + " TEST_FRONTEND_WEBSOCKET_URL, FRONTEND_WEBSOCKET_URL is set (not ready)\n")
                .endsWith("\nwait: optional service frontend was not found, so wait cannot wait for it (the report"
                        + " says why; leave out --service, or make it required)\n");
    }

    @Test
    void twoOptionalServicesThatWereNotFoundAreNamedTogether() {
        environment.put("TEST_BACKEND_URL", "http://localhost:8002");

        assertThat(run("wait", "--service=frontend", "--service=admin", "--set", "services=frontend,admin", "--set",
                "services.frontend.required=false", "--set", "services.admin.required=false"))
                .isEqualTo(Explain.NOT_FOUND);

        assertThat(err()).endsWith("\nwait: optional services frontend, admin were not found, so wait cannot wait for"
                + " them (the report says why; leave out --service, or make it required)\n");
    }

    @Test
    void aServiceThatIsNotDeclaredIsABadArgumentWithTheNearestName() {
        environment.put("TEST_BACKEND_URL", "http://localhost:8002");
        environment.put("TEST_AUTH_URL", "http://localhost:8083");

        assertThat(run("wait", "--service=auht", "--set", "services=auth")).isEqualTo(Explain.USAGE);

        assertThat(out()).isEmpty();
        assertThat(err()).isEqualTo("wait: --service auht: not a declared service (declared: backend, auth); did you"
                + " mean auth?; declare it with setting services, for example --set services=auht\n");
    }

    @Test
    void nothingFoundExitsTwoAtOnceWithTheReportTheProjectAndWhatFailedLineAfterLine() {
        assertThat(run("wait", "--timeout=60s")).isEqualTo(Explain.NOT_FOUND);

        assertThat(took).isLessThan(Duration.ofSeconds(30));
        assertThat(out()).isEmpty();
        // the providers' steps last: wait shows the report itself, so no step says to run explain for it
        assertThat(err()).startsWith("No backend found.\n").doesNotContain("\n\n").doesNotContain("run the explain command")
                .endsWith("if the WebSocket is elsewhere)\nproject: " + project + " (holds .git)\nwait: no backend found;"
                        + " the report says why\n");
    }

    @Test
    void jsonSaysForEachServiceWhetherItAnsweredAndWhenEvenWhenNotAllDid() throws Exception {
        String backend = server(n -> 200);
        int closed = closedPort();
        environment.put("TEST_BACKEND_URL", backend);
        environment.put("TEST_AUTH_URL", "http://127.0.0.1:" + closed);

        assertThat(run("wait", "--service=backend", "--service=auth", "--path=/health", "--timeout=1s",
                "--format=json", "--set", "services=auth")).isEqualTo(Explain.NOT_FOUND);

        JsonNode wait = new ObjectMapper().readTree(out()).get("wait");
        assertThat(wait.get("ready").booleanValue()).isFalse();
        assertThat(wait.get("timeoutMillis").longValue()).isEqualTo(1000);
        assertThat(wait.get("elapsedMillis").decimalValue().doubleValue()).isBetween(1000.0, took.toMillis() + 1.0);
        JsonNode ready = wait.at("/services/backend");
        assertThat(ready.get("ready").booleanValue()).isTrue();
        assertThat(ready.get("description").textValue()).isEqualTo("http GET " + backend + "/health: answered 200");
        assertThat(ready.get("elapsedMillis").decimalValue().doubleValue()).isBetween(0.0, 1000.0);
        assertThat(ready.get("atMillis").decimalValue().doubleValue()).isBetween(0.0, 1000.0);
        JsonNode refused = wait.at("/services/auth");
        assertThat(refused.get("ready").booleanValue()).isFalse();
        assertThat(refused.get("description").textValue()).isEqualTo("http GET http://127.0.0.1:" + closed
                + "/health: connection refused");
        assertThat(err()).endsWith("\nwait: not ready within 1.0 s: auth (http GET http://127.0.0.1:" + closed
                + "/health: connection refused)\n");
    }
}
