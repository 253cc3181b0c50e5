package dev.backendconfig.toolkit;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
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
            int distance = distance(typed.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best != null && bestDistance <= maxEdits ? Optional.of(best) : Optional.empty();
    }

    /**
     * Return what to say about a variable that is set but not looked for, when it is a likely typo of one that is (at
     * most two characters differ): {@code STAGING_BASE_ULR (did you mean STAGING_BASE_URL?)}. When the two differ only
     * where a declared service's name is written, the misspelt one may be either: the variable, or the service's name
     * in setting {@code services}. Then both are offered, the service first, never only the variable:
     * {@code STAGING_FRONTEND_URL (did you mean service frontend? setting services declares fronted; or else the
     * variable STAGING_FRONTED_URL)}.
     *
     * @param set the name of the variable that is set
     * @param lookedFor each name looked for, with the declared service whose name it is written from ({@code fronted}
     *     for {@code STAGING_FRONTED_URL}), or empty text when no service's name is written in it (the backend's
     *     variables, or names a setting lists)
     * @return the hint, empty when {@code set} is looked for itself or near none of them
     */
    public static Optional<String> misspeltVariable(String set, Map<String, String> lookedFor) {
        if (lookedFor.containsKey(set)) {
            return Optional.empty();
        }
        // plain conditions rather than map(lambda): the env provider asks this in every first resolution
        Optional<String> nearest = nearest(set, lookedFor.keySet(), 2);
        if (nearest.isEmpty()) {
            return Optional.empty();
        }
        String near = nearest.get();
        Optional<String> service = serviceWrittenIn(set, near, lookedFor.get(near));
        return Optional.of(service.isPresent() ? set + " (did you mean service " + service.get()
                + "? setting services declares " + lookedFor.get(near) + "; or else the variable " + near + ")"
                : set + " (did you mean " + near + "?)");
    }

    /**
     * Return the service name {@code set} is written for, when it differs from {@code near} only where {@code near}
     * writes {@code service}'s name ({@code PAYMENTS_API} for {@code payments-api}).
     */
    private static Optional<String> serviceWrittenIn(String set, String near, String service) {
        String word = service.toUpperCase(Locale.ROOT).replace('-', '_');
        int at = word.isEmpty() ? -1 : near.indexOf(word);
        if (at < 0) {
            return Optional.empty();
        }
        String before = near.substring(0, at);
        String after = near.substring(at + word.length());
        if (!set.startsWith(before) || !set.endsWith(after) || set.length() <= before.length() + after.length()) {
            return Optional.empty();
        }
        String written = set.substring(before.length(), set.length() - after.length()).toLowerCase(Locale.ROOT)
                .replace('_', '-');
        return written.matches("[a-z0-9]+(-[a-z0-9]+)*") && !written.equals(service) ? Optional.of(written)
                : Optional.empty();
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
