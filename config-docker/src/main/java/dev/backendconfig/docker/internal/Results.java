package dev.backendconfig.docker.internal;

import dev.backendconfig.api.spi.ProviderResult;
import java.util.ArrayList;
import java.util.List;

/** Provider results as provider docker shapes them for the report. */
public final class Results {

    private Results() {
    }

    /** Return {@code result} with {@code note} before its other notes (the engine's line leads the report's notes). */
    public static ProviderResult withFirstNote(ProviderResult result, String note) {
        List<String> notes = new ArrayList<>();
        notes.add(note);
        notes.addAll(result.notes());
        if (result instanceof ProviderResult.Found found) {
            return new ProviderResult.Found(found.endpoints(), found.missing(), found.reason(),
                    found.serviceReasons(), notes, found.nextStep());
        }
        if (result instanceof ProviderResult.Skipped skipped) {
            return new ProviderResult.Skipped(skipped.reason(), notes, skipped.nextStep());
        }
        ProviderResult.Unavailable unavailable = (ProviderResult.Unavailable) result;
        return new ProviderResult.Unavailable(unavailable.reason(), notes, unavailable.nextStep());
    }
}
