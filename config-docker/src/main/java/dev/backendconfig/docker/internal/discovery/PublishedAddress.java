package dev.backendconfig.docker.internal.discovery;

import dev.backendconfig.docker.internal.HostAndPort;
import dev.backendconfig.docker.internal.discovery.ContainerSummary.PortEntry;
import dev.backendconfig.docker.internal.engine.EngineAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where a published container port is reached from here.
 *
 * <p>A binding on all interfaces ({@code 0.0.0.0}, {@code ::}, or none given: Podman lists no {@code IP}) is
 * reached at {@code localhost} for a local engine and at the engine's host for a remote one (TCP or ssh to another
 * machine); a specific binding at that address, IPv6 in brackets. A binding on loopback ({@code 127.0.0.1},
 * {@code ::1}) of a remote engine is on that other machine's loopback, which cannot be reached from here: then the
 * address is {@link #unreachable() unreachable}, saying what to change. The IPv4 and IPv6 entries of one port are
 * one answer; a second, different host port is noted.
 *
 * @param host the host for the URL
 * @param port the host port
 * @param binding the binding as the report shows it, for example {@code 0.0.0.0:8002}
 * @param notes what else was published
 * @param unreachable why the port cannot be reached from here, or empty text when it can
 */
record PublishedAddress(HostAndPort address, String binding, List<String> notes, String unreachable) {

    /** Choose among the entries that publish one container port. */
    public static PublishedAddress from(List<PortEntry> entries, EngineAddress engine) {
        // the most preferred; the first listed of equal ones
        PortEntry chosen = entries.get(0);
        for (PortEntry entry : entries) {
            if (preference(entry, engine) < preference(chosen, engine)) {
                chosen = entry;
            }
        }
        Set<String> others = new LinkedHashSet<>();
        for (PortEntry entry : entries) {
            if (entry.publicPort() != chosen.publicPort()) {
                others.add(binding(entry));
            }
        }
        List<String> notes = new ArrayList<>();
        for (String other : others) {
            notes.add("the container port is also published on " + other + "; using " + binding(chosen));
        }
        String host = isWildcard(chosen.ip()) ? engine.hostForWildcardBindings() : chosen.ip();
        String unreachable = "";
        if (engine.isRemote() && HostAndPort.isLoopback(chosen.ip())) {
            unreachable = "publishes " + entries.get(0).privatePort() + " only on " + binding(chosen) + " of engine "
                    + engine.uri() + ", another machine, whose loopback cannot be reached from here; publish it on all"
                    + " interfaces (\"" + chosen.publicPort() + ":" + chosen.privatePort() + "\" instead of \""
                    + chosen.ip() + ":" + chosen.publicPort() + ":" + chosen.privatePort() + "\"), or run the tests on"
                    + " the engine's machine";
        }
        return new PublishedAddress(new HostAndPort(host, chosen.publicPort()), binding(chosen), notes, unreachable);
    }

    /** Return where a container on the host's network listens: the engine's host, at its container port. */
    public static PublishedAddress hostNetwork(int port, EngineAddress engine) {
        return new PublishedAddress(new HostAndPort(engine.hostForWildcardBindings(), port), "the host's network"
                + " (network_mode: host) at " + port, List.of(), "");
    }

    /** Prefer all interfaces, then a specific address, then (last, for a remote engine) loopback. */
    private static int preference(PortEntry entry, EngineAddress engine) {
        if (entry.ip().isEmpty() || entry.ip().equals("0.0.0.0")) {
            return 0;
        }
        if (entry.ip().equals("::")) {
            return 1;
        }
        int specific = entry.ip().contains(":") ? 3 : 2;
        return engine.isRemote() && HostAndPort.isLoopback(entry.ip()) ? specific + 2 : specific;
    }

    private static boolean isWildcard(String ip) {
        return ip.isEmpty() || ip.equals("0.0.0.0") || ip.equals("::");
    }

    private static String binding(PortEntry entry) {
        return new HostAndPort(entry.ip().isEmpty() ? "0.0.0.0" : entry.ip(), entry.publicPort()).forUri();
    }
}
