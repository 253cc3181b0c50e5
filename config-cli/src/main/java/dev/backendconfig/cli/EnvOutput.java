package dev.backendconfig.cli;

import dev.backendconfig.api.BackendEndpoint;
import dev.backendconfig.api.BackendNotFoundException;
import dev.backendconfig.api.Resolution;
import dev.backendconfig.api.ResolutionReport;
import dev.backendconfig.api.spi.ProbeResult;
import dev.backendconfig.api.spi.Service;
import java.io.PrintStream;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code NAME=value} lines for other tools and languages ({@code eval "$(java -jar backend-config.jar --format=env)"}):
 * {@code BACKEND_URL}, {@code WEBSOCKET_URL}, {@code BACKEND_SOURCE} and {@code BACKEND_CONFIRMED}, then
 * {@code <NAME>_URL}, {@code <NAME>_WEBSOCKET_URL} and {@code <NAME>_CONFIRMED} for every other service found
 * ({@code AUTH_URL}, {@code AUTH_WEBSOCKET_URL}, {@code AUTH_CONFIRMED}). {@code ..._CONFIRMED} is {@code false}
 * for an endpoint the provider could only guess (a port predicted from a compose file); a service without a WebSocket
 * URL ({@code services.<name>.websocket=false}) has no {@code ..._WEBSOCKET_URL} line.
 * Values are the URLs as they are, user info included, since the consumer needs them; they are single-quoted for
 * the shell when they hold anything the shell could alter ({@code ~}, {@code [ ]}, {@code $}, quotes, spaces). Nothing is printed when nothing was found.
 */
final class EnvOutput implements Output {

    /** Characters no shell gives a meaning to in a word (no ~, no glob brackets, no $, no quotes). */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:@%+=,-]+");

    @Override
    public void found(Resolution resolution, Optional<ProbeResult> probe, PrintStream out) {
        BackendEndpoint backend = resolution.endpoint();
        out.println("BACKEND_URL=" + quote(backend.http().toString()));
        backend.findWebSocket().ifPresent(webSocket -> out.println("WEBSOCKET_URL=" + quote(webSocket.toString())));
        out.println("BACKEND_SOURCE=" + quote(backend.source()));
        out.println("BACKEND_CONFIRMED=" + backend.confirmed());
        for (BackendEndpoint endpoint : resolution.services().values()) {
            if (!endpoint.service().equals(Service.BACKEND)) {
                String name = new Service(endpoint.service(), true).variableName();
                out.println(name + "_URL=" + quote(endpoint.http().toString()));
                endpoint.findWebSocket().ifPresent(webSocket -> out.println(name + "_WEBSOCKET_URL="
                        + quote(webSocket.toString())));
                out.println(name + "_CONFIRMED=" + endpoint.confirmed());
            }
        }
    }

    @Override
    public void notFound(BackendNotFoundException failure, PrintStream out) {
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
