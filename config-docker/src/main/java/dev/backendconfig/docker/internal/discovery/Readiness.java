package dev.backendconfig.docker.internal.discovery;

import dev.backendconfig.docker.internal.json.Json;
import dev.backendconfig.docker.internal.transport.EngineEvents;
import dev.backendconfig.docker.internal.transport.EngineException;
import dev.backendconfig.toolkit.Deadline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wait while chosen containers' healthchecks say {@code starting} — all of them at once, not one after another —
 * within a limit ({@code docker.wait-healthy} and what is left of the time budget, or {@code docker.start-timeout}
 * after a start).
 *
 * <p>The engine's {@code /events} stream (container {@code health_status}, {@code start} and {@code die}) is
 * followed, so that a container turning healthy is answered as soon as the engine says so; the containers are
 * inspected once more after the stream is open (a change between the first inspection and the subscription is not
 * missed) and then only every five seconds as a guard against a lost event. Where the engine offers no event stream
 * (it refuses the request, or the stream breaks), the containers are inspected every 500 ms instead. A container
 * that stops while it is waited for ends the wait at once. A wait longer than two seconds logs an INFO line at most
 * every five seconds saying what it waits for and for how long it may wait.
 */
final class Readiness {

    private static final Logger LOG = LoggerFactory.getLogger(Readiness.class);

    /**
     * How often and how soon a wait acts: every wait uses {@link #DEFAULT}; a test passes shorter times to see the
     * guard and the progress line without waiting seconds for them.
     *
     * @param poll how often the containers are inspected without an event stream
     * @param guard how often they are inspected while the stream is followed (a lost event)
     * @param opening how long the stream may take to open
     * @param quiet how long a wait is silent before its first progress line
     * @param progressEvery how often a progress line is logged after that
     */
    record Pace(Duration poll, Duration guard, Duration opening, Duration quiet, Duration progressEvery) {

