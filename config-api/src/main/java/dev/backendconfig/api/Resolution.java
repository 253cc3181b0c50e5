package dev.backendconfig.api;

import static org.apiguardian.api.API.Status.STABLE;

import dev.backendconfig.api.spi.Service;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.apiguardian.api.API;

/**
 * A resolution that found every required service: the backend's endpoint, every other service found with it (from the
 * same provider), and the report explaining them.
 */
@API(status = STABLE, since = "1.0")
public final class Resolution implements ResolutionOutcome {

    private final ServiceEndpoint endpoint;
    private final ResolutionReport report;
    private final List<Service> declared;

    Resolution(ServiceEndpoint endpoint, ResolutionReport report, List<Service> declared) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.report = Objects.requireNonNull(report, "report");
        this.declared = List.copyOf(declared);
    }

    /** Return where the backend is. */
    public ServiceEndpoint endpoint() {
        return endpoint;
    }

    /** Return why: one line per provider. */
    @Override
    public ResolutionReport report() {
        return report;
    }

    /** Return the services the resolution was asked for, the backend first. */
    public List<Service> declared() {
        return declared;
    }

    /** Return every endpoint found, by service name, the backend first. */
    public Map<String, ServiceEndpoint> services() {
        return report.services().isEmpty() ? Map.of(Service.BACKEND, endpoint) : report.services();
    }

    /**
     * Return a service's endpoint.
     *
     * @throws IllegalArgumentException when no service of that name is declared (the message lists those that are)
     * @throws IllegalStateException when the service is optional and was not found (the message says why)
     */
    public ServiceEndpoint service(String name) {
        return findService(name).orElseThrow(() -> new IllegalStateException("service " + name + " is optional and"
                + " was not found by " + endpoint.source() + ", which found the backend; the report says why:\n"
                + report.render()));
    }

    /**
     * Return a service's endpoint; empty when the service is optional and was not found.
     *
     * @throws IllegalArgumentException when no service of that name is declared (the message lists those that are)
     */
    public Optional<ServiceEndpoint> findService(String name) {
        if (!isDeclared(name)) {
            throw new IllegalArgumentException("no service '" + name + "' is declared; declared services are "
                    + String.join(", ", declared.stream().map(Service::name).toList())
                    + " (declare more with setting services, for example services=auth,frontend)");
        }
        return Optional.ofNullable(services().get(name));
    }

    /** Tell whether setting {@code services} declares a service of that name (the backend always is). */
    public boolean isDeclared(String name) {
        return declared.stream().anyMatch(service -> service.name().equals(name));
    }



}
