package dev.backendconfig.docker.internal;

import java.util.List;

/** Join names for a report line, at most a few of them, so that a reply with ten thousand entries stays one line. */
final class Listing {

    private Listing() {
    }

    /** Join at most {@code max} of {@code items}, then say how many more there are. */
    static String join(String separator, List<String> items, int max) {
        if (items.size() <= max) {
            return String.join(separator, items);
        }
        return String.join(separator, items.subList(0, max)) + separator + "and " + (items.size() - max) + " more";
    }
}
