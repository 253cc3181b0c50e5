package dev.backendconfig.docker.internal;

import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.toolkit.ConfigurationFiles;
import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.toolkit.Origin;
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
 * {@code $DOCKER_CONFIG/config.json}, else Podman's {@code CONTAINER_HOST}, else {@code /var/run/docker.sock}, then
 * the per-user sockets of rootless Docker, Docker Desktop, Colima, Rancher Desktop and OrbStack, then Podman's
 * {@code /run/podman/podman.sock} (root) and {@code $XDG_RUNTIME_DIR/podman/podman.sock}, whichever exists first.
 *
 * <p>A {@code tcp://} engine is reached with TLS by the docker CLI's rules: {@code DOCKER_TLS_VERIFY} (any non-empty
 * value) or {@code DOCKER_TLS}, with {@code ca.pem}, {@code cert.pem} and {@code key.pem} from
 * {@code DOCKER_CERT_PATH} (default {@code $DOCKER_CONFIG}, else {@code ~/.docker}); a context has its own TLS files
 * under {@code contexts/tls/<sha256 of its name>/docker/} and its own {@code SkipTLSVerify}. Settings
 * {@code docker.tls-verify} and {@code docker.cert-path} override the variables. The engine's certificate is always
 * checked, even where the docker CLI would skip it.
 */
public final class EngineLocator {

    /** The socket a default installation listens on. */
    public static final Path DEFAULT_SOCKET = Path.of("/var/run/docker.sock");

    /** The socket rootful Podman's API service listens on. */
    public static final Path ROOT_PODMAN_SOCKET = Path.of("/run/podman/podman.sock");

    private static final String EXPECTED = "expected unix:///path/to/docker.sock, tcp://host:port or"
            + " ssh://[user@]host[:port]";

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

