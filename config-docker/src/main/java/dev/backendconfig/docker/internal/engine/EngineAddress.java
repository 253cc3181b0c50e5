package dev.backendconfig.docker.internal.engine;

import dev.backendconfig.docker.internal.HostAndPort;
import dev.backendconfig.docker.internal.tls.TlsMaterial;
import dev.backendconfig.toolkit.Secrets;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a Docker engine listens, how it is reached (Unix socket, TCP, TCP with TLS, ssh), and why that one was
 * chosen.
 *
 * @param transport how the engine is reached
 * @param socket the Unix socket, or null when the engine is not reached through one
 * @param host the TCP or ssh host, or null for a Unix socket
 * @param port the TCP port; for ssh the port, or 0 to leave it to ssh (its config, else 22); 0 for a Unix socket
 * @param user the ssh user, or empty text to leave it to ssh
 * @param tls the TLS files, for {@link Transport#TLS} only (else null)
 * @param why how it was found, for the report: {@code "DOCKER_HOST"}, {@code "the default socket"}
 */
public record EngineAddress(Transport transport, Path socket, String host, int port, String user, TlsMaterial tls,
        String why) {

    /** How an engine is reached. */
    public enum Transport {
        /** A Unix socket on this machine. */
        UNIX("a unix socket"),
        /** Plain HTTP over TCP. */
        TCP("tcp"),
        /** HTTP over TCP with TLS. */
        TLS("tcp+TLS"),
        /** HTTP over the standard streams of {@code ssh HOST docker system dial-stdio}. */
        SSH("ssh (docker system dial-stdio)");

        private final String description;

        Transport(String description) {
            this.description = description;
        }

        /** Return how the report names it. */
        public String description() {
            return description;
        }
    }

    public EngineAddress {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(why, "why");
        Objects.requireNonNull(user, "user");
        if ((transport == Transport.UNIX) != (socket != null) || (socket == null) == (host == null)) {
            throw new IllegalArgumentException("an engine address is either a socket or a host");
        }
        if ((transport == Transport.TLS) != (tls != null)) {
            throw new IllegalArgumentException("TLS files go with the TLS transport, and only with it");
        }
        if (host != null) {
            new HostAndPort(host, port); // refuses a host that would corrupt the engine's URI
        }
    }

    /** Return the address of an engine on a Unix socket. */
    public static EngineAddress unix(Path socket, String why) {
        return new EngineAddress(Transport.UNIX, socket, null, 0, "", null, why);
    }

    /** Return the address of an engine on plain TCP. */
    public static EngineAddress tcp(String host, int port, String why) {
        return new EngineAddress(Transport.TCP, null, host, port, "", null, why);
    }

    /** Return the address of an engine on TCP with TLS. */
    public static EngineAddress tls(String host, int port, TlsMaterial tls, String why) {
        return new EngineAddress(Transport.TLS, null, host, port, "", tls, why);
    }

    /**
     * Return the address of an engine reached through ssh.
     *
     * @param user the user, or empty text to leave it to ssh
     * @param port the port, or 0 to leave it to ssh
     */
    public static EngineAddress ssh(String user, String host, int port, String why) {
        return new EngineAddress(Transport.SSH, null, host, port, user, null, why);
    }

    /** Tell whether the engine is reached through a Unix socket (so it runs on this machine). */
    public boolean isUnix() {
        return transport == Transport.UNIX;
    }

    /**
     * Tell whether the engine runs on another machine: it is reached over TCP or ssh at an address other than
     * {@code localhost}, {@code 127.0.0.0/8} or {@code ::1}. Its ports bound to loopback cannot be reached from here.
     */
    public boolean isRemote() {
        return !isUnix() && !HostAndPort.isLoopback(host);
    }

    /**
     * Return the address as DOCKER_HOST would write it, user info masked ({@code ssh://***@build-box:2222}): a
     * user name, like any user info in a URL, is not shown.
     */
    public String uri() {
        return written(Secrets.MASK);
    }

    /**
     * Return the address as a child process's DOCKER_HOST needs it: {@link #uri()} with the ssh user's name itself
     * ({@code ssh://deploy@build-box:2222}); never for a report or log.
     */
    public String dockerHost() {
        return written(user);
    }

    /** Write the address with {@code userShown} for an ssh user (an if-chain, not a switch: see the parent pom). */
    private String written(String userShown) {
        if (transport == Transport.UNIX) {
            return "unix://" + socket;
        }
        String host = hostAndPort().forUri(); // port 0 (left to ssh) is written as no port
        return transport == Transport.SSH ? "ssh://" + (user.isEmpty() ? "" : userShown + "@") + host
                : "tcp://" + host; // TCP and TLS
    }

    /**
     * Return the engine's TCP or ssh host and port (port 0: left to ssh).
     *
     * @throws IllegalStateException for an engine on a Unix socket, which has none
     */
    public HostAndPort hostAndPort() {
        if (host == null) {
            throw new IllegalStateException("an engine on a Unix socket has no host");
        }
        return new HostAndPort(host, port);
    }

    /**
     * Return the host that a port published on all interfaces ({@code 0.0.0.0}, {@code ::}) is reached at: this
     * machine for a local engine, the engine's own host for a remote one.
     */
    public String hostForWildcardBindings() {
        return isRemote() ? host : "localhost";
    }

    @Override
    public String toString() {
        return uri() + " (" + why + ")";
    }
}
