package dev.backendconfig.junit;

import dev.backendconfig.api.BackendNotFoundException;
import dev.backendconfig.api.BackendResolver;
import dev.backendconfig.api.InvalidBackendConfigurationException;
import dev.backendconfig.api.ProviderFailedException;
import dev.backendconfig.api.Resolution;
import dev.backendconfig.api.spi.Origin;
import dev.backendconfig.api.spi.ProbeKind;
import dev.backendconfig.api.spi.ProbeResult;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.api.spi.Settings;
import dev.backendconfig.junit.internal.JunitSettings;
import dev.backendconfig.junit.internal.JunitSettings.MissingBackend;
import org.junit.jupiter.api.extension.ExtensionContext;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one resolution of a test run for one set of settings, kept in the root extension store (closed with it),
 * and the probes made against its endpoint.
 */
final class SharedResolution implements AutoCloseable {

    private final Resolution resolution;
    private final RuntimeException failure;
    private final ResolutionContext context;
    private final Map<String, ProbeResult> probes = new ConcurrentHashMap<>();

    private SharedResolution(Resolution resolution, RuntimeException failure, ResolutionContext context) {
        this.resolution = resolution;
        this.failure = failure;
        this.context = context;
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

    /** Resolve from the real process with these settings overrides. */
    static SharedResolution resolve(Map<String, String> overrides) {
        ResolutionContext context;
        try {
            context = ResolutionContext.systemBuilder().settings(overrides, "BackendExtension").build();
        } catch (InvalidBackendConfigurationException e) {
            return new SharedResolution(null, e, null);
        }
        try {
            return new SharedResolution(BackendResolver.create().resolve(context), null, context);
        } catch (BackendNotFoundException | InvalidBackendConfigurationException | ProviderFailedException e) {
            return new SharedResolution(null, e, context);
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

    /** Return a fresh copy of the failure to throw, so that tests do not pile suppressed exceptions onto one. */
    RuntimeException failure() {
        if (failure instanceof BackendNotFoundException notFound) {
            return new BackendNotFoundException(notFound.report(), notFound.nextSteps());
        }
        if (failure instanceof ProviderFailedException failed) {
            return new ProviderFailedException(failed.providerId(), failed.getMessage().lines().findFirst().orElse(""),
                    failed.report(), failed.getCause());
        }
        InvalidBackendConfigurationException invalid = (InvalidBackendConfigurationException) failure;
        return invalid.providerId().map(id -> invalid.inProvider(id, invalid.report().orElse(null)))
                .orElseGet(() -> new InvalidBackendConfigurationException(invalid.origin(), invalid.problem(), invalid));
    }

    /** Return the failure's message, for an abort reason. */
    String failureMessage() {
        return failure.getMessage();
    }

    /**
     * Return setting {@code junit.on-missing} as this resolution read it, else the JUnit configuration parameter
     * {@code backendconfig.junit.on-missing}, else {@code fail}.
     */
    OnMissing onMissingSetting(Optional<String> configurationParameter) {
        Settings settings = context == null ? Settings.empty() : context.settings();
        MissingBackend chosen = settings.find(JunitSettings.ON_MISSING).orElseGet(() -> configurationParameter
                .filter(value -> !value.isBlank())
                .map(value -> JunitSettings.ON_MISSING.parse(value,
                        Origin.other("JUnit configuration parameter " + JunitSettings.ON_MISSING_PARAMETER)))
                .orElse(MissingBackend.FAIL));
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
    }
}
