package dev.backendconfig.api;

import dev.backendconfig.api.spi.Origin;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Why the backend is where the library says it is: one line per provider, as data and as text for a CI log.
 *
 * <pre>
 * backend: http://localhost:8002  ws://localhost:8002  (from docker, 41 ms)
 *   env      300  skipped      none of TEST_BACKEND_URL, BACKEND_URL is set                 0 ms
 *   docker   200  found        service alpine-test-backend publishes 8000 on 0.0.0.0:8002  38 ms
 *                              http: container alpine-test-backend
 *   staging  100  not asked
 * </pre>
 *
 * Secrets never appear: URLs are shown masked and secret details are not shown at all.
 */
public final class ResolutionReport {

    /** What became of one provider. */
    public enum Outcome {
        /** It found the backend. */
        FOUND,
        /** Nothing was configured for it. */
        SKIPPED,
        /** It was configured but could not be used now. */
        UNAVAILABLE,
        /** It threw something other than an invalid-configuration error; the next one was asked. */
        FAILED,
        /** It met explicit configuration that is wrong; resolution stopped there. */
        INVALID,
        /** An earlier provider answered, or the time budget ran out, before it was asked. */
        NOT_ASKED,
        /** Setting {@code providers} left it out. */
        EXCLUDED,
        /** Its {@code META-INF/services} entry could not be loaded. */
        NOT_LOADED;

        /** Return the outcome as the report writes it: {@code "not asked"}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    /**
     * One provider's line.
     *
     * @param provider the provider's id (for {@link Outcome#NOT_LOADED}, the class named in the services file)
     * @param priority the provider's priority (0 for {@link Outcome#NOT_LOADED})
     * @param outcome what became of it
     * @param reason why, written for a person; empty for {@link Outcome#NOT_ASKED} after a found provider
     * @param elapsed how long it took (zero when not asked)
     * @param origins where each value of a found endpoint came from, by {@code http}, {@code websocket} or detail
     * @param notes further lines (a losing variable, a duplicate key, a skipped container)
     */
    public record Line(String provider, int priority, Outcome outcome, String reason, Duration elapsed,
            Map<String, Origin> origins, List<String> notes) {
        public Line {
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(elapsed, "elapsed");
            origins = Collections.unmodifiableMap(new LinkedHashMap<>(origins));
            notes = List.copyOf(notes);
        }
    }

    private final BackendEndpoint endpoint;
    private final List<Line> lines;
    private final List<String> notes;
    private final Duration elapsed;
    private final Instant resolvedAt;

    /**
     * Create a report.
     *
     * @param endpoint the endpoint found, or null when none was
     * @param lines one line per provider, in the order they were considered
     * @param notes lines about the resolution as a whole (settings in effect, unused settings)
     * @param elapsed how long the whole resolution took
     * @param resolvedAt when it finished
     */
    public ResolutionReport(BackendEndpoint endpoint, List<Line> lines, List<String> notes, Duration elapsed,
            Instant resolvedAt) {
        this.endpoint = endpoint;
        this.lines = List.copyOf(lines);
        this.notes = List.copyOf(notes);
        this.elapsed = Objects.requireNonNull(elapsed, "elapsed");
        this.resolvedAt = Objects.requireNonNull(resolvedAt, "resolvedAt");
    }

    /** Return the endpoint found, if one was. */
    public Optional<BackendEndpoint> endpoint() {
        return Optional.ofNullable(endpoint);
    }

    /** Return one line per provider, in the order they were considered. */
    public List<Line> lines() {
        return lines;
    }

    /** Return the line of one provider. */
    public Optional<Line> line(String provider) {
        return lines.stream().filter(line -> line.provider().equals(provider)).findFirst();
    }

    /** Return the notes about the resolution as a whole. */
    public List<String> notes() {
        return notes;
    }

    /** Return how long the resolution took. */
    public Duration elapsed() {
        return elapsed;
    }

    /** Return when the resolution finished. */
    public Instant resolvedAt() {
        return resolvedAt;
    }

    /** Return the report as plain text that fits a CI log; it ends with a newline. */
    public String render() {
        return ReportText.render(this);
    }

    @Override
    public String toString() {
        return render();
    }
}
