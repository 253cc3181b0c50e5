package dev.backendconfig.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;

/** Run fixture classes through the Jupiter engine and read what happened. */
final class EngineRun {

    private final EngineExecutionResults results;

    private EngineRun(EngineExecutionResults results) {
        this.results = results;
    }

    static EngineRun of(Class<?>... fixtures) {
        return withParameters(Map.of(), fixtures);
    }

    /** Run with JUnit configuration parameters, as {@code junit-platform.properties} would give them. */
    static EngineRun withParameters(Map<String, String> parameters, Class<?>... fixtures) {
        return new EngineRun(EngineTestKit.engine("junit-jupiter").configurationParameters(parameters)
                .selectors(Arrays.stream(fixtures).map(fixture -> selectClass(fixture))
                        .toArray(org.junit.platform.engine.DiscoverySelector[]::new))
                .execute());
    }

    long succeeded() {
        return results.testEvents().succeeded().count();
    }

    long failed() {
        return results.testEvents().failed().count();
    }

    long aborted() {
        return results.testEvents().aborted().count();
    }

    /** Return the exceptions of failed or aborted tests (or of a failed container). */
    List<Throwable> thrown() {
        return results.allEvents().stream().filter(event -> event.getType() == EventType.FINISHED)
                .map(event -> event.getPayload(TestExecutionResult.class).orElseThrow())
                .filter(result -> result.getStatus() != TestExecutionResult.Status.SUCCESSFUL)
                .map(result -> result.getThrowable().orElseThrow()).toList();
    }

    /** Return the one exception, failing when there is not exactly one kind of message. */
    Throwable onlyThrown() {
        List<Throwable> thrown = thrown();
        if (thrown.isEmpty()) {
            throw new AssertionError("expected a failure or an abort, all succeeded");
        }
        if (thrown.stream().map(Throwable::getMessage).distinct().count() != 1) {
            throw new AssertionError("expected one kind of failure, got " + thrown);
        }
        return thrown.get(0);
    }

    List<Event> events() {
        return results.allEvents().list();
    }
}
