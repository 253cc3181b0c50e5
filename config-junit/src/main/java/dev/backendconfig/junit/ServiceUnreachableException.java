package dev.backendconfig.junit;

import static org.apiguardian.api.API.Status.STABLE;

import dev.backendconfig.api.BackendConfigException;
import dev.backendconfig.api.ResolutionReport;
import org.apiguardian.api.API;

/**
 * Thrown before a test that requires a reachable service (see {@link RequiresReachableService} and
 * {@link RequiresReachableBackend}) when the probe fails
 * (code {@code BCFG05001}); the message says what was probed, what happened, and where the endpoint came from, and goes
 * on with the report.
 */
@API(status = STABLE, since = "1.0")
public final class ServiceUnreachableException extends BackendConfigException {

    private static final long serialVersionUID = 1L;

    private final String summary;

    ServiceUnreachableException(String summary, ResolutionReport report) {
        this(summary, summary + "\n" + report.render(), report);
    }

    private ServiceUnreachableException(String summary, String message, ResolutionReport report) {
        super(message, report, null);
        this.summary = summary;
    }

    @Override
    public String code() {
        return "BCFG05001";
    }

    /** Return what was probed and what happened, on one line. */
    @Override
    public String summary() {
        return summary;
    }

    @Override
    public ServiceUnreachableException repeated() {
        return new ServiceUnreachableException(summary, summary + " (see the first failure in this run for the whole"
                + " report)", report());
    }
}
