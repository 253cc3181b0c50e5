package dev.backendconfig.docker.internal.compose;

import dev.backendconfig.docker.internal.HostAndPort;
import dev.backendconfig.docker.internal.IpLiteral;
import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.toolkit.Origin;
import dev.backendconfig.toolkit.OutsideText;
import java.util.Locale;
import java.util.Optional;

/**
 * One entry of a compose service's {@code ports}, in either syntax.
 *
 * <p>Short: {@code 8000}, {@code 8002:8000}, {@code 127.0.0.1:8002:8000}, {@code 127.0.0.1::8000},
 * {@code [::1]:8002:8000}, {@code ::1:8002:8000}, {@code 8000-8001:8000-8001}, each optionally ending in
 * {@code /tcp} or {@code /udp}. Long: {@code target}, {@code published} (a number, a string or a range),
 * {@code host_ip}, {@code protocol}, {@code mode}. A host address must be an IP address literal.
 *
 * @param hostIp the host address to bind, or empty text for all
 * @param published the host port range, or null when Docker picks the host port
 * @param target the container port range
 * @param protocol {@code tcp} or {@code udp}
 * @param origin the file and line of the entry
 */
public record ComposePort(String hostIp, Range published, Range target, String protocol, Origin origin) {

    /**
     * A port or a range of ports.
     *
     * @param first the first port
     * @param last the last port, equal to {@code first} for a single port
     */
    public record Range(int first, int last) {
        int size() {
            return last - first + 1;
        }

        boolean contains(int port) {
            return port >= first && port <= last;
        }

        @Override
        public String toString() {
            return first == last ? Integer.toString(first) : first + "-" + last;
        }
    }

    /**
     * Parse the short syntax of an entry written without variables.
     *
     * @throws InvalidInputException naming the file and line when the entry is not a port mapping
     */
    public static ComposePort parseShort(String entry, Origin origin) {
        return parseShort(entry, entry, origin);
    }

    /**
     * Parse the short syntax.
     *
     * @param interpolated the entry with its variables replaced, which is parsed
     * @param entry the entry as written in the file, which errors quote; a part that came from a variable is never
     *     quoted, since the variable may hold a secret
     * @throws InvalidInputException naming the file and line when the entry is not a port mapping
     */
    public static ComposePort parseShort(String interpolated, String entry, Origin origin) {
        String value = interpolated.strip();
        String protocol = "tcp";
        int slash = value.lastIndexOf('/');
        if (slash >= 0) {
            protocol = protocol(value.substring(slash + 1), entry, origin);
            value = value.substring(0, slash);
        }
        int lastColon = value.lastIndexOf(':');
        if (lastColon < 0) {
            return new ComposePort("", null, range(value, "container port", entry, origin), protocol, origin);
        }
        String target = value.substring(lastColon + 1);
        if (target.isEmpty()) {
            throw invalid(origin, entry, "there is no container port after the last ':'");
        }
        String before = value.substring(0, lastColon);
        int ipColon = before.startsWith("[") ? before.indexOf("]:") + 1 : before.lastIndexOf(':');
        String hostIp = ipColon > 0 ? HostAndPort.unbracketed(before.substring(0, ipColon)) : "";
        // an empty address before the host port (":8002:8000") is no address, as Docker splits the entry
        String published = ipColon >= 0 ? before.substring(ipColon + 1) : before;
        if (before.startsWith("[") && ipColon <= 0) {
            throw invalid(origin, entry, "an IPv6 host address in brackets must be followed by ':' and the host port");
        }
        Range targetRange = range(target, "container port", entry, origin);
        Range publishedRange = published.isEmpty() ? null : range(published, "host port", entry, origin);
        return checked(new ComposePort(hostIp, publishedRange, targetRange, protocol, origin), entry);
    }

