package dev.backendconfig.api.internal;

import java.time.Duration;

/**
 * A time budget on the monotonic clock: how long it was, and how much is left. A provider may extend it for a step
 * that a setting of its own bounds (starting a stack within {@code docker.start-timeout}); it never shrinks.
 */
public final class Budget {

    private final Duration total;
    private volatile long deadlineNanos;

    private Budget(Duration total, long deadlineNanos) {
        this.total = total;
        this.deadlineNanos = deadlineNanos;
    }

    /** Return a budget of {@code total} that starts now. */
    public static Budget startingNow(Duration total) {
        return new Budget(total, System.nanoTime() + total.toNanos());
    }

    /** Return the whole budget as it was set (an extension does not change it). */
    public Duration total() {
        return total;
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

    /** Make at least {@code atLeast} from now left (when less is left); never shortens the budget. */
    public synchronized void extend(Duration atLeast) {
        long wanted = System.nanoTime() + Math.max(0, atLeast.toNanos());
        if (wanted - deadlineNanos > 0) {
            deadlineNanos = wanted;
        }
    }
}
