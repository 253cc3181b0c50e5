package dev.backendconfig.docker.internal.discovery;

import dev.backendconfig.docker.internal.engine.EngineIdentity;
import dev.backendconfig.docker.internal.json.Json;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Tell a Podman healthcheck that will never run from one that has not run yet.
 *
 * <p>Podman runs healthchecks from transient systemd timers. On a host without systemd (most CI containers) no
 * timer exists, no check ever runs, and the container's {@code State.Health.Status} stays {@code starting} forever
 * with an empty {@code Log}: waiting for it only wastes {@code docker.wait-healthy}. A check is taken as stalled when
 * the engine is Podman, the status is {@code starting}, the health log is empty, and the container started more
 * than twice its healthcheck interval (Podman's default 30 s when none is set) plus one second ago: with timers, the
 * first check would have run after one interval. The provider then probes the backend instead, and says why.
 */
final class StalledHealthcheck {

    private static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
    private static final Duration SLACK = Duration.ofSeconds(1);

    private StalledHealthcheck() {
    }

    /**
     * Return why the container's healthcheck is stalled, or empty when it is not (or the engine is not Podman).
     *
     * @param engine what the engine's replies said it is
     * @param inspect the engine's reply to {@code GET /containers/{id}/json}
     * @param now the time now, on the clock of the resolution
     */
    static Optional<String> diagnose(EngineIdentity engine, Object inspect, Instant now) {
        Object health = Json.object(Json.object(inspect, "State"), "Health");
        if (!engine.isPodman() || !Json.string(health, "Status").equals("starting")
                || !Json.array(health, "Log").isEmpty()) {
            return Optional.empty();
        }
        Optional<Instant> started = ContainerHealth.instant(Json.string(Json.object(inspect, "State"), "StartedAt"));
        if (started.isEmpty()) {
            return Optional.empty();
        }
        Duration interval = interval(Json.object(Json.object(inspect, "Config"), "Healthcheck").get("Interval"));
        Duration since = Duration.between(started.get(), now);
        if (since.compareTo(interval.multipliedBy(2).plus(SLACK)) <= 0) {
            return Optional.empty();
        }
        return Optional.of("Podman has not run its healthcheck in the " + since.toSeconds() + " s since the container"
                + " started (interval " + interval.toMillis() + " ms; the health log is empty, the status stays"
                + " starting): Podman runs healthchecks from systemd timers, which this host does not have; probed"
                + " instead");
    }

    private static Duration interval(Object nanos) {
        if (nanos instanceof BigDecimal number && number.signum() > 0) {
            try {
                return Duration.ofNanos(number.longValueExact());
            } catch (ArithmeticException e) {
                return DEFAULT_INTERVAL;
            }
        }
        return DEFAULT_INTERVAL;
    }
}
