package dev.backendconfig.docker.internal;

import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.api.spi.Service;
import dev.backendconfig.api.spi.Settings;
import dev.backendconfig.toolkit.Origin;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Provider docker's settings, read once at its door and handed to every room: nothing below the provider reads a
 * setting itself. A text setting that is unset is empty text (blank and unset mean the same thing), a port that is
 * unset is 0. A new setting is a new component here and one line in {@link #read(ResolutionContext)}.
 *
 * @param host setting {@code docker.host}, or empty text
 * @param hostOrigin where {@code docker.host} comes from
 * @param project setting {@code docker.project}, or empty text
 * @param composeFile setting {@code docker.compose-file}, or empty text
 * @param composeFileOrigin where {@code docker.compose-file} comes from
 * @param waitHealthy setting {@code docker.wait-healthy}
 * @param timeout setting {@code docker.timeout}
 * @param answerTimeout setting {@code docker.answer-timeout}
 * @param tls setting {@code docker.tls-verify}
 * @param certPath setting {@code docker.cert-path}, or empty text
 * @param sshCommand setting {@code docker.ssh-command}
 * @param services the services to find, the backend first, each with its own settings
 */
public record DockerConfig(String host, Origin hostOrigin, String project, String composeFile, Origin composeFileOrigin,
        Duration waitHealthy, Duration timeout, Duration answerTimeout, TlsChoice tls, String certPath, List<String> sshCommand,
        List<ServiceTarget> services) {

    /** What setting {@code docker.tls-verify} says. */
    public enum TlsChoice {
        /** {@code true}: TLS to a tcp:// engine, its certificate checked. */
        VERIFY,
        /** {@code false}: plain TCP. */
        PLAIN,
        /** Unset: {@code DOCKER_TLS_VERIFY}, else {@code DOCKER_TLS}, decides. */
        BY_VARIABLES
    }

    /**
     * One service to find, with its own settings.
     *
     * @param service the service
     * @param composeService its setting {@code docker.service} ({@code docker.<name>.service}), or empty text
     * @param containerPort its setting {@code docker.container-port} ({@code docker.<name>.container-port}), or 0
     */
    public record ServiceTarget(Service service, String composeService, int containerPort) {

        public ServiceTarget {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(composeService, "composeService");
        }

        /** Return the compose service a setting names, when one does. */
        public Optional<String> findComposeService() {
            return composeService.isEmpty() ? Optional.empty() : Optional.of(composeService);
        }

        /** Return the container port a setting names, when one does. */
        public Optional<Integer> findContainerPort() {
            return containerPort == 0 ? Optional.empty() : Optional.of(containerPort);
        }

        /** Return the key of the setting naming its compose service: {@code docker.auth.service}. */
        public String composeServiceKey() {
            return DockerSettings.SERVICE_COMPOSE_SERVICE.forService(service).key();
        }

        /** Return the key of the setting naming its container port: {@code docker.auth.container-port}. */
        public String containerPortKey() {
            return DockerSettings.SERVICE_CONTAINER_PORT.forService(service).key();
        }
    }

    public DockerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(composeFile, "composeFile");
        Objects.requireNonNull(certPath, "certPath");
        Objects.requireNonNull(tls, "tls");
        sshCommand = List.copyOf(sshCommand);
        services = List.copyOf(services);
    }

    /**
     * Read the settings of one resolution.
     *
     * @throws dev.backendconfig.toolkit.InvalidInputException when a value set is not valid for its setting
     */
    public static DockerConfig read(ResolutionContext context) {
        Settings settings = context.settings();
        List<ServiceTarget> services = context.services().stream().map(service -> new ServiceTarget(service,
                context.findSetting(DockerSettings.SERVICE_COMPOSE_SERVICE, service).orElse(""),
                context.findSetting(DockerSettings.SERVICE_CONTAINER_PORT, service).orElse(0))).toList();
        TlsChoice tls = settings.find(DockerSettings.TLS_VERIFY)
                .map(verify -> verify == DockerSettings.TlsVerify.TRUE ? TlsChoice.VERIFY : TlsChoice.PLAIN)
                .orElse(TlsChoice.BY_VARIABLES);
        return new DockerConfig(settings.find(DockerSettings.HOST).orElse(""), settings.origin(DockerSettings.HOST),
                settings.find(DockerSettings.PROJECT).orElse(""), settings.find(DockerSettings.COMPOSE_FILE).orElse(""),
                settings.origin(DockerSettings.COMPOSE_FILE), settings.get(DockerSettings.WAIT_HEALTHY),
                settings.get(DockerSettings.TIMEOUT), settings.get(DockerSettings.ANSWER_TIMEOUT), tls, settings.find(DockerSettings.CERT_PATH).orElse(""),
                settings.get(DockerSettings.SSH_COMMAND), services);
    }

    /** Return the backend's own settings (the backend is always the first service). */
    public ServiceTarget backend() {
        return services.get(0);
    }

    /** Tell whether the backend is the only service to find. */
    public boolean backendOnly() {
        return services.size() == 1;
    }
}
