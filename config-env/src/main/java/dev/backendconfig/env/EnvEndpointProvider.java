package dev.backendconfig.env;

import dev.backendconfig.api.BackendEndpoint;
import dev.backendconfig.api.spi.BackendEndpointProvider;
import dev.backendconfig.api.spi.OutsideText;
import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.api.spi.Setting;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Provider {@code env}: the backend named by a variable or a system property.
 *
 * <p>The HTTP URL comes from setting {@code url} (usually {@code -Dbackendconfig.url=...}), else the first set
 * variable of setting {@code env.url-variables} (default {@code TEST_BACKEND_URL,BACKEND_URL}); the WebSocket URL
 * likewise from {@code websocket-url} and {@code env.websocket-variables} (default
 * {@code TEST_WEBSOCKET_URL,WEBSOCKET_URL}). Without a WebSocket URL it is derived from the HTTP one; with only
 * a WebSocket URL, the HTTP URL is its origin. When two variables are set and differ, the first wins and the
 * report and a WARN say so. An empty or blank value counts as unset; a malformed one is an error.
 */
public final class EnvEndpointProvider implements BackendEndpointProvider {

    /** The provider's id. */
    public static final String ID = "env";
    /** The provider's priority: asked before docker (200) and staging (100). */
    public static final int PRIORITY = 300;

    private static final Logger LOG = LoggerFactory.getLogger(EnvEndpointProvider.class);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public ProviderResult resolve(ResolutionContext context) {
        List<String> urlVariables = context.settings().get(EnvSettings.URL_VARIABLES);
        List<String> webSocketVariables = context.settings().get(EnvSettings.WEBSOCKET_VARIABLES);
        VariableChoice http = VariableChoice.http(context, EnvSettings.URL, urlVariables);
        VariableChoice webSocket = VariableChoice.webSocket(context, EnvSettings.WEBSOCKET_URL, webSocketVariables);
        if (http.isEmpty() && webSocket.isEmpty()) {
            List<String> names = new ArrayList<>(urlVariables);
            names.addAll(webSocketVariables);
            return ProviderResult.skipped("none of " + String.join(", ", names) + " is set");
        }
        BackendEndpoint.Builder endpoint = BackendEndpoint.builder(ID);
        http.applyHttp(endpoint);
        webSocket.applyWebSocket(endpoint);
        ProviderResult result = ProviderResult.found(endpoint.build(), reason(http, webSocket));
        for (VariableChoice choice : List.of(http, webSocket)) {
            choice.conflicts().forEach(conflict -> LOG.warn("{}", OutsideText.oneLine(conflict)));
            for (String note : choice.notes()) {
                result = result.withNote(note);
            }
        }
        return result;
    }

    @Override
    public List<Setting<?>> settings() {
        return EnvSettings.ALL;
    }

    @Override
    public String hint() {
        return "set TEST_BACKEND_URL (or another variable of setting env.url-variables) to the backend's URL, for"
                + " example TEST_BACKEND_URL=http://localhost:8002, or run with -Dbackendconfig.url=http://host:port";
    }

    private static String reason(VariableChoice http, VariableChoice webSocket) {
        if (webSocket.isEmpty()) {
            return http.describe() + " is set; WebSocket URL derived from it";
        }
        if (http.isEmpty()) {
            return webSocket.describe() + " is set; HTTP URL is its origin";
        }
        return http.describe() + " and " + webSocket.describe() + " are set";
    }
}
