package dev.backendconfig.docker.internal;

import dev.backendconfig.toolkit.Origin;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.api.spi.Service;
import dev.backendconfig.api.spi.Settings;
import dev.backendconfig.toolkit.ConfigurationFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Provider docker's settings, read once at its door and handed to every room: nothing below the provider reads a
 * setting itself. A text setting that is unset is empty text (blank and unset mean the same thing), a list that is
 * unset is empty, a port that is unset is 0. A new setting is a new component here and one line in
 * {@link #read(ResolutionContext)}.
 *
 * @param host setting {@code docker.host}, or empty text
 * @param hostOrigin where {@code docker.host} comes from
 * @param project setting {@code docker.project}, or empty text
 * @param projectOrigin where {@code docker.project} comes from
 * @param composeFiles setting {@code docker.compose-file}, or empty
 * @param composeFilesOrigin where {@code docker.compose-file} comes from
 * @param profiles setting {@code docker.profiles}, or empty
 * @param profilesOrigin where {@code docker.profiles} comes from
 * @param envFiles setting {@code docker.env-file}, or empty
 * @param envFilesOrigin where {@code docker.env-file} comes from
 * @param predict setting {@code docker.predict}
 * @param waitHealthy setting {@code docker.wait-healthy}
 * @param timeout setting {@code docker.timeout}
 * @param answerTimeout setting {@code docker.answer-timeout}
 * @param tls setting {@code docker.tls-verify}
 * @param certPath setting {@code docker.cert-path}, or empty text
 * @param sshCommand setting {@code docker.ssh-command}
 * @param services the services to find, the backend first, each with its own settings
 * @param lifecycle settings {@code docker.start}, {@code docker.start-timeout}, {@code docker.stop} and
 *     {@code docker.lease-dir}
 * @param composeMaxBytes setting {@code docker.compose-max-kib}, in bytes
 */
public record DockerConfig(String host, Origin hostOrigin, String project, Origin projectOrigin,
        List<String> composeFiles, Origin composeFilesOrigin, List<String> profiles, Origin profilesOrigin,
        List<String> envFiles, Origin envFilesOrigin, boolean predict, Duration waitHealthy, Duration timeout,
        Duration answerTimeout, TlsChoice tls, String certPath, List<String> sshCommand, List<ServiceTarget> services,
        Lifecycle lifecycle, long composeMaxBytes) {

    /**
     * The lifecycle settings.
     *
     * @param start setting {@code docker.start}
     * @param startTimeout setting {@code docker.start-timeout}
     * @param stop setting {@code docker.stop}
     * @param leaseDirectory setting {@code docker.lease-dir} (against the working directory), else
     *     {@code backend-config-leases-<user>} in {@code java.io.tmpdir}
     * @param leaseDirectoryOrigin where {@code docker.lease-dir} comes from
     */
    public record Lifecycle(DockerSettings.Start start, Duration startTimeout, DockerSettings.Stop stop,
            Path leaseDirectory, Origin leaseDirectoryOrigin) {

        public Lifecycle {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(startTimeout, "startTimeout");
            Objects.requireNonNull(stop, "stop");
            Objects.requireNonNull(leaseDirectory, "leaseDirectory");
            Objects.requireNonNull(leaseDirectoryOrigin, "leaseDirectoryOrigin");
        }

        /** Tell whether missing services are started ({@code docker.start=if-missing}). */
        public boolean starts() {
            return start == DockerSettings.Start.IF_MISSING;
        }
    }

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
     * @param composeService its setting {@code docker.service} ({@code services.<name>.docker.service}), or empty text
     * @param containerPort its setting {@code docker.container-port} ({@code services.<name>.docker.container-port}), or 0
     * @param webSocketPath its setting {@code docker.websocket-path} ({@code services.<name>.docker.websocket-path}),
     *     or empty text
     */
    public record ServiceTarget(Service service, String composeService, int containerPort, String webSocketPath) {

        public ServiceTarget {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(composeService, "composeService");
            Objects.requireNonNull(webSocketPath, "webSocketPath");
        }

        /** Return the compose service a setting names, when one does. */
        public Optional<String> findComposeService() {
            return composeService.isEmpty() ? Optional.empty() : Optional.of(composeService);
        }

        /** Return the container port a setting names, when one does. */
        public Optional<Integer> findContainerPort() {
            return containerPort == 0 ? Optional.empty() : Optional.of(containerPort);
        }

        /** Return the key of the setting naming its compose service: {@code services.auth.docker.service}. */
        public String composeServiceKey() {
            return DockerSettings.SERVICE_COMPOSE_SERVICE.forService(service).key();
        }

        /** Return the key of the setting naming its WebSocket path: {@code services.auth.docker.websocket-path}. */
        public String webSocketPathKey() {
            return DockerSettings.SERVICE_WEBSOCKET_PATH.forService(service).key();
        }

        /** Return the key of the setting naming its container port: {@code services.auth.docker.container-port}. */
        public String containerPortKey() {
            return DockerSettings.SERVICE_CONTAINER_PORT.forService(service).key();
        }
    }

    public DockerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(project, "project");
        composeFiles = List.copyOf(composeFiles);
        profiles = List.copyOf(profiles);
        envFiles = List.copyOf(envFiles);
        Objects.requireNonNull(certPath, "certPath");
        Objects.requireNonNull(tls, "tls");
        sshCommand = List.copyOf(sshCommand);
        services = List.copyOf(services);
        Objects.requireNonNull(lifecycle, "lifecycle");
    }

    /**
     * Read the settings of one resolution.
     *
     * @throws dev.backendconfig.toolkit.InvalidInputException when a value set is not valid for its setting
     */
    public static DockerConfig read(ResolutionContext context) {
        Settings settings = context.settings();
        List<ServiceTarget> targets = new ArrayList<>();
        for (Service service : context.services()) {
            targets.add(new ServiceTarget(service,
                    settings.find(DockerSettings.SERVICE_COMPOSE_SERVICE.forService(service)).orElse(""),
                    settings.find(DockerSettings.SERVICE_CONTAINER_PORT.forService(service)).orElse(0),
                    webSocketPath(context, service)));
        }
        List<ServiceTarget> services = List.copyOf(targets);
        Optional<DockerSettings.TlsVerify> verify = settings.find(DockerSettings.TLS_VERIFY);
        TlsChoice tls = verify.isEmpty() ? TlsChoice.BY_VARIABLES
                : verify.get() == DockerSettings.TlsVerify.TRUE ? TlsChoice.VERIFY : TlsChoice.PLAIN;
        return new DockerConfig(settings.find(DockerSettings.HOST).orElse(""), settings.origin(DockerSettings.HOST),
                settings.find(DockerSettings.PROJECT).orElse(""), settings.origin(DockerSettings.PROJECT),
                settings.find(DockerSettings.COMPOSE_FILE).orElse(List.of()),
                settings.origin(DockerSettings.COMPOSE_FILE), settings.find(DockerSettings.PROFILES).orElse(List.of()),
                settings.origin(DockerSettings.PROFILES), settings.find(DockerSettings.ENV_FILE).orElse(List.of()),
                settings.origin(DockerSettings.ENV_FILE), settings.get(DockerSettings.PREDICT),
                settings.get(DockerSettings.WAIT_HEALTHY),
                settings.get(DockerSettings.TIMEOUT), settings.get(DockerSettings.ANSWER_TIMEOUT), tls,
                settings.find(DockerSettings.CERT_PATH).orElse(""),
                settings.get(DockerSettings.SSH_COMMAND), services, new Lifecycle(settings.get(DockerSettings.START),
                        settings.get(DockerSettings.START_TIMEOUT), settings.get(DockerSettings.STOP),
                        leaseDirectory(context), settings.origin(DockerSettings.LEASE_DIR)),
                settings.get(DockerSettings.COMPOSE_MAX_KIB) * 1024L);
    }

    /** Return the lease directory: the setting against the working directory, else one per user in the temp dir. */
    private static Path leaseDirectory(ResolutionContext context) {
        Optional<String> set = context.settings().find(DockerSettings.LEASE_DIR);
        if (set.isPresent()) {
            return ConfigurationFiles.resolve(context.workingDirectory(), set.get().strip(),
                    context.settings().origin(DockerSettings.LEASE_DIR));
        }
        Optional<String> given = context.systemProperty("java.io.tmpdir");
        String temp = given.isPresent() ? given.get() : System.getProperty("java.io.tmpdir");
        String user = Scans.fileNamePart(context.systemProperty("user.name").orElse("user"));
        return Path.of(temp).toAbsolutePath().resolve("backend-config-leases-" + user);
    }

    /**
     * Return a service's WebSocket path setting, checked: a path such as {@code /ws} or {@code ws/chat}, not a URL.
     *
     * @throws dev.backendconfig.toolkit.InvalidInputException when it cannot be joined onto a URL
     */
    private static String webSocketPath(ResolutionContext context, Service service) {
        String path = context.settings().find(DockerSettings.SERVICE_WEBSOCKET_PATH.forService(service)).orElse("");
        try { // an unset path (empty) joins as the URL itself
            dev.backendconfig.api.ServiceEndpoint.builder("check").http(java.net.URI.create("http://localhost:1"),
                    Origin.other("check")).build().webSocket(path);
            return path;
        } catch (IllegalArgumentException e) {
            throw new dev.backendconfig.toolkit.InvalidInputException(
                    context.settings().origin(DockerSettings.SERVICE_WEBSOCKET_PATH.forService(service)), "setting "
                            + DockerSettings.SERVICE_WEBSOCKET_PATH.forService(service).key() + " expects a path such"
                            + " as /ws or ws/chat, got a value that is not one (a whole URL, or characters a URL"
                            + " path cannot hold)");
        }
    }

    /**
     * Return where a setting's value comes from, as reasons say it: {@code "setting docker.project (system property
     * backendconfig.docker.project)"}, or {@code "setting docker.project given to --set"} when the origin names the
     * setting already.
     */
    public static String described(String key, Origin origin) {
        return origin.kind() == Origin.Kind.OVERRIDE ? origin.describe()
                : "setting " + key + " (" + origin.describe() + ")";
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
