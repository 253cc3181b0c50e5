package dev.backendconfig.docker.internal;

import dev.backendconfig.api.ServiceEndpoint;
import dev.backendconfig.api.ProbeKind;
import dev.backendconfig.api.spi.ProbeResult;
import dev.backendconfig.api.spi.ResolutionContext;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What provider docker knows of the world for one resolution, besides its settings ({@link DockerConfig}): the
 * variables, the directories, the clock, the time left, and the probe. Read at the provider's door, so that no room
 * holds the whole {@link ResolutionContext}.
 *
 * @param environment the environment variables (ssh runs with them; compose files are interpolated with them)
 * @param workingDirectory the directory compose files are searched from
 * @param userHome the user's home directory ({@code ~/.docker}, the per-user sockets)
 * @param launchDirectory system property {@code user.dir}, the directory a shown command is relative to, or empty
 *     text
 * @param clock the clock (how long a healthcheck has not run)
 * @param remaining what is left of the resolution's time budget
 * @param probing whether the configured probe really checks a candidate ({@code probe=none} does not)
 * @param prober the configured probe
 * @param protocolProber a probe of the given kind (HTTP GET of {@code probe.http-path}, or a WebSocket handshake),
 *     whatever setting {@code probe} says
 * @param extender extends the time budget to at least a duration from now (a start, bounded by its own setting)
 */
public record ResolutionFacts(Map<String, String> environment, Path workingDirectory, Path userHome,
        String launchDirectory, Clock clock, Supplier<Duration> remaining, boolean probing,
        Function<ServiceEndpoint, ProbeResult> prober, BiFunction<ServiceEndpoint, ProbeKind, ProbeResult> protocolProber,
        java.util.function.Consumer<Duration> extender) {

    public ResolutionFacts {
        environment = Collections.unmodifiableMap(new TreeMap<>(environment));
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        Objects.requireNonNull(userHome, "userHome");
        Objects.requireNonNull(launchDirectory, "launchDirectory");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(remaining, "remaining");
        Objects.requireNonNull(prober, "prober");
        Objects.requireNonNull(protocolProber, "protocolProber");
        Objects.requireNonNull(extender, "extender");
    }

    /** Return the facts of a resolution. */
    public static ResolutionFacts of(ResolutionContext context) {
        OfContext hooks = new OfContext(context);
        return new ResolutionFacts(context.environment(), context.workingDirectory(),
                Path.of(context.systemProperty("user.home").orElse("")).toAbsolutePath(),
                context.systemProperty("user.dir").orElse(""), context.clock(), hooks, context.probing(), hooks,
                new ProtocolProbe(context), hooks);
    }

    /**
     * The context's time left, probe and budget extension, as the facts hand them on: one class rather than a lambda
     * each (a first resolution links no lambda here; each costs a fresh JVM a class spun at run time).
     */
    private static final class OfContext implements Supplier<Duration>, Function<ServiceEndpoint, ProbeResult>,
            java.util.function.Consumer<Duration> {

        private final ResolutionContext context;

        OfContext(ResolutionContext context) {
            this.context = context;
        }

        @Override
        public Duration get() {
            return context.remaining();
        }

        @Override
        public ProbeResult apply(ServiceEndpoint candidate) {
            return context.probe(candidate);
        }

        @Override
        public void accept(Duration atLeast) {
            context.extendBudget(atLeast);
        }
    }

    /** The context's probe of a given kind (its path the setting's), as {@link #protocolProber()}. */
    private static final class ProtocolProbe implements BiFunction<ServiceEndpoint, ProbeKind, ProbeResult> {

        private final ResolutionContext context;

        ProtocolProbe(ResolutionContext context) {
            this.context = context;
        }

        @Override
        public ProbeResult apply(ServiceEndpoint candidate, ProbeKind kind) {
            return context.probe(candidate, kind, "");
        }
    }

    /** Return a variable's value; empty when unset, empty or blank (they all mean the same thing). */
    public Optional<String> variable(String name) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    /** Check a candidate with the configured probe, within its timeout and what is left of the budget. */
    public ProbeResult probe(ServiceEndpoint candidate) {
        return prober.apply(candidate);
    }

    /** Make at least {@code atLeast} from now left of the time budget (setting timeout does not cut a start short). */
    public void extendBudget(Duration atLeast) {
        extender.accept(atLeast);
    }

    /**
     * Check a candidate with a probe that must hear the protocol spoken: an HTTP GET of {@code probe.http-path}, any
     * status below 500 (a WebSocket server answers one too: its handshake is an HTTP request) — never a bare TCP
     * connect, which a port proxy or another program accepts as readily. Whatever setting {@code probe} says.
     */
    public ProbeResult probeProtocol(ServiceEndpoint candidate) {
        return protocolProber.apply(candidate, ProbeKind.HTTP);
    }

    /** Return what is left of the resolution's time budget, never negative. */
    public Duration timeLeft() {
        return remaining.get();
    }
}
