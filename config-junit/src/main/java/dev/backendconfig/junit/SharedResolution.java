package dev.backendconfig.junit;

import dev.backendconfig.api.BackendNotFoundException;
import dev.backendconfig.api.BackendResolver;
import dev.backendconfig.api.InvalidBackendConfigurationException;
import dev.backendconfig.api.Resolution;
import dev.backendconfig.api.internal.probe.WebSocketProbe;
import dev.backendconfig.api.spi.BuiltInSettings;
import dev.backendconfig.api.spi.Probe;
import dev.backendconfig.api.spi.ProbeKind;
import dev.backendconfig.api.spi.ProbeResult;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.api.spi.Settings;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one resolution of a test run for one set of settings, kept in the root extension store (closed with it),
 * and the probes made against its endpoint.
 */
final class SharedResolution implements AutoCloseable {

    private final Resolution resolution;
    private final RuntimeException failure;
    private final Settings settings;
    private final Map<String, ProbeResult> probes = new ConcurrentHashMap<>();

    private SharedResolution(Resolution resolution, RuntimeException failure, Settings settings) {
        this.resolution = resolution;
        this.failure = failure;
        this.settings = settings;
    }

    /** Resolve from the real process with these settings overrides. */
    static SharedResolution resolve(Map<String, String> overrides) {
        ResolutionContext context;
        try {
            context = ResolutionContext.systemBuilder().settings(overrides, "BackendExtension").build();
        } catch (InvalidBackendConfigurationException e) {
            return new SharedResolution(null, e, Settings.empty());
        }
        try {
            return new SharedResolution(BackendResolver.create().resolve(context), null, context.settings());
        } catch (BackendNotFoundException | InvalidBackendConfigurationException e) {
            return new SharedResolution(null, e, context.settings());
        }
    }

    /** Return the resolution, when the backend was found. */
    Optional<Resolution> resolution() {
        return Optional.ofNullable(resolution);
    }

    /** Tell whether resolution stopped at configuration that is wrong (never skipped, whatever on-missing says). */
    boolean invalid() {
        return failure instanceof InvalidBackendConfigurationException;
    }

    /** Return a fresh copy of the failure to throw, so that tests do not pile suppressed exceptions onto one. */
    RuntimeException failure() {
        if (failure instanceof BackendNotFoundException notFound) {
            return new BackendNotFoundException(notFound.report(), notFound.nextSteps());
        }
        InvalidBackendConfigurationException invalid = (InvalidBackendConfigurationException) failure;
        return invalid.providerId().map(id -> invalid.inProvider(id, invalid.report().orElse(null)))
                .orElseGet(() -> new InvalidBackendConfigurationException(invalid.origin(), invalid.problem(), invalid));
    }

    /** Return the failure's message, for an abort reason. */
    String failureMessage() {
        return failure.getMessage();
    }

    /** Return setting {@code junit.on-missing} as this resolution read it. */
    OnMissing onMissingSetting() {
        return "skip".equals(settings.get(BuiltInSettings.JUNIT_ON_MISSING)) ? OnMissing.SKIP : OnMissing.FAIL;
    }

    /** Probe the endpoint, once per kind and path for the whole run. */
    ProbeResult probe(ProbeKind kind, String path) {
        return probes.computeIfAbsent(kind + " " + path, key -> {
            Duration timeout = settings.get(BuiltInSettings.PROBE_TIMEOUT);
            String httpPath = path.isEmpty() ? settings.get(BuiltInSettings.PROBE_HTTP_PATH) : path;
            if (kind == ProbeKind.WEBSOCKET) {
                return new WebSocketProbe().check(resolution.endpoint().webSocket(path), timeout);
            }
            return Probe.of(kind, httpPath).check(resolution.endpoint(), timeout);
        });
    }

    @Override
    public void close() {
        probes.clear();
    }
}
