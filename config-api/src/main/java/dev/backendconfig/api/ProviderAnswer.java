package dev.backendconfig.api;

import dev.backendconfig.api.ResolutionReport.Line;
import dev.backendconfig.api.ResolutionReport.Outcome;
import dev.backendconfig.api.internal.MaskedThrowable;
import dev.backendconfig.api.internal.ProviderLoader;
import dev.backendconfig.api.internal.ProviderRunner;
import dev.backendconfig.api.internal.ProviderRunner.Answer;
import dev.backendconfig.api.spi.BackendEndpointProvider;
import dev.backendconfig.api.spi.BackendUrls;
import dev.backendconfig.api.spi.OutsideText;
import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.ResolutionContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one provider answered, as a report line: found (with the endpoint), skipped, unavailable, timed out,
 * invalid (thrown on at once) or broken (the resolution stops after the line is in the report).
 */
final class ProviderAnswer {

    private static final Logger LOG = LoggerFactory.getLogger(BackendResolver.class);

    private final Line line;
    private final BackendEndpoint endpoint;
    private final String hint;
    private final Throwable broken;

    private ProviderAnswer(Line line, BackendEndpoint endpoint, String hint, Throwable broken) {
        this.line = line;
        this.endpoint = endpoint;
        this.hint = hint;
        this.broken = broken;
    }

    /**
     * Ask the provider.
     *
     * @throws InvalidBackendConfigurationException when it met explicit configuration that is wrong (the report so far
     *     is added by the caller's catch)
     */
    static ProviderAnswer ask(BackendEndpointProvider provider, ResolutionContext context) {
        long asked = System.nanoTime();
        Answer answer;
        try {
            answer = ProviderRunner.ask(provider, context);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer = new Answer.Threw(e);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - asked);
        if (answer instanceof Answer.Returned returned) {
            return returned(provider, returned.result(), took);
        }
        if (answer instanceof Answer.TimedOut timedOut) {
            return new ProviderAnswer(ReportBuilder.line(provider, Outcome.UNAVAILABLE, "did not answer within the "
                    + ReportText.millis(timedOut.waited()) + " left of the time budget (setting timeout); "
                    + (timedOut.stopped() ? "stopped" : "interrupted, and still running"), took), null, hint(provider),
                    null);
        }
        Throwable thrown = ((Answer.Threw) answer).exception();
        if (thrown instanceof InvalidBackendConfigurationException invalid) {
            return new ProviderAnswer(ReportBuilder.line(provider, Outcome.INVALID, invalid.origin().describe() + ": "
                    + invalid.problem(), took), null, "", invalid);
        }
        if (thrown instanceof InterruptedException) {
            return new ProviderAnswer(ReportBuilder.line(provider, Outcome.FAILED,
                    "resolution was interrupted while asking it", took), null, "", thrown);
        }
        LOG.debug("provider {} threw {}", OutsideText.oneLine(provider.id()), ProviderLoader.summary(thrown),
                MaskedThrowable.of(thrown));
        return new ProviderAnswer(ReportBuilder.line(provider, Outcome.FAILED, "threw " + ProviderLoader.summary(thrown),
                took), null, "", thrown);
    }

    /** Return the provider's report line. */
    Line line() {
        return line;
    }

    /** Return the endpoint, when the provider found one. */
    Optional<BackendEndpoint> endpoint() {
        return Optional.ofNullable(endpoint);
    }

    /** Return the provider's hint for "what to do next", when it did not answer and has one. */
    Optional<String> hint() {
        return hint == null || hint.isBlank() ? Optional.empty() : Optional.of(hint);
    }

    /**
     * Stop the resolution when the provider met invalid configuration or broke, with the report so far (every
     * provider after it listed as not asked).
     */
    void stopIfBroken(BackendEndpointProvider provider, ReportBuilder report, List<BackendEndpointProvider> order) {
        if (broken == null) {
            return;
        }
        ReportBuilder stopped = report.copy();
        for (BackendEndpointProvider later : order.subList(order.indexOf(provider) + 1, order.size())) {
            stopped.add(ReportBuilder.line(later, Outcome.NOT_ASKED, "resolution stopped at " + provider.id(),
                    Duration.ZERO));
        }
        ResolutionReport soFar = stopped.build(null,
                broken instanceof InvalidBackendConfigurationException invalid ? invalid.origin() : null);
        if (broken instanceof InvalidBackendConfigurationException invalid) {
            throw invalid.inProvider(provider.id(), soFar);
        }
        throw new ProviderFailedException(provider.id(), line.reason(), soFar, broken);
    }

    private static ProviderAnswer returned(BackendEndpointProvider provider, ProviderResult result, Duration took) {
        if (result instanceof ProviderResult.Found found) {
            return found(provider, found, took);
        }
        Outcome outcome = result instanceof ProviderResult.Skipped ? Outcome.SKIPPED : Outcome.UNAVAILABLE;
        return new ProviderAnswer(ReportBuilder.line(provider, outcome, result.reason(), took, result.notes()), null,
                hint(provider), null);
    }

    private static ProviderAnswer found(BackendEndpointProvider provider, ProviderResult.Found found, Duration took) {
        BackendEndpoint endpoint = found.endpoint();
        if (!endpoint.source().equals(provider.id())) {
            String problem = "returned an endpoint whose source is '" + endpoint.source() + "' instead of its id";
            return new ProviderAnswer(ReportBuilder.line(provider, Outcome.FAILED, problem, took), null, "",
                    new IllegalStateException(problem));
        }
        List<String> notes = new ArrayList<>(found.notes());
        if (endpoint.splitAcrossHosts()) {
            notes.add("HTTP and WebSocket URLs point to different hosts or ports ("
                    + BackendUrls.hostAndPort(endpoint.http()) + " and " + BackendUrls.hostAndPort(endpoint.webSocket())
                    + ")");
        }
        Line line = new Line(provider.id(), provider.priority(), Outcome.FOUND, found.reason(), took,
                endpoint.origins(), notes);
        return new ProviderAnswer(line, endpoint, "", null);
    }

    private static String hint(BackendEndpointProvider provider) {
        try {
            String hint = provider.hint();
            return hint == null ? "" : hint;
        } catch (RuntimeException e) {
            return "";
        }
    }
}
