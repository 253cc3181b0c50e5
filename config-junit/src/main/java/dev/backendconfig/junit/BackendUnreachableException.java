package dev.backendconfig.junit;

/**
 * Thrown before a test that requires a reachable backend (see {@link RequiresReachableBackend}) when the probe
 * fails; the message says what was probed, what happened, and where the endpoint came from.
 */
public class BackendUnreachableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Create the exception with the message a person reads. */
    public BackendUnreachableException(String message) {
        super(message);
    }
}
