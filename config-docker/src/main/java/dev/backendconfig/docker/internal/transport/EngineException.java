package dev.backendconfig.docker.internal.transport;

/** The engine could not be asked, or answered something unusable; the message is written for the report. */
public final class EngineException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Create the exception with a reason a person reads in the report. */
    public EngineException(String reason) {
        super(reason);
    }
}
