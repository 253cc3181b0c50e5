package dev.backendconfig.cli;

/** The command line is wrong; the message is the one line to print. */
final class UsageException extends Exception {

    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
