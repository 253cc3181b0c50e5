package dev.backendconfig.docker;

import static dev.backendconfig.testsupport.Recorded.id;
import static dev.backendconfig.testsupport.Recorded.inspection;
import static dev.backendconfig.testsupport.Recorded.list;
import static dev.backendconfig.testsupport.Recorded.listEntry;
import static dev.backendconfig.testsupport.Recorded.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.testsupport.FakeDockerEngine;
import dev.backendconfig.testsupport.Leftovers;
import dev.backendconfig.testsupport.Recorded;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Readiness that reacts: while a container's healthcheck says starting, the engine's {@code /events} stream is
 * followed (a fake engine on a real socket, sending events recorded from a real engine), so a container turning
 * healthy is answered from the event — not found by polling — and a container that dies ends the wait at once.
 */
class ReadinessEventsTest {

    @TempDir
    Path directory;

    private FakeDockerEngine engine;
    private final Map<String, Object> slow = listEntry("slow-backend");

    @BeforeEach
    void startEngine() throws IOException {
        Files.createDirectory(directory.resolve(".git"));
        engine = FakeDockerEngine.onUnixSocket(directory.resolve("engine.sock")).followableEvents();
        engine.containers(list(slow));
    }

    @AfterEach
    void stop() throws IOException {
        engine.close();
    }

    private CompletableFuture<ProviderResult> resolveInBackground(String waitHealthy) {
        ResolutionContext context = ResolutionContext.builder().workingDirectory(directory)
                .settings(Map.of("docker.host", engine.dockerHost(), "docker.wait-healthy", waitHealthy,
                        "docker.project", "capture")).build(); // the recorded containers' project, not this checkout's
        return CompletableFuture.supplyAsync(() -> new DockerEndpointProvider().resolve(context));
    }

    private void awaitSubscription() throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (engine.openEventStreams() == 0 && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertThat(engine.openEventStreams()).as("event streams open").isEqualTo(1);
    }

    private static String event(String recording, String containerId) {
        String recorded = Recorded.resource("engine/event-" + recording + ".json").strip();
        String recordedId = recorded.substring(recorded.indexOf("\"id\":\"") + 6, recorded.indexOf("\"id\":\"") + 70);
        return recorded.replace(recordedId, containerId);
    }

    @Test
    void aContainerTurningHealthyIsAnsweredFromTheEngineEventWithoutPolling() throws Exception {
        engine.inspect(id(slow), text(inspection("slow")));
        Leftovers leftovers = Leftovers.snapshot(directory);
        CompletableFuture<ProviderResult> resolution = resolveInBackground("20s");
        awaitSubscription();
        Thread.sleep(1500); // three polls' worth: polling would have inspected again meanwhile

        engine.emit(event("healthy", id(slow)));
        ProviderResult result = resolution.get(5, TimeUnit.SECONDS);

        assertThat(result).isInstanceOf(ProviderResult.Found.class);
        assertThat(result.reason()).startsWith("compose project capture (named by setting docker.project): service"
                + " slow-backend publishes 8000 on 127.0.0.1:8021 (healthy after"
                + " waiting ");
        assertThat(engine.inspections(id(slow))).as("the first inspection and one after subscribing").isEqualTo(2);
        String events = engine.requests().stream().filter(line -> line.startsWith("GET /events?")).findFirst()
                .map(line -> URLDecoder.decode(line, StandardCharsets.UTF_8)).orElseThrow();
        assertThat(events).contains("\"type\":[\"container\"]").contains("\"container\":[\"" + id(slow) + "\"]")
                .contains("\"event\":[\"health_status\",\"start\",\"die\"]");
        assertThat(leftovers.newThreads()).isEmpty();
        assertThat(engine.openEventStreams()).isZero();
    }

    @Test
    void aContainerThatDiesWhileAwaitedEndsTheWaitAtOnceWithItsExitCodeAndLastLogLines() throws Exception {
        Map<String, Object> dead = inspection("slow");
        @SuppressWarnings("unchecked")
        Map<String, Object> state = (Map<String, Object>) dead.get("State");
        state.put("Status", "exited");
        state.put("Running", false);
        state.put("ExitCode", 3);
        engine.inspect(id(slow), text(inspection("slow")), text(inspection("slow")), text(dead));
        engine.answer("/containers/" + id(slow) + "/logs", 200, new String(Recorded.class
                .getResourceAsStream("/engine/logs-multiplexed.bin").readAllBytes(), StandardCharsets.ISO_8859_1));
        CompletableFuture<ProviderResult> resolution = resolveInBackground("60s");
        awaitSubscription();

        long emitted = System.nanoTime();
        engine.emit(event("die", id(slow)));
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> resolution.get(10,
                TimeUnit.SECONDS));

        assertThat(Duration.ofNanos(System.nanoTime() - emitted)).isLessThan(Duration.ofSeconds(5));
        assertThat(thrown).as("this checkout's stack half up is an error, never a fallback")
                .hasCauseInstanceOf(dev.backendconfig.toolkit.InvalidInputException.class);
        assertThat(thrown.getCause().getMessage()).contains("not running or not ready: backend (service slow-backend"
                + " (project capture, container capture_slow-backend_1) stopped (state exited, exit code 3) while it"
                + " was awaited; its last log lines: cannot reach the database | db password=*** refused)");
    }

    @Test
    void anEngineWithoutAnEventStreamIsPolledInstead() throws Exception {
        engine.close();
        engine = FakeDockerEngine.onUnixSocket(directory.resolve("engine.sock"));
        engine.containers(list(slow)).inspect(id(slow), text(inspection("slow")), text(inspection("slow")),
                text(inspection("slow")), Recorded.withHealth(inspection("slow"), "healthy"));

        ProviderResult result = resolveInBackground("20s").get(10, TimeUnit.SECONDS);

        assertThat(result).isInstanceOf(ProviderResult.Found.class);
        assertThat(engine.inspections(id(slow))).isEqualTo(4);
        assertThat(engine.requests()).anySatisfy(line -> assertThat(line).startsWith("GET /events?"));
    }
}
