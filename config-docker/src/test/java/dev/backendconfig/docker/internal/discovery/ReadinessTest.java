package dev.backendconfig.docker.internal.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backendconfig.docker.internal.engine.EngineAddress;
import dev.backendconfig.docker.internal.transport.EngineEvents;
import dev.backendconfig.docker.internal.transport.SshCommand;
import dev.backendconfig.testkit.RecordingLogs;
import dev.backendconfig.testsupport.FakeDockerEngine;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.event.Level;

/**
 * Waiting while containers' healthchecks say starting, against a fake engine's real {@code /events} stream: what an
 * event says (in each of the engine's forms), what ends the wait (healthy, stopped, the bound, an interrupt), and how
 * it falls back to polling when the stream is refused, ends or never opens. The inspections are the test's own.
 */
class ReadinessTest {

    private static final ContainerSummary API = container('a', "shop-api-1");
    private static final ContainerSummary WEB = container('b', "shop-web-1");
    private static final ContainerHealth STARTING = health("starting", "running");
    private static final ContainerHealth HEALTHY = health("healthy", "running");
    private static final ContainerHealth UNHEALTHY = health("unhealthy", "running");
    /** Short times, so that the guard and the progress line are seen within a second. */
    private static final Readiness.Pace QUICK = new Readiness.Pace(Duration.ofMillis(100), Duration.ofMillis(300),
            Duration.ofSeconds(2), Duration.ofMillis(200), Duration.ofSeconds(60));
    /**
     * The bound of a wait that an event, the guard or a poll should end: ample for a loaded machine, short enough that
     * a wait that misses what should end it fails the test within seconds.
     */
    private static final Duration BOUND = Duration.ofSeconds(5);
    /** No guard within a test's time: only an event can end the wait. */
    private static final Readiness.Pace EVENTS_ONLY = new Readiness.Pace(Duration.ofMillis(500), Duration.ofSeconds(60),
            Duration.ofSeconds(2), Duration.ofSeconds(60), Duration.ofSeconds(60));

    @TempDir
    Path directory;

    private FakeDockerEngine engine;
    private final List<String> inspected = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Deque<ContainerHealth>> replies = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicReference<Set<String>> followedIds = new AtomicReference<>();
    private final AtomicReference<Duration> followedLimit = new AtomicReference<>();

    @BeforeEach
    void startEngine() throws IOException {
        engine = FakeDockerEngine.onUnixSocket(directory.resolve("engine.sock")).followableEvents();
    }

    @AfterEach
    void stopEngine() throws IOException {
        engine.close();
    }

    private static ContainerSummary container(char id, String name) {
        return new ContainerSummary(String.valueOf(id).repeat(64), List.of(name), Map.of(), List.of(), "running", "",
                "", "", "starting", 0);
    }

    private static ContainerHealth health(String status, String state) {
        return new ContainerHealth(status, "", Set.of(), state, 0, Optional.empty());
    }

    /** Inspections answer these in turn, the last one repeating. */
    private void inspections(ContainerSummary container, ContainerHealth... healths) {
        replies.put(container.id(), new ArrayDeque<>(List.of(healths)));
    }

    private ContainerHealth inspect(ContainerSummary container) {
        inspected.add(container.name());
        Deque<ContainerHealth> queue = replies.get(container.id());
        return queue.size() > 1 ? queue.poll() : queue.peek();
    }

    private EngineEvents follow(Set<String> ids, Duration limit) {
        followedIds.set(ids);
        followedLimit.set(limit);
        return EngineEvents.follow(EngineAddress.unix(directory.resolve("engine.sock"), "test"), new SshCommand(List.of("ssh"),
                Map.of()), "/events", Duration.ofSeconds(2), limit);
    }

    private Readiness.Waited await(Map<ContainerSummary, String> containers, Duration limit, Readiness.Pace pace)
            throws Exception {
        Map<String, ContainerHealth> first = new LinkedHashMap<>();
        containers.keySet().forEach(container -> first.put(container.id(), STARTING));
        return Readiness.await(containers, first, new Readiness.Bound(limit, "setting docker.wait-healthy"),
                this::inspect, container -> false, this::follow, pace);
    }

