package dev.backendconfig.docker.internal.transport;

import java.time.Duration;
import java.util.Objects;

/**
 * How long talking to an engine may take, in two bounds that tell an absent engine from a slow one: {@code connect}
 * (setting {@code docker.timeout}), how long the engine may take to accept a connection — is anyone there; and
 * {@code answer} (setting {@code docker.answer-timeout}), how long an engine that accepted may take for each exchange
 * after that — the TLS handshake as a whole, the ssh login with the first answer, each answer. Each exchange has one
 * deadline however the engine trickles its bytes, and none ends later than what is left of setting {@code timeout}.
 *
 * @param connect how long a connection may take to be accepted
 * @param answer how long each exchange over an accepted connection may take
 */
public record EngineTimeouts(Duration connect, Duration answer) {

    /** The setting that bounds connecting. */
    public static final String CONNECT_SETTING = "docker.timeout";
    /** The setting that bounds each exchange with an engine that accepted. */
    public static final String ANSWER_SETTING = "docker.answer-timeout";

    public EngineTimeouts {
        Objects.requireNonNull(connect, "connect");
        Objects.requireNonNull(answer, "answer");
    }

    /** Return timeouts where connecting and each exchange are given the same time (for tests and tools). */
    public static EngineTimeouts both(Duration timeout) {
        return new EngineTimeouts(timeout, timeout);
    }
}
