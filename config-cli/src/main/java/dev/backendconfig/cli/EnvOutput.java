package dev.backendconfig.cli;

import dev.backendconfig.api.BackendConfigException;
import dev.backendconfig.api.ServiceEndpoint;
import dev.backendconfig.api.ServiceNotFoundException;
import dev.backendconfig.api.spi.EndpointProvider;
import dev.backendconfig.api.spi.Service;
import dev.backendconfig.toolkit.OutsideText;
import java.io.PrintStream;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * {@code NAME=value} lines for other tools and languages ({@code out=$(backend-config --format=env --export) && eval
 * "$out"}): each service's HTTP and WebSocket URL under the generic name of the variables provider env reads for it
 * ({@link EndpointProvider#urlVariables}: {@code BACKEND_URL} and {@code WEBSOCKET_URL} for the backend,
 * {@code AUTH_URL} and {@code AUTH_WEBSOCKET_URL} for {@code auth}), the backend first and {@code BACKEND_SOURCE} after
 * it, and for each service whether the provider vouches for it: {@code BACKEND_CONFIRMED}, {@code AUTH_CONFIRMED} (the
 * URL variable's name, {@code _URL} replaced by {@code _CONFIRMED}), {@code false} for an endpoint the provider could
 * only guess (a port predicted from a compose file). A service without a WebSocket URL
 * ({@code services.<name>.websocket=false}) has no WebSocket line. Values are the URLs as they are, user info
 * included, since the consumer needs them; they are single-quoted for the shell when they hold anything the shell
 * could alter ({@code ~}, {@code [ ]}, {@code $}, quotes, spaces). With {@code --export} each line begins with
 * {@code export }; with {@code --details} each service's details follow its lines as
 * {@code <SERVICE>_DETAIL_<KEY>=value}, secrets included. Nothing is printed when nothing was found.
 */
final class EnvOutput implements Output {

    /** Characters no shell gives a meaning to in a word (no ~, no glob brackets, no $, no quotes). */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:@%+=,-]+");
    /** What a detail's key may not keep in a variable name. */
    private static final Pattern NOT_IN_A_NAME = Pattern.compile("[^A-Z0-9_]");

    private final List<EndpointProvider> providers;
    private final String prefix;
    private final boolean details;

    EnvOutput(List<EndpointProvider> providers, boolean export, boolean details) {
        this.providers = providers.stream().sorted(Comparator.comparingInt(EndpointProvider::priority).reversed()).toList();
        this.prefix = export ? "export " : "";
        this.details = details;
    }

    @Override
    public void found(Answer answer, PrintStream out) {
        for (ServiceEndpoint endpoint : answer.resolution().services().values()) {
            Service service = new Service(endpoint.service(), true);
            String url = generic(service, EndpointProvider::urlVariables);
            line(out, url, endpoint.http().toString());
            endpoint.findWebSocket().ifPresent(webSocket -> line(out, generic(service,
                    EndpointProvider::webSocketVariables), webSocket.toString()));
            if (service.isBackend()) {
                line(out, "BACKEND_SOURCE", endpoint.source());
            }
            line(out, (url.endsWith("_URL") ? url.substring(0, url.length() - 4) : url) + "_CONFIRMED",
                    Boolean.toString(endpoint.unconfirmed().isEmpty()));
            if (details) {
                printDetails(out, service, endpoint);
            }
        }
    }

    @Override
    public void notFound(ServiceNotFoundException failure, ProjectRoot project, PrintStream out) {
        // nothing to export; the report goes to stderr
    }

    @Override
    public void stopped(BackendConfigException failure, ProjectRoot project, PrintStream out) {
        // nothing to export; the report goes to stderr
    }

    private void line(PrintStream out, String name, String value) {
        out.println(prefix + name + "=" + quote(value));
    }

    /**
     * Print each detail of a service as {@code <SERVICE>_DETAIL_<KEY>}, the key upper-cased and every character a name
     * cannot hold written {@code _} ({@code auth-url} of the backend is {@code BACKEND_DETAIL_AUTH_URL}). Of two keys
     * that become one name, the first keeps it and the other is named in a comment line, so that no line silently
     * replaces another.
     */
    void printDetails(PrintStream out, Service service, ServiceEndpoint endpoint) {
        String servicePart = service.name().toUpperCase(Locale.ROOT).replace('-', '_');
        Map<String, String> printed = new LinkedHashMap<>();
        for (Map.Entry<String, String> detail : endpoint.details().entrySet()) {
            String name = servicePart + "_DETAIL_" + NOT_IN_A_NAME.matcher(detail.getKey().toUpperCase(Locale.ROOT))
                    .replaceAll("_");
            String first = printed.putIfAbsent(name, detail.getKey());
            if (first == null) {
                line(out, name, detail.getValue());
            } else {
                out.println("# " + name + " is detail " + OutsideText.oneLine(first) + "; detail "
                        + OutsideText.oneLine(detail.getKey()) + " has the same name and is left out");
            }
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

    /** Return a value the shell reads back as exactly itself. */
    static String quote(String value) {
        if (PLAIN.matcher(value).matches()) {
            return value;
        }
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
