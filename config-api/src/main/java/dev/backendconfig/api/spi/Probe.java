package dev.backendconfig.api.spi;

import dev.backendconfig.api.BackendEndpoint;
import dev.backendconfig.api.internal.probe.HttpProbe;
import dev.backendconfig.api.internal.probe.TcpProbe;
import dev.backendconfig.api.internal.probe.WebSocketProbe;
import java.time.Duration;

/**
 * Check that a candidate endpoint really answers, within a timeout. Implementations use only the JDK.
 */
@FunctionalInterface
public interface Probe {

    /**
     * Check the candidate; never take longer than {@code timeout}, never throw for a network failure.
     *
     * @return ready or not, with what was probed and what happened
     */
    ProbeResult check(BackendEndpoint candidate, Duration timeout);

    /**
     * Return the probe of a kind.
     *
     * @param httpPath the path an {@link ProbeKind#HTTP} probe asks for
     */
    static Probe of(ProbeKind kind, String httpPath) {
        return switch (kind) {
            case NONE -> (candidate, timeout) -> new ProbeResult(true, "not probed (probe=none)", Duration.ZERO);
            case TCP -> new TcpProbe();
            case HTTP -> new HttpProbe(httpPath);
            case WEBSOCKET -> new WebSocketProbe();
        };
    }
}
