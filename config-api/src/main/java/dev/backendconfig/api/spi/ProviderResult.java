package dev.backendconfig.api.spi;

import dev.backendconfig.api.BackendEndpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a provider answers: {@link Found found}, {@link Skipped skipped} or {@link Unavailable unavailable}, each
 * with a one-line reason written for a person.
 *
 * <ul>
 *   <li><b>found</b>: an endpoint; resolution stops here.
 *   <li><b>skipped</b>: nothing is configured for this provider (no variable set, no compose project, no staging
 *       file); the next provider is asked.
 *   <li><b>unavailable</b>: configured but not usable now (engine down, container unhealthy, probe refused);
 *       the next provider is asked.
 * </ul>
 *
 * <p>Explicit configuration that is wrong is none of these: the provider throws
 * {@link dev.backendconfig.api.InvalidBackendConfigurationException} and resolution stops.
 */
public sealed interface ProviderResult {

    /** Return the one-line reason, for example {@code "none of TEST_BACKEND_URL, BACKEND_URL is set"}. */
    String reason();

    /** Return further lines the report shows under the reason (a losing variable, a duplicate key, ...). */
    List<String> notes();

    /** Return a copy with one more note. */
    ProviderResult withNote(String note);

    /** Return a copy with these notes added, in time linear in their number. */
    ProviderResult withNotes(List<String> more);

    /** Answer with an endpoint. */
    static Found found(BackendEndpoint endpoint, String reason) {
        return new Found(endpoint, reason, List.of());
    }

    /** Answer that nothing is configured for this provider. */
    static Skipped skipped(String reason) {
        return new Skipped(reason, List.of());
    }

    /** Answer that this provider is configured but cannot be used now. */
    static Unavailable unavailable(String reason) {
        return new Unavailable(reason, List.of());
    }

    /**
     * The provider found the backend.
     *
     * @param endpoint the endpoint, whose {@link BackendEndpoint#source()} is the provider's id
     * @param reason how it was found, for example {@code "service backend publishes 8000 on 0.0.0.0:8002"}
     * @param notes further lines for the report
     */
    record Found(BackendEndpoint endpoint, String reason, List<String> notes) implements ProviderResult {
        public Found {
            Objects.requireNonNull(endpoint, "endpoint");
            reason = requireReason(reason);
            notes = List.copyOf(notes);
        }

        @Override
        public Found withNote(String note) {
            return new Found(endpoint, reason, append(notes, note));
        }

        @Override
        public Found withNotes(List<String> more) {
            return new Found(endpoint, reason, appendAll(notes, more));
        }
    }

    /**
     * Nothing is configured for the provider.
     *
     * @param reason what was looked for and not found
     * @param notes further lines for the report
     */
    record Skipped(String reason, List<String> notes) implements ProviderResult {
        public Skipped {
            reason = requireReason(reason);
            notes = List.copyOf(notes);
        }

        @Override
        public Skipped withNote(String note) {
            return new Skipped(reason, append(notes, note));
        }

        @Override
        public Skipped withNotes(List<String> more) {
            return new Skipped(reason, appendAll(notes, more));
        }
    }

    /**
     * The provider is configured but cannot be used now.
     *
     * @param reason what was tried and what happened
     * @param notes further lines for the report
     */
    record Unavailable(String reason, List<String> notes) implements ProviderResult {
        public Unavailable {
            reason = requireReason(reason);
            notes = List.copyOf(notes);
        }

        @Override
        public Unavailable withNote(String note) {
            return new Unavailable(reason, append(notes, note));
        }

        @Override
        public Unavailable withNotes(List<String> more) {
            return new Unavailable(reason, appendAll(notes, more));
        }
    }

    private static String requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a provider result needs a reason a person can read");
        }
        return reason;
    }

    private static List<String> appendAll(List<String> notes, List<String> more) {
        List<String> all = new ArrayList<>(notes.size() + more.size());
        all.addAll(notes);
        more.forEach(note -> all.add(Objects.requireNonNull(note, "note")));
        return all;
    }

    private static List<String> append(List<String> notes, String note) {
        List<String> more = new ArrayList<>(notes);
        more.add(Objects.requireNonNull(note, "note"));
        return more;
    }
}
