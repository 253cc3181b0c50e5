package dev.backendconfig.api.spi;

import static org.apiguardian.api.API.Status.STABLE;

import dev.backendconfig.api.ProbeKind;
import dev.backendconfig.api.ServiceEndpoint;
import dev.backendconfig.api.internal.probe.HttpProbe;
import dev.backendconfig.api.internal.probe.TcpProbe;
import dev.backendconfig.api.internal.probe.WebSocketProbe;
import java.time.Duration;
import org.apiguardian.api.API;

/**
 * Check that a candidate endpoint really answers, within a timeout. The built-in probes use only the JDK, give the
 * whole exchange one deadline, and close their connection when they give up.
 */
@API(status = STABLE, since = "1.0")
@FunctionalInterface
public interface Probe {

    /**
     * Check the candidate; never take longer than {@code timeout}, never throw for a network failure.
     *
     * @return ready or not, with what was probed and what happened
     */
    ProbeResult check(ServiceEndpoint candidate, Duration timeout);

    /**
     * Return the built-in probe of a kind.
     *
     * @param path for {@link ProbeKind#HTTP}, the path to GET (empty: {@code /}); for {@link ProbeKind#WEBSOCKET},
     *     a path joined onto the WebSocket URL (empty: the URL itself); ignored by the others
     */
    static Probe of(ProbeKind kind, String path) {
        return switch (kind) {
            case NONE -> (candidate, timeout) -> new ProbeResult(true, "not probed (probe=none)", Duration.ZERO);
            case TCP -> new TcpProbe();
            case HTTP -> new HttpProbe(path);
            case WEBSOCKET -> new WebSocketProbe(path);
        };
    }
}
