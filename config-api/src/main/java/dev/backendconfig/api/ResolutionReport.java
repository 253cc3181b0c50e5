package dev.backendconfig.api;

import static org.apiguardian.api.API.Status.STABLE;

import dev.backendconfig.toolkit.Origin;
import dev.backendconfig.toolkit.Secrets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

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
@API(status = STABLE, since = "1.0")
public final class ResolutionReport {

    /** What became of one provider. */
    @API(status = STABLE, since = "1.0")
    public enum Outcome {
        /** It found the backend and every required service. */
        FOUND,
        /** It found some required services but not all; the next one was asked. */
        PARTIAL,
        /** Nothing was configured for it. */
        SKIPPED,
        /** It was configured but could not be used now. */
        UNAVAILABLE,
        /** It threw something other than an invalid-configuration error; resolution stopped. */
        FAILED,
        /** It met explicit configuration that is wrong; resolution stopped there. */
        INVALID,
        /** An earlier provider answered, the time budget ran out, or resolution stopped, before it was asked. */
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
     * One provider's line. Its reason, notes and service reasons hold text from outside (an engine's labels, a
     * provider's words), so every secret they may quote is masked as the line is made ({@link Secrets#maskText}): a
     * {@code token=...} label or a URL's password never reaches the report's text or JSON, whoever built the line.
     *
     * @param provider the provider's id (for {@link Outcome#NOT_LOADED}, the class named in the services file)
     * @param priority the provider's priority (0 for {@link Outcome#NOT_LOADED})
     * @param outcome what became of it
     * @param reason why, written for a person; empty for {@link Outcome#NOT_ASKED} after a found provider
     * @param elapsed how long it took (zero when not asked)
     * @param origins where each value of the backend's endpoint came from, by {@code http}, {@code websocket} or
     *     detail, when it found one
     * @param notes further lines (a losing variable, a duplicate key, a skipped container)
     * @param services what it found or lacked for each service, when more than the backend was asked for
     * @param nextStep what the user can do about this outcome (the provider's {@link
     *     dev.backendconfig.api.spi.ProviderResult#nextStep() next step}, else its {@link
     *     dev.backendconfig.api.spi.EndpointProvider#hint() hint}), for the "what to do next" part of the nothing-found
     *     message; empty text when the provider answered or has nothing to say. A later provider sees the lines before
     *     its own ({@link dev.backendconfig.api.spi.ResolutionContext#earlierAnswers()}): a fallback such as staging
     *     says why the sources before it did not answer, in their own words
     */
    @API(status = STABLE, since = "1.0")
    public record Line(String provider, int priority, Outcome outcome, String reason, Duration elapsed,
            Map<String, Origin> origins, List<String> notes, List<ServiceLine> services, String nextStep) {
        public Line {
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(outcome, "outcome");
            reason = Secrets.maskText(Objects.requireNonNull(reason, "reason"));
            Objects.requireNonNull(elapsed, "elapsed");
            origins = Collections.unmodifiableMap(new LinkedHashMap<>(origins));
            notes = masked(notes);
            services = List.copyOf(services);
            nextStep = Secrets.maskText(Objects.requireNonNull(nextStep, "nextStep"));
        }

        /** Return a copy whose {@link #nextStep()} is {@code step}. */
        Line withNextStep(String step) {
            return new Line(provider, priority, outcome, reason, elapsed, origins, notes, services, step);
        }
    }

    /**
     * What one provider found or lacked for one service.
     *
     * @param service the service's name
     * @param found whether the provider found it
     * @param required whether resolution needs it
     * @param reason how it was found, or why not
     * @param origins where each value of its endpoint came from, when found
     */
    @API(status = STABLE, since = "1.0")
    public record ServiceLine(String service, boolean found, boolean required, String reason,
            Map<String, Origin> origins) {
        public ServiceLine {
            Objects.requireNonNull(service, "service");
            reason = Secrets.maskText(Objects.requireNonNull(reason, "reason"));
            origins = Collections.unmodifiableMap(new LinkedHashMap<>(origins));
        }
    }

    private final Map<String, ServiceEndpoint> services;
    private final List<Line> lines;
    private final List<String> notes;
    private final Duration elapsed;

    /** Return the report of a resolution that ended before any provider was asked: no lines, no notes. */
    static ResolutionReport empty() {
        return new ResolutionReport(Map.of(), List.of(), List.of(), Duration.ZERO);
    }

    /**
     * Create a report.
     *
     * @param services the endpoints found, by service name (the backend's under {@code backend}); empty when none
     * @param lines one line per provider, in the order they were considered
     * @param notes lines about the resolution as a whole (settings in effect, services not found); masked as lines are
     * @param elapsed how long the whole resolution took
     */
    ResolutionReport(Map<String, ServiceEndpoint> services, List<Line> lines, List<String> notes,
            Duration elapsed) {
        this.services = Collections.unmodifiableMap(new LinkedHashMap<>(services));
        this.lines = List.copyOf(lines);
        this.notes = masked(notes);
        this.elapsed = Objects.requireNonNull(elapsed, "elapsed");
    }

    /**
     * Return every endpoint found, by service name, the backend first ({@code services().get("backend")}); empty when
     * none was found.
     */
    public Map<String, ServiceEndpoint> services() {
        return services;
    }

    /** Return one line per provider, in the order they were considered. */
    public List<Line> lines() {
        return lines;
    }

    /** Return the line of one provider. */
    public Optional<Line> line(String provider) {
        for (Line line : lines) {
            if (line.provider().equals(provider)) {
                return Optional.of(line);
            }
        }
        return Optional.empty();
    }

    /** Return {@code texts} masked, unmodifiable; a loop, not a stream: every first resolution in a JVM passes here. */
    private static List<String> masked(List<String> texts) {
        List<String> masked = new ArrayList<>(texts.size());
        for (String text : texts) {
            masked.add(Secrets.maskText(text));
        }
        return Collections.unmodifiableList(masked);
    }

    /** Return the notes about the resolution as a whole. */
    public List<String> notes() {
        return notes;
    }

    /** Return how long the resolution took. */
    public Duration elapsed() {
        return elapsed;
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
