package dev.backendconfig.docker.internal.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backendconfig.docker.internal.engine.EngineIdentity;
import dev.backendconfig.docker.internal.json.Json;
import dev.backendconfig.testsupport.Recorded;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When a Podman healthcheck that still says "starting" will never run. */
class StalledHealthcheckTest {

    private static final EngineIdentity PODMAN = new EngineIdentity(EngineIdentity.Kind.PODMAN, "4.3.1", "1.41", "");
    private static final EngineIdentity DOCKER = new EngineIdentity(EngineIdentity.Kind.DOCKER, "20.10.24", "1.41", "");
    private static final Instant STARTED = Instant.parse("2026-11-25T21:54:06.530150234Z");

    private static Object inspect(String status, List<Object> log, Object interval, String startedAt) {
        return Map.of("State", Map.of("StartedAt", startedAt, "Health", Map.of("Status", status, "Log", log)),
                "Config", interval == null ? Map.of() : Map.of("Healthcheck", Map.of("Interval", interval)));
    }

    /** Return a recorded Podman reply as the engine client reads it: with the production JSON reader. */
    private static Object recorded(String name) {
        try {
            return Json.parse(Recorded.resource("engine/podman/" + name + ".json"));
        } catch (Json.ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<String> at(Object inspect, long millisAfterStart) {
        return StalledHealthcheck.diagnose(PODMAN, inspect, STARTED.plusMillis(millisAfterStart));
    }

    @Test
    void theRecordedPodmanReplyIsStalledOnceTwoIntervalsAndASecondHavePassed() {
        Object recorded = recorded("inspect-backend");
        assertThat(at(recorded, 3000)).isEmpty();
        assertThat(at(recorded, 3001)).contains("Podman has not run its healthcheck in the 3 s since the container"
                + " started (interval 1000 ms; the health log is empty, the status stays starting): Podman runs"
                + " healthchecks from systemd timers, which this host does not have; probed instead");
    }

    @Test
    void afterACheckRanItIsNotStalled() {
        assertThat(at(recorded("inspect-backend-healthy"), 60_000)).isEmpty();
        Object starting = inspect("starting", List.of(Map.of("ExitCode", java.math.BigDecimal.ONE)),
                java.math.BigDecimal.valueOf(1_000_000_000L), STARTED.toString());
        assertThat(at(starting, 60_000)).isEmpty();
    }

    @Test
    void withoutAnIntervalPodmansDefaultOfThirtySecondsCounts() {
        Object noInterval = inspect("starting", List.of(), null, STARTED.toString());
        assertThat(at(noInterval, 61_000)).isEmpty();
        assertThat(at(noInterval, 61_001)).get().asString().contains("(interval 30000 ms;");
    }

    @Test
    void dockerAndUnreadableStartTimesAreNeverStalled() {
        Object recorded = recorded("inspect-backend");
        assertThat(StalledHealthcheck.diagnose(DOCKER, recorded, STARTED.plusSeconds(600))).isEmpty();
        assertThat(at(inspect("starting", List.of(), null, "0001-01-01T00:00:00Z"), 600_000)).isEmpty();
        assertThat(at(inspect("starting", List.of(), null, "yesterday"), 600_000)).isEmpty();
        assertThat(at(inspect("healthy", List.of(), null, STARTED.toString()), 600_000)).isEmpty();
    }

    @Test
    void anIntervalThatIsNoPositiveWholeNumberOfNanosecondsCountsAsPodmansDefault() {
        for (Object interval : List.of(java.math.BigDecimal.ZERO, java.math.BigDecimal.valueOf(-1_000_000_000L),
                new java.math.BigDecimal("1e30"), new java.math.BigDecimal("1000000000.5"), "1s")) {
            Object inspect = inspect("starting", List.of(), interval, STARTED.toString());
            assertThat(at(inspect, 61_000)).as("interval %s", interval).isEmpty();
            assertThat(at(inspect, 61_001)).as("interval %s", interval).get().asString()
                    .contains("in the 61 s since", "(interval 30000 ms;");
        }
        Object tiny = inspect("starting", List.of(), java.math.BigDecimal.ONE, STARTED.toString());
        assertThat(at(tiny, 1001)).get().asString().contains("in the 1 s since", "(interval 0 ms;");
    }
}
