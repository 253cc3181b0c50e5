package dev.backendconfig.docker.internal.transport;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * One request to an engine and the steps it goes through, each with a deadline of its own: accepting the connection
 * ({@code docker.timeout}), then, over an accepted connection, the TLS handshake, or the ssh login with the first
 * answer, and the answer ({@code docker.answer-timeout}); none past what is left of setting {@code timeout}. A
 * failure is explained by the step it happened in.
 */
final class Exchange {

    private final String request;
    private final EngineTimeouts timeouts;
    private final Supplier<Duration> left;
    private Step current;

    /**
     * @param request the request line's method and path, without query: {@code "GET /containers/json"}
     * @param left what is left of the resolution's budget, asked as each step starts
     */
    Exchange(String request, EngineTimeouts timeouts, Supplier<Duration> left) {
        this.request = request;
        this.timeouts = timeouts;
        this.left = left;
    }

    /** Return the request line's method and path. */
    String request() {
        return request;
    }

    /** Start the step of connecting: is anyone there. */
    Step connecting() {
        return begin("accept the connection", EngineTimeouts.CONNECT_SETTING, timeouts.connect());
    }

    /** Start the TLS handshake, one deadline for all of it. */
    Step handshaking() {
        return begin("finish the TLS handshake", EngineTimeouts.ANSWER_SETTING, timeouts.answer());
    }

    /** Start waiting for the answer to the request. */
    Step answering() {
        return begin("answer " + request, EngineTimeouts.ANSWER_SETTING, timeouts.answer());
    }

    /**
     * Start ssh and wait for its first answer: ssh connects (its own ConnectTimeout, from {@code docker.timeout}),
     * logs in and starts the remote docker CLI, whose progress cannot be seen from here, so the step is given both.
     */
    Step startingSsh() {
        return begin("connect, log in and answer " + request, EngineTimeouts.CONNECT_SETTING + " + "
                + EngineTimeouts.ANSWER_SETTING, timeouts.connect().plus(timeouts.answer()));
    }

    /** Return how long ssh may take to connect: {@code docker.timeout}, never more than what is left. */
    Duration sshConnectTimeout() {
        Duration budget = left.get();
        return budget.compareTo(timeouts.connect()) < 0 ? budget : timeouts.connect();
    }

    /** Return the step under way, or null before the first. */
    Step current() {
        return current;
    }

    /** Tell whether the step under way has run out of time. */
    boolean expired() {
        return current != null && current.deadline().passed();
    }

    private Step begin(String what, String setting, Duration wanted) {
        current = Step.start(what, setting, wanted, left.get());
        return current;
    }
}
