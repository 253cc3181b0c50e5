package dev.backendconfig.api.internal.probe;

import dev.backendconfig.api.ProbeKind;
import dev.backendconfig.api.ServiceEndpoint;
import dev.backendconfig.api.internal.CoreSettings;
import dev.backendconfig.api.spi.ProbeResult;
import dev.backendconfig.api.spi.Settings;
import dev.backendconfig.toolkit.Deadline;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * How one resolution probes candidates: the kind of setting {@code probe}, the path of {@code probe.http-path}, each
 * probe bounded by {@code probe.timeout} and by what is left of the budget.
 */
public final class ProbePolicy {

    private final Settings settings;
    private final AtomicReference<Deadline> budget;

    /**
     * Probe with the settings' probe within {@code budget}.
     *
     * @param settings the resolution's settings
     * @param budget the resolution's time budget, read at each probe (a provider may extend it)
     */
    public ProbePolicy(Settings settings, AtomicReference<Deadline> budget) {
        this.settings = settings;
        this.budget = budget;
    }

    /** Return the kind of setting {@code probe}. */
    public ProbeKind kind() {
        return settings.get(CoreSettings.PROBE);
    }

    /** Tell whether candidates are really checked (false for {@code probe=none}). */
    public boolean probing() {
        return kind() != ProbeKind.NONE;
    }

    /** Check a candidate with the configured probe. */
    public ProbeResult probe(ServiceEndpoint candidate) {
        return probe(candidate, kind(), "");
    }

    /**
     * Check a candidate with a probe of the given kind; an empty HTTP path means setting {@code probe.http-path}. A
     * service without a WebSocket endpoint ({@code services.<name>.websocket=false}) is probed over HTTP instead of by
     * a handshake.
     */
    public ProbeResult probe(ServiceEndpoint candidate, ProbeKind requested, String path) {
        boolean handshake = requested == ProbeKind.WEBSOCKET;
        ProbeKind kind = handshake && candidate.findWebSocket().isEmpty() ? ProbeKind.HTTP : requested;
        if (handshake && kind == ProbeKind.HTTP) {
            path = "";
        }
        String effective = kind == ProbeKind.HTTP && path.isBlank() ? settings.get(CoreSettings.PROBE_HTTP_PATH) : path;
        return run(builtIn(kind, effective), candidate);
    }

    /**
     * Return the built-in probe of a kind.
     *
     * @param path for {@link ProbeKind#HTTP}, the path to GET (empty: {@code /}); for {@link ProbeKind#WEBSOCKET},
     *     a path joined onto the WebSocket URL (empty: the URL itself); ignored by the others
     */
    public static Probe builtIn(ProbeKind kind, String path) {
        return switch (kind) {
            case NONE -> (candidate, timeout) -> new ProbeResult(true, "not probed (probe=none)", Duration.ZERO);
            case TCP -> new TcpProbe();
            case HTTP -> new HttpProbe(path);
            case WEBSOCKET -> new WebSocketProbe(path);
        };
    }

    private ProbeResult run(Probe probe, ServiceEndpoint candidate) {
        Duration bounded = budget.get().bound(settings.get(CoreSettings.PROBE_TIMEOUT));
        if (bounded.isZero()) {
            return new ProbeResult(false, "not probed: the time budget (setting timeout) is used up", Duration.ZERO);
        }
        return probe.check(candidate, bounded);
    }
}
