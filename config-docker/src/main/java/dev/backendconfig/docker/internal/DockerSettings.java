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
            "Compose project of the services. Unset: COMPOSE_PROJECT_NAME, else the only project running, else"
                    + " the one with the likeliest backend, else the one started from this checkout's compose files;"
                    + " several that nothing tells apart are an error naming them.");

    /** The compose service that is the backend. */
    public static final Setting<String> SERVICE = Setting.text("docker.service", null,
            "Compose service of the backend. Unset: the compose service whose service or container name is, else"
                    + " contains, backend (else whose network alias does); none: the one container publishing"
                    + " docker.container-port.");

    /** The backend's container port when {@code docker.container-port} is unset. */
    public static final int BACKEND_CONTAINER_PORT = 8000;

    /** The port the backend listens on inside its container. */
    public static final Setting<Integer> CONTAINER_PORT = Setting.integer("docker.container-port",
            BACKEND_CONTAINER_PORT, 1, 65535,
            "Port the backend listens on inside its container. Unset, and the backend's container does not publish"
                    + " 8000 but exactly one other port: that port, and the report says so.");

    /** The compose file to predict the port from when the engine cannot be reached. */
    public static final Setting<String> COMPOSE_FILE = Setting.text("docker.compose-file", null,
            "Compose file to predict the port from when the engine cannot be reached. Unset: COMPOSE_FILE, else"
                    + " compose.yaml, compose.yml, docker-compose.yml, docker-compose.yaml here and in parent"
                    + " directories.");

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

    /** The compose service of each declared service ({@code docker.service} for the backend). */
    public static final ServiceSetting<String> SERVICE_COMPOSE_SERVICE = ServiceSetting.text("docker.service", SERVICE,
            "Compose service of the service. Unset: the compose service whose service or container name is, else"
                    + " contains, the service's name (else whose network alias does).");

    /** The container port of each declared service ({@code docker.container-port} for the backend). */
    public static final ServiceSetting<Integer> SERVICE_CONTAINER_PORT = ServiceSetting.integer("docker.container-port",
            CONTAINER_PORT, 1, 65535, "Port the service listens on inside its container. Unset: the one port its"
                    + " container publishes (several: this must be set).");

    /** Every per-service setting of provider docker. */
    public static final List<ServiceSetting<?>> SERVICE_SETTINGS = List.of(SERVICE_COMPOSE_SERVICE,
            SERVICE_CONTAINER_PORT);

    /** Every setting of provider docker, in README order. */
    public static final List<Setting<?>> ALL = List.of(HOST, PROJECT, SERVICE, CONTAINER_PORT, COMPOSE_FILE,
            WAIT_HEALTHY, TIMEOUT, ANSWER_TIMEOUT, TLS_VERIFY, CERT_PATH, SSH_COMMAND);

    private DockerSettings() {
    }
}
