package dev.backendconfig.docker.internal;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * A host and a port as a URL's authority writes them: an IPv6 address in brackets ({@code [::1]:8080}), a name or
 * an IPv4 address as it is ({@code localhost:8080}). The host is held without brackets; text that would change what
 * a URL means ({@code /}, {@code ?}, {@code #}, {@code @}, a space, a control character, a bracket) is refused, so no
 * host from a compose file, an engine's reply or a setting can corrupt a URL built from it.
 *
 * @param host a host name, an IPv4 address, or an IPv6 address without brackets
 * @param port the port, 1-65535; or 0 for none, where the port is left to the program that connects (ssh)
 */
public record HostAndPort(String host, int port) {

    public HostAndPort {
        Objects.requireNonNull(host, "host");
        // what a URL's host may hold: unreserved characters, : of IPv6, % of an IPv6 zone
        if (!Scans.isHostText(host)) {
            throw new IllegalArgumentException("a host is a name or an IP address without brackets, got '"
                    + host.replaceAll("\\p{Cntrl}", "?") + "'");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("a port is 1-65535, or 0 for none, got " + port);
        }
    }

    /** Return the host and port; the host may be written in brackets ({@code [::1]}). */
    public static HostAndPort of(String host, int port) {
        return new HostAndPort(unbracketed(host), port);
    }

    /** Return a host without the brackets an IPv6 address is written in within a URL: {@code [::1]} is {@code ::1}. */
    public static String unbracketed(String host) {
        return host.length() >= 2 && host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1)
                : host;
    }

    /**
     * Tell whether a host name or address means this machine's loopback interface: {@code localhost} (and names
     * under it), {@code 127.0.0.0/8}, {@code ::1}.
     */
    public static boolean isLoopback(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        return lower.equals("localhost") || lower.endsWith(".localhost") || lower.equals("::1")
                || lower.equals("0:0:0:0:0:0:0:1") || lower.matches("127(\\.[0-9]{1,3}){3}");
    }

    /** Tell whether the host is an IPv6 address. */
    public boolean isIpv6() {
        return host.contains(":");
    }

    /** Return the host as a URL writes it: an IPv6 address in brackets. */
    public String hostForUri() {
        return isIpv6() ? "[" + host + "]" : host;
    }

    /** Return the host and port as a URL's authority writes them: {@code [::1]:8080}, {@code localhost} for no port. */
    public String forUri() {
        return hostForUri() + (port > 0 ? ":" + port : "");
    }

    /** Return {@code http://host:port}. */
    public URI http() {
        return URI.create("http://" + forUri());
    }

    /** Return {@link #forUri()}. */
    @Override
    public String toString() {
        return forUri();
    }
}
