package dev.backendconfig.api.internal;

import dev.backendconfig.toolkit.OutsideText;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * A copy of a throwable, its causes and the exceptions it suppressed, with every message masked and on one line, and
 * the same class name (in {@link #toString()}) and stack traces: what a provider throws may quote a URL with its
 * password, and a stack trace printed by a test runner or logged at DEBUG must not show it.
 */
public final class MaskedThrowable extends RuntimeException {

    private static final long serialVersionUID = 1L;
    /** How many causes deep the copy goes; a longer chain ends in its last copied cause. */
    private static final int MAX_DEPTH = 32;

    private final String originalClass;

    private MaskedThrowable(String originalClass, String message) {
        super(message);
        this.originalClass = originalClass;
    }

    /** Return a masked copy of {@code throwable}, or null for null. */
    public static Throwable of(Throwable throwable) {
        return copy(throwable, Collections.newSetFromMap(new IdentityHashMap<>()), 0);
    }

    /** Return the name of the class that was thrown. */
    public String originalClass() {
        return originalClass;
    }

    private static Throwable copy(Throwable original, Set<Throwable> seen, int depth) {
        if (original == null || depth > MAX_DEPTH || !seen.add(original)) {
            return null;
        }
        String message = original.getMessage() == null ? null : OutsideText.excerpt(original.getMessage(), 2000);
        MaskedThrowable copy = new MaskedThrowable(original.getClass().getName(), message);
        copy.setStackTrace(original.getStackTrace());
        Throwable cause = copy(original.getCause(), seen, depth + 1);
        if (cause != null) {
            copy.initCause(cause);
        }
        for (Throwable suppressed : original.getSuppressed()) {
            Throwable masked = copy(suppressed, seen, depth + 1);
            if (masked != null) {
                copy.addSuppressed(masked);
            }
        }
        return copy;
    }

    /** Return the original class name and the masked message, as the original's {@code toString()} would. */
    @Override
    public String toString() {
        String message = getLocalizedMessage();
        return message == null ? originalClass : originalClass + ": " + message;
    }
}
