package dev.backendconfig.api.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.apiguardian.api.API.Status.STABLE;

import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/**
 * A source that may know where the services are — the backend and the others of its environment: variables, a Docker
 * engine, a staging file, or your own.
 *
 * <p>The resolver asks providers in order of {@link #priority()}, highest first, and stops at the first that
 * answers {@link ProviderResult.Found found}. The built-in ladder:
 *
 * <pre>
 *   env      300   variables and system properties
 *   docker   200   the port a running compose service really publishes
 *   staging  100   the staging dotenv file, as a last resort
 * </pre>
 *
 * A custom provider with priority 350 is asked before {@code env}; with 250, between {@code env} and
 * {@code docker}. The setting {@code providers} overrides the order and can leave providers out.
 *
 * <p>To register one, put its class name in a file
 * {@code META-INF/services/dev.backendconfig.api.spi.EndpointProvider} on the test classpath
 * (usually {@code src/test/resources}). It needs a public no-argument constructor. Read everything from the
 * {@link ResolutionContext}, never from {@code System.getenv()} directly, so that it can be tested with a map. Its
 * {@link #id()} and the {@link #settings()} it reads are declared as every {@link SettingsOwner} declares them.
 */
@API(status = STABLE, since = "1.0")
public interface EndpointProvider extends SettingsOwner {

    /** Return the priority; higher is asked first (env 300, docker 200, staging 100). */
    int priority();

    /**
     * Resolve the endpoints of {@link ResolutionContext#services()} from this provider's source.
     *
     * <p>Return {@link ProviderResult#skipped skipped} when nothing is configured for this provider,
     * {@link ProviderResult#unavailable unavailable} when it is configured but unusable now, and
     * {@link ProviderResult#found found} with the endpoints found, each with source {@link #id()}: one environment,
     * so a provider answers for every service or reports what it lacked
     * ({@link ProviderResult#services()}), and the next provider is asked. A provider that only knows the
     * backend returns {@link ProviderResult#found(dev.backendconfig.api.ServiceEndpoint, String) found(endpoint,
     * reason)}; when other services are required, the resolver reports it as partial. Finish within
     * {@link ResolutionContext#remaining()}, and stop when the thread is interrupted.
     *
     * @throws dev.backendconfig.toolkit.InvalidInputException when explicit configuration is wrong; the resolver stops
     *     there and reports it with the report so far
     */
    ProviderResult resolve(ResolutionContext context);

    /**
     * Return the settings this provider reads once per service ({@code services.<name>.<suffix>}), so that each
     * declared service's keys are known. A provider that finds only the backend needs none.
     */
    default List<ServiceSetting<?>> serviceSettings() {
        return List.of();
    }

    /**
     * Return the variables this provider reads for a service's HTTP URL unless settings name others, most specific
     * first, the generic name last: provider env gives {@code TEST_AUTH_URL, AUTH_URL} for {@code auth}. The resolver
     * refuses to declare a service that would read another's variables, and {@code explain --format=env} writes each
     * URL under the generic name. A provider that reads no variables returns none (the default).
     */
    default List<String> urlVariables(Service service) {
        return List.of();
    }

    /**
     * Return the variables this provider reads for a service's WebSocket URL unless settings name others, as
     * {@link #urlVariables(Service)} does: {@code TEST_AUTH_WEBSOCKET_URL, AUTH_WEBSOCKET_URL} for {@code auth}.
     */
    default List<String> webSocketVariables(Service service) {
        return List.of();
    }

    /**
     * Return every name this provider reads for a service by its convention — the variables of
     * {@link #urlVariables(Service)} and {@link #webSocketVariables(Service)}, and any other name that holds something
     * of that service (provider staging reads {@code STAGING_API_URL} into the backend's details). The resolver
     * refuses to declare a service whose names, by any loaded provider's convention, are another service's: with
     * provider staging, {@code services=base} would read the backend's {@code STAGING_BASE_URL}. The default is the
     * URL and WebSocket variables.
     */
    @API(status = EXPERIMENTAL, since = "1.0")
    default List<String> namesOf(Service service) {
        List<String> names = new ArrayList<>(urlVariables(service));
        names.addAll(webSocketVariables(service));
        return names;
    }

    /** Return what a user can do so that this provider finds the backend, for the "nothing found" message. */
    default String hint() {
        return "";
    }
}
