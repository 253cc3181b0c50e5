package dev.backendconfig.api;

import dev.backendconfig.api.ResolutionReport.Outcome;
import dev.backendconfig.api.internal.DeclaredServices;
import dev.backendconfig.api.internal.ProviderLoader;
import dev.backendconfig.api.internal.ProviderOrder;
import dev.backendconfig.api.spi.BackendEndpointProvider;
import dev.backendconfig.api.spi.CoreSettings;
import dev.backendconfig.api.spi.EarlierAnswer;
import dev.backendconfig.api.spi.OutsideText;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.api.spi.Service;
import dev.backendconfig.api.spi.ServiceSetting;
import dev.backendconfig.api.spi.Setting;
import dev.backendconfig.api.spi.Settings;
import dev.backendconfig.api.spi.SettingsContributor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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

    private final ProviderLoader.Loaded loaded;

    private BackendResolver(ProviderLoader.Loaded loaded) {
        this.loaded = loaded;
    }

    /** Create a resolver with the providers registered for the current thread's context class loader. */
    public static BackendResolver create() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return create(loader != null ? loader : BackendResolver.class.getClassLoader());
    }

    /** Create a resolver with the providers (and settings contributors) registered for {@code loader}. */
    public static BackendResolver create(ClassLoader loader) {
        return new BackendResolver(ProviderLoader.load(Objects.requireNonNull(loader, "loader")));
    }

    /** Create a resolver with exactly these providers, without {@link java.util.ServiceLoader}. */
    public static BackendResolver of(List<? extends BackendEndpointProvider> providers) {
        return new BackendResolver(ProviderLoader.of(List.copyOf(providers)));
    }

    /** Return the providers that loaded, in discovery order. */
    public List<BackendEndpointProvider> providers() {
        return loaded.providers();
    }

    /**
     * Return every setting a loaded module declares: the resolver's own, each provider's, and each
     * {@link SettingsContributor}'s, grouped by owner in that order.
     */
    public Map<String, List<Setting<?>>> settingsByOwner() {
        return KnownSettings.byOwner(loaded);
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
     * @throws ProviderFailedException when a provider broke (threw); later providers are not asked
     */
    public Resolution resolve(ResolutionContext context) {
        long start = System.nanoTime();
        ResolutionContext fresh = context.withFreshBudget();
        Settings settings = fresh.settings();
        List<Setting<?>> known = KnownSettings.all(loaded, fresh.services());
        settings.validate(known, loaded.providers().stream().map(BackendEndpointProvider::id).toList());
        List<BackendEndpointProvider> order = ProviderOrder.toAsk(loaded.providers(), settings);
        ReportBuilder report = new ReportBuilder(settings, known, fresh.clock(), start);
        Map<String, BackendEndpoint> found = null;
        List<String> nextSteps = new ArrayList<>();
        List<EarlierAnswer> earlier = new ArrayList<>();
        for (BackendEndpointProvider provider : order) {
            if (found != null) {
                report.add(ReportBuilder.line(provider, Outcome.NOT_ASKED, "", Duration.ZERO));
            } else if (fresh.expired()) {
                report.add(ReportBuilder.line(provider, Outcome.NOT_ASKED, "the time budget (setting timeout = "
                        + ReportText.millis(fresh.budget()) + ") was used up", Duration.ZERO));
            } else {
                ProviderAnswer answer = ProviderAnswer.ask(provider, fresh.withEarlierAnswers(earlier));
                report.add(answer.line());
                answer.stopIfBroken(provider, report, order);
                found = answer.endpoints().orElse(null);
                if (found == null) {
                    answer.hint().ifPresent(step -> nextSteps.add(provider.id() + ": " + step));
                    earlier.add(new EarlierAnswer(provider.id(), answer.line().outcome(), answer.line().reason(),
                            answer.hint().orElse("")));
                }
            }
        }
        report.addLeftOut(order, ProviderOrder.byPriority(loaded.providers()), loaded.problems(), nextSteps);
        ResolutionReport done = report.build(found);
        if (found == null) {
            if (LOG.isDebugEnabled()) {
                LOG.debug("no backend found:\n{}", done.render());
            }
            nextSteps.add("run the explain command of config-cli in the project directory to see this report"
                    + " again without running the tests");
            throw new BackendNotFoundException(done, nextSteps);
        }
        String source = found.get(Service.BACKEND).source();
        LOG.info("{} (from {}: {}, {})", ReportText.endpoints(found.values()), source,
                done.line(source).map(line -> OutsideText.excerpt(line.reason(), 300)).orElse(""),
                ReportText.millis(done.elapsed()));
        if (LOG.isDebugEnabled()) {
            LOG.debug("backend resolution:\n{}", done.render());
        }
        return new Resolution(found.get(Service.BACKEND), done, fresh.services());
    }

    /** Every setting of the loaded modules. */
    static final class KnownSettings {
        private KnownSettings() {
        }

        static List<Setting<?>> all(ProviderLoader.Loaded loaded, List<Service> services) {
            List<Setting<?>> all = new ArrayList<>();
            byOwner(loaded).values().forEach(all::addAll);
            List<ServiceSetting<?>> perService = new ArrayList<>(CoreSettings.SERVICE_SETTINGS);
            for (BackendEndpointProvider provider : loaded.providers()) {
                try {
                    List<ServiceSetting<?>> declared = provider.serviceSettings();
                    perService.addAll(declared == null ? List.of() : declared);
                } catch (RuntimeException e) {
                    LOG.warn("{} could not list its service settings: {}", provider.id(), ProviderLoader.summary(e));
                }
            }
            for (Setting<?> setting : DeclaredServices.settingsOf(services, perService)) {
                if (all.stream().noneMatch(known -> known.key().equals(setting.key()))) {
                    all.add(setting);
                }
            }
            return all;
        }

        static Map<String, List<Setting<?>>> byOwner(ProviderLoader.Loaded loaded) {
            Map<String, List<Setting<?>>> owners = new java.util.LinkedHashMap<>();
            owners.put("core", CoreSettings.ALL);
            for (BackendEndpointProvider provider : ProviderOrder.byPriority(loaded.providers())) {
                owners.put(provider.id(), declared(provider.id(), provider::settings));
            }
            for (SettingsContributor contributor : loaded.contributors()) {
                owners.merge(contributor.owner(), declared(contributor.owner(), contributor::settings), (a, b) -> {
                    List<Setting<?>> both = new ArrayList<>(a);
                    both.addAll(b);
                    return both;
                });
            }
            return owners;
        }

        private static List<Setting<?>> declared(String owner, java.util.function.Supplier<List<Setting<?>>> settings) {
            try {
                List<Setting<?>> declared = settings.get();
                return declared == null ? List.of() : List.copyOf(declared);
            } catch (RuntimeException e) {
                LOG.warn("{} could not list its settings: {}", owner, ProviderLoader.summary(e));
                return List.of();
            }
        }
    }
}
