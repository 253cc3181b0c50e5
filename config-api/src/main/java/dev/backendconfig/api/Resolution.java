package dev.backendconfig.api;

import dev.backendconfig.api.spi.Service;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of a successful resolution: the backend's endpoint, every other service found with it (from the same
 * provider), and the report explaining them.
 *
 * @param endpoint where the backend is
 * @param report why: one line per provider
 * @param declared the services the resolution was asked for, the backend first
 */
public record Resolution(BackendEndpoint endpoint, ResolutionReport report, List<Service> declared) {

    public Resolution {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(report, "report");
        declared = List.copyOf(declared);
    }

    /** Create the resolution of the backend alone. */
    public Resolution(BackendEndpoint endpoint, ResolutionReport report) {
        this(endpoint, report, List.of(Service.backend()));
    }

    /** Return every endpoint found, by service name, the backend first. */
    public Map<String, BackendEndpoint> services() {
        return report.services().isEmpty() ? Map.of(Service.BACKEND, endpoint) : report.services();
    }

    /**
     * Return a service's endpoint.
     *
     * @throws IllegalArgumentException when no service of that name is declared (the message lists those that are)
     * @throws IllegalStateException when the service is optional and was not found (the message says why)
     */
    public BackendEndpoint service(String name) {
        return findService(name).orElseThrow(() -> new IllegalStateException("service " + name + " is optional and"
                + " was not found by " + endpoint.source() + ", which found the backend; the report says why:\n"
                + report.render()));
    }

    /**
     * Return a service's endpoint; empty when the service is optional and was not found.
     *
     * @throws IllegalArgumentException when no service of that name is declared (the message lists those that are)
     */
    public Optional<BackendEndpoint> findService(String name) {
        if (declared.stream().noneMatch(service -> service.name().equals(name))) {
            throw new IllegalArgumentException("no service '" + name + "' is declared; declared services are "
                    + String.join(", ", declared.stream().map(Service::name).toList())
                    + " (declare more with setting services, for example services=auth,frontend)");
        }
        return Optional.ofNullable(services().get(name));
    }
}
