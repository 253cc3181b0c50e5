package dev.backendconfig.api.spi;

import java.util.List;

/**
 * Every setting of the library and its built-in providers, in one place, as the README lists them.
 *
 * <p>They live here, not in each provider module, so that there is one key set: a key of a built-in provider
 * that is not on the classpath is still recognised (and reported as unused) rather than called a typo.
 */
public final class BuiltInSettings {

    /** Provider ids in the order to ask them; providers not named are left out. */
    public static final Setting<List<String>> PROVIDERS = Setting.list("providers", null,
            "Provider ids in the order to ask them, for example env,staging; providers not named are not asked."
                    + " Unset: every provider on the classpath, highest priority first.");

    /** The whole resolution's time budget. */
    public static final Setting<java.time.Duration> TIMEOUT = Setting.duration("timeout", "90s",
            "Time budget for the whole resolution; a provider still busy when it runs out is reported and left.");

    /** An HTTP URL that beats every variable. */
    public static final Setting<String> URL = Setting.text("url", null,
            "The backend's HTTP URL, taken by provider env before any variable (usually -Dbackendconfig.url=...).");

    /** A WebSocket URL that beats every WebSocket variable. */
    public static final Setting<String> WEBSOCKET_URL = Setting.text("websocket-url", null,
            "The backend's WebSocket URL, taken by provider env before any WebSocket variable.");

    /** How a candidate endpoint is checked before it is accepted. */
    public static final Setting<String> PROBE = Setting.choice("probe", "tcp",
            "How provider docker checks a container without a healthcheck, and a port predicted from a compose"
                    + " file: none, tcp (connect and read), http (GET probe.http-path) or websocket (handshake).",
            "none", "tcp", "http", "websocket");

    /** The time one probe may take. */
    public static final Setting<java.time.Duration> PROBE_TIMEOUT = Setting.duration("probe.timeout", "2s",
            "Time one probe may take (never more than what is left of timeout).");

    /** The path the HTTP probe asks for. */
    public static final Setting<String> PROBE_HTTP_PATH = Setting.text("probe.http-path", "/",
            "Path the http probe GETs; any answer below 500 counts as ready.");

    /** The variables provider env reads for the HTTP URL. */
    public static final Setting<List<String>> ENV_URL_VARIABLES = Setting.list("env.url-variables",
            "TEST_BACKEND_URL,BACKEND_URL",
            "Variables provider env reads for the HTTP URL, first set wins; add E2E_BACKEND_URL and the like here.");

    /** The variables provider env reads for the WebSocket URL. */
    public static final Setting<List<String>> ENV_WEBSOCKET_VARIABLES = Setting.list("env.websocket-variables",
            "TEST_WEBSOCKET_URL,WEBSOCKET_URL",
            "Variables provider env reads for the WebSocket URL, first set wins; unset: derived from the HTTP URL.");

    /** The Docker engine to ask. */
    public static final Setting<String> DOCKER_HOST = Setting.text("docker.host", null,
            "Docker engine to ask (unix:///path or tcp://host:port). Unset: found as the docker CLI finds it.");

    /** The compose project the backend runs in. */
    public static final Setting<String> DOCKER_PROJECT = Setting.text("docker.project", null,
            "Compose project of the backend. Unset: COMPOSE_PROJECT_NAME, else any project.");

    /** The compose service that is the backend. */
    public static final Setting<String> DOCKER_SERVICE = Setting.text("docker.service", null,
            "Compose service of the backend. Unset: the one container publishing docker.container-port.");

    /** The port the backend listens on inside its container. */
    public static final Setting<Integer> DOCKER_CONTAINER_PORT = Setting.integer("docker.container-port", 8000,
            1, 65535, "Port the backend listens on inside its container.");

    /** The compose file to predict the port from when the engine cannot be reached. */
    public static final Setting<String> DOCKER_COMPOSE_FILE = Setting.text("docker.compose-file", null,
            "Compose file to predict the port from when the engine cannot be reached. Unset: COMPOSE_FILE, else"
                    + " compose.yaml, compose.yml, docker-compose.yml, docker-compose.yaml here and in parent"
                    + " directories.");

    /** How long to wait while a container's healthcheck says starting. */
    public static final Setting<java.time.Duration> DOCKER_WAIT_HEALTHY = Setting.duration("docker.wait-healthy",
            "60s", "How long to wait while the backend container's healthcheck says starting.");

    /** How long the engine may take to answer. */
    public static final Setting<java.time.Duration> DOCKER_TIMEOUT = Setting.duration("docker.timeout", "1s",
            "How long the Docker engine may take to accept a connection and answer one request.");

    /** Whether provider staging may answer at all. */
    public static final Setting<Boolean> STAGING_ENABLED = Setting.flag("staging.enabled", true,
            "Whether provider staging may answer; false turns the shared staging fallback off.");

    /** The staging dotenv file. */
    public static final Setting<String> STAGING_ENV_FILE = Setting.text("staging.env-file", null,
            "Staging dotenv file. Unset: .env.staging.e2e in the working directory or a parent, up to the"
                    + " repository root.");

    /** The staging file's variables for the HTTP URL. */
    public static final Setting<List<String>> STAGING_URL_VARIABLES = Setting.list("staging.url-variables",
            "STAGING_BASE_URL,STAGING_BACKEND_URL,BACKEND_STAGING_URL",
            "Variables of the staging file for the HTTP URL, first set wins.");

    /** The staging file's variables for the WebSocket URL. */
    public static final Setting<List<String>> STAGING_WEBSOCKET_VARIABLES = Setting.list(
            "staging.websocket-variables", "STAGING_WEBSOCKET_URL",
            "Variables of the staging file for the WebSocket URL; unset: derived from the HTTP URL.");

    /** What the JUnit extension does when no backend is found. */
    public static final Setting<String> JUNIT_ON_MISSING = Setting.choice("junit.on-missing", "fail",
            "What the JUnit extension does when no backend is found: fail the test, or skip (abort) it.",
            "fail", "skip");

    /** Every built-in setting, in README order. */
    public static final List<Setting<?>> ALL = List.of(PROVIDERS, TIMEOUT, URL, WEBSOCKET_URL, PROBE,
            PROBE_TIMEOUT, PROBE_HTTP_PATH, ENV_URL_VARIABLES, ENV_WEBSOCKET_VARIABLES, DOCKER_HOST, DOCKER_PROJECT,
            DOCKER_SERVICE, DOCKER_CONTAINER_PORT, DOCKER_COMPOSE_FILE, DOCKER_WAIT_HEALTHY, DOCKER_TIMEOUT,
            STAGING_ENABLED, STAGING_ENV_FILE, STAGING_URL_VARIABLES, STAGING_WEBSOCKET_VARIABLES, JUNIT_ON_MISSING);

    /** The ids of the built-in providers, whose settings are known even when the provider is not loaded. */
    public static final List<String> BUILT_IN_PROVIDERS = List.of("env", "docker", "staging");

    private BuiltInSettings() {
    }
}