    /**
     * Parse the long syntax; values are already interpolated text.
     *
     * @param written the entry's target as written in the file, which errors quote (see {@link #parseShort})
     * @throws InvalidInputException naming the file and line when a field is not valid
     */
    public static ComposePort parseLong(Optional<String> target, Optional<String> published, Optional<String> hostIp,
            Optional<String> protocol, String written, Origin origin) {
        String described = "target: " + written;
        if (target.isEmpty() || target.get().isBlank()) {
            throw invalid(origin, described, "the long syntax needs 'target', the container port");
        }
        Range targetRange = range(target.get().strip(), "target", described, origin);
        Range publishedRange = published.isPresent() && !published.get().isBlank()
                ? range(published.get().strip(), "published", described, origin) : null;
        String proto = protocol.isPresent() && !protocol.get().isBlank()
                ? protocol(protocol.get().strip(), described, origin) : "tcp";
        String ip = hostIp.isPresent() ? HostAndPort.unbracketed(hostIp.get()) : "";
        return checked(new ComposePort(ip.strip(), publishedRange, targetRange, proto, origin), described);
    }

    /**
     * Return the host port that {@code containerPort} is published on, when the file fixes it: not when Docker picks
     * it, either freely (no host port) or within a host range given for a single container port.
     */
    public Optional<Integer> hostPortFor(int containerPort) {
        if (published == null || !target.contains(containerPort) || published.size() != target.size()) {
            return Optional.empty();
        }
        return Optional.of(published.first() + (containerPort - target.first()));
    }

    /** Tell whether this entry maps {@code containerPort} over TCP. */
    public boolean maps(int containerPort) {
        return "tcp".equals(protocol) && target.contains(containerPort);
    }

    private static ComposePort checked(ComposePort port, String entry) {
        if (!port.hostIp().isEmpty() && !IpLiteral.isValid(port.hostIp())) {
            throw invalid(port.origin(), entry, "the host address " + quoted(port.hostIp(), entry) + " is not an IP"
                    + " address such as 127.0.0.1 or ::1 (a host name or anything after the address cannot be bound)");
        }
        if (port.published() != null && port.published().size() != port.target().size() && port.target().size() != 1) {
            throw invalid(port.origin(), entry, "the host " + (port.published().size() == 1 ? "port " : "range ")
                    + port.published() + " and the container range " + port.target() + " differ in length");
        }
        return port;
    }

    private static Range range(String text, String what, String entry, Origin origin) {
        int dash = text.indexOf('-');
        if (dash > 0) {
            int first = port(text.substring(0, dash), what, entry, origin);
            int last = port(text.substring(dash + 1), what, entry, origin);
            if (last < first) {
                throw invalid(origin, entry, "the " + what + " range " + quoted(text, entry) + " ends before it starts");
            }
            return new Range(first, last);
        }
        int port = port(text, what, entry, origin);
        return new Range(port, port);
    }

    /** Tell whether every character is a digit ({@link Character#isDigit}, as {@link Integer#parseInt} reads them). */
    private static boolean allDigits(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (!Character.isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static int port(String text, String what, String entry, Origin origin) {
        if (text.isEmpty() || text.length() > 6 || !allDigits(text)) {
            throw invalid(origin, entry, "the " + what + " " + quoted(text, entry) + " is not a port from 1 to 65535");
        }
        int port = Integer.parseInt(text);
        if (port < 1 || port > 65535) {
            throw invalid(origin, entry, "the " + what + " " + port + " is outside 1-65535");
        }
        return port;
    }

    private static String protocol(String text, String entry, Origin origin) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (!lower.equals("tcp") && !lower.equals("udp") && !lower.equals("sctp")) {
            throw invalid(origin, entry, "the protocol " + quoted(text, entry) + " is not tcp, udp or sctp");
        }
        return lower;
    }

    /** Return a part of an entry quoted, or described when a variable supplied it (it may be a secret). */
    private static String quoted(String part, String entry) {
        return entry.contains("$") ? "(from a variable)" : "'" + OutsideText.excerpt(part, 60) + "'";
    }

    private static InvalidInputException invalid(Origin origin, String entry, String problem) {
        return new InvalidInputException(origin, "ports entry '" + OutsideText.excerpt(entry, 80) + "': "
                + problem);
    }
}
