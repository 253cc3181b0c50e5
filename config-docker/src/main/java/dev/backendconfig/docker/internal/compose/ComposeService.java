package dev.backendconfig.docker.internal.compose;

import dev.backendconfig.toolkit.Origin;
import dev.backendconfig.docker.internal.DatabaseLook;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One service of this checkout's compose project, after compose's merge of every file, {@code include} and
 * {@code extends}: what finding a service and predicting its port need.
 *
 * @param name the compose service name
 * @param containerName its {@code container_name}, or empty text
 * @param image its {@code image}, or empty text
 * @param networkMode its {@code network_mode}, or empty text ({@code host}: it shares the host's network, and its
 *     ports are not published but listened on directly)
 * @param aliases its network aliases across its networks
 * @param ports its {@code ports} entries, each once (compose's unique key: address, host port, container port,
 *     protocol)
 * @param exposed its {@code expose} entries' container ports
 * @param profiles its {@code profiles}; empty: always active
 * @param origin the file and line where it is defined
 */
public record ComposeService(String name, String containerName, String image, String networkMode,
        Set<String> aliases, List<ComposePort> ports, List<Integer> exposed, List<String> profiles, Origin origin) {

    public ComposeService {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(containerName, "containerName");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(networkMode, "networkMode");
        aliases = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(aliases));
        ports = List.copyOf(ports);
        exposed = List.copyOf(exposed);
        profiles = List.copyOf(profiles);
        Objects.requireNonNull(origin, "origin");
    }

    /** Tell whether the service uses the host's network ({@code network_mode: host}). */
    public boolean hostNetwork() {
        return "host".equals(networkMode);
    }

    /** Return the TCP container ports its {@code ports} and {@code expose} name, each once, in their order. */
    public List<Integer> containerPorts() {
        Set<Integer> all = new LinkedHashSet<>();
        for (ComposePort port : ports) {
            if ("tcp".equals(port.protocol())) {
                for (int target = port.target().first(); target <= port.target().last() && all.size() < 1000;
                        target++) {
                    all.add(target);
                }
            }
        }
        all.addAll(exposed);
        return List.copyOf(all);
    }

    /** Tell whether its image or a port it publishes looks like a database's ({@code postgres}, 5432, ...). */
    public boolean looksLikeDatabase() {
        return DatabaseLook.of(image, containerPorts()).isPresent();
    }
}
