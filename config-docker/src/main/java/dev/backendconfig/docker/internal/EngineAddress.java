package dev.backendconfig.docker.internal;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a Docker engine listens: a Unix socket or a TCP address, and why that one was chosen.
 *
 * @param socket the Unix socket, or null for TCP
 * @param host the TCP host, or null for a Unix socket
 * @param port the TCP port, or 0 for a Unix socket
 * @param why how it was found, for the report: {@code "DOCKER_HOST"}, {@code "the default socket"}
 */
public record EngineAddress(Path socket, String host, int port, String why) {

    public EngineAddress {
        Objects.requireNonNull(why, "why");
        if ((socket == null) == (host == null)) {
            throw new IllegalArgumentException("an engine address is either a socket or a host");
        }
    }

    /** Return the address of an engine on a Unix socket. */
    public static EngineAddress unix(Path socket, String why) {
        return new EngineAddress(socket, null, 0, why);
    }

    /** Return the address of an engine on TCP. */
    public static EngineAddress tcp(String host, int port, String why) {
        return new EngineAddress(null, host, port, why);
    }

    /** Tell whether the engine is reached through a Unix socket (so it runs on this machine). */
    public boolean isUnix() {
        return socket != null;
    }

    /** Return the address as DOCKER_HOST would write it. */
    public String uri() {
        return isUnix() ? "unix://" + socket : "tcp://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /**
     * Return the host that a port published on all interfaces ({@code 0.0.0.0}, {@code ::}) is reached at: this
     * machine for a local engine, the engine's own host for a TCP engine.
     */
    public String hostForWildcardBindings() {
        if (isUnix() || "127.0.0.1".equals(host) || "localhost".equals(host) || "::1".equals(host)) {
            return "localhost";
        }
        return host.contains(":") ? "[" + host + "]" : host;
    }

    @Override
    public String toString() {
        return uri() + " (" + why + ")";
    }
}
