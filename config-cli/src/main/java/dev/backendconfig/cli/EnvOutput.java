package dev.backendconfig.cli;

import dev.backendconfig.api.BackendConfigException;
import dev.backendconfig.api.ServiceEndpoint;
import dev.backendconfig.api.ServiceNotFoundException;
import dev.backendconfig.api.spi.EndpointProvider;
import dev.backendconfig.api.spi.Service;
import dev.backendconfig.toolkit.OutsideText;
import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

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

    /**
     * Characters no shell gives a meaning to in a word (no ~, no glob brackets, no $, no quotes), besides letters and
     * digits. This class scans for them and for a name's characters rather than using regular expressions: it prints
     * every line of a command's answer, and compiling patterns was a cost of the command's start.
     */
    private static final String PLAIN_PUNCTUATION = "_./:@%+=,-";

    private final List<EndpointProvider> providers;
    private final String prefix;
    private final boolean details;

    EnvOutput(List<EndpointProvider> providers, boolean export, boolean details) {
        List<EndpointProvider> sorted = new ArrayList<>(providers);
        sorted.sort(new Comparator<EndpointProvider>() { // highest first; a stable sort keeps ties in their order
            @Override
            public int compare(EndpointProvider one, EndpointProvider other) {
                return Integer.compare(other.priority(), one.priority());
            }
        });
        this.providers = List.copyOf(sorted);
        this.prefix = export ? "export " : "";
        this.details = details;
    }

    @Override
    public void found(Answer answer, PrintStream out) {
        for (ServiceEndpoint endpoint : answer.resolution().services().values()) {
            Service service = new Service(endpoint.service(), true);
            String url = generic(service, false);
            line(out, url, endpoint.http().toString());
            Optional<URI> webSocket = endpoint.findWebSocket();
            if (webSocket.isPresent()) {
                line(out, generic(service, true), webSocket.get().toString());
            }
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
            String name = servicePart + "_DETAIL_" + nameOf(detail.getKey().toUpperCase(Locale.ROOT));
            String first = printed.putIfAbsent(name, detail.getKey());
            if (first == null) {
                line(out, name, detail.getValue());
            } else {
                out.println("# " + name + " is detail " + OutsideText.oneLine(first) + "; detail "
                        + OutsideText.oneLine(detail.getKey()) + " has the same name and is left out");
            }
        }
    }

    /**
     * Return the generic name of a service's URL variables (its WebSocket variables when {@code webSocket}): the last
     * the highest provider that reads any names. (A flag, not a method reference: the command's first and only call.)
     */
    private String generic(Service service, boolean webSocket) {
        for (EndpointProvider provider : providers) {
            List<String> names = webSocket ? provider.webSocketVariables(service) : provider.urlVariables(service);
            if (names != null && !names.isEmpty()) {
                return names.get(names.size() - 1);
            }
        }
        throw new IllegalStateException("no provider on the class path names the variables of service "
                + service.name() + " (provider env, of config-env, does)");
    }

    /** Return {@code upperCase} with every character (code point) other than A-Z, 0-9 and _ written {@code _}. */
    private static String nameOf(String upperCase) {
        StringBuilder name = new StringBuilder(upperCase.length());
        for (int i = 0; i < upperCase.length(); i += Character.charCount(upperCase.codePointAt(i))) {
            int c = upperCase.codePointAt(i);
            name.append(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' ? (char) c : '_');
        }
        return name.toString();
    }

    /** Return a value the shell reads back as exactly itself. */
    static String quote(String value) {
        if (plain(value)) {
            return value;
        }
        return "'" + value.replace("'", "'\\''") + "'";
    }

    /** Tell whether a value is one or more of A-Z, a-z, 0-9 and {@link #PLAIN_PUNCTUATION}. */
    private static boolean plain(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                    || PLAIN_PUNCTUATION.indexOf(c) >= 0)) {
                return false;
            }
        }
        return !value.isEmpty();
    }
}
