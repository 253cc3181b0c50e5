package dev.backendconfig.api.internal;

import java.time.Duration;

/**
 * A time budget on the monotonic clock: how long it was, and how much is left.
 *
 * @param total the whole budget
 * @param deadlineNanos when it runs out, in {@link System#nanoTime()} terms
 */
public record Budget(Duration total, long deadlineNanos) {

    /** Return a budget of {@code total} that starts now. */
    public static Budget startingNow(Duration total) {
        return new Budget(total, System.nanoTime() + total.toNanos());
    }

    /** Return the time left, never negative. */
    public Duration remaining() {
        long left = deadlineNanos - System.nanoTime();
        return left > 0 ? Duration.ofNanos(left) : Duration.ZERO;
    }

    /** Tell whether the budget is used up. */
    public boolean expired() {
        return deadlineNanos - System.nanoTime() <= 0;
    }

    /** Return the shorter of {@code wanted} and what is left. */
    public Duration bound(Duration wanted) {
        Duration left = remaining();
        return wanted.compareTo(left) < 0 ? wanted : left;
    }
}
