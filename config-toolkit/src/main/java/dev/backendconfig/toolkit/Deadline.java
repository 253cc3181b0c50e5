package dev.backendconfig.toolkit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Duration;
import org.apiguardian.api.API;

/**
 * A point in time on the monotonic clock ({@link System#nanoTime()}) by which something must be done: a whole
 * resolution's time budget, one engine exchange, one probe. Every wait of the library is bounded by one.
 *
 * @param total how long it was when it was set
 * @param endNanos when it passes, in {@link System#nanoTime()} terms
 */
@API(status = EXPERIMENTAL, since = "1.0")
public record Deadline(Duration total, long endNanos) {

    /** Return a deadline {@code total} from now (at least one nanosecond). */
    public static Deadline after(Duration total) {
        return new Deadline(total, System.nanoTime() + Math.max(1, total.toNanos()));
    }

    /** Return the time left, never negative. */
    public Duration remaining() {
        long left = endNanos - System.nanoTime();
        return left > 0 ? Duration.ofNanos(left) : Duration.ZERO;
    }

    /** Tell whether it has passed. */
    public boolean passed() {
        return endNanos - System.nanoTime() <= 0;
    }

    /**
     * Return the whole milliseconds left, at least 1, for socket timeouts and selectors, where 0 would mean forever.
     */
    public int millisLeft() {
        long left = (endNanos - System.nanoTime()) / 1_000_000;
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, left));
    }

    /** Return the shorter of {@code wanted} and what is left. */
    public Duration bound(Duration wanted) {
        Duration left = remaining();
        return wanted.compareTo(left) < 0 ? wanted : left;
    }
}
