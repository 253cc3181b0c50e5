package dev.backendconfig.docker.internal.discovery;

import dev.backendconfig.docker.internal.transport.EngineException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wait while chosen containers' healthchecks say {@code starting} — all of them at once, not one after another —
 * within {@code docker.wait-healthy} and what is left of the time budget. A wait longer than two seconds logs an
 * INFO line at most every five seconds saying what it waits for and for how long it may wait.
 */
final class Readiness {

    private static final Logger LOG = LoggerFactory.getLogger(Readiness.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration QUIET = Duration.ofSeconds(2);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    /** Inspect one container. */
    @FunctionalInterface
    interface Inspector {
        ContainerHealth inspect(ContainerSummary container) throws EngineException;
    }

    /**
     * What waiting found.
     *
     * @param health each container's last health, by container id
     * @param waited how long it waited in all
     */
    record Waited(Map<String, ContainerHealth> health, Duration waited) {
    }

    private Readiness() {
    }

    /**
     * Wait for the containers (labelled by the service each is for) that are still starting.
     *
     * @param first each container's health as first inspected, by id
     * @param limit how long to wait at most
     * @param stalled whether a container's healthcheck will never run (Podman without systemd): not waited for
     */
    static Waited await(Map<ContainerSummary, String> containers, Map<String, ContainerHealth> first, Duration limit,
            Inspector inspector, java.util.function.Predicate<ContainerSummary> stalled) throws EngineException {
        Map<String, ContainerHealth> health = new LinkedHashMap<>(first);
        long start = System.nanoTime();
        long nextProgress = start + QUIET.toNanos();
        while (!Thread.currentThread().isInterrupted()) {
            List<ContainerSummary> starting = containers.keySet().stream()
                    .filter(container -> health.get(container.id()).status().equals("starting"))
                    .filter(container -> !stalled.test(container)).toList();
            long elapsed = System.nanoTime() - start;
            if (starting.isEmpty() || elapsed >= limit.toNanos()) {
                break;
            }
            if (System.nanoTime() >= nextProgress) {
                LOG.info("waiting for {} to become healthy: {} s so far, up to {} s (setting docker.wait-healthy, and"
                        + " what is left of setting timeout)", describe(starting, containers),
                        Duration.ofNanos(elapsed).toSeconds(), limit.toSeconds());
                nextProgress = System.nanoTime() + PROGRESS_EVERY.toNanos();
            }
            if (!sleep(Math.min(POLL.toNanos(), limit.toNanos() - elapsed))) {
                break;
            }
            for (ContainerSummary container : starting) {
                health.put(container.id(), inspector.inspect(container));
            }
        }
        return new Waited(health, Duration.ofNanos(System.nanoTime() - start));
    }

    private static String describe(List<ContainerSummary> starting, Map<ContainerSummary, String> services) {
        List<String> parts = new ArrayList<>();
        for (ContainerSummary container : starting) {
            parts.add(services.get(container) + " (container " + container.name() + ")");
        }
        return String.join(" and ", parts);
    }

    private static boolean sleep(long nanos) {
        try {
            Thread.sleep(Math.max(1, nanos / 1_000_000));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
