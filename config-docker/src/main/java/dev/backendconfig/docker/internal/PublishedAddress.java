package dev.backendconfig.docker.internal;

import dev.backendconfig.docker.internal.ContainerSummary.PortEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Where a published container port is reached from here.
 *
 * <p>A binding on all interfaces ({@code 0.0.0.0}, {@code ::} or none) is reached at {@code localhost} for a local
 * engine and at the engine's host for a TCP engine; a specific binding at that address, IPv6 in brackets. The
 * IPv4 and IPv6 entries of one port are one answer; a second, different host port is noted.
 *
 * @param host the host for the URL
 * @param port the host port
 * @param binding the binding as the report shows it, for example {@code 0.0.0.0:8002}
 * @param notes what else was published
 */
record PublishedAddress(String host, int port, String binding, List<String> notes) {

    /** Choose among the entries that publish one container port. */
    public static PublishedAddress from(List<PortEntry> entries, EngineAddress engine) {
        PortEntry chosen = entries.stream().min(Comparator.comparingInt(PublishedAddress::preference)).orElseThrow();
        List<String> notes = new ArrayList<>();
        entries.stream().filter(entry -> entry.publicPort() != chosen.publicPort())
                .map(PublishedAddress::binding).distinct()
                .forEach(other -> notes.add("the container port is also published on " + other + "; using "
                        + binding(chosen)));
        String host = isWildcard(chosen.ip()) ? engine.hostForWildcardBindings()
                : chosen.ip().contains(":") ? "[" + chosen.ip() + "]" : chosen.ip();
        return new PublishedAddress(host, chosen.publicPort(), binding(chosen), notes);
    }

    private static int preference(PortEntry entry) {
        if (entry.ip().isEmpty() || entry.ip().equals("0.0.0.0")) {
            return 0;
        }
        if (entry.ip().equals("::")) {
            return 1;
        }
        return entry.ip().contains(":") ? 3 : 2;
    }

    private static boolean isWildcard(String ip) {
        return ip.isEmpty() || ip.equals("0.0.0.0") || ip.equals("::");
    }

    private static String binding(PortEntry entry) {
        String ip = entry.ip().isEmpty() ? "0.0.0.0" : entry.ip();
        return (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + entry.publicPort();
    }
}
