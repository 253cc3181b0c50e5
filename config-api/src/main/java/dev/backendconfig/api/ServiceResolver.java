package dev.backendconfig.api;

import static org.apiguardian.api.API.Status.STABLE;

import dev.backendconfig.api.ResolutionReport.Outcome;
import dev.backendconfig.api.internal.CoreSettings;
import dev.backendconfig.api.internal.DeclaredServices;
import dev.backendconfig.api.internal.KnownSettings;
import dev.backendconfig.api.internal.ProviderLoader;
import dev.backendconfig.api.internal.ProviderOrder;
import dev.backendconfig.api.internal.SettingValues;
import dev.backendconfig.api.spi.EndpointProvider;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.api.spi.Service;
import dev.backendconfig.api.spi.Setting;
import dev.backendconfig.api.spi.SettingsOwner;
import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.toolkit.OutsideText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolve the backend: ask each provider in turn and stop at the first that finds it.
 *
 * <p>Providers are discovered with {@link java.util.ServiceLoader}; one whose entry cannot be loaded is
 * reported, never fatal. They are asked highest {@link EndpointProvider#priority() priority} first, or
 * in the order of setting {@code providers}, which also leaves out the ones it does not name. The resolver
 * caches nothing: every {@link #resolve()} asks again.
 *
 * <pre>{@code
 * Resolution resolution = ServiceResolver.create().resolve();
 * URI http = resolution.endpoint().http();
 * System.out.println(resolution.report().render());
 * }</pre>
 */
@API(status = STABLE, since = "1.0")
public final class ServiceResolver {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceResolver.class);

    private final ProviderLoader.Loaded loaded;

    private ServiceResolver(ProviderLoader.Loaded loaded) {
        this.loaded = loaded;
    }

    /** Create a resolver with the providers registered for the current thread's context class loader. */
    public static ServiceResolver create() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return create(loader != null ? loader : ServiceResolver.class.getClassLoader());
    }

    /** Create a resolver with the providers (and the other {@link SettingsOwner}s) registered for {@code loader}. */
    public static ServiceResolver create(ClassLoader loader) {
        return new ServiceResolver(ProviderLoader.load(Objects.requireNonNull(loader, "loader")));
    }

    /** Create a resolver with exactly these providers, without {@link java.util.ServiceLoader}. */
    public static ServiceResolver of(List<? extends EndpointProvider> providers) {
        return new ServiceResolver(ProviderLoader.of(List.copyOf(providers)));
    }

    /** Return the providers that loaded, in discovery order. */
    public List<EndpointProvider> providers() {
        return loaded.providers();
    }

    /**
     * Return every setting the resolver knows, grouped by owner: {@code core} (the resolver's own) first, then each
     * provider's by priority, then each other {@link SettingsOwner}'s ({@code junit}) — the settings it validates, as
     * {@code explain --help} lists them. Per-service keys ({@code services.<name>....}) are not included.
     */
    public Map<String, List<Setting<?>>> settingsByOwner() {
        return KnownSettings.byOwner(loaded);
    }

    /**
     * Resolve with the real process's variables, system properties, settings and working directory.
     *
     * @throws ServiceNotFoundException when no provider found every required service; its message is the report
     * @throws InvalidConfigurationException when explicit configuration is wrong
     * @throws ProviderFailedException when a provider broke (threw); later providers are not asked
     */
    public Resolution resolve() {
        return outcome().orElseThrow();
    }

    /**
     * Resolve with the given context.
     *
     * @throws ServiceNotFoundException when no provider found every required service; its message is the report
     * @throws InvalidConfigurationException when explicit configuration is wrong
     * @throws ProviderFailedException when a provider broke (threw); later providers are not asked
     */
    public Resolution resolve(ResolutionContext context) {
        return outcome(context).orElseThrow();
    }

    /**
     * Resolve with the real process, as {@link #resolve()} does, and return the outcome instead of throwing: the
     * resolution, or the error that says why there is none (settings of the process that are not valid included).
     */
    ResolutionOutcome outcome() {
        ResolutionContext context;
        try {
            context = ResolutionContext.systemBuilder().build();
        } catch (InvalidConfigurationException e) {
            return e;
        }
        return outcome(context);
    }

    /** Resolve with the given context and return the outcome instead of throwing. */
    public ResolutionOutcome outcome(ResolutionContext context) {
        long start = System.nanoTime();
        ResolutionContext fresh;
        List<Setting<?>> known;
        List<EndpointProvider> order;
        try {
            fresh = context.withSettings(context.settings());
            DeclaredServices.requireOwnVariables(fresh.services(), loaded.providers(), fresh.settings());
            known = KnownSettings.all(loaded, fresh.services());
            List<String> ids = new ArrayList<>();
            for (EndpointProvider provider : loaded.providers()) {
                ids.add(provider.id());
            }
            SettingValues.of(fresh.settings()).validate(known, ids);
            order = ProviderOrder.toAsk(loaded.providers(), fresh.settings());
        } catch (InvalidInputException e) {
            return InvalidConfigurationException.of(e);
        }
        ReportBuilder report = new ReportBuilder(fresh.settings(), known, start);
        Map<String, ServiceEndpoint> found = null;
        List<String> nextSteps = new ArrayList<>();
        List<ResolutionReport.Line> earlier = new ArrayList<>();
        for (EndpointProvider provider : order) {
            if (found != null) {
                report.add(ReportBuilder.line(provider, Outcome.NOT_ASKED, "", Duration.ZERO));
            } else if (fresh.remaining().isZero()) {
                report.add(ReportBuilder.line(provider, Outcome.NOT_ASKED, "the time budget (setting timeout = "
                        + ReportText.millis(fresh.settings().get(CoreSettings.TIMEOUT)) + ") was used up", Duration.ZERO));
            } else {
                ProviderAnswer answer = ProviderAnswer.ask(provider, fresh.withEarlierAnswers(earlier));
                report.add(answer.line());
                Optional<ResolutionOutcome> stopped = answer.stop(provider, report, order);
                if (stopped.isPresent()) {
                    return stopped.get();
                }
                found = answer.endpoints().orElse(null);
                if (found == null) {
                    answer.hint().ifPresent(step -> nextSteps.add(provider.id() + ": " + step));
                    earlier.add(answer.line());
                }
            }
        }
        report.addLeftOut(order, ProviderOrder.byPriority(loaded.providers()), loaded.problems(), nextSteps);
        ResolutionReport done = report.build(found);
        if (found == null) {
            if (LOG.isDebugEnabled()) {
                LOG.debug("no backend found:\n{}", done.render());
            }
            return new ServiceNotFoundException(done, nextSteps);
        }
        String source = found.get(Service.BACKEND).source();
        Optional<ResolutionReport.Line> line = done.line(source);
        LOG.info("{} (from {}: {}, {})", ReportText.endpoints(found.values()), source,
                line.isPresent() ? OutsideText.excerpt(line.get().reason(), 300) : "", ReportText.millis(done.elapsed()));
        if (LOG.isDebugEnabled()) {
            LOG.debug("backend resolution:\n{}", done.render());
        }
        return new Resolution(found.get(Service.BACKEND), done, fresh.services());
    }
}
