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

    static Outcome choose(ContainerSummary container, Service service, Optional<Integer> explicit, String setting) {
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
        return new Outcome(0, "", container.describe() + " publishes " + container.describePorts() + (service.isBackend()
                ? " but not the default container port " + DockerSettings.BACKEND_CONTAINER_PORT : "") + "; set " + setting + " to say which"
                + " port the service listens on");
    }
}
