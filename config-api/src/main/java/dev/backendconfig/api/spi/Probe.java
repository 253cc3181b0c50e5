package dev.backendconfig.api.spi;

import static org.apiguardian.api.API.Status.STABLE;

import dev.backendconfig.api.ServiceEndpoint;
import java.time.Duration;
import org.apiguardian.api.API;

/**
 * Check that a candidate endpoint really answers, within a timeout. The built-in probes use only the JDK, give the
 * whole exchange one deadline, and close their connection when they give up; a provider runs one with
 * {@link ResolutionContext#probe(ServiceEndpoint, dev.backendconfig.api.ProbeKind, String)}. Implement this to replace
 * them in a test ({@link ResolutionContext.Builder#probe(Probe)}).
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
}
