package dev.backendconfig.docker.internal;

import dev.backendconfig.api.spi.ServiceSetting;
import dev.backendconfig.api.spi.Setting;
import java.time.Duration;
import java.util.List;

/** The settings provider docker declares and reads. */
public final class DockerSettings {

    /** The Docker engine to ask. */
    public static final Setting<String> HOST = Setting.text("docker.host", null,
            "Docker engine to ask (unix:///path or tcp://host:port). Unset: found as the docker CLI finds it.");

    /** The compose project the backend runs in. */
    public static final Setting<String> PROJECT = Setting.text("docker.project", null,
            "Compose project of the backend. Unset: COMPOSE_PROJECT_NAME, else any project.");

    /** The compose service that is the backend. */
    public static final Setting<String> SERVICE = Setting.text("docker.service", null,
            "Compose service of the backend. Unset: the compose service whose service or container name is, else"
                    + " contains, backend (else whose network alias does); none: the one container publishing"
                    + " docker.container-port.");

    /** The port the backend listens on inside its container. */
    public static final Setting<Integer> CONTAINER_PORT = Setting.integer("docker.container-port", 8000, 1, 65535,
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

    /** How long the engine may take to answer. */
    public static final Setting<Duration> TIMEOUT = Setting.duration("docker.timeout", "1s",
            "How long the Docker engine may take to accept a connection and answer one request.");

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
            WAIT_HEALTHY, TIMEOUT);

    private DockerSettings() {
    }
}
