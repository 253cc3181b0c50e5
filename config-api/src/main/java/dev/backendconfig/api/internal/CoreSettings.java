package dev.backendconfig.api.internal;

import dev.backendconfig.api.ProbeKind;
import dev.backendconfig.api.spi.EndpointProvider;
import dev.backendconfig.api.spi.ServiceSetting;
import dev.backendconfig.api.spi.Setting;
import dev.backendconfig.api.spi.SettingsOwner;
import java.time.Duration;
import java.util.List;

/**
 * The settings of the resolver itself; every provider declares its own through
 * {@link EndpointProvider#settings()}, and a module that is not a provider (the JUnit extension) through
 * {@link SettingsOwner#settings()}.
 */
public final class CoreSettings {

    /** Provider ids in the order to ask them; providers not named are left out. */
    public static final Setting<List<String>> PROVIDERS = Setting.list("providers", null,
            "Provider ids in the order to ask them, for example env,staging; providers not named are not asked."
                    + " Unset: every provider on the classpath, highest priority first.");

    /** The whole resolution's time budget. */
    public static final Setting<Duration> TIMEOUT = Setting.duration("timeout", "90s",
            "Time budget for the whole resolution; a provider still busy when it runs out is interrupted and reported.");

    /** How a candidate endpoint is checked before it is accepted, by the providers that check candidates. */
    public static final Setting<ProbeKind> PROBE = Setting.choice("probe", List.of(ProbeKind.values()), ProbeKind.TCP,
            "How a provider checks a candidate it cannot vouch for (such as a container without a healthcheck,"
                    + " or a port predicted from a compose file): none, tcp (connect and read), http (GET"
                    + " probe.http-path) or websocket (handshake).");

    /** The time one probe may take. */
    public static final Setting<Duration> PROBE_TIMEOUT = Setting.duration("probe.timeout", "2s",
            "Time one probe may take (never more than what is left of timeout).");

    /** The path the HTTP probe asks for. */
    public static final Setting<String> PROBE_HTTP_PATH = Setting.text("probe.http-path", "/",
            "Path the http probe GETs; any answer below 500 counts as ready.");

    /** The services resolved beside the backend. */
    public static final Setting<List<String>> SERVICES = Setting.list("services", null,
            "Services to resolve beside the backend, from the same provider, for example auth,frontend. Each has its"
                    + " own keys services.<name>.<key>.");

    /** Whether a declared service must be found. */
    public static final ServiceSetting<Boolean> REQUIRED = ServiceSetting.flag("required", null, true,
            "Whether resolution needs this service; an optional one may be missing, and the report says so. The"
                    + " backend is always required.");

    /**
     * Whether the goals of backend-config-maven-plugin do nothing ({@code mvn verify -Dbackendconfig.skip}). Declared
     * here, not by the plugin, because Surefire and Failsafe hand the build's {@code -D} properties to the test JVMs,
     * whose resolution must know the key; the library itself does not read it.
     */
    public static final Setting<Boolean> SKIP = Setting.flag("skip", false,
            "Skip the goals of backend-config-maven-plugin (mvn verify -Dbackendconfig.skip); resolution ignores it.");

    /** Whether a declared service has a WebSocket endpoint. */
    public static final ServiceSetting<Boolean> WEBSOCKET = ServiceSetting.flag("websocket", null, true,
            "Whether the service has a WebSocket endpoint; false: its endpoint has no WebSocket URL, neither given"
                    + " nor derived, whatever the provider. The backend always has one.");

    /** Every core setting, in the order of docs/settings.md. */
    public static final List<Setting<?>> ALL = List.of(PROVIDERS, TIMEOUT, PROBE, PROBE_TIMEOUT, PROBE_HTTP_PATH,
            SERVICES, SKIP);

    /** Every core per-service setting. */
    public static final List<ServiceSetting<?>> SERVICE_SETTINGS = List.of(REQUIRED, WEBSOCKET);

    private CoreSettings() {
    }
}
