package dev.backendconfig.staging;

import dev.backendconfig.api.spi.ServiceSetting;
import dev.backendconfig.api.spi.Setting;
import java.util.List;

/** The settings provider staging declares and reads. */
final class StagingSettings {

    /** Whether provider staging may answer at all. */
    static final Setting<Boolean> ENABLED = Setting.flag("staging.enabled", true,
            "Whether provider staging may answer; false turns the shared staging fallback off.");

    /** The staging dotenv file. */
    static final Setting<String> ENV_FILE = Setting.text("staging.env-file", null,
            "Staging dotenv file. Unset: .env.staging.e2e in the working directory or a parent, up to the"
                    + " repository root.");

    /** The staging file's variables for the HTTP URL. */
    static final Setting<List<String>> URL_VARIABLES = Setting.list("staging.url-variables",
            "STAGING_BASE_URL,STAGING_BACKEND_URL,BACKEND_STAGING_URL",
            "Variables of the staging file for the HTTP URL, first set wins.");

    /** The staging file's variables for the WebSocket URL. */
    static final Setting<List<String>> WEBSOCKET_VARIABLES = Setting.list("staging.websocket-variables",
            "STAGING_WEBSOCKET_URL", "Variables of the staging file for the WebSocket URL; unset: derived from the"
                    + " HTTP URL.");

    /** The staging file's variables for each service's HTTP URL ({@code staging.url-variables} for the backend). */
    static final ServiceSetting<List<String>> SERVICE_URL_VARIABLES = ServiceSetting.list("staging.url-variables",
            URL_VARIABLES, "STAGING_<NAME>_URL", "Variables of the staging file for the service's HTTP URL, first set"
                    + " wins.");

    /** The staging file's variables for each service's WebSocket URL. */
    static final ServiceSetting<List<String>> SERVICE_WEBSOCKET_VARIABLES = ServiceSetting.list(
            "staging.websocket-variables", WEBSOCKET_VARIABLES, "STAGING_<NAME>_WEBSOCKET_URL",
            "Variables of the staging file for the service's WebSocket URL; unset: derived from its HTTP URL.");

    /** Every per-service setting of provider staging. */
    static final List<ServiceSetting<?>> SERVICE_SETTINGS = List.of(SERVICE_URL_VARIABLES,
            SERVICE_WEBSOCKET_VARIABLES);

    /** Every setting of provider staging, in the order of docs/settings.md. */
    static final List<Setting<?>> ALL = List.of(ENABLED, ENV_FILE, URL_VARIABLES, WEBSOCKET_VARIABLES);

    private StagingSettings() {
    }
}