    private CompletableFuture<Readiness.Waited> inBackground(Map<ContainerSummary, String> containers, Duration limit,
            Readiness.Pace pace) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return await(containers, limit, pace);
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
    }

    private void awaitSubscription() throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (engine.openEventStreams() == 0 && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        assertThat(engine.openEventStreams()).as("event streams open").isEqualTo(1);
    }

    /** Wait until the inspections after subscribing are done, so that an event emitted now is read after them. */
    private void awaitInspections(int count) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (inspected.size() < count && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        assertThat(inspected).hasSize(count);
    }

    private static String event(ContainerSummary container, String action) {
        return "{\"status\":\"" + action + "\",\"id\":\"" + container.id() + "\",\"Type\":\"container\",\"Action\":\""
                + action + "\",\"Actor\":{\"ID\":\"" + container.id() + "\",\"Attributes\":{\"name\":\""
                + container.name() + "\"}}}";
    }

    @Test
    void nothingIsWaitedForWhenNoContainerIsStartingOrTheBoundIsZeroOrLessOrItsHealthcheckWillNeverRun()
            throws Exception {
        inspections(API, HEALTHY);
        Map<ContainerSummary, String> api = Map.of(API, "api");
        for (Duration limit : List.of(Duration.ZERO, Duration.ofMillis(-1))) {
            Readiness.Waited waited = await(api, limit, Readiness.Pace.DEFAULT);
            assertThat(waited.how()).isEqualTo("nothing to wait for");
            assertThat(waited.health()).containsExactly(Map.entry(API.id(), STARTING));
            assertThat(waited.stopped()).isEmpty();
        }
        Readiness.Waited healthy = Readiness.await(api, Map.of(API.id(), HEALTHY), new Readiness.Bound(
                Duration.ofSeconds(10), "setting"), this::inspect, container -> false, this::follow);
        assertThat(healthy.how()).isEqualTo("nothing to wait for");
        Readiness.Waited stalled = Readiness.await(api, Map.of(API.id(), STARTING), new Readiness.Bound(
                Duration.ofSeconds(10), "setting"), this::inspect, container -> true, this::follow);
        assertThat(stalled.how()).isEqualTo("nothing to wait for");
        assertThat(stalled.waited()).isLessThan(Duration.ofSeconds(5));
        assertThat(followedIds).as("no event stream followed").hasValue(null);
        assertThat(inspected).isEmpty();
    }

    @Test
    void containersTurningHealthyAreAnsweredFromTheirEventsInEveryFormTheEngineWritesWhileOthersAreIgnored()
            throws Exception {
        inspections(API, STARTING);
        inspections(WEB, STARTING, UNHEALTHY);
        Map<ContainerSummary, String> both = new LinkedHashMap<>();
        both.put(API, "api");
        both.put(WEB, "web");
        CompletableFuture<Readiness.Waited> waiting = inBackground(both, BOUND,
                EVENTS_ONLY);
        awaitSubscription();
        awaitInspections(2);
        ContainerSummary other = container('c', "other-1");
        engine.emit(event(other, "health_status: healthy"));
        // Docker's current form: the id in Actor.ID, the status after the action's colon
        engine.emit(event(API, "health_status: healthy"));
        // the oldest form: only id and status
        engine.emit("{\"status\":\"health_status: unhealthy\",\"id\":\"" + WEB.id() + "\"}");
        Readiness.Waited waited = waiting.get(10, TimeUnit.SECONDS);

        assertThat(followedIds.get()).containsExactly(API.id(), WEB.id());
        assertThat(followedLimit).hasValue(BOUND);
        assertThat(waited.how()).isEqualTo("the engine's events");
        assertThat(waited.health()).containsEntry(API.id(), HEALTHY).containsEntry(WEB.id(), UNHEALTHY);
        assertThat(inspected).as("once each after subscribing; healthy is taken from the event alone, unhealthy is"
                + " inspected").containsExactly("shop-api-1", "shop-web-1", "shop-web-1");
        assertThat(waited.stopped()).isEmpty();
        assertThat(waited.waited()).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aHealthStatusWrittenOnlyInTheActorsAttributesIsReadThere() throws Exception {
        inspections(API, STARTING);
        CompletableFuture<Readiness.Waited> waiting = inBackground(Map.of(API, "api"), BOUND,
                EVENTS_ONLY);
        awaitSubscription();
        awaitInspections(1);
        engine.emit("{\"Type\":\"container\",\"Action\":\"health_status\",\"Actor\":{\"ID\":\"" + API.id()
                + "\",\"Attributes\":{\"health_status\":\"healthy\"}}}");

        Readiness.Waited waited = waiting.get(10, TimeUnit.SECONDS);
        assertThat(waited.health()).containsExactly(Map.entry(API.id(), HEALTHY));
        assertThat(inspected).containsExactly("shop-api-1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"die", "stop", "kill", "oom"})
    void aContainerThatStopsWhileAwaitedEndsTheWaitAtOnce(String action) throws Exception {
        ContainerHealth exited = new ContainerHealth("starting", "", Set.of(), "exited", 3, Optional.empty());
        inspections(API, STARTING, exited);
        CompletableFuture<Readiness.Waited> waiting = inBackground(Map.of(API, "api"), BOUND,
                EVENTS_ONLY);
        awaitSubscription();
        awaitInspections(1);
        engine.emit(event(API, action));

        Readiness.Waited waited = waiting.get(10, TimeUnit.SECONDS);
        assertThat(waited.stopped()).contains(API);
        assertThat(waited.health()).containsExactly(Map.entry(API.id(), exited));
        assertThat(waited.how()).isEqualTo("the engine's events");
        assertThat(waited.waited()).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aDieOfAContainerThatRestartsKeepsTheWaitAndItsStartIsInspected() throws Exception {
        ContainerHealth restarting = health("starting", "restarting");
        inspections(API, STARTING, restarting, HEALTHY);
        CompletableFuture<Readiness.Waited> waiting = inBackground(Map.of(API, "api"), BOUND,
                EVENTS_ONLY);
        awaitSubscription();
        awaitInspections(1);
        engine.emit(event(API, "die"));
        awaitInspections(2);
        assertThat(waiting).isNotDone();
        engine.emit(event(API, "exec_start: sh")); // neither health, start nor a stop: not inspected
        Thread.sleep(300);
        assertThat(inspected).as("an exec_start is not inspected").hasSize(2);
        engine.emit(event(API, "restart"));

        Readiness.Waited waited = waiting.get(10, TimeUnit.SECONDS);
        assertThat(waited.stopped()).isEmpty();
        assertThat(waited.health()).containsExactly(Map.entry(API.id(), HEALTHY));
        assertThat(inspected).hasSize(3);
    }

    @Test
    void aStartEventIsInspected() throws Exception {
        inspections(API, STARTING, HEALTHY);
        CompletableFuture<Readiness.Waited> waiting = inBackground(Map.of(API, "api"), BOUND,
                EVENTS_ONLY);
        awaitSubscription();
        awaitInspections(1);
        engine.emit(event(API, "start"));

        assertThat(waiting.get(10, TimeUnit.SECONDS).health()).containsExactly(Map.entry(API.id(), HEALTHY));
        assertThat(inspected).hasSize(2);
    }

    @Test
    void aContainerFoundStoppedRightAfterSubscribingEndsTheWaitWithoutAnEvent() throws Exception {
        ContainerHealth exited = new ContainerHealth("starting", "", Set.of(), "exited", 1, Optional.empty());
        inspections(API, exited);

        Readiness.Waited waited = await(Map.of(API, "api"), BOUND, Readiness.Pace.DEFAULT);

        assertThat(waited.stopped()).contains(API);
        assertThat(waited.how()).isEqualTo("the engine's events");
        assertThat(waited.waited()).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aWaitThatHearsNothingEndsAtItsBoundWhileTheGuardInspectsNowAndThen() throws Exception {
        inspections(API, STARTING);

        Readiness.Waited waited = await(Map.of(API, "api"), Duration.ofMillis(1500), QUICK);

        assertThat(waited.health()).containsExactly(Map.entry(API.id(), STARTING));
        assertThat(waited.waited()).isGreaterThanOrEqualTo(Duration.ofMillis(1500))
                .isLessThan(Duration.ofSeconds(5));
        // after subscribing, then every 300 ms of what is left of the 1.5 s: at least one more, at most five
        assertThat(inspected.size()).isBetween(2, 6);
    }

    @Test
    void aLostEventIsMadeUpForByTheGuardsInspection() throws Exception {
        inspections(API, STARTING, STARTING, HEALTHY);

        Readiness.Waited waited = await(Map.of(API, "api"), BOUND, QUICK);

        assertThat(waited.health()).containsExactly(Map.entry(API.id(), HEALTHY));
        assertThat(waited.how()).isEqualTo("the engine's events");
        assertThat(waited.waited()).isGreaterThanOrEqualTo(Duration.ofMillis(600)).isLessThan(Duration.ofSeconds(10));
        assertThat(inspected).hasSize(3);
    }

    @Test
    void aContainerTheGuardFindsStoppedEndsTheWait() throws Exception {
        ContainerHealth exited = new ContainerHealth("starting", "", Set.of(), "exited", 1, Optional.empty());
        inspections(API, STARTING, exited);

        Readiness.Waited waited = await(Map.of(API, "api"), BOUND, QUICK);

        assertThat(waited.stopped()).contains(API);
        assertThat(waited.waited()).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aWaitLongerThanItsQuietTimeSaysWhatItWaitsForAndForHowLong() throws Exception {
        RecordingLogs.clear();
        inspections(API, STARTING);
        inspections(WEB, STARTING);
        Map<ContainerSummary, String> both = new LinkedHashMap<>();
        both.put(API, "api");
        both.put(WEB, "web");

        await(both, Duration.ofMillis(600), QUICK);

        assertThat(RecordingLogs.events(Level.INFO)).extracting(RecordingLogs.Event::message).singleElement()
                .satisfies(line -> assertThat(line).matches("waiting for api \\(container shop-api-1\\) and web"
                        + " \\(container shop-web-1\\) to become healthy: [0-9]+ s so far, up to 0 s \\(setting"
                        + " docker.wait-healthy\\)"));
    }

    @Test
    void aWaitWithinItsQuietTimeLogsNothing() throws Exception {
        RecordingLogs.clear();
        inspections(API, STARTING);

        await(Map.of(API, "api"), Duration.ofMillis(150), QUICK);

        assertThat(RecordingLogs.events(Level.INFO)).isEmpty();
    }

    @Test
    void anEngineWithoutAnEventStreamIsPolledAtThePollingPace() throws Exception {
        engine.close();
        engine = FakeDockerEngine.onUnixSocket(directory.resolve("engine.sock"));
        inspections(API, STARTING, STARTING, HEALTHY);

        Readiness.Waited waited = await(Map.of(API, "api"), BOUND, QUICK);

        assertThat(waited.how()).isEqualTo("polling every 100 ms (no event stream: the engine answered GET /events"
                + " with 404: page not found)");
        assertThat(waited.health()).containsExactly(Map.entry(API.id(), HEALTHY));
        assertThat(inspected).as("one inspection per poll").hasSize(3);
        assertThat(waited.waited()).isGreaterThanOrEqualTo(Duration.ofMillis(300)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aStreamThatEndsWhileFollowedIsReplacedByPolling() throws Exception {
        inspections(API, STARTING);
        CompletableFuture<Readiness.Waited> waiting = inBackground(Map.of(API, "api"), BOUND, QUICK);
        awaitSubscription();
        awaitInspections(1);
        replies.put(API.id(), new ArrayDeque<>(List.of(STARTING, HEALTHY)));
        engine.close();

        Readiness.Waited waited = waiting.get(10, TimeUnit.SECONDS);
        assertThat(waited.how()).isEqualTo("polling every 100 ms after the engine's event stream ended (the engine"
                + " ended the event stream)");
        assertThat(waited.health()).containsExactly(Map.entry(API.id(), HEALTHY));
        assertThat(inspected).hasSize(3);
    }

    @Test
    void aContainerAPollFindsStoppedEndsTheWait() throws Exception {
        engine.close();
        engine = FakeDockerEngine.onUnixSocket(directory.resolve("engine.sock"));
        ContainerHealth exited = new ContainerHealth("starting", "", Set.of(), "exited", 1, Optional.empty());
        inspections(API, STARTING, exited);

        Readiness.Waited waited = await(Map.of(API, "api"), BOUND, QUICK);

        assertThat(waited.stopped()).contains(API);
        assertThat(inspected).hasSize(2);
    }

    @Test
    void aStreamThatDoesNotOpenWithinTheBoundIsPolledAndSaysSo() throws Exception {
        inspections(API, STARTING);
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            AtomicBoolean accepting = new AtomicBoolean(true);
            List<Socket> accepted = Collections.synchronizedList(new ArrayList<>());
            Thread acceptor = new Thread(() -> {
                while (accepting.get()) {
                    try {
                        accepted.add(silent.accept());
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            acceptor.start();
            // the stream's own answer timeout is the wait's bound, well after the 300 ms it may take to open
            Readiness.Pace opening = new Readiness.Pace(Duration.ofMillis(100), Duration.ofMillis(300),
                    Duration.ofMillis(300), Duration.ofSeconds(60), Duration.ofSeconds(60));
            Readiness.Waited waited = Readiness.await(Map.of(API, "api"), Map.of(API.id(), STARTING),
                    new Readiness.Bound(Duration.ofSeconds(1), "setting"), this::inspect, container -> false,
                    (ids, limit) -> EngineEvents.follow(EngineAddress.tcp("127.0.0.1", silent.getLocalPort(), "test"),
                            new SshCommand(List.of("ssh"), Map.of()), "/events", Duration.ofSeconds(2), limit),
                    opening);
            accepting.set(false);
            silent.close();
            acceptor.join(2000);
            for (Socket socket : accepted) {
                socket.close();
            }

            assertThat(waited.how()).isEqualTo("polling every 100 ms (the engine did not open its event stream"
                    + " within 300 ms)");
            assertThat(waited.health()).containsExactly(Map.entry(API.id(), STARTING));
            assertThat(waited.waited()).isGreaterThanOrEqualTo(Duration.ofSeconds(1))
                    .isLessThan(Duration.ofSeconds(5));
        }
    }

    /** Start a 30 s wait for API on a thread of its own; say what it returned and whether it kept the interrupt. */
    private Thread waiterOnItsOwnThread(AtomicReference<Readiness.Waited> result, AtomicBoolean stillInterrupted) {
        Thread waiter = new Thread(() -> {
            try {
                result.set(await(Map.of(API, "api"), Duration.ofSeconds(30), Readiness.Pace.DEFAULT));
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        waiter.start();
        return waiter;
    }

    @Test
    void anInterruptEndsTheWaitAndIsKeptForTheCaller() throws Exception {
        inspections(API, STARTING);
        AtomicReference<Readiness.Waited> result = new AtomicReference<>();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        Thread waiter = waiterOnItsOwnThread(result, stillInterrupted);
        try {
            awaitSubscription();
            awaitInspections(1);
            Thread.sleep(100); // into the wait for an event
        } finally {
            waiter.interrupt();
            waiter.join(10_000);
        }

        assertThat(waiter.isAlive()).isFalse();
        assertThat(result.get().how()).isEqualTo("interrupted");
        assertThat(result.get().waited()).isLessThan(Duration.ofSeconds(10));
        assertThat(stillInterrupted).isTrue();
    }

    @Test
    void anInterruptWhilePollingEndsTheWaitAndIsKeptForTheCaller() throws Exception {
        engine.close();
        engine = FakeDockerEngine.onUnixSocket(directory.resolve("engine.sock"));
        inspections(API, STARTING);
        AtomicReference<Readiness.Waited> result = new AtomicReference<>();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        Thread waiter = waiterOnItsOwnThread(result, stillInterrupted);
        int atInterrupt;
        try {
            long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (inspected.isEmpty() && System.nanoTime() < until) {
                Thread.sleep(5);
            }
            Thread.sleep(100); // into the sleep before the next poll
        } finally {
            atInterrupt = inspected.size();
            waiter.interrupt();
            waiter.join(10_000);
        }
        assertThat(inspected).as("no inspection after the interrupt").hasSize(atInterrupt);

        assertThat(waiter.isAlive()).isFalse();
        assertThat(result.get().how()).startsWith("polling every 500 ms (no event stream");
        assertThat(result.get().waited()).isLessThan(Duration.ofSeconds(10));
        assertThat(stillInterrupted).isTrue();
    }
}
