package dev.backendconfig.toolkit;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Collection;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Find the known name nearest to a misspelt one, for "did you mean" hints: a setting key, a provider id, a
 * variable a file sets instead of the one looked for ({@code STAGING_BASE_ULR} for {@code STAGING_BASE_URL}), a
 * command-line option.
 */
@API(status = STABLE, since = "1.0")
public final class Suggestions {

    private Suggestions() {
    }

    /**
     * Return the name in {@code known} closest to {@code typed}, when it is close enough to be a likely typo (at most a
     * quarter of its characters, and at least two, differ).
     */
    public static Optional<String> nearest(String typed, Collection<String> known) {
        return nearest(typed, known, Math.max(2, typed.length() / 4));
    }

    /**
     * Return the name in {@code known} closest to {@code typed}, when at most {@code maxEdits} characters differ
     * (inserted, removed or replaced; case is ignored). Use a small bound where the names are alike by design
     * ({@code STAGING_AUTH_URL} is no typo of {@code STAGING_BASE_URL}).
     */
    public static Optional<String> nearest(String typed, Collection<String> known, int maxEdits) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            if (Math.abs(candidate.length() - typed.length()) > maxEdits) {
                continue; // too far apart to be a typo, and the distance would cost length times length
            }
            int distance = distance(typed.toLowerCase(java.util.Locale.ROOT), candidate.toLowerCase(java.util.Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best != null && bestDistance <= maxEdits ? Optional.of(best) : Optional.empty();
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