        /** The pace of every wait: 500 ms polls, a 5 s guard, 2 s to open, quiet for 2 s, a progress line every 5 s. */
        static final Pace DEFAULT = new Pace(Duration.ofMillis(500), Duration.ofSeconds(5), Duration.ofSeconds(2),
                Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    /** Inspect one container. */
    @FunctionalInterface
    interface Inspector {
        ContainerHealth inspect(ContainerSummary container) throws EngineException;
    }

    /** Follow the engine's events of some containers, until a deadline. */
    @FunctionalInterface
    interface Events {
        EngineEvents follow(Set<String> containerIds, Duration limit);
    }

    /**
     * What waiting found.
     *
     * @param health each container's last health, by container id
     * @param waited how long it waited in all
     * @param how how it learned of changes, for the report: {@code "the engine's events"} or why it polled
     * @param stopped the container that stopped while it was waited for, which ended the wait, if one did; its
     *     stopped inspection is in {@code health} as well
     */
    record Waited(Map<String, ContainerHealth> health, Duration waited, String how,
            Optional<ContainerSummary> stopped) {
    }

    /**
     * How long to wait, and which setting says so.
     *
     * @param limit how long at most
     * @param setting what the report names as the bound: {@code "setting docker.wait-healthy"}
     */
    record Bound(Duration limit, String setting) {
    }

    private final Map<ContainerSummary, String> containers;
    private final Map<String, ContainerHealth> health;
    private final Inspector inspector;
    private final Predicate<ContainerSummary> stalled;
    private final Pace pace;
    private final long start = System.nanoTime();

    private Readiness(Map<ContainerSummary, String> containers, Map<String, ContainerHealth> first, Inspector inspector,
            Predicate<ContainerSummary> stalled, Pace pace) {
        this.containers = containers;
        this.health = new LinkedHashMap<>(first);
        this.inspector = inspector;
        this.stalled = stalled;
        this.pace = pace;
    }

    /**
     * Wait for the containers (labelled by the service each is for) that are still starting.
     *
     * @param first each container's health as first inspected, by id
     * @param bound how long to wait at most, and why
     * @param stalled whether a container's healthcheck will never run (Podman without systemd): not waited for
     * @param events how to follow the engine's events
     */
    static Waited await(Map<ContainerSummary, String> containers, Map<String, ContainerHealth> first, Bound bound,
            Inspector inspector, Predicate<ContainerSummary> stalled, Events events) throws EngineException {
        return await(containers, first, bound, inspector, stalled, events, Pace.DEFAULT);
    }

    /** Wait as {@link #await(Map, Map, Bound, Inspector, Predicate, Events)} does, at another pace (tests). */
    static Waited await(Map<ContainerSummary, String> containers, Map<String, ContainerHealth> first, Bound bound,
            Inspector inspector, Predicate<ContainerSummary> stalled, Events events, Pace pace) throws EngineException {
        return new Readiness(containers, first, inspector, stalled, pace).await(bound, events);
    }

    private Waited await(Bound bound, Events events) throws EngineException {
        if (starting().isEmpty() || bound.limit().isNegative() || bound.limit().isZero()) {
            return waited("nothing to wait for", Optional.empty());
        }
        Deadline deadline = Deadline.after(bound.limit());
        Set<String> ids = new java.util.LinkedHashSet<>();
        for (ContainerSummary container : containers.keySet()) {
            ids.add(container.id());
        }
        try (EngineEvents stream = events.follow(ids, bound.limit())) {
            String how = open(stream, Deadline.after(deadline.bound(pace.opening())));
            boolean following = how.isEmpty();
            if (following) {
                how = "the engine's events";
                Optional<ContainerSummary> stopped = inspectStarting();
                if (stopped.isPresent()) {
                    return waited(how, stopped);
                }
            }
            Deadline progressDue = Deadline.after(pace.quiet().minus(elapsed()));
            Deadline guardDue = Deadline.after(pace.guard());
            while (!Thread.currentThread().isInterrupted()) {
                List<ContainerSummary> starting = starting();
                if (starting.isEmpty() || deadline.passed()) {
                    break;
                }
                if (progressDue.passed()) {
                    LOG.info("waiting for {} to become healthy: {} s so far, up to {} s ({})", describe(starting),
                            elapsed().toSeconds(), bound.limit().toSeconds(), bound.setting());
                    progressDue = Deadline.after(pace.progressEvery());
                }
                if (following) {
                    Duration wait = deadline.bound(guardDue.bound(progressDue.remaining()));
                    Optional<EngineEvents.Item> item = stream.poll(wait);
                    if (item.isPresent() && item.get() instanceof EngineEvents.Item.Ended ended) {
                        following = false;
                        how = "polling every " + pace.poll().toMillis() + " ms after the engine's event stream ended ("
                                + ended.why() + ")";
                        LOG.debug("readiness: {}", how);
                    } else if (item.isPresent() && item.get() instanceof EngineEvents.Item.Event event) {
                        Optional<ContainerSummary> stopped = onEvent(event.event());
                        if (stopped.isPresent()) {
                            return waited(how, stopped);
                        }
                    } else if (guardDue.passed()) {
                        guardDue = Deadline.after(pace.guard());
                        Optional<ContainerSummary> stopped = inspectStarting();
                        if (stopped.isPresent()) {
                            return waited(how, stopped);
                        }
                    }
                } else {
                    if (!sleep(deadline.bound(pace.poll()))) {
                        break;
                    }
                    Optional<ContainerSummary> stopped = inspectStarting();
                    if (stopped.isPresent()) {
                        return waited(how, stopped);
                    }
                }
            }
            return waited(how, Optional.empty());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return waited("interrupted", Optional.empty());
        }
    }

    /** Wait for the stream to open by {@code opening}; return empty text when it did, else why not (then polling). */
    private String open(EngineEvents stream, Deadline opening) throws InterruptedException {
        while (!opening.passed()) {
            Optional<EngineEvents.Item> item = stream.poll(opening.remaining());
            if (item.isPresent() && item.get() instanceof EngineEvents.Item.Opened) {
                return "";
            }
            if (item.isPresent() && item.get() instanceof EngineEvents.Item.Ended ended) {
                String how = "polling every " + pace.poll().toMillis() + " ms (no event stream: " + ended.why() + ")";
                LOG.debug("readiness: {}", how);
                return how;
            }
        }
        return "polling every " + pace.poll().toMillis() + " ms (the engine did not open its event stream within "
                + opening.total().toMillis() + " ms)";
    }

    /** Take in one event; return the container it says stopped, if it does. */
    private Optional<ContainerSummary> onEvent(Object event) throws EngineException {
        Object actor = Json.object(event, "Actor");
        String id = Json.string(actor, "ID");
        if (id.isEmpty()) {
            id = Json.string(event, "id");
        }
        Optional<ContainerSummary> container = waitedFor(id);
        if (container.isEmpty()) {
            return Optional.empty();
        }
        String action = Json.string(event, "Action");
        if (action.isEmpty()) {
            action = Json.string(event, "status");
        }
        if (action.startsWith("health_status")) {
            String status = action.contains(":") ? action.substring(action.indexOf(':') + 1).strip()
                    : Json.string(Json.object(actor, "Attributes"), "health_status");
            if (status.equals("healthy")) {
                // answered from the event alone: an inspection would only add time
                health.put(id, health.get(id).withStatus("healthy"));
                return Optional.empty();
            }
        }
        if (action.equals("die") || action.equals("stop") || action.equals("kill") || action.equals("oom")) {
            ContainerHealth now = inspector.inspect(container.get());
            health.put(id, now);
            return now.stopped() ? container : Optional.empty();
        }
        if (action.startsWith("health_status") || action.equals("start") || action.equals("restart")) {
            health.put(id, inspector.inspect(container.get()));
        }
        return Optional.empty();
    }

    /** Inspect every container still starting; return one that has stopped, if one has. */
    private Optional<ContainerSummary> inspectStarting() throws EngineException {
        for (ContainerSummary container : starting()) {
            ContainerHealth now = inspector.inspect(container);
            health.put(container.id(), now);
            if (now.stopped()) {
                return Optional.of(container);
            }
        }
        return Optional.empty();
    }

    private Optional<ContainerSummary> waitedFor(String id) {
        for (ContainerSummary container : containers.keySet()) {
            if (container.id().equals(id)) {
                return Optional.of(container);
            }
        }
        return Optional.empty();
    }

    private List<ContainerSummary> starting() {
        List<ContainerSummary> starting = new ArrayList<>();
        for (ContainerSummary container : containers.keySet()) {
            if (health.get(container.id()).status().equals("starting") && !stalled.test(container)) {
                starting.add(container);
            }
        }
        return List.copyOf(starting);
    }

    private Waited waited(String how, Optional<ContainerSummary> stopped) {
        return new Waited(health, elapsed(), how, stopped);
    }

    /** How long it has waited so far (measured, not bounded: the bound is the {@link Deadline} of the wait). */
    private Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private String describe(List<ContainerSummary> starting) {
        List<String> parts = new ArrayList<>();
        for (ContainerSummary container : starting) {
            parts.add(containers.get(container) + " (container " + container.name() + ")");
        }
        return String.join(" and ", parts);
    }

    private static boolean sleep(Duration time) {
        try {
            Thread.sleep(Math.max(1, time.toMillis()));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
