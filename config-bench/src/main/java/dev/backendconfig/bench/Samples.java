package dev.backendconfig.bench;

import java.util.Arrays;
import java.util.Locale;

/** Timings of one measurement, in nanoseconds, with their median and 99th percentile. */
final class Samples {

    private final long[] nanos;

    Samples(long[] nanos) {
        this.nanos = nanos.clone();
        Arrays.sort(this.nanos);
    }

    static Samples of(long... nanos) {
        return new Samples(nanos);
    }

    /** Time {@code iterations} runs of {@code action} after {@code warmup} untimed ones. */
    static Samples time(int warmup, int iterations, ThrowingRunnable action) throws Exception {
        for (int i = 0; i < warmup; i++) {
            action.run();
        }
        long[] nanos = new long[iterations];
        for (int i = 0; i < iterations; i++) {
            long start = System.nanoTime();
            action.run();
            nanos[i] = System.nanoTime() - start;
        }
        return new Samples(nanos);
    }

    long median() {
        return nanos[nanos.length / 2];
    }

    long p99() {
        return nanos[Math.min(nanos.length - 1, (int) Math.ceil(nanos.length * 0.99) - 1)];
    }

    long max() {
        return nanos[nanos.length - 1];
    }

    int count() {
        return nanos.length;
    }

    /** Return "median (p99)" in milliseconds, or the median alone for a single sample. */
    String describe() {
        return count() == 1 ? millis(median()) : millis(median()) + " (p99 " + millis(p99()) + ", n=" + count() + ")";
    }

    static String millis(long nanos) {
        double millis = nanos / 1_000_000.0;
        if (millis < 0.1) {
            return String.format(Locale.ROOT, "%.3f ms", millis);
        }
        return millis < 10 ? String.format(Locale.ROOT, "%.2f ms", millis) : String.format(Locale.ROOT, "%.0f ms", millis);
    }

    /** Something to time. */
    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }
}
