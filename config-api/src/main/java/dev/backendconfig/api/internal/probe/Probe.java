package dev.backendconfig.api.internal.probe;

import dev.backendconfig.api.ServiceEndpoint;
import dev.backendconfig.api.spi.ProbeResult;
import java.time.Duration;

/**
 * Check that a candidate endpoint really answers, within a timeout. The built-in probes use only the JDK, give the
 * whole exchange one deadline, and close their connection when they give up; a provider runs one with
 * {@code ResolutionContext.probe(candidate, kind, path)}.
 */
@FunctionalInterface
public interface Probe {

    /**
     * Check the candidate; never take longer than {@code timeout}, never throw for a network failure.
     *
     * @return ready or not, with what was probed and what happened
     */
    ProbeResult check(ServiceEndpoint candidate, Duration timeout);
}
