package dev.backendconfig.docker.internal.engine;

import dev.backendconfig.docker.internal.HostAndPort;
import dev.backendconfig.docker.internal.Scans;
import dev.backendconfig.docker.internal.engine.EngineLocator.Located;
import dev.backendconfig.docker.internal.tls.TlsMaterial;
import dev.backendconfig.toolkit.ConfigurationFiles;
import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.toolkit.Origin;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Read one engine address as {@code DOCKER_HOST} writes it: {@code unix:///path}, {@code tcp://host:port} (with TLS
 * when the rule says so) or {@code ssh://[user@]host[:port]}; {@code npipe://}, {@code fd://} and {@code https://}
 * are named but not supported.
 */
final class EngineUrl {

    /** What a valid address looks like, for messages. */
    static final String EXPECTED = "expected unix:///path/to/docker.sock, tcp://host:port or"
            + " ssh://[user@]host[:port]";

    /** Decides whether a tcp:// engine is reached with TLS, and with which files; asked only for a tcp:// engine. */
    @FunctionalInterface
    interface TlsRule {
        Optional<TlsMaterial> material();
    }

    private EngineUrl() {
    }

    /**
     * Read the address.
     *
     * @param origin where the value comes from, for errors
     * @param why how the report names where it comes from: {@code "DOCKER_HOST"}, {@code "setting docker.host"}
     * @throws InvalidInputException when the value is malformed
     */
    static Located read(String raw, Origin origin, String why, TlsRule tls) {
        String value = raw.strip();
        int separator = value.indexOf("://");
        if (separator <= 0 || !Scans.isScheme(value.substring(0, separator))) {
            throw new InvalidInputException(origin, EXPECTED + ", got a value without a scheme");
        }
        String scheme = value.substring(0, separator).toLowerCase(Locale.ROOT);
        return switch (scheme) {
            case "unix" -> unix(value.substring(separator + 3), value, origin, why);
            case "tcp", "http" -> {
                EngineAddress plain = tcp(value, origin, why);
                yield new Located.Found(tls.material().map(m -> EngineAddress.tls(plain.host(), plain.port(), m, why))
                        .orElse(plain));
            }
            case "ssh" -> ssh(value, origin, why);
            case "npipe", "fd", "https" -> new Located.Unusable(why + " names a " + scheme + ":// engine, which is not"
                    + " supported (only unix://, tcp:// and ssh://; for TLS write tcp:// and set DOCKER_TLS_VERIFY)",
                    "fix or unset " + why + " (" + scheme + ":// is not supported; write unix://, tcp:// or ssh://)");
            default -> throw new InvalidInputException(origin, EXPECTED + ", got scheme '"
                    + (scheme.length() > 20 ? scheme.substring(0, 20) + "..." : scheme) + "'");
        };
    }

    private static Located unix(String path, String value, Origin origin, String why) {
        if (!path.startsWith("/")) {
            throw new InvalidInputException(origin, EXPECTED + ", got a unix address without an"
                    + " absolute path (write unix:///var/run/docker.sock)");
        }
        Path socket = ConfigurationFiles.resolve(Path.of("/"), path, origin);
        if (!Files.exists(socket)) {
            return new Located.Unusable(why + " names " + value + ", which does not exist (is the engine running?)",
                    "start the engine that " + why + " names, or fix or unset " + why + " (the socket " + socket
                            + " does not exist)");
        }
        return new Located.Found(EngineAddress.unix(socket, why));
    }

    private static Located ssh(String value, Origin origin, String why) {
        if (why.equals("CONTAINER_HOST")) {
            return new Located.Unusable("CONTAINER_HOST names an ssh:// Podman connection, which is not supported"
                    + " (Podman forwards a remote socket over ssh, where the docker CLI runs docker system"
                    + " dial-stdio); set DOCKER_HOST=ssh://... to an engine with the docker CLI, or use a local socket",
                    "unset CONTAINER_HOST, or set DOCKER_HOST=ssh://... to an engine whose host has the docker CLI");
        }
        return new Located.Found(SshAddress.parse(value, origin, why, EXPECTED));
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
        return EngineAddress.tcp(HostAndPort.unbracketed(uri.getHost()), port, why);
    }
}