        /**
         * An engine named explicitly that this library cannot reach (npipe://, a socket that is gone).
         *
         * @param reason what was named and why it cannot be used
         * @param nextStep what to do about it: fix or unset the variable, setting or context that named it
         */
        record Unusable(String reason, String nextStep) implements Located {
        }
    }

    /**
     * Find the engine.
     *
     * @throws InvalidInputException when {@code docker.host}, {@code DOCKER_HOST} or
     *     {@code CONTAINER_HOST} is malformed, a named context cannot be read, or TLS files are missing
     */
    public static Located locate(ResolutionContext context) {
        return locate(context, DEFAULT_SOCKET, ROOT_PODMAN_SOCKET);
    }

    /** Find the engine with another default socket and no system Podman socket (tests must not see this machine's). */
    public static Located locate(ResolutionContext context, Path defaultSocket) {
        return locate(context, defaultSocket, null);
    }

    /**
     * Find the engine, with other system sockets.
     *
     * @param rootPodmanSocket rootful Podman's socket, or null not to look for one
     */
    public static Located locate(ResolutionContext context, Path defaultSocket, Path rootPodmanSocket) {
        Optional<String> setting = context.settings().find(DockerSettings.HOST);
        if (setting.isPresent()) {
            return fromHost(setting.get(), context.settings().origin(DockerSettings.HOST), "setting docker.host",
                    () -> tlsFromSettings(context));
        }
        Optional<String> dockerHost = context.variable("DOCKER_HOST");
        if (dockerHost.isPresent()) {
            return fromHost(dockerHost.get(), Origin.variable("DOCKER_HOST"), "DOCKER_HOST",
                    () -> tlsFromSettings(context));
        }
        Optional<Located> fromContext = fromCliContext(context);
        if (fromContext.isPresent()) {
            return fromContext.get();
        }
        Optional<String> containerHost = context.variable("CONTAINER_HOST");
        if (containerHost.isPresent()) {
            return fromHost(containerHost.get(), Origin.variable("CONTAINER_HOST"), "CONTAINER_HOST", Optional::empty);
        }
        return defaultSockets(context, defaultSocket, rootPodmanSocket);
    }

    /** Decides whether a tcp:// engine is reached with TLS, and with which files. */
    @FunctionalInterface
    private interface TlsRule {
        Optional<TlsMaterial> material();
    }

    private static Located fromHost(String raw, Origin origin, String why, TlsRule tls) {
        String value = raw.strip();
        int separator = value.indexOf("://");
        if (separator <= 0 || !value.substring(0, separator).matches("[A-Za-z][A-Za-z0-9+.-]*")) {
            throw new InvalidInputException(origin, EXPECTED + ", got a value without a scheme");
        }
        String scheme = value.substring(0, separator).toLowerCase(Locale.ROOT);
        switch (scheme) {
            case "unix": {
                String path = value.substring(separator + 3);
                if (!path.startsWith("/")) {
                    throw new InvalidInputException(origin, EXPECTED + ", got a unix address without an"
                            + " absolute path (write unix:///var/run/docker.sock)");
                }
                Path socket = ConfigurationFiles.resolve(Path.of("/"), path, origin);
                if (!Files.exists(socket)) {
                    return new Located.Unusable(why + " names " + value + ", which does not exist (is the engine"
                            + " running?)", "start the engine that " + why + " names, or fix or unset " + why
                            + " (the socket " + socket + " does not exist)");
                }
                return new Located.Found(EngineAddress.unix(socket, why));
            }
            case "tcp", "http": {
                EngineAddress plain = tcp(value, origin, why);
                Optional<TlsMaterial> material = tls.material();
                return new Located.Found(material.map(m -> EngineAddress.tls(plain.host(), plain.port(), m, why))
                        .orElse(plain));
            }
            case "ssh": {
                if (why.equals("CONTAINER_HOST")) {
                    return new Located.Unusable("CONTAINER_HOST names an ssh:// Podman connection, which is not"
                            + " supported (Podman forwards a remote socket over ssh, where the docker CLI runs docker"
                            + " system dial-stdio); set DOCKER_HOST=ssh://... to an engine with the docker CLI, or use"
                            + " a local socket", "unset CONTAINER_HOST, or set DOCKER_HOST=ssh://... to an engine whose"
                            + " host has the docker CLI");
                }
                return new Located.Found(SshAddress.parse(value, origin, why, EXPECTED));
            }
            case "npipe", "fd", "https":
                return new Located.Unusable(why + " names a " + scheme + ":// engine, which is not supported (only"
                        + " unix://, tcp:// and ssh://; for TLS write tcp:// and set DOCKER_TLS_VERIFY)",
                        "fix or unset " + why + " (" + scheme + ":// is not supported; write unix://, tcp:// or ssh://)");
            default:
                throw new InvalidInputException(origin, EXPECTED + ", got scheme '"
                        + (scheme.length() > 20 ? scheme.substring(0, 20) + "..." : scheme) + "'");
        }
    }

    private static EngineAddress tcp(String value, Origin origin, String why) {
        URI uri;
        try {
            uri = new URI("tcp" + value.substring(value.indexOf("://")));
        } catch (URISyntaxException e) {
            throw new InvalidInputException(origin, EXPECTED + ", got a tcp address that is not valid ("
                    + e.getReason() + ")");
        }
        if (uri.getRawUserInfo() != null) {
            throw new InvalidInputException(origin, EXPECTED + ", got a tcp address with user info"
                    + " (user:password@), which an engine does not take (not shown)");
        }
        if (uri.getHost() == null) {
            throw new InvalidInputException(origin, EXPECTED + ", got a tcp address without a valid host");
        }
        int port = uri.getPort() == -1 ? 2375 : uri.getPort();
        if (port < 1 || port > 65535) {
            throw new InvalidInputException(origin, EXPECTED + ", got port " + port + ", outside 1-65535");
        }
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1)
                : uri.getHost();
        return EngineAddress.tcp(host, port, why);
    }

    /**
     * TLS for an engine named by {@code docker.host} or {@code DOCKER_HOST}: setting {@code docker.tls-verify}, else
     * {@code DOCKER_TLS_VERIFY} (any non-empty value), else {@code DOCKER_TLS}; the files from setting
     * {@code docker.cert-path}, else {@code DOCKER_CERT_PATH}, else {@code $DOCKER_CONFIG} or {@code ~/.docker}.
     */
    private static Optional<TlsMaterial> tlsFromSettings(ResolutionContext context) {
        Optional<DockerSettings.TlsVerify> setting = context.settings().find(DockerSettings.TLS_VERIFY);
        String why;
        boolean skipAsked = false;
        if (setting.isPresent()) {
            if (setting.get() == DockerSettings.TlsVerify.FALSE) {
                return Optional.empty();
            }
            why = "setting docker.tls-verify";
        } else if (context.variable("DOCKER_TLS_VERIFY").isPresent()) {
            why = "DOCKER_TLS_VERIFY";
        } else if (context.variable("DOCKER_TLS").isPresent()) {
            why = "DOCKER_TLS (without DOCKER_TLS_VERIFY)";
            skipAsked = true;
        } else {
            return Optional.empty();
        }
        Path directory;
        String source;
        Optional<String> certPath = context.settings().find(DockerSettings.CERT_PATH);
        Optional<String> variable = context.variable("DOCKER_CERT_PATH");
        if (certPath.isPresent()) {
            directory = context.workingDirectory().resolve(certPath.get().strip());
            source = "setting docker.cert-path " + directory;
        } else if (variable.isPresent()) {
            directory = context.workingDirectory().resolve(variable.get().strip());
            source = "DOCKER_CERT_PATH " + directory;
        } else {
            directory = configDirectory(context);
            source = "the default cert path " + directory + ", DOCKER_CERT_PATH being unset";
        }
        ClientPair pair = clientPair(directory, source);
        return Optional.of(new TlsMaterial(directory.resolve("ca.pem"), pair.cert(), pair.key(), source, why,
                skipAsked));
    }

    /** A client certificate and its key: both there, or neither. */
    private record ClientPair(Path cert, Path key) {
    }

    private static ClientPair clientPair(Path directory, String source) {
        Path cert = directory.resolve("cert.pem");
        Path key = directory.resolve("key.pem");
        boolean hasCert = Files.exists(cert);
        boolean hasKey = Files.exists(key);
        if (hasCert && !hasKey) {
            throw new InvalidInputException(Origin.file(cert.toString(), 0), "the client certificate ("
                    + source + ") has no key beside it: " + key + " does not exist");
        }
        if (hasKey && !hasCert) {
            throw new InvalidInputException(Origin.file(key.toString(), 0), "the client key (" + source
                    + ") has no certificate beside it: " + cert + " does not exist");
        }
        return hasCert ? new ClientPair(cert, key) : new ClientPair(null, null);
    }

    private static Path configDirectory(ResolutionContext context) {
        return context.variable("DOCKER_CONFIG").map(Path::of).orElse(context.userHome().resolve(".docker"));
    }

    private static Optional<Located> fromCliContext(ResolutionContext context) {
        Path configDirectory = configDirectory(context);
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
        Object endpoint = Json.object(Json.object(document, "Endpoints"), "docker");
        String host = Json.string(endpoint, "Host");
        if (host.isEmpty()) {
            throw new InvalidInputException(origin, "context '" + name + "' names no Docker host in "
                    + meta);
        }
        boolean skipVerify = Boolean.TRUE.equals(Json.object(Json.object(document, "Endpoints"), "docker")
                .get("SkipTLSVerify"));
        Path tlsDirectory = configDirectory.resolve("contexts/tls").resolve(sha256(name)).resolve("docker");
        return Optional.of(fromHost(host, Origin.file(meta.toString(), 0), why,
                () -> tlsFromContext(name, tlsDirectory, skipVerify)));
    }

    /**
     * TLS for a context's tcp:// engine, as the docker CLI decides it: used when the context has TLS files
     * ({@code ca.pem}, {@code cert.pem}, {@code key.pem}, each optional) or sets {@code SkipTLSVerify}; without a
     * {@code ca.pem} the engine's certificate is checked against the JDK's default trusted CAs.
     */
    private static Optional<TlsMaterial> tlsFromContext(String name, Path directory, boolean skipVerify) {
        Path ca = directory.resolve("ca.pem");
        boolean hasCa = Files.exists(ca);
        String source = "context '" + name + "' TLS files in " + directory;
        ClientPair pair = clientPair(directory, source);
        if (!hasCa && pair.cert() == null && !skipVerify) {
            return Optional.empty();
        }
        String why = skipVerify ? "context '" + name + "' (SkipTLSVerify)" : "context '" + name + "'";
        return Optional.of(new TlsMaterial(hasCa ? ca : null, pair.cert(), pair.key(), source, why, skipVerify));
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
            throw new InvalidInputException(origin, problem);
        }
        String text = ConfigurationFiles.readText(file, "a JSON file of the docker CLI", JSON_LIMIT);
        try {
            return Json.parse(text);
        } catch (Json.ParseException e) {
            throw new InvalidInputException(Origin.file(file.toString(), 0),
                    "is not valid JSON: " + e.getMessage());
        }
    }

    private static Located defaultSockets(ResolutionContext context, Path defaultSocket, Path rootPodmanSocket) {
        if (Files.exists(defaultSocket)) {
            return new Located.Found(EngineAddress.unix(defaultSocket, "the default socket"));
        }
        List<Path> candidates = dockerUserSockets(context);
        if (rootPodmanSocket != null) {
            candidates.add(rootPodmanSocket);
        }
        context.variable("XDG_RUNTIME_DIR").ifPresent(runtime -> candidates.add(Path.of(runtime, "podman/podman.sock")));
        for (Path candidate : candidates) {
            if (Files.exists(candidate)) {
                return new Located.Found(EngineAddress.unix(candidate, candidate.equals(rootPodmanSocket)
                        ? "rootful Podman's socket" : "a per-user socket that exists"));
            }
        }
        List<String> looked = new ArrayList<>();
        looked.add(defaultSocket.toString());
        candidates.forEach(candidate -> looked.add(candidate.toString()));
        return new Located.Missing("no Docker engine: none of " + String.join(", ", looked) + " exists and DOCKER_HOST"
                + " is not set");
    }

    /** Return the per-user sockets Docker variants listen on, in the order they are tried. */
    static List<Path> dockerUserSockets(ResolutionContext context) {
        Path home = context.userHome();
        List<Path> sockets = new ArrayList<>();
        Optional<Path> runtime = context.variable("XDG_RUNTIME_DIR").map(Path::of);
        runtime.ifPresent(directory -> sockets.add(directory.resolve("docker.sock")));
        sockets.add(home.resolve(".docker/run/docker.sock"));
        sockets.add(home.resolve(".docker/desktop/docker.sock"));
        sockets.add(home.resolve(".colima/default/docker.sock"));
        sockets.add(home.resolve(".rd/docker.sock"));
        sockets.add(home.resolve(".orbstack/run/docker.sock"));
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
