package dev.backendconfig.docker.internal;

import dev.backendconfig.api.InvalidBackendConfigurationException;
import dev.backendconfig.api.spi.ConfigurationFiles;
import dev.backendconfig.api.spi.Origin;
import dev.backendconfig.api.spi.ResolutionContext;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Find the Docker engine the way the docker CLI does: setting {@code docker.host}, else {@code DOCKER_HOST},
 * else the context named by {@code DOCKER_CONTEXT} or by {@code currentContext} in
 * {@code $DOCKER_CONFIG/config.json}, else {@code /var/run/docker.sock}, then the per-user sockets of rootless
 * Docker, Docker Desktop, Colima, Rancher Desktop, OrbStack and Podman that exist.
 */
public final class EngineLocator {

    /** The socket a default installation listens on. */
    public static final Path DEFAULT_SOCKET = Path.of("/var/run/docker.sock");

    private static final ConfigurationFiles.Limit JSON_LIMIT = new ConfigurationFiles.Limit(
            ConfigurationFiles.SMALL_FILE_BYTES, "not configurable: the docker CLI's config.json and a context's"
                    + " meta.json hold a few settings");

    private EngineLocator() {
    }

    /** What locating found: an engine to try, nothing at all, or an engine this library cannot talk to. */
    public sealed interface Located {
        /** An engine to try. */
        record Found(EngineAddress address) implements Located {
        }

        /** No configuration and no socket file: there is no local engine. */
        record Missing(String reason) implements Located {
        }

        /** An engine named explicitly that this library cannot reach (ssh://, TLS, a socket that is gone). */
        record Unusable(String reason) implements Located {
        }
    }

    /**
     * Find the engine.
     *
     * @throws InvalidBackendConfigurationException when {@code docker.host} or {@code DOCKER_HOST} is malformed, or a
     *     named context cannot be read
     */
    public static Located locate(ResolutionContext context) {
        return locate(context, DEFAULT_SOCKET);
    }

    /** Find the engine, with another default socket (for tests: this machine's may or may not exist). */
    public static Located locate(ResolutionContext context, Path defaultSocket) {
        Optional<String> setting = context.settings().find(DockerSettings.HOST);
        if (setting.isPresent()) {
            return fromHost(setting.get(), context.settings().origin(DockerSettings.HOST), "setting docker.host",
                    context);
        }
        Optional<String> dockerHost = context.variable("DOCKER_HOST");
        if (dockerHost.isPresent()) {
            return fromHost(dockerHost.get(), Origin.variable("DOCKER_HOST"), "DOCKER_HOST", context);
        }
        Optional<Located> fromContext = fromCliContext(context);
        if (fromContext.isPresent()) {
            return fromContext.get();
        }
        return defaultSockets(context, defaultSocket);
    }

    private static Located fromHost(String raw, Origin origin, String why, ResolutionContext context) {
        String value = raw.strip();
        String expected = "expected unix:///path/to/docker.sock or tcp://host:port";
        int separator = value.indexOf("://");
        if (separator <= 0) {
            throw new InvalidBackendConfigurationException(origin, expected + ", got a value without a scheme");
        }
        String scheme = value.substring(0, separator).toLowerCase(Locale.ROOT);
        switch (scheme) {
            case "unix": {
                String path = value.substring(separator + 3);
                if (!path.startsWith("/")) {
                    throw new InvalidBackendConfigurationException(origin, expected + ", got a unix address without an"
                            + " absolute path (write unix:///var/run/docker.sock)");
                }
                Path socket = ConfigurationFiles.resolve(Path.of("/"), path, origin);
                if (!Files.exists(socket)) {
                    return new Located.Unusable(why + " names " + value + ", which does not exist (is the engine"
                            + " running?)");
                }
                return new Located.Found(EngineAddress.unix(socket, why));
            }
            case "tcp", "http": {
                if (context.variable("DOCKER_TLS_VERIFY").filter(v -> !"0".equals(v)).isPresent()) {
                    return new Located.Unusable(why + " names a TCP engine with DOCKER_TLS_VERIFY set: TLS to the"
                            + " engine is not supported yet; use its Unix socket or an engine without TLS");
                }
                return new Located.Found(tcp(value, origin, expected, why));
            }
            case "ssh", "npipe", "fd", "https":
                return new Located.Unusable(why + " names a " + scheme + ":// engine, which is not supported (only"
                        + " unix:// and tcp:// without TLS)");
            default:
                throw new InvalidBackendConfigurationException(origin, expected + ", got scheme '" + scheme + "'");
        }
    }

