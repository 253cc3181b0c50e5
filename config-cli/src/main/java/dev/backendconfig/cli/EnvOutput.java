package dev.backendconfig.cli;

import dev.backendconfig.api.Resolution;
import dev.backendconfig.api.ResolutionReport;
import dev.backendconfig.api.ServiceEndpoint;
import dev.backendconfig.api.ServiceNotFoundException;
import dev.backendconfig.api.spi.EndpointProvider;
import dev.backendconfig.api.spi.ProbeResult;
import dev.backendconfig.api.spi.Service;
import java.io.PrintStream;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * {@code NAME=value} lines for other tools and languages ({@code eval "$(java -jar backend-config.jar --format=env)"}):
 * each service's HTTP and WebSocket URL under the generic name of the variables provider env reads for it
 * ({@link EndpointProvider#urlVariables}: {@code BACKEND_URL} and {@code WEBSOCKET_URL} for the backend,
 * {@code AUTH_URL} and {@code AUTH_WEBSOCKET_URL} for {@code auth}), the backend first and {@code BACKEND_SOURCE} after
 * it, and for each service whether the provider vouches for it: {@code BACKEND_CONFIRMED}, {@code AUTH_CONFIRMED} (the
 * URL variable's name, {@code _URL} replaced by {@code _CONFIRMED}), {@code false} for an endpoint the provider could
 * only guess (a port predicted from a compose file). A service without a WebSocket URL
 * ({@code services.<name>.websocket=false}) has no WebSocket line. Values are the URLs as they are, user info
 * included, since the consumer needs them; they are single-quoted for the shell when they hold anything the shell
 * could alter ({@code ~}, {@code [ ]}, {@code $}, quotes, spaces). Nothing is printed when nothing was found.
 */
final class EnvOutput implements Output {

    /** Characters no shell gives a meaning to in a word (no ~, no glob brackets, no $, no quotes). */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:@%+=,-]+");

    private final List<EndpointProvider> providers;

    EnvOutput(List<EndpointProvider> providers) {
        this.providers = providers.stream().sorted(Comparator.comparingInt(EndpointProvider::priority).reversed()).toList();
    }

    @Override
    public void found(Resolution resolution, Optional<ProbeResult> probe, PrintStream out) {
        for (ServiceEndpoint endpoint : resolution.services().values()) {
            Service service = new Service(endpoint.service(), true);
            String url = generic(service, EndpointProvider::urlVariables);
            out.println(url + "=" + quote(endpoint.http().toString()));
            endpoint.findWebSocket().ifPresent(webSocket -> out.println(generic(service,
                    EndpointProvider::webSocketVariables) + "=" + quote(webSocket.toString())));
            if (service.isBackend()) {
                out.println("BACKEND_SOURCE=" + quote(endpoint.source()));
            }
            out.println((url.endsWith("_URL") ? url.substring(0, url.length() - 4) : url) + "_CONFIRMED="
                    + endpoint.confirmed());
        }
    }

    /** Return the generic name of a service's variables: the last the highest provider that reads any names. */
    private String generic(Service service, BiFunction<EndpointProvider, Service, List<String>> variables) {
        for (EndpointProvider provider : providers) {
            List<String> names = variables.apply(provider, service);
            if (names != null && !names.isEmpty()) {
                return names.get(names.size() - 1);
            }
        }
        throw new IllegalStateException("no provider on the class path names the variables of service "
                + service.name() + " (provider env, of config-env, does)");
    }

    @Override
    public void notFound(ServiceNotFoundException failure, PrintStream out) {
        // nothing to export; the error line on stderr says why
    }

    @Override
    public void partial(ResolutionReport report, PrintStream out) {
        // nothing to export
    }

    /** Return a value the shell reads back as exactly itself. */
    static String quote(String value) {
        if (PLAIN.matcher(value).matches()) {
            return value;
        }
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
