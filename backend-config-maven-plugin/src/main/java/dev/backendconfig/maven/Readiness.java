package dev.backendconfig.maven;

import dev.backendconfig.api.InvalidConfigurationException;
import dev.backendconfig.api.Resolution;
import dev.backendconfig.api.ResolutionOutcome;
import dev.backendconfig.api.ServiceEndpoint;
import dev.backendconfig.api.ServiceResolver;
import dev.backendconfig.api.spi.ProbeResult;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.api.spi.Setting;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Resolve, then wait until every service found answers its probe (setting {@code probe}, default tcp; {@code none}
 * counts as ready), resolving again while nothing is found — within setting {@code timeout}, measured from the first
 * attempt. Each attempt's own budget is what is left of it.
 */
final class Readiness {

    /** Setting {@code timeout}, read here as the bound of the whole wait. */
    static final Setting<Duration> TIMEOUT = Setting.duration("timeout", "90s", "the whole wait's bound");

    private static final Duration PAUSE = Duration.ofMillis(500);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    /** How a wait ended. */
    sealed interface Outcome permits Ready, Failed {
    }

    /** Every service found and answering. */
    record Ready(Resolution resolution, List<String> probes) implements Outcome {
    }

    /** Not ready in time, or configuration that is wrong. */
    record Failed(Failure failure) implements Outcome {
    }

    private final Function<Map<String, String>, ResolutionContext> contexts;
    private final ServiceResolver resolver;
    private final Consumer<String> progress;

    /**
     * @param contexts builds a context from settings to put over the configured ones (here: each attempt's
     *     {@code timeout})
     * @param progress receives a line at most every five seconds while waiting
     */
    Readiness(Function<Map<String, String>, ResolutionContext> contexts, ServiceResolver resolver,
            Consumer<String> progress) {
        this.contexts = contexts;
        this.resolver = resolver;
        this.progress = progress;
    }

    /** Wait until ready, or the bound passes, or the configuration turns out wrong. */
    Outcome await() {
        ResolutionContext first;
        try {
            first = contexts.apply(Map.of());
        } catch (InvalidConfigurationException e) {
            return new Failed(Failure.of(e));
        }
        Duration bound = first.settings().get(TIMEOUT);
        long start = System.nanoTime();
        long deadline = start + bound.toNanos();
        long nextProgress = start + PROGRESS_EVERY.toNanos();
        String last = "";
        ResolutionContext context = first;
        while (true) {
            Attempt attempt = attempt(context);
            if (attempt.outcome() != null) {
                return attempt.outcome();
            }
            last = attempt.why();
            long now = System.nanoTime();
            if (now >= deadline) {
                return new Failed(Failure.notReady("not ready within setting timeout = " + bound.toMillis()
                        + " ms: " + last));
            }
            if (now >= nextProgress) {
                progress.accept("backend-config: waiting (" + Duration.ofNanos(now - start).toSeconds() + " s of "
                        + bound.toSeconds() + " s): " + last.lines().findFirst().orElse(""));
                nextProgress = now + PROGRESS_EVERY.toNanos();
            }
            sleep(Math.min(PAUSE.toNanos(), deadline - now));
            long left = Math.max(1, Duration.ofNanos(deadline - System.nanoTime()).toMillis());
            try {
                context = contexts.apply(Map.of("timeout", left + "ms"));
            } catch (InvalidConfigurationException e) {
                return new Failed(Failure.of(e));
            }
        }
    }

    /** One resolution and its probes: an outcome when it is final, else why it is not ready yet. */
    private record Attempt(Outcome outcome, String why) {
    }

    private Attempt attempt(ResolutionContext context) {
        ResolutionOutcome outcome = resolver.outcome(context);
        return outcome.fold(found -> probe(found, context),
                // the failure shows the report itself: no step saying to run explain to see it
                notFound -> new Attempt(null, notFound.withoutExplainStep().getMessage()),
                invalid -> new Attempt(new Failed(Failure.of(invalid)), ""),
                broken -> new Attempt(new Failed(Failure.of(broken)), ""));
    }

    private Attempt probe(Resolution resolution, ResolutionContext context) {
        if (!context.probing()) {
            return new Attempt(new Ready(resolution, List.of("probe=none: not probed")), "");
        }
        List<String> answered = new ArrayList<>();
        List<String> silent = new ArrayList<>();
        for (Map.Entry<String, ServiceEndpoint> service : endpoints(resolution).entrySet()) {
            ProbeResult result = context.probe(service.getValue());
            (result.ready() ? answered : silent).add(service.getKey() + ": " + result.description());
        }
        if (silent.isEmpty()) {
            return new Attempt(new Ready(resolution, answered), "");
        }
        return new Attempt(null, resolution.report().render() + "\nnot answering: " + String.join("; ", silent));
    }

    /** Every service the resolution found, the backend first. */
    static Map<String, ServiceEndpoint> endpoints(Resolution resolution) {
        Map<String, ServiceEndpoint> endpoints = new LinkedHashMap<>();
        endpoints.put("backend", resolution.endpoint());
        resolution.services().forEach(endpoints::putIfAbsent);
        return endpoints;
    }

    private static void sleep(long nanos) {
        try {
            Thread.sleep(Math.max(1, nanos / 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the services", e);
        }
    }
}
