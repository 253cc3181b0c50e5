package dev.backendconfig.junit;

import dev.backendconfig.api.BackendNotFoundException;
import dev.backendconfig.api.BackendResolver;
import dev.backendconfig.api.InvalidBackendConfigurationException;
import dev.backendconfig.api.ProviderFailedException;
import dev.backendconfig.api.Resolution;
import dev.backendconfig.api.TestContext;
import dev.backendconfig.api.spi.ProbeKind;
import dev.backendconfig.api.spi.ProbeResult;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.api.spi.Settings;
import dev.backendconfig.junit.internal.JunitSettings.MissingBackend;
import dev.backendconfig.junit.internal.JunitSettings;
import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.toolkit.Origin;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The one resolution of a test run for one set of settings, kept in the root extension store (closed with it),
 * and the probes made against its endpoint.
 */
final class SharedResolution implements AutoCloseable {

    private final Resolution resolution;
    private final RuntimeException failure;
    private final ResolutionContext context;
    private final boolean sharedWithTestContext;
    private final AtomicBoolean reported = new AtomicBoolean();
    private final Map<String, ProbeResult> probes = new ConcurrentHashMap<>();

    private SharedResolution(Resolution resolution, RuntimeException failure, ResolutionContext context,
            boolean sharedWithTestContext) {
        this.resolution = resolution;
        this.failure = failure;
        this.context = context;
        this.sharedWithTestContext = sharedWithTestContext;
    }

    /**
     * Return the run's resolution for these settings overrides from the root store, resolving it on first use.
     * {@code getOrComputeIfAbsent} is deprecated in Jupiter 6 in favour of {@code computeIfAbsent}, which Jupiter 5.14
     * lacks; the extension supports both, so it calls the method they share.
     */
    @SuppressWarnings("deprecation")
    static SharedResolution of(ExtensionContext.Store store, Map<String, String> overrides) {
        Map<String, String> key = new TreeMap<>(overrides);
        return store.getOrComputeIfAbsent(key, SharedResolution::resolve, SharedResolution.class);
    }

    /**
     * Resolve from the real process with these settings overrides. Without overrides, the extension and
     * {@link TestContext#get()} share one resolution (the one {@code TestContext} keeps for the JVM), so that a suite
     * using both resolves, logs and falls back once; the run's end forgets it ({@link #close()}).
     */
    static SharedResolution resolve(Map<String, String> overrides) {
        ResolutionContext context;
        try {
            context = ResolutionContext.systemBuilder().settings(overrides, "BackendExtension").build();
        } catch (InvalidBackendConfigurationException e) {
            return new SharedResolution(null, e, null, false);
        }
        try {
            Resolution resolution = overrides.isEmpty() ? TestContext.get().resolution()
                    : BackendResolver.create().resolve(context);
            return new SharedResolution(resolution, null, context, overrides.isEmpty());
        } catch (BackendNotFoundException | InvalidBackendConfigurationException | ProviderFailedException e) {
            return new SharedResolution(null, e, context, overrides.isEmpty());
        }
    }

    /** Return the resolution, when the backend was found. */
    Optional<Resolution> resolution() {
        return Optional.ofNullable(resolution);
    }

    /** Tell whether there is no backend only because none was found (the one case on-missing may skip). */
    boolean notFound() {
        return failure instanceof BackendNotFoundException;
    }

    /**
     * Return a fresh copy of the failure to throw, so that tests do not pile suppressed exceptions onto one: the
     * first test of the run gets the whole report, later ones a one-line form pointing at it.
     */
    RuntimeException failure() {
        boolean first = reported.compareAndSet(false, true);
        if (failure instanceof BackendNotFoundException notFound) {
            return first ? new BackendNotFoundException(notFound.report(), notFound.nextSteps()) : notFound.repeated();
        }
        if (failure instanceof ProviderFailedException failed) {
            return first ? new ProviderFailedException(failed.providerId(), failed.problem(), failed.report(),
                    failed.getCause()) : failed.repeated();
        }
        InvalidBackendConfigurationException invalid = (InvalidBackendConfigurationException) failure;
        if (!first) {
            return new InvalidBackendConfigurationException(invalid.origin(), invalid.problem()
                    + (invalid.report().isPresent() ? " (see the first failure in this run for the whole report)"
                            : " (the first failure in this run says the same)"));
        }
        return invalid.providerId().map(id -> invalid.inProvider(id, invalid.report().orElse(null)))
                .orElseGet(() -> new InvalidBackendConfigurationException(invalid.origin(), invalid.problem(), invalid));
    }

    /** Return the failure's message for an abort reason: the whole report the first time, one line afterwards. */
    String failureMessage() {
        if (reported.compareAndSet(false, true)) {
            return failure.getMessage();
        }
        return failure instanceof BackendNotFoundException notFound ? notFound.repeated().getMessage()
                : failure.getMessage().lines().findFirst().orElse("");
    }

    /**
     * Return setting {@code junit.on-missing} as this resolution read it, else the JUnit configuration parameter
     * {@code backendconfig.junit.on-missing}, else {@code fail}.
     */
    OnMissing onMissingSetting(Optional<String> configurationParameter) {
        Settings settings = context == null ? Settings.empty() : context.settings();
        MissingBackend chosen;
        try {
            chosen = settings.find(JunitSettings.ON_MISSING).orElseGet(() -> configurationParameter
                    .filter(value -> !value.isBlank())
                    .map(value -> JunitSettings.ON_MISSING.parse(value,
                            Origin.other("JUnit configuration parameter " + JunitSettings.ON_MISSING_PARAMETER)))
                    .orElse(MissingBackend.FAIL));
        } catch (InvalidInputException e) {
            throw InvalidBackendConfigurationException.of(e);
        }
        return chosen == MissingBackend.SKIP ? OnMissing.SKIP : OnMissing.FAIL;
    }

    /** Probe the endpoint, once per kind and path for the whole run, within setting {@code probe.timeout}. */
    ProbeResult probe(String service, ProbeKind kind, String path) {
        return probes.computeIfAbsent(service + " " + kind + " " + path,
                key -> context.withFreshBudget().probe(resolution.service(service), kind, path));
    }

    @Override
    public void close() {
        probes.clear();
        if (sharedWithTestContext) {
            TestContext.reset();
        }
    }
}
