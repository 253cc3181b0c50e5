package dev.backendconfig.maven;

import dev.backendconfig.api.Resolution;
import dev.backendconfig.api.ServiceEndpoint;
import dev.backendconfig.toolkit.Secrets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The URLs {@code start} and {@code wait} put into the project's properties, named as the settings provider env reads
 * first ({@code backendconfig.url}, {@code backendconfig.services.auth.url}, ...): handed to a test fork as system
 * properties, they make its resolution take exactly these URLs instead of resolving anew.
 */
final class ExportedProperties {

    /** The prefix of every exported property, that of the library's system property settings. */
    static final String PREFIX = "backendconfig.";

    private ExportedProperties() {
    }

    /** Return the properties of a resolution: the backend's, then each other service found. */
    static Map<String, String> of(Resolution resolution) {
        Map<String, String> properties = new LinkedHashMap<>();
        Readiness.endpoints(resolution).forEach((name, endpoint) -> {
            String prefix = name.equals("backend") ? PREFIX : PREFIX + "services." + name + ".";
            properties.put(prefix + "url", endpoint.http().toString());
            // a service without a WebSocket URL (services.<name>.websocket=false) exports none
            endpoint.findWebSocket().ifPresent(url -> properties.put(prefix + "websocket-url", url.toString()));
        });
        return properties;
    }

    /** Return the lines that say what was exported, each URL masked (a URL may carry a password). */
    static String describe(Resolution resolution) {
        StringBuilder text = new StringBuilder("backend-config: exported for the test forks (pass them with"
                + " Failsafe's or Surefire's systemPropertyVariables):");
        Readiness.endpoints(resolution).forEach((name, endpoint) -> {
            String prefix = name.equals("backend") ? PREFIX : PREFIX + "services." + name + ".";
            text.append('\n').append("  ").append(prefix).append("url=").append(masked(endpoint));
            endpoint.findWebSocket().ifPresent(url -> text.append('\n').append("  ").append(prefix)
                    .append("websocket-url=").append(Secrets.mask(url)));
        });
        return text.toString();
    }

    private static String masked(ServiceEndpoint endpoint) {
        return Secrets.mask(endpoint.http());
    }
}
