package dev.backendconfig.docker.internal;

import dev.backendconfig.api.spi.ServiceSetting;
import dev.backendconfig.api.spi.Setting;
import java.time.Duration;
import java.util.List;

/** The settings provider docker declares and reads. */
public final class DockerSettings {

    /** The Docker engine to ask. */
    public static final Setting<String> HOST = Setting.text("docker.host", null,
            "Docker engine to ask (unix:///path, tcp://host:port or ssh://[user@]host[:port]). Unset: found as the"
                    + " docker CLI finds it.");

    /** The compose project the backend runs in. */
    public static final Setting<String> PROJECT = Setting.text("docker.project", null,
            "Compose project to take the services from, like docker compose -p; any running project, ours or not."
                    + " Unset: this checkout's project, named as compose names it (COMPOSE_PROJECT_NAME, else the"
                    + " compose file's name:, else its directory), or started from this checkout.");

    /** The compose service that is the backend. */
    public static final Setting<String> SERVICE = Setting.text("docker.service", null,
            "Compose service of the backend. Unset: the compose service named backend, else the one whose network"
                    + " alias is backend, else the one service publishing docker.container-port (several: an error"
                    + " listing them).");

    /** The backend's container port when {@code docker.container-port} is unset. */
    public static final int BACKEND_CONTAINER_PORT = 8000;

    /** The port the backend listens on inside its container. */
    public static final Setting<Integer> CONTAINER_PORT = Setting.integer("docker.container-port",
            BACKEND_CONTAINER_PORT, 1, 65535,
            "Port the backend listens on inside its container. Unset, and the backend's container does not publish"
                    + " 8000 but exactly one other port: that port, and the report says so.");

    /** The compose files of this checkout's project. */
    public static final Setting<List<String>> COMPOSE_FILE = Setting.list("docker.compose-file", null,
            "Compose files of this checkout's project, comma-separated, like repeated docker compose -f (the override"
                    + " file is then read only when listed). Unset: COMPOSE_FILE, else compose.yaml, compose.yml,"
                    + " docker-compose.yml or docker-compose.yaml here or in a parent directory, with the override"
                    + " file beside it.");

    /** The compose profiles to activate. */
    public static final Setting<List<String>> PROFILES = Setting.list("docker.profiles", null,
            "Compose profiles to activate, comma-separated, like docker compose --profile; * activates every one."
                    + " Unset: COMPOSE_PROFILES, else none (services with profiles are off).");

    /** The env files that interpolate the compose files. */
    public static final Setting<List<String>> ENV_FILE = Setting.list("docker.env-file", null,
            "Env files whose variables interpolate the compose files, comma-separated, like docker compose"
                    + " --env-file (a later file overrides an earlier one). Unset: .env of the working directory and of the project directory, unless"
                    + " COMPOSE_DISABLE_ENV_FILE is true.");

    /** The default of {@link #COMPOSE_MAX_KIB}: 64 KiB, a few times the largest real compose files. */
    public static final int COMPOSE_MAX_KIB_DEFAULT = 64;

    /** The most it may be raised to: 2 MiB, where a fresh JVM spends seconds of CPU reading the files. */
    public static final int COMPOSE_MAX_KIB_LIMIT = 2048;

    /** How much compose YAML one project may hold, in KiB. */
    public static final Setting<Integer> COMPOSE_MAX_KIB = Setting.integer("docker.compose-max-kib",
            COMPOSE_MAX_KIB_DEFAULT, 16, COMPOSE_MAX_KIB_LIMIT,
            "Most compose YAML read for this checkout's project, in KiB: each file, and all of them together (the"
                    + " override, include and extends files too); the values read are bounded with it (one per 8"
                    + " bytes). Real compose files are tens of KB; raise it (up to 2048) only for a larger generated"
                    + " one: a fresh JVM spends about 2 s of CPU per MiB reading it.");

    /** Whether to predict ports from the compose files when the engine cannot be asked. */
    public static final Setting<Boolean> PREDICT = Setting.flag("docker.predict", true,
            "Whether to predict a port from the compose files when the engine cannot be asked; a prediction is"
                    + " taken only when an HTTP or WebSocket probe gets an answer there, and is marked unconfirmed."
                    + " false: never predict.");

    /** The backend's WebSocket path. */
    public static final Setting<String> WEBSOCKET_PATH = Setting.text("docker.websocket-path", null,
            "Path of the backend's WebSocket endpoint, joined onto its derived WebSocket URL (/ws gives"
                    + " ws://localhost:8002/ws). Unset: the derived URL as it is.");

    /** How long to wait while a container's healthcheck says starting. */
    public static final Setting<Duration> WAIT_HEALTHY = Setting.duration("docker.wait-healthy", "60s",
            "How long to wait while the backend container's healthcheck says starting.");

    /** How long the engine may take to accept a connection: is anyone there. */
    public static final Setting<Duration> TIMEOUT = Setting.duration("docker.timeout", "1s",
            "How long the Docker engine may take to accept a connection (is anyone there): the socket or TCP"
                    + " connect; for ssh, its ConnectTimeout.");

    /** How long an engine that accepted may take for each exchange. */
    public static final Setting<Duration> ANSWER_TIMEOUT = Setting.duration("docker.answer-timeout", "10s",
            "How long an engine that accepted the connection may take for each exchange, as a whole: the TLS"
                    + " handshake, the ssh login with its first answer, each answer. A slow engine is not an absent"
                    + " one.");

