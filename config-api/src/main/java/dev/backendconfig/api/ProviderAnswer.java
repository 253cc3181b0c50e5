package dev.backendconfig.api;

import dev.backendconfig.api.ResolutionReport.Line;
import dev.backendconfig.api.ResolutionReport.Outcome;
import dev.backendconfig.api.ResolutionReport.ServiceLine;
import dev.backendconfig.api.internal.CoreSettings;
import dev.backendconfig.api.internal.MaskedThrowable;
import dev.backendconfig.api.internal.ProviderLoader;
import dev.backendconfig.api.internal.ProviderRunner.Answer;
import dev.backendconfig.api.internal.ProviderRunner;
import dev.backendconfig.api.spi.EndpointProvider;
import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.api.spi.Service;
import dev.backendconfig.toolkit.BackendUrls;
import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.toolkit.Origin;
import dev.backendconfig.toolkit.OutsideText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one provider answered, as a report line: found (with an endpoint for every required service), partial,
 * skipped, unavailable, timed out, invalid or broken (for those two, the resolution stops once the line is in the
 * report). This is the one place that judges a provider's answer against the services asked for.
 */
final class ProviderAnswer {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceResolver.class);

    private final Line line;
    private final Map<String, ServiceEndpoint> endpoints;
    private final String hint;
    private final Throwable broken;

    /** {@code hint} is never null: empty text when there is no next step ({@link #hint(EndpointProvider)}). */
    private ProviderAnswer(Line line, Map<String, ServiceEndpoint> endpoints, String hint, Throwable broken) {
        this.line = hint.isBlank() ? line : line.withNextStep(hint);
        this.endpoints = endpoints;
        this.hint = hint;
        this.broken = broken;
    }

    /** Ask the provider; what it throws becomes the answer (invalid or broken), never an exception of this method. */
    static ProviderAnswer ask(EndpointProvider provider, ResolutionContext context) {
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
            return returned(provider, returned.result(), took, context);
        }
        if (answer instanceof Answer.TimedOut timedOut) {
            return new ProviderAnswer(ReportBuilder.line(provider, Outcome.UNAVAILABLE, "did not answer within the "
                    + ReportText.millis(timedOut.waited()) + " left of the time budget (setting timeout); "
                    + (timedOut.stopped() ? "stopped" : "interrupted, and still running"), took), null,
                    "raise setting timeout (now " + ReportText.millis(context.settings().get(CoreSettings.TIMEOUT)) + "), or find out why "
                            + provider.id() + " is slow", null);
        }
        Throwable thrown = ((Answer.Threw) answer).exception();
        if (thrown instanceof InvalidInputException invalid) {
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

    /** Return the endpoints by service, when the provider found every required service (else empty). */
    Optional<Map<String, ServiceEndpoint>> endpoints() {
        return Optional.ofNullable(endpoints);
    }

    /** Return the provider's hint for "what to do next", when it did not answer and has one. */
    Optional<String> hint() {
        return hint.isBlank() ? Optional.empty() : Optional.of(hint);
    }

    /**
     * Return the outcome that ends the resolution when the provider met invalid configuration or broke, with the report
     * so far (every provider after it listed as not asked); empty when the resolution goes on.
     */
    Optional<ResolutionOutcome> stop(EndpointProvider provider, ReportBuilder report,
            List<EndpointProvider> order) {
        if (broken == null) {
            return Optional.empty();
        }
        ReportBuilder stopped = report.copy();
        for (EndpointProvider later : order.subList(order.indexOf(provider) + 1, order.size())) {
            stopped.add(ReportBuilder.line(later, Outcome.NOT_ASKED, "resolution stopped at " + provider.id(),
                    Duration.ZERO));
        }
        if (broken instanceof InvalidInputException invalid) {
            return Optional.of(InvalidConfigurationException.inProvider(invalid, provider.id(),
                    stopped.build(null, invalid.origin())));
        }
        return Optional.of(new ProviderFailedException(provider.id(), line.reason(), stopped.build(null, null), broken));
    }

    private static ProviderAnswer returned(EndpointProvider provider, ProviderResult result, Duration took,
            ResolutionContext context) {
        if (result instanceof ProviderResult.Found found) {
            return services(provider, found, took, context);
        }
        Outcome outcome = result instanceof ProviderResult.Skipped ? Outcome.SKIPPED : Outcome.UNAVAILABLE;
        return new ProviderAnswer(ReportBuilder.line(provider, outcome, result.reason(), took, result.notes()), null,
                nextStep(provider, result.nextStep()), null);
    }

    /** Judge what a provider found against the services asked for: found when every required one is there. */
    private static ProviderAnswer services(EndpointProvider provider, ProviderResult.Found found, Duration took,
            ResolutionContext context) {
        List<Service> services = context.services();
        Map<String, ServiceEndpoint> given = found.endpoints();
        Map<String, String> missing = found.missing();
        Map<String, String> serviceReasons = found.serviceReasons();
        String reason = found.reason();
        String nextStep = found.nextStep();
        List<String> notes = new ArrayList<>(found.notes());
        Map<String, ServiceEndpoint> endpoints = new LinkedHashMap<>();
        for (Map.Entry<String, ServiceEndpoint> entry : given.entrySet()) {
            ServiceEndpoint endpoint = entry.getValue();
            String problem = !endpoint.source().equals(provider.id())
                    ? "returned an endpoint whose source is '" + endpoint.source() + "' instead of its id"
                    : !endpoint.service().equals(entry.getKey()) ? "returned the endpoint of service "
                            + endpoint.service() + " as service " + entry.getKey() : null;
            if (problem != null) {
                return new ProviderAnswer(ReportBuilder.line(provider, Outcome.FAILED, problem, took), null, "",
                        new IllegalStateException(problem));
            }
            Service declared = null;
            for (Service service : services) {
                if (service.name().equals(entry.getKey())) {
                    declared = service;
                    break;
                }
            }
            if (declared != null) {
                endpoints.put(entry.getKey(), withoutWebSocketWhereNone(endpoint, declared, context, notes));
            } else {
                notes.add("also gave service " + entry.getKey() + ", which is not declared; ignored");
            }
        }
        List<ServiceLine> lines = new ArrayList<>();
        List<String> lacking = new ArrayList<>();
        for (Service service : services) {
            ServiceEndpoint endpoint = endpoints.get(service.name());
            if (endpoint != null) {
                lines.add(new ServiceLine(service.name(), true, service.required(),
                        serviceReasons.getOrDefault(service.name(), "found"), endpoint.origins()));
                Optional<String> split = splitNote(endpoint, services.size() > 1);
                if (split.isPresent()) {
                    notes.add(split.get());
                }
                continue;
            }
            String why = missing.getOrDefault(service.name(), "gave no endpoint for it");
            lines.add(new ServiceLine(service.name(), false, service.required(), why, Map.of()));
            if (service.required()) {
                lacking.add(service.name());
            } else {
                notes.add("optional service " + service.name() + " was not found: " + why);
            }
        }
        ServiceEndpoint backend = endpoints.get(Service.BACKEND);
        Outcome outcome = lacking.isEmpty() ? Outcome.FOUND : Outcome.PARTIAL;
        String shown = lacking.isEmpty() ? reason : reason + "; lacks required service" + (lacking.size() > 1 ? "s " : " ")
                + String.join(", ", lacking);
        Line line = new Line(provider.id(), provider.priority(), outcome, shown, took,
                backend == null ? Map.of() : backend.origins(), notes, services.size() > 1 ? lines : List.of(), "");
        return new ProviderAnswer(line, outcome == Outcome.FOUND ? endpoints : null,
                outcome == Outcome.FOUND ? "" : nextStep.isBlank() ? lackingStep(lacking, missing) : nextStep, null);
    }

    /**
     * Apply setting {@code services.<name>.websocket=false}, the one rule for every provider: the endpoint has no
     * WebSocket URL, and one the provider gave explicitly is noted as dropped.
     */
    private static ServiceEndpoint withoutWebSocketWhereNone(ServiceEndpoint endpoint, Service service,
            ResolutionContext context, List<String> notes) {
        if (service.isBackend() || endpoint.findWebSocket().isEmpty()
                || context.settings().get(CoreSettings.WEBSOCKET.forService(service))) {
            return endpoint;
        }
        String key = CoreSettings.WEBSOCKET.forService(service).key();
        Optional<Origin> given = Optional.ofNullable(endpoint.origins().get(ServiceEndpoint.WEBSOCKET))
                .filter(origin -> origin.kind() != Origin.Kind.DERIVED);
        given.ifPresent(origin -> notes.add(service.name() + ": the WebSocket URL from " + origin.describe()
                + " is dropped: setting " + key + "=false says the service has none"));
        return endpoint.withoutWebSocket("setting " + key + "=false ("
                + context.settings().origin(CoreSettings.WEBSOCKET.forService(service)).describe() + ")");
    }

    /** What to do about the required services a provider lacked, when it said nothing itself. */
    private static String lackingStep(List<String> lacking, Map<String, String> missing) {
        List<String> steps = new ArrayList<>();
        for (String name : lacking) {
            steps.add("service " + name + " is missing (" + missing.getOrDefault(name, "no endpoint was given for it")
                    + "): provide it here" + (Service.BACKEND.equals(name) ? ""
                            : ", or mark it optional with services." + name + ".required=false"));
        }
        return String.join("; ", steps);
    }

    private static Optional<String> splitNote(ServiceEndpoint endpoint, boolean named) {
        if (endpoint.findWebSocket().isEmpty()
                || BackendUrls.hostAndPort(endpoint.http()).equals(BackendUrls.hostAndPort(endpoint.webSocket()))) {
            return Optional.empty();
        }
        return Optional.of((named ? endpoint.service() + ": " : "") + "HTTP and WebSocket URLs point to different hosts"
                + " or ports (" + BackendUrls.hostAndPort(endpoint.http()) + " and "
                + BackendUrls.hostAndPort(endpoint.webSocket()) + ")");
    }

    private static String nextStep(EndpointProvider provider, String fromResult) {
        return fromResult == null || fromResult.isBlank() ? hint(provider) : fromResult;
    }

    private static String hint(EndpointProvider provider) {
        try {
            String hint = provider.hint();
            return hint == null ? "" : hint;
        } catch (RuntimeException e) {
            return "";
        }
    }
}
