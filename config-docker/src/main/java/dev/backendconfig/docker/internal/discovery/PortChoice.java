package dev.backendconfig.docker.internal.discovery;

import dev.backendconfig.api.spi.Service;
import dev.backendconfig.docker.internal.DockerSettings;
import java.util.List;
import java.util.Optional;

/**
 * Pick the container port of a service's chosen container: the one a setting names (it must be published), else
 * for the backend 8000 or, when its container does not publish 8000 but exactly one other port, that one; else the
 * one port the container publishes.
 */
final class PortChoice {

    /**
     * The outcome: a port (and a note when it was not the one expected), or why none.
     *
     * @param port the container port, or 0 when none could be chosen
     * @param note what the report should say about the choice, or empty text
     * @param problem why no port was chosen, or empty text
     */
    record Outcome(int port, String note, String problem) {
        boolean chosen() {
            return port > 0;
        }
    }

    private PortChoice() {
    }

    /**
     * Choose the port.
     *
     * @param composePorts the container ports the compose file names for the service ({@code ports} and
     *     {@code expose}), which decide for a container on the host's network, since it publishes nothing
     */
    static Outcome choose(ContainerSummary container, Service service, Optional<Integer> explicit, String setting,
            List<Integer> composePorts) {
        if (container.hostNetwork()) {
            return hostNetwork(container, service, explicit, setting, composePorts);
        }
        List<Integer> published = container.publishedContainerPorts();
        if (explicit.isPresent()) {
            return published.contains(explicit.get()) ? new Outcome(explicit.get(), "", "")
                    : new Outcome(0, "", container.describe() + " does not publish container port " + explicit.get()
                            + " (setting " + setting + ") on a host port; it publishes " + container.describePorts());
        }
        if (service.isBackend() && published.contains(DockerSettings.BACKEND_CONTAINER_PORT)) {
            return new Outcome(DockerSettings.BACKEND_CONTAINER_PORT, "", "");
        }
        if (published.size() == 1) {
            String note = service.isBackend() ? container.describe() + " does not publish the default container port "
                    + DockerSettings.BACKEND_CONTAINER_PORT + "; using " + published.get(0) + ", the one port it publishes (set " + setting
                    + "=" + published.get(0) + " to say so)" : "";
            return new Outcome(published.get(0), note, "");
        }
        if (published.isEmpty()) {
            return new Outcome(0, "", container.describe() + " publishes no port on the host (add ports: to its"
                    + " compose service)");
        }
        return new Outcome(0, "", container.describe() + " publishes " + container.describePorts()
                + (service.isBackend()
                ? " but not the default container port " + DockerSettings.BACKEND_CONTAINER_PORT : "") + "; set " + setting + " to say which"
                + " port the service listens on");
    }

    /** A container on the host's network listens on the host at its container port, which nothing publishes. */
    private static Outcome hostNetwork(ContainerSummary container, Service service, Optional<Integer> explicit,
            String setting, List<Integer> composePorts) {
        if (explicit.isPresent()) {
            return new Outcome(explicit.get(), "", "");
        }
        if (service.isBackend() && (composePorts.isEmpty()
                || composePorts.contains(DockerSettings.BACKEND_CONTAINER_PORT))) {
            return new Outcome(DockerSettings.BACKEND_CONTAINER_PORT, "", "");
        }
        if (composePorts.size() == 1) {
            return new Outcome(composePorts.get(0), "", "");
        }
        return new Outcome(0, "", container.describe() + " uses the host's network (network_mode: host), so it"
                + " publishes no port that would say where it listens" + (composePorts.isEmpty() ? ""
                        : "; its compose file names " + composePorts) + "; set " + setting);
    }
}
