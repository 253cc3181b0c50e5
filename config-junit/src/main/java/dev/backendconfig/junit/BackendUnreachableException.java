package dev.backendconfig.junit;

import dev.backendconfig.api.BackendConfigException;
import dev.backendconfig.api.ResolutionReport;

/**
 * Thrown before a test that requires a reachable backend (see {@link RequiresReachableBackend}) when the probe fails
 * (code {@code BCFG05001}); the message says what was probed, what happened, and where the endpoint came from, and goes
 * on with the report.
 */
public final class BackendUnreachableException extends BackendConfigException {

    private static final long serialVersionUID = 1L;

    private final String summary;

    BackendUnreachableException(String summary, ResolutionReport report) {
        this(summary, summary + "\n" + report.render(), report);
    }

    private BackendUnreachableException(String summary, String message, ResolutionReport report) {
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
    public BackendUnreachableException repeated() {
        return new BackendUnreachableException(summary, summary + " (see the first failure in this run for the whole"
                + " report)", report());
    }
}
