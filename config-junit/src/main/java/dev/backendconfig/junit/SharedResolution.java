package dev.backendconfig.junit;

import dev.backendconfig.api.BackendConfigException;
import dev.backendconfig.api.InvalidConfigurationException;
import dev.backendconfig.api.ProbeKind;
import dev.backendconfig.api.Resolution;
import dev.backendconfig.api.ResolutionOutcome;
import dev.backendconfig.api.ServiceResolver;
import dev.backendconfig.api.TestContext;
import dev.backendconfig.api.spi.ProbeResult;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.api.spi.RunScope;
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

    private final ResolutionOutcome outcome;
    private final ResolutionContext context;
    private final boolean sharedWithTestContext;
    private final AtomicBoolean reported = new AtomicBoolean();
    private final Map<String, ProbeResult> probes = new ConcurrentHashMap<>();

    /**
     * Keep an outcome.
     *
     * @param context the context it was resolved in, or null when building it failed (the outcome says why)
     */
    private SharedResolution(ResolutionOutcome outcome, ResolutionContext context, boolean sharedWithTestContext) {
        this.outcome = outcome;
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
     * {@link TestContext#get()} share one resolution (the outcome {@code TestContext} keeps for the JVM), so that a
     * suite using both resolves, logs and falls back once; the run's end forgets it ({@link #close()}).
     */
    static SharedResolution resolve(Map<String, String> overrides) {
        ResolutionContext context;
        try {
            context = ResolutionContext.systemBuilder().settings(overrides, "BackendExtension").build();
        } catch (InvalidConfigurationException e) {
            return new SharedResolution(e, null, false);
        }
        ResolutionOutcome outcome = overrides.isEmpty() ? TestContext.outcome()
                : ServiceResolver.create().outcome(context);
        return new SharedResolution(outcome, context, overrides.isEmpty());
    }

    /** Return the resolution, when the services were found. */
    Optional<Resolution> resolution() {
        return outcome.fold(Optional::of, notFound -> Optional.empty(), invalid -> Optional.empty(),
                broken -> Optional.empty());
    }

    /** Tell whether there is no backend only because none was found (the one case on-missing may skip). */
    boolean notFound() {
        return outcome.fold(found -> false, notFound -> true, invalid -> false, broken -> false);
    }

    /**
     * Return the failure to throw: the first test of the run gets the one the resolution ended in, with the whole
     * report; later ones a fresh one-line copy pointing at it, so that tests do not pile suppressed exceptions onto
     * one and the report is not repeated in every test.
     */
    BackendConfigException failure() {
        BackendConfigException failure = outcome.<BackendConfigException>fold(found -> {
            throw new IllegalStateException("the services were found; there is no failure");
        }, notFound -> notFound, invalid -> invalid, broken -> broken);
        return reportOnce(failure);
    }

    /**
     * Return {@code failure} the first time the run meets a failure of this resolution, and its one-line
     * {@linkplain BackendConfigException#repeated() repeated} copy every later time, so that a suite's log carries the
     * report once (a service that does not answer fails every test that requires it).
     */
    BackendConfigException reportOnce(BackendConfigException failure) {
        return reported.compareAndSet(false, true) ? failure : failure.repeated();
    }

    /**
     * Return setting {@code junit.on-missing} as this resolution read it, else the JUnit configuration parameter
     * {@code backendconfig.junit.on-missing}, else {@code fail}. Asked only when the services were found or none was:
     * the resolution had a context (it is null only for invalid settings, which fail whatever on-missing says).
     *
     * @throws InvalidConfigurationException when the configuration parameter is neither fail nor skip
     */
    OnMissing onMissingSetting(Optional<String> configurationParameter) {
        try {
            return context.settings().find(JunitSettings.ON_MISSING)
                    .orElseGet(() -> configurationParameter
                    .filter(value -> !value.isBlank())
                    .map(value -> JunitSettings.ON_MISSING.parse(value,
                            Origin.other("JUnit configuration parameter " + JunitSettings.ON_MISSING_PARAMETER)))
                    .orElse(OnMissing.FAIL));
        } catch (InvalidInputException e) {
            throw InvalidConfigurationException.of(e);
        }
    }

    /** Probe the endpoint, once per kind and path for the whole run, within setting {@code probe.timeout}. */
    ProbeResult probe(String service, ProbeKind kind, String path) {
        return probes.computeIfAbsent(service + " " + kind + " " + path,
                key -> context.withSettings(context.settings()).probe(resolution().orElseThrow().service(service),
                        kind, path));
    }

    /**
     * End the run: give back what providers hold for the run ({@link RunScope#jvm()}: a started stack's lease, whose
     * last holder stops what it started). The probes go with this object: the next run resolves into a new root store.
     */
    @Override
    public void close() {
        RunScope.jvm().close();
        if (sharedWithTestContext) {
            TestContext.reset();
        }
    }
}