    private static EngineAddress tcp(String value, Origin origin, String expected, String why) {
        URI uri;
        try {
            uri = new URI("tcp" + value.substring(value.indexOf("://")));
        } catch (URISyntaxException e) {
            throw new InvalidBackendConfigurationException(origin, expected + ", got a tcp address that is not valid ("
                    + e.getReason() + ")");
        }
        if (uri.getHost() == null) {
            throw new InvalidBackendConfigurationException(origin, expected + ", got a tcp address without a valid host");
        }
        int port = uri.getPort() == -1 ? 2375 : uri.getPort();
        if (port < 1 || port > 65535) {
            throw new InvalidBackendConfigurationException(origin, expected + ", got port " + port + ", outside 1-65535");
        }
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1)
                : uri.getHost();
        return EngineAddress.tcp(host, port, why);
    }

    private static Optional<Located> fromCliContext(ResolutionContext context) {
        Path configDirectory = context.variable("DOCKER_CONFIG").map(Path::of)
                .orElse(context.userHome().resolve(".docker"));
        Optional<String> fromVariable = context.variable("DOCKER_CONTEXT");
        String name;
        Origin origin;
        if (fromVariable.isPresent()) {
            name = fromVariable.get().strip();
            origin = Origin.variable("DOCKER_CONTEXT");
        } else {
            Path config = configDirectory.resolve("config.json");
            Optional<String> current = currentContext(config);
            if (current.isEmpty()) {
                return Optional.empty();
            }
            name = current.get();
            origin = Origin.file(config.toString(), 0);
        }
        if (name.isEmpty() || name.equals("default")) {
            return Optional.empty();
        }
        Path meta = configDirectory.resolve("contexts/meta").resolve(sha256(name)).resolve("meta.json");
        String why = "context '" + name + "' (" + origin.describe() + ")";
        Object document = readJson(meta, origin, "context '" + name + "' has no readable meta file " + meta
                + "; see docker context ls");
        String host = Json.string(Json.object(Json.object(document, "Endpoints"), "docker"), "Host");
        if (host.isEmpty()) {
            throw new InvalidBackendConfigurationException(origin, "context '" + name + "' names no Docker host in "
                    + meta);
        }
        return Optional.of(fromHost(host, Origin.file(meta.toString(), 0), why, context));
    }

    private static Optional<String> currentContext(Path config) {
        if (!Files.exists(config) && !Files.isSymbolicLink(config)) {
            return Optional.empty();
        }
        Object document = readJson(config, Origin.file(config.toString(), 0), "cannot be read as the docker CLI's"
                + " config.json");
        String current = Json.string(document, "currentContext");
        return current.isBlank() ? Optional.empty() : Optional.of(current.strip());
    }

    private static Object readJson(Path file, Origin origin, String problem) {
        if (!Files.exists(file) && !Files.isSymbolicLink(file)) {
            throw new InvalidBackendConfigurationException(origin, problem);
        }
        String text = ConfigurationFiles.readText(file, "a JSON file of the docker CLI", JSON_LIMIT);
        try {
            return Json.parse(text);
        } catch (Json.ParseException e) {
            throw new InvalidBackendConfigurationException(Origin.file(file.toString(), 0),
                    "is not valid JSON: " + e.getMessage());
        }
    }

    private static Located defaultSockets(ResolutionContext context, Path defaultSocket) {
        if (Files.exists(defaultSocket)) {
            return new Located.Found(EngineAddress.unix(defaultSocket, "the default socket"));
        }
        List<Path> candidates = userSockets(context);
        for (Path candidate : candidates) {
            if (Files.exists(candidate)) {
                return new Located.Found(EngineAddress.unix(candidate, "a per-user socket that exists"));
            }
        }
        List<String> looked = new ArrayList<>();
        looked.add(defaultSocket.toString());
        candidates.forEach(candidate -> looked.add(candidate.toString()));
        return new Located.Missing("no Docker engine: none of " + String.join(", ", looked) + " exists and DOCKER_HOST"
                + " is not set");
    }

    /** Return the per-user sockets Docker variants listen on, in the order they are tried. */
    static List<Path> userSockets(ResolutionContext context) {
        Path home = context.userHome();
        List<Path> sockets = new ArrayList<>();
        Optional<Path> runtime = context.variable("XDG_RUNTIME_DIR").map(Path::of);
        runtime.ifPresent(directory -> sockets.add(directory.resolve("docker.sock")));
        sockets.add(home.resolve(".docker/run/docker.sock"));
        sockets.add(home.resolve(".docker/desktop/docker.sock"));
        sockets.add(home.resolve(".colima/default/docker.sock"));
        sockets.add(home.resolve(".rd/docker.sock"));
        sockets.add(home.resolve(".orbstack/run/docker.sock"));
        runtime.ifPresent(directory -> sockets.add(directory.resolve("podman/podman.sock")));
        return sockets;
    }

    private static String sha256(String name) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(name.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
