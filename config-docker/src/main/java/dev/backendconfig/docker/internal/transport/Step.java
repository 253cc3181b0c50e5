package dev.backendconfig.docker.internal.transport;

import dev.backendconfig.toolkit.Deadline;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * One bounded step of talking to an engine — accepting the connection, the TLS handshake, the ssh login with its first
 * answer, an answer — with one deadline for the whole step, and what a person needs when it runs out: what did not
 * happen, within how long, and which setting gave that time.
 *
 * @param what what the engine did not do in time, after "did not": {@code "finish the TLS handshake"}
 * @param setting the setting (or settings) that gave the time, for the message
 * @param given how long the step was given
 * @param cut whether that was less than the setting asked, cut to what was left of setting {@code timeout}
 * @param deadline when the step ends
 */
record Step(String what, String setting, Duration given, boolean cut, Deadline deadline) {

    /**
     * Start a step now.
     *
     * @param wanted what the setting asks for
     * @param left what is left of the resolution's budget
     */
    static Step start(String what, String setting, Duration wanted, Duration left) {
        boolean cut = left.compareTo(wanted) < 0;
        Duration given = cut ? left : wanted;
        return new Step(what, setting, given, cut, Deadline.after(given));
    }

    /** Return the exception that says this step ran out. */
    TimedOut timedOut() {
        return new TimedOut(this);
    }

    /** Throw {@link #timedOut()} if the deadline has passed; else return the milliseconds left (at least 1). */
    int millisLeft() throws TimedOut {
        if (deadline.passed()) {
            throw timedOut();
        }
        return deadline.millisLeft();
    }

    /** Return the explanation, after the engine's name: {@code "did not answer within 1000 ms (setting ...)"}. */
    String describe() {
        return "did not " + what + " within " + given.toMillis() + " ms (" + (setting.contains(" ") ? "settings "
                : "setting ") + setting + (cut ? ", cut to what was left of setting timeout" : "") + ")";
    }

    /** A step that ran out of time. */
    static final class TimedOut extends SocketTimeoutException {
        private static final long serialVersionUID = 1L;

        private final transient Step step;

        TimedOut(Step step) {
            super(step.describe());
            this.step = step;
        }

        Step step() {
            return step;
        }
    }
}
