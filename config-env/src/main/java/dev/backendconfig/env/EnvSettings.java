package dev.backendconfig.env;

import dev.backendconfig.api.spi.ServiceSetting;
import dev.backendconfig.api.spi.Setting;
import java.util.List;

/** The settings provider env declares and reads. */
final class EnvSettings {

    /** An HTTP URL that beats every variable. */
    static final Setting<String> URL = Setting.text("url", null,
            "The backend's HTTP URL, taken by provider env before any variable (usually -Dbackendconfig.url=...).");

    /** A WebSocket URL that beats every WebSocket variable. */
    static final Setting<String> WEBSOCKET_URL = Setting.text("websocket-url", null,
            "The backend's WebSocket URL, taken by provider env before any WebSocket variable.");

    /** The variables provider env reads for the HTTP URL. */
    static final Setting<List<String>> URL_VARIABLES = Setting.list("env.url-variables",
            "TEST_BACKEND_URL,BACKEND_URL",
            "Variables provider env reads for the HTTP URL, first set wins; add E2E_BACKEND_URL and the like here.");

    /** The variables provider env reads for the WebSocket URL. */
    static final Setting<List<String>> WEBSOCKET_VARIABLES = Setting.list("env.websocket-variables",
            "TEST_WEBSOCKET_URL,WEBSOCKET_URL",
            "Variables provider env reads for the WebSocket URL, first set wins; unset: derived from the HTTP URL.");

    /** The variables provider env reads for each service's HTTP URL ({@code env.url-variables} for the backend). */
    static final ServiceSetting<List<String>> SERVICE_URL_VARIABLES = ServiceSetting.list("url-variables",
            URL_VARIABLES, "TEST_<NAME>_URL,<NAME>_URL",
            "Variables provider env reads for the service's HTTP URL, first set wins; add AUTH_SERVICE_URL and the"
                    + " like here.");

    /** The variables provider env reads for each service's WebSocket URL. */
    static final ServiceSetting<List<String>> SERVICE_WEBSOCKET_VARIABLES = ServiceSetting.list("websocket-variables",
            WEBSOCKET_VARIABLES, "TEST_<NAME>_WEBSOCKET_URL,<NAME>_WEBSOCKET_URL",
            "Variables provider env reads for the service's WebSocket URL; unset: derived from its HTTP URL.");

    /**
     * A service's HTTP URL that beats every variable of the service ({@code url} for the backend): what the Maven
     * plugin's {@code start} hands its test forks as {@code -Dbackendconfig.services.<name>.url=...}.
     */
    static final ServiceSetting<String> SERVICE_URL = ServiceSetting.text("url", URL,
            "The service's HTTP URL, taken by provider env before any variable (usually"
                    + " -Dbackendconfig.services.<name>.url=...).");

    /** A service's WebSocket URL that beats every WebSocket variable of the service ({@code websocket-url} for the backend). */
    static final ServiceSetting<String> SERVICE_WEBSOCKET_URL = ServiceSetting.text("websocket-url", WEBSOCKET_URL,
            "The service's WebSocket URL, taken by provider env before any WebSocket variable of the service.");

    /** Every per-service setting of provider env. */
    static final List<ServiceSetting<?>> SERVICE_SETTINGS = List.of(SERVICE_URL, SERVICE_WEBSOCKET_URL,
            SERVICE_URL_VARIABLES, SERVICE_WEBSOCKET_VARIABLES);

    /** Every setting of provider env, in README order. */
    static final List<Setting<?>> ALL = List.of(URL, WEBSOCKET_URL, URL_VARIABLES, WEBSOCKET_VARIABLES);

    private EnvSettings() {
    }
}
