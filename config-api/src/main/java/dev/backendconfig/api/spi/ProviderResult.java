package dev.backendconfig.api.spi;

import static org.apiguardian.api.API.Status.STABLE;

import dev.backendconfig.api.ServiceEndpoint;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * What a provider answers: {@link Found found}, {@link Skipped skipped} or {@link Unavailable unavailable}, each with a
 * one-line reason written for a person.
 *
 * <ul>
 *   <li><b>found</b>: endpoints for the services it found, and why it did not find the others, if any. The resolver
 *       alone judges the answer against the services asked for: when every required one is there it is found and
 *       resolution stops here; else it is partial and the next provider is asked (one environment: services are never
 *       taken from two providers).
 *   <li><b>skipped</b>: nothing is configured for this provider (no variable set, no compose project, no staging
 *       file); the next provider is asked.
 *   <li><b>unavailable</b>: configured but not usable now (engine down, container unhealthy, probe refused);
 *       the next provider is asked.
 * </ul>
 *
 * <p>Explicit configuration that is wrong is none of these: the provider throws
 * {@link dev.backendconfig.toolkit.InvalidInputException} and resolution stops.
 */
@API(status = STABLE, since = "1.0")
public sealed interface ProviderResult {

    /** Return the one-line reason, for example {@code "none of TEST_BACKEND_URL, BACKEND_URL is set"}. */
    String reason();

    /** Return further lines the report shows under the reason (a losing variable, a duplicate key, ...). */
    List<String> notes();

    /**
     * Return what the user can do about this very outcome, for the "what to do next" part of the nothing-found
     * message ("fix or unset DOCKER_HOST, which names a socket that does not exist"); empty when the provider's
     * general {@link EndpointProvider#hint()} says it best.
     */
    String nextStep();

    /** Return a copy with these notes added ({@code List.of(note)} for one), in time linear in their number. */
    default ProviderResult withNotes(List<String> more) {
        return copy(this, appendAll(notes(), more), nextStep());
    }

    /** Return a copy whose {@link #nextStep()} is {@code step}. */
    default ProviderResult withNextStep(String step) {
        return copy(this, notes(), step);
    }

    /** Answer with the backend's endpoint (a provider that only knows the backend). */
    static Found found(ServiceEndpoint endpoint, String reason) {
        return new Found(Map.of(endpoint.service(), endpoint), Map.of(), reason, Map.of(), List.of(), "");
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
        return new Skipped(reason, List.of(), "");
    }

    /** Answer that this provider is configured but cannot be used now. */
    static Unavailable unavailable(String reason) {
        return new Unavailable(reason, List.of(), "");
    }

    /**
     * The provider found some or all of the services it was asked for.
     *
     * @param endpoints the endpoints by service name, each with {@link ServiceEndpoint#source()} the provider's id;
     *     at least one
     * @param missing why each service it looked for and did not find was not found, by name
     * @param reason how they were found, for example {@code "service backend publishes 8000 on 0.0.0.0:8002"}
     * @param serviceReasons how each service was found, by name, when the provider says (several services)
     * @param notes further lines for the report
     * @param nextStep what the user can do about the missing services, or empty text
     */
    @API(status = STABLE, since = "1.0")
    record Found(Map<String, ServiceEndpoint> endpoints, Map<String, String> missing, String reason,
            Map<String, String> serviceReasons, List<String> notes, String nextStep) implements ProviderResult {
        public Found {
            endpoints = copy(endpoints);
            if (endpoints.isEmpty()) {
                throw new IllegalArgumentException("a found result needs at least one endpoint");
            }
            missing = copy(missing);
            reason = requireReason(reason);
            serviceReasons = copy(serviceReasons);
            notes = List.copyOf(notes);
            nextStep = nextStep == null ? "" : nextStep;
        }

        /**
         * Return the backend's endpoint.
         *
         * @throws NoSuchElementException when the provider found other services but not the backend
         */
        public ServiceEndpoint endpoint() {
            ServiceEndpoint backend = endpoints.get(Service.BACKEND);
            if (backend == null) {
                throw new NoSuchElementException("no endpoint for service " + Service.BACKEND + " (found: "
                        + endpoints.keySet() + ")");
            }
            return backend;
        }

    }

    /**
     * Nothing is configured for the provider.
     *
     * @param reason what was looked for and not found
     * @param notes further lines for the report
     * @param nextStep what the user can do about it, or empty text
     */
    @API(status = STABLE, since = "1.0")
    record Skipped(String reason, List<String> notes, String nextStep) implements ProviderResult {
        public Skipped {
            reason = requireReason(reason);
            notes = List.copyOf(notes);
            nextStep = nextStep == null ? "" : nextStep;
        }

    }

    /**
     * The provider is configured but cannot be used now.
     *
     * @param reason what was tried and what happened
     * @param notes further lines for the report
     * @param nextStep what the user can do about it, or empty text
     */
    @API(status = STABLE, since = "1.0")
    record Unavailable(String reason, List<String> notes, String nextStep) implements ProviderResult {
        public Unavailable {
            reason = requireReason(reason);
            notes = List.copyOf(notes);
            nextStep = nextStep == null ? "" : nextStep;
        }

    }

    /** Gathers a provider's answer for several services. */
    @API(status = STABLE, since = "1.0")
    final class Services {
        private final Map<String, ServiceEndpoint> endpoints = new LinkedHashMap<>();
        private final Map<String, String> missing = new LinkedHashMap<>();
        private final Map<String, String> serviceReasons = new LinkedHashMap<>();
        private final List<String> notes = new ArrayList<>();

        private Services() {
        }

        /** Add a service found: its endpoint (whose {@link ServiceEndpoint#service()} names it) and how. */
        public Services found(ServiceEndpoint endpoint, String how) {
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

        /**
         * Return {@link Found found} with what was found and why the others were not (whether that is enough is the
         * resolver's to judge); with nothing found at all, {@link Unavailable unavailable} whose reason says why each
         * service was not found.
         *
         * @param reason what the provider did, for example {@code "compose project shop"}
         */
        public ProviderResult result(String reason) {
            requireReason(reason);
            if (!endpoints.isEmpty()) {
                return new Found(endpoints, missing, reason, serviceReasons, notes, "");
            }
            if (missing.size() <= 1) {
                return new Unavailable(missing.isEmpty() ? reason : missing.values().iterator().next(), notes, "");
            }
            List<String> why = new ArrayList<>();
            for (Map.Entry<String, String> service : missing.entrySet()) {
                why.add(service.getKey() + ": " + service.getValue());
            }
            return new Unavailable(reason + "; " + String.join("; ", why), notes, "");
        }
    }

    /** Return a result of the same kind with these notes and next step. */
    private static ProviderResult copy(ProviderResult result, List<String> notes, String nextStep) {
        if (result instanceof Found found) {
            return new Found(found.endpoints(), found.missing(), found.reason(), found.serviceReasons(), notes,
                    nextStep);
        }
        if (result instanceof Skipped) {
            return new Skipped(result.reason(), notes, nextStep);
        }
        return new Unavailable(result.reason(), notes, nextStep);
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
        for (String note : more) {
            all.add(Objects.requireNonNull(note, "note"));
        }
        return all;
    }

}
