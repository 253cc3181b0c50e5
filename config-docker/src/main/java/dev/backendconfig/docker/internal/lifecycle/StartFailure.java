package dev.backendconfig.docker.internal.lifecycle;

/**
 * The whole story of a failed start, on several lines, as the cause of the error the resolution stops with: the
 * command, how it ended, the last lines of its output, and the last 50 log lines of each service that stopped or
 * never became healthy — every line masked and escaped (it is outside text). The error's own message says it in one
 * line; this is what a person reads next.
 */
public final class StartFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    StartFailure(String details) {
        super(details, null, false, false);
    }
}
