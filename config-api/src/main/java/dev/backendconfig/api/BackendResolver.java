package dev.backendconfig.api;

import dev.backendconfig.api.ResolutionReport.Line;
import dev.backendconfig.api.ResolutionReport.Outcome;
import dev.backendconfig.api.internal.ProviderLoader;
import dev.backendconfig.api.internal.ProviderRunner;
import dev.backendconfig.api.internal.ProviderRunner.Answer;
import dev.backendconfig.api.internal.Suggestions;
import dev.backendconfig.api.spi.BackendEndpointProvider;
import dev.backendconfig.api.spi.BackendUrls;
import dev.backendconfig.api.spi.BuiltInSettings;
import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.api.spi.Setting;
import dev.backendconfig.api.spi.Settings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolve the backend: ask each provider in turn and stop at the first that finds it.
 *
 * <p>Providers are discovered with {@link java.util.ServiceLoader}; one whose entry cannot be loaded is
 * reported, never fatal. They are asked highest {@link BackendEndpointProvider#priority() priority} first, or
 * in the order of setting {@code providers}, which also leaves out the ones it does not name. The resolver
 * caches nothing: every {@link #resolve()} asks again.
 *
 * <pre>{@code
 * Resolution resolution = BackendResolver.create().resolve();
 * URI http = resolution.endpoint().http();
 * System.out.println(resolution.report().render());
 * }</pre>
 */
public final class BackendResolver {

    private static final Logger LOG = LoggerFactory.getLogger(BackendResolver.class);

    private final List<BackendEndpointProvider> providers;
    private final List<ProviderLoader.Problem> loadProblems;

    private BackendResolver(ProviderLoader.Loaded loaded) {
        this.providers = loaded.providers();
        this.loadProblems = loaded.problems();
    }

    /** Create a resolver with the providers registered for the current thread's context class loader. */
    public static BackendResolver create() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return create(loader != null ? loader : BackendResolver.class.getClassLoader());
    }

    /** Create a resolver with the providers registered for {@code loader}. */
    public static BackendResolver create(ClassLoader loader) {
        return new BackendResolver(ProviderLoader.load(Objects.requireNonNull(loader, "loader")));
    }

    /** Create a resolver with exactly these providers, without {@link java.util.ServiceLoader}. */
    public static BackendResolver of(List<? extends BackendEndpointProvider> providers) {
        return new BackendResolver(ProviderLoader.of(List.copyOf(providers)));
    }

    /** Return the providers that loaded, in discovery order. */
    public List<BackendEndpointProvider> providers() {
        return providers;
    }

    /** Resolve with the real process's variables, system properties, settings and working directory. */
    public Resolution resolve() {
        return resolve(ResolutionContext.fromSystem());
    }

    /**
     * Resolve with the given context.
     *
     * @throws BackendNotFoundException when no provider found the backend; its message is the report
     * @throws InvalidBackendConfigurationException when explicit configuration is wrong
     */
    public Resolution resolve(ResolutionContext context) {
        long start = System.nanoTime();
        ResolutionContext fresh = context.withFreshBudget();
        Settings settings = fresh.settings();
        settings.validate(knownSettings());
        List<BackendEndpointProvider> order = order(settings);
        List<Line> lines = new ArrayList<>();
        List<String> nextSteps = new ArrayList<>();
        BackendEndpoint found = null;
        for (BackendEndpointProvider provider : order) {
            if (found != null) {
                lines.add(line(provider, Outcome.NOT_ASKED, "", Duration.ZERO, List.of()));
            } else if (fresh.expired()) {
                lines.add(line(provider, Outcome.NOT_ASKED, "the time budget (setting timeout = "
                        + ReportText.millis(fresh.budget()) + ") was used up", Duration.ZERO, List.of()));
            } else {
                Asked asked = ask(provider, fresh, lines, start);
                lines.add(asked.line());
                found = asked.found();
                if (found == null) {
                    hint(provider).ifPresent(nextSteps::add);
                }
            }
        }
        addExcludedAndBroken(order, lines, nextSteps);
        ResolutionReport report = report(found, lines, settings, fresh, start);
        if (found == null) {
            if (LOG.isDebugEnabled()) {
                LOG.debug("no backend found:\n{}", report.render());
            }
            nextSteps.add("run the explain command of config-cli in the project directory to see this report"
                    + " again without running the tests");
            throw new BackendNotFoundException(report, nextSteps);
        }
        LOG.info("backend: {} {} (from {}, {})", found.maskedHttp(), found.maskedWebSocket(), found.source(),
                ReportText.millis(report.elapsed()));
        if (LOG.isDebugEnabled()) {
            LOG.debug("backend resolution:\n{}", report.render());
        }
        return new Resolution(found, report);
    }

    /** One provider's line, and the endpoint when it found one (else null). */
    private record Asked(Line line, BackendEndpoint found) {
        Asked(Line line) {
            this(line, null);
        }
    }

    private Asked ask(BackendEndpointProvider provider, ResolutionContext context, List<Line> linesSoFar, long start) {
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
            return answered(provider, returned.result(), took);
        }
        if (answer instanceof Answer.TimedOut timedOut) {
            return new Asked(line(provider, Outcome.UNAVAILABLE, "did not answer within the "
                    + ReportText.millis(timedOut.waited()) + " left of the time budget (setting timeout); left running",
                    took, List.of()));
        }
        Throwable thrown = ((Answer.Threw) answer).exception();
        if (thrown instanceof InvalidBackendConfigurationException invalid) {
            List<Line> soFar = new ArrayList<>(linesSoFar);
            soFar.add(line(provider, Outcome.INVALID, invalid.origin().describe() + ": " + invalid.problem(), took,
                    List.of()));
            ResolutionReport partial = new ResolutionReport(null, soFar, List.of(),
                    Duration.ofNanos(System.nanoTime() - start), context.clock().instant());
            throw invalid.inProvider(provider.id(), partial);
        }
        if (thrown instanceof InterruptedException) {
            return new Asked(line(provider, Outcome.FAILED, "resolution was interrupted while asking it", took,
                    List.of()));
        }
        LOG.debug("provider {} threw", provider.id(), thrown);
        return new Asked(line(provider, Outcome.FAILED, "threw " + ProviderLoader.summary(thrown), took, List.of()));
    }

    private static Asked answered(BackendEndpointProvider provider, ProviderResult result, Duration took) {
        if (result instanceof ProviderResult.Found found) {
            return foundLine(provider, found, took);
        }
        Outcome outcome = result instanceof ProviderResult.Skipped ? Outcome.SKIPPED : Outcome.UNAVAILABLE;
        return new Asked(line(provider, outcome, result.reason(), took, result.notes()));
    }

    private static Asked foundLine(BackendEndpointProvider provider, ProviderResult.Found found, Duration took) {
        BackendEndpoint endpoint = found.endpoint();
        if (!endpoint.source().equals(provider.id())) {
            return new Asked(line(provider, Outcome.FAILED, "returned an endpoint whose source is '"
                    + endpoint.source() + "' instead of its id", took, List.of()));
        }
        List<String> notes = new ArrayList<>(found.notes());
        if (endpoint.splitAcrossHosts()) {
            notes.add("HTTP and WebSocket URLs point to different hosts or ports (" + BackendUrls.hostAndPort(endpoint.http())
                    + " and " + BackendUrls.hostAndPort(endpoint.webSocket()) + ")");
        }
        Line line = new Line(provider.id(), provider.priority(), Outcome.FOUND, found.reason(), took,
                endpoint.origins(), notes);
        return new Asked(line, endpoint);
    }

    private static Line line(BackendEndpointProvider provider, Outcome outcome, String reason, Duration took,
            List<String> notes) {
        return new Line(provider.id(), provider.priority(), outcome, reason, took, Map.of(), notes);
    }

    private List<BackendEndpointProvider> order(Settings settings) {
        Optional<List<String>> explicit = settings.find(BuiltInSettings.PROVIDERS);
        if (explicit.isEmpty() || explicit.get().isEmpty()) {
            return sortedByPriority();
        }
        List<BackendEndpointProvider> ordered = new ArrayList<>();
        for (String id : explicit.get()) {
            BackendEndpointProvider provider = providers.stream().filter(p -> p.id().equals(id)).findFirst()
                    .orElseThrow(() -> unknownProvider(id, settings));
            if (!ordered.contains(provider)) {
                ordered.add(provider);
            }
        }
        return ordered;
    }

    private InvalidBackendConfigurationException unknownProvider(String id, Settings settings) {
        List<String> ids = providers.stream().map(BackendEndpointProvider::id).toList();
        String problem = "names provider '" + id + "', which is not loaded; loaded providers are "
                + (ids.isEmpty() ? "none" : String.join(", ", ids));
        Optional<String> nearest = Suggestions.nearest(id, ids);
        if (nearest.isPresent()) {
            problem += "; did you mean '" + nearest.get() + "'?";
        } else if (BuiltInSettings.BUILT_IN_PROVIDERS.contains(id)) {
            problem += "; add the config-" + id + " module as a test dependency";
        }
        return new InvalidBackendConfigurationException(settings.origin(BuiltInSettings.PROVIDERS), problem);
    }

    private void addExcludedAndBroken(List<BackendEndpointProvider> order, List<Line> lines, List<String> nextSteps) {
        for (BackendEndpointProvider provider : sortedByPriority()) {
            if (!order.contains(provider)) {
                lines.add(line(provider, Outcome.EXCLUDED, "left out by setting providers", Duration.ZERO, List.of()));
            }
        }
        for (ProviderLoader.Problem problem : loadProblems) {
            lines.add(new Line(problem.name(), 0, Outcome.NOT_LOADED, problem.reason(), Duration.ZERO, Map.of(),
                    List.of()));
            nextSteps.add("fix or remove the META-INF/services entry " + problem.name() + " (" + problem.reason() + ")");
        }
    }

    private List<BackendEndpointProvider> sortedByPriority() {
        List<BackendEndpointProvider> sorted = new ArrayList<>(providers);
        sorted.sort(Comparator.comparingInt(BackendEndpointProvider::priority).reversed()
                .thenComparing(BackendEndpointProvider::id));
        return sorted;
    }

    private ResolutionReport report(BackendEndpoint found, List<Line> lines, Settings settings,
            ResolutionContext context, long start) {
        List<String> notes = new ArrayList<>();
        List<Setting<?>> known = knownSettings();
        for (Settings.ExplicitValue value : settings.explicitValues(known)) {
            String shown = Secrets.isSecretName(value.key()) ? Secrets.MASK : Secrets.maskText(value.raw());
            String where = value.origin().describe().replace("setting " + value.key() + " given to ", "given to ");
            notes.add("setting " + value.key() + "=" + shown + " (" + where + ")");
            String namespace = value.key().contains(".") ? value.key().substring(0, value.key().indexOf('.')) : "";
            if (BuiltInSettings.BUILT_IN_PROVIDERS.contains(namespace)
                    && providers.stream().noneMatch(p -> p.id().equals(namespace))) {
                notes.add("setting " + value.key() + " has no effect: provider " + namespace
                        + " is not on the classpath (add config-" + namespace + ")");
                LOG.warn("setting {} has no effect: provider {} is not on the classpath", value.key(), namespace);
            }
        }
        notes.addAll(settings.notes());
        return new ResolutionReport(found, lines, notes, Duration.ofNanos(System.nanoTime() - start),
                context.clock().instant());
    }

    private List<Setting<?>> knownSettings() {
        List<Setting<?>> known = new ArrayList<>(BuiltInSettings.ALL);
        for (BackendEndpointProvider provider : providers) {
            try {
                known.addAll(provider.settings());
            } catch (RuntimeException e) {
                LOG.warn("provider {} could not list its settings: {}", provider.id(), ProviderLoader.summary(e));
            }
        }
        return known;
    }

    private static Optional<String> hint(BackendEndpointProvider provider) {
        try {
            String hint = provider.hint();
            return hint == null || hint.isBlank() ? Optional.empty() : Optional.of(hint);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
