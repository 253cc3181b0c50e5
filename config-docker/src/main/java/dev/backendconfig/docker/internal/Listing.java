package dev.backendconfig.docker.internal;

import dev.backendconfig.toolkit.OutsideText;
import java.util.List;

/**
 * Names from outside (an engine's replies, a compose file) as a report line shows them: each on one line, masked and
 * shortened, and at most a few of them, so that a reply with ten thousand entries stays one line.
 */
public final class Listing {

    private Listing() {
    }

    /** Join at most {@code max} of {@code items}, then say how many more there are. */
    public static String join(String separator, List<String> items, int max) {
        if (items.size() <= max) {
            return String.join(separator, items);
        }
        return String.join(separator, items.subList(0, max)) + separator + "and " + (items.size() - max) + " more";
    }

    /** Return a name from the engine or a compose file fit for the report: on one line, masked, at most 100 characters. */
    public static String shown(String name) {
        return OutsideText.excerpt(name, 100);
    }
}