    /** Whether to use TLS for a tcp:// engine, written {@code true} or {@code false}. */
    public enum TlsVerify {
        /** TLS, checking the engine's certificate against the CA and its host name. */
        TRUE,
        /** Plain TCP. */
        FALSE
    }

    /** Whether to use TLS and check the engine's certificate, as DOCKER_TLS_VERIFY does. */
    public static final Setting<TlsVerify> TLS_VERIFY = Setting.choice("docker.tls-verify", List.of(TlsVerify.values()), null,
            "true: TLS to a tcp:// engine, its certificate checked against ca.pem and its host name, as"
                    + " DOCKER_TLS_VERIFY does; false: plain TCP. Unset: DOCKER_TLS_VERIFY, else DOCKER_TLS.");

    /** The directory holding ca.pem, cert.pem and key.pem. */
    public static final Setting<String> CERT_PATH = Setting.text("docker.cert-path", null,
            "Directory holding ca.pem, cert.pem and key.pem for TLS. Unset: DOCKER_CERT_PATH, else DOCKER_CONFIG,"
                    + " else ~/.docker.");

    /** The ssh program (and its first arguments) for an ssh:// engine. */
    public static final Setting<List<String>> SSH_COMMAND = Setting.list("docker.ssh-command", "ssh",
            "The ssh program and arguments put before the library's own for an ssh:// engine, comma-separated,"
                    + " for example ssh,-F,/path/ssh_config. Names a program: taken only from your environment,"
                    + " system properties, code or command line, never from backend-config.properties.")
            .namingAProgram();

    /** What to do when required services are not running, written {@code never} or {@code if-missing}. */
    public enum Start {
        /** Attach only: a stack that is not running is reported, never started. */
        NEVER,
        /** Start the missing services with the compose CLI, under a lease every JVM of the run shares. */
        IF_MISSING
    }

    /** Whether to start the required services that are not running. */
    public static final Setting<Start> START = Setting.choice("docker.start", List.of(Start.values()), Start.NEVER,
            "never: attach only; if-missing: when the engine answers and required services are not running, start"
                    + " just those with the compose CLI (docker compose, else docker-compose, else podman-compose for"
                    + " a Podman engine), pointed at the same engine, once for every JVM of the run.");

    /** How long a start may take, waiting for health included. */
    public static final Setting<Duration> START_TIMEOUT = Setting.duration("docker.start-timeout", "3m",
            "How long starting the missing services may take, compose's run and their healthchecks included (also"
                    + " how long another JVM waits for a start in progress); setting timeout does not cut a start short.");

    /** What to stop at the end of the run, written {@code started} or {@code never}. */
    public enum Stop {
        /** Stop and remove the containers the lease started, when its last holder leaves. */
        STARTED,
        /** Leave everything running. */
        NEVER
    }

    /** What to stop at the end of the run when docker.start started something. */
    public static final Setting<Stop> STOP = Setting.choice("docker.stop", List.of(Stop.values()), Stop.STARTED,
            "With docker.start=if-missing: started stops and removes, when the last JVM holding the lease leaves,"
                    + " the containers (and networks) the lease started, never volumes, never what ran before; never"
                    + " leaves them running.");

    /** Where the lease files live. */
    public static final Setting<String> LEASE_DIR = Setting.text("docker.lease-dir", null,
            "Directory of the lease files (one per engine and project) through which the JVMs of a run share one"
                    + " start. Unset: backend-config-leases-<user name> in the system temporary directory"
                    + " (java.io.tmpdir).");

    /** The compose service of each declared service ({@code docker.service} for the backend). */
    public static final ServiceSetting<String> SERVICE_COMPOSE_SERVICE = ServiceSetting.text("docker.service", SERVICE,
            "Compose service of the service. Unset: the compose service of exactly the service's name, else the"
                    + " one whose network alias is exactly that name; never a name that merely contains it.");

    /** The container port of each declared service ({@code docker.container-port} for the backend). */
    public static final ServiceSetting<Integer> SERVICE_CONTAINER_PORT = ServiceSetting.integer("docker.container-port",
            CONTAINER_PORT, 1, 65535, "Port the service listens on inside its container. Unset: the one port its"
                    + " container publishes (several: this must be set).");

    /** The WebSocket path of each declared service ({@code docker.websocket-path} for the backend). */
    public static final ServiceSetting<String> SERVICE_WEBSOCKET_PATH = ServiceSetting.text("docker.websocket-path",
            WEBSOCKET_PATH, "Path of the service's WebSocket endpoint, joined onto its derived WebSocket URL. Unset:"
                    + " the derived URL as it is.");

    /** Every per-service setting of provider docker. */
    public static final List<ServiceSetting<?>> SERVICE_SETTINGS = List.of(SERVICE_COMPOSE_SERVICE,
            SERVICE_CONTAINER_PORT, SERVICE_WEBSOCKET_PATH);

    /** Every setting of provider docker, in the order of docs/settings.md. */
    public static final List<Setting<?>> ALL = List.of(HOST, PROJECT, SERVICE, CONTAINER_PORT, COMPOSE_FILE,
            PROFILES, ENV_FILE, COMPOSE_MAX_KIB, PREDICT, WEBSOCKET_PATH, WAIT_HEALTHY, TIMEOUT, ANSWER_TIMEOUT, TLS_VERIFY, CERT_PATH,
            SSH_COMMAND, START, START_TIMEOUT, STOP, LEASE_DIR);

    private DockerSettings() {
    }
}
