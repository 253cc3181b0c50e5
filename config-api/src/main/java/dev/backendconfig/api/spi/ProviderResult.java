package dev.backendconfig.api.spi;

import dev.backendconfig.api.BackendEndpoint;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;

/**
 * What a provider answers: {@link Found found}, {@link Partial partial}, {@link Skipped skipped} or
 * {@link Unavailable unavailable}, each with a one-line reason written for a person.
 *
 * <ul>
 *   <li><b>found</b>: an endpoint for every service asked for; resolution stops here.
 *   <li><b>partial</b>: endpoints for some services, and why the others were not found; the next provider is
 *       asked (one environment: services are never taken from two providers).
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

    /**
     * Return what the user can do about this very outcome, for the "what to do next" part of the nothing-found
     * message ("fix or unset DOCKER_HOST, which names a socket that does not exist"); empty when the provider's
     * general {@link BackendEndpointProvider#hint()} says it best. Found results have none.
     */
    default String nextStep() {
        return "";
    }

    /** Return a copy whose {@link #nextStep()} is {@code step} (ignored by a found result). */
    ProviderResult withNextStep(String step);

    /** Return a copy with these notes added, in time linear in their number. */
    ProviderResult withNotes(List<String> more);

    /** Answer with the backend's endpoint (a provider that only knows the backend). */
    static Found found(BackendEndpoint endpoint, String reason) {
        return new Found(Map.of(endpoint.service(), endpoint), reason, Map.of(), List.of());
    }

    /**
     * Start an answer for several services: add what was found and what was not, then
     * {@link Services#result(String)}.
     */
    static Services services() {
        return new Services();
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
     * The provider found every service it was asked for.
     *
     * @param endpoints the endpoints by service name, each with {@link BackendEndpoint#source()} the provider's id
     * @param reason how they were found, for example {@code "service backend publishes 8000 on 0.0.0.0:8002"}
     * @param serviceReasons how each service was found, by name, when the provider says (several services)
     * @param notes further lines for the report
     */
    record Found(Map<String, BackendEndpoint> endpoints, String reason, Map<String, String> serviceReasons,
            List<String> notes) implements ProviderResult {
        public Found {
            endpoints = copy(endpoints);
            if (endpoints.isEmpty()) {
                throw new IllegalArgumentException("a found result needs at least one endpoint");
            }
            reason = requireReason(reason);
            serviceReasons = copy(serviceReasons);
            notes = List.copyOf(notes);
        }

        /**
         * Return the backend's endpoint.
         *
         * @throws NoSuchElementException when the provider found other services but not the backend
         */
        public BackendEndpoint endpoint() {
            return endpoint(Service.BACKEND).orElseThrow(() -> new NoSuchElementException(
                    "no endpoint for service " + Service.BACKEND + " (found: " + endpoints.keySet() + ")"));
        }

        /** Return one service's endpoint. */
        public Optional<BackendEndpoint> endpoint(String service) {
            return Optional.ofNullable(endpoints.get(service));
        }

        @Override
        public Found withNote(String note) {
            return new Found(endpoints, reason, serviceReasons, append(notes, note));
        }

        @Override
        public Found withNextStep(String step) {
            return this;
        }

        @Override
        public Found withNotes(List<String> more) {
            return new Found(endpoints, reason, serviceReasons, appendAll(notes, more));
        }
    }

    /**
     * The provider found some of the services it was asked for, not all.
     *
     * @param endpoints the endpoints it found, by service name
     * @param missing why each other service was not found, by name
     * @param reason what the provider did, for example {@code "compose project alpine-test"}
     * @param serviceReasons how each found service was found, by name
     * @param notes further lines for the report
     * @param nextStep what the user can do about it, or empty text
     */
    record Partial(Map<String, BackendEndpoint> endpoints, Map<String, String> missing, String reason,
            Map<String, String> serviceReasons, List<String> notes, String nextStep) implements ProviderResult {
        public Partial {
            nextStep = nextStep == null ? "" : nextStep;
            endpoints = copy(endpoints);
            missing = copy(missing);
            if (missing.isEmpty()) {
                throw new IllegalArgumentException("a partial result names at least one missing service");
            }
            reason = requireReason(reason);
            serviceReasons = copy(serviceReasons);
            notes = List.copyOf(notes);
        }

        @Override
        public Partial withNote(String note) {
            return new Partial(endpoints, missing, reason, serviceReasons, append(notes, note), nextStep);
        }

        @Override
        public Partial withNextStep(String step) {
            return new Partial(endpoints, missing, reason, serviceReasons, notes, step);
        }

        @Override
        public Partial withNotes(List<String> more) {
            return new Partial(endpoints, missing, reason, serviceReasons, appendAll(notes, more), nextStep);
        }
    }

    /**
     * Nothing is configured for the provider.
     *
     * @param reason what was looked for and not found
     * @param notes further lines for the report
     * @param nextStep what the user can do about it, or empty text
     */
    record Skipped(String reason, List<String> notes, String nextStep) implements ProviderResult {
        public Skipped {
            reason = requireReason(reason);
            notes = List.copyOf(notes);
            nextStep = nextStep == null ? "" : nextStep;
        }

        /** Create the result without a next step of its own. */
        public Skipped(String reason, List<String> notes) {
            this(reason, notes, "");
        }

        @Override
        public Skipped withNote(String note) {
            return new Skipped(reason, append(notes, note), nextStep);
        }

        @Override
        public Skipped withNextStep(String step) {
            return new Skipped(reason, notes, step);
        }

        @Override
        public Skipped withNotes(List<String> more) {
            return new Skipped(reason, appendAll(notes, more), nextStep);
        }
    }

    /**
     * The provider is configured but cannot be used now.
     *
     * @param reason what was tried and what happened
     * @param notes further lines for the report
     * @param nextStep what the user can do about it, or empty text
     */
    record Unavailable(String reason, List<String> notes, String nextStep) implements ProviderResult {
        public Unavailable {
            reason = requireReason(reason);
            notes = List.copyOf(notes);
            nextStep = nextStep == null ? "" : nextStep;
        }

        /** Create the result without a next step of its own. */
        public Unavailable(String reason, List<String> notes) {
            this(reason, notes, "");
        }

        @Override
        public Unavailable withNote(String note) {
            return new Unavailable(reason, append(notes, note), nextStep);
        }

        @Override
        public Unavailable withNextStep(String step) {
            return new Unavailable(reason, notes, step);
        }

        @Override
        public Unavailable withNotes(List<String> more) {
            return new Unavailable(reason, appendAll(notes, more), nextStep);
        }
    }

    /** Gathers a provider's answer for several services. */
    final class Services {
        private final Map<String, BackendEndpoint> endpoints = new LinkedHashMap<>();
        private final Map<String, String> missing = new LinkedHashMap<>();
        private final Map<String, String> serviceReasons = new LinkedHashMap<>();
        private final List<String> notes = new ArrayList<>();

        private Services() {
        }

        /** Add a service found: its endpoint (whose {@link BackendEndpoint#service()} names it) and how. */
        public Services found(BackendEndpoint endpoint, String how) {
            endpoints.put(endpoint.service(), endpoint);
            serviceReasons.put(endpoint.service(), requireReason(how));
            missing.remove(endpoint.service());
            return this;
        }

        /** Add a service not found, and why. */
        public Services missing(String service, String why) {
            missing.put(Objects.requireNonNull(service, "service"), requireReason(why));
            return this;
        }

        /** Add a note for the report. */
        public Services note(String note) {
            notes.add(Objects.requireNonNull(note, "note"));
            return this;
        }

        /** Tell whether anything was found. */
        public boolean anyFound() {
            return !endpoints.isEmpty();
        }

        /**
         * Return {@link Found found} when nothing is missing, else {@link Partial partial}; with nothing found at all,
         * {@link Unavailable unavailable} whose reason says why each service was not found.
         *
         * @param reason what the provider did, for example {@code "compose project shop"}
         */
        public ProviderResult result(String reason) {
            requireReason(reason);
            if (missing.isEmpty()) {
                return new Found(endpoints, reason, serviceReasons, notes);
            }
            if (endpoints.isEmpty()) {
                if (missing.size() == 1) {
                    return new Unavailable(missing.values().iterator().next(), notes);
                }
                List<String> why = new ArrayList<>();
                missing.forEach((service, because) -> why.add(service + ": " + because));
                return new Unavailable(reason + "; " + String.join("; ", why), notes);
            }
            return new Partial(endpoints, missing, reason, serviceReasons, notes, "");
        }
    }

    private static String requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a provider result needs a reason a person can read");
        }
        return reason;
    }

    private static <V> Map<String, V> copy(Map<String, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
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
