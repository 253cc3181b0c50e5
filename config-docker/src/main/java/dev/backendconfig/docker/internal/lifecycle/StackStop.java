package dev.backendconfig.docker.internal.lifecycle;

import dev.backendconfig.docker.internal.transport.EngineClient;
import dev.backendconfig.docker.internal.transport.EngineException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Stop what a lease started, and only that: each container it started is stopped ({@code POST
 * /containers/{id}/stop}, the engine giving it its own stop grace period), and removed when the start created it
 * ({@code DELETE /containers/{id}}, its volumes kept); then each network the start created is removed. A container
 * or network already gone counts as done; one that cannot be removed is named in the outcome and left.
 */
final class StackStop {

    /** How long one stop may take: compose's default grace period is 10 s. */
    static final Duration STOP_BOUND = Duration.ofSeconds(30);
    private static final Duration REQUEST_BOUND = Duration.ofSeconds(10);

    /**
     * What stopping did.
     *
     * @param stopped the containers stopped (and removed when created)
     * @param networks the networks removed
     * @param problems what could not be done, one clause each
     */
    record Outcome(List<LeaseState.Started> stopped, List<String> networks, List<String> problems) {

        /**
         * Return what stopping did as one clause: {@code "stopped and removed 2 containers (a, b) and removed 1
         * network"}, {@code "stopped 1 container it had only started (c)"}, {@code "nothing was left to stop"}.
         */
        String describe() {
            List<String> parts = new ArrayList<>();
            List<String> removed = stopped.stream().filter(LeaseState.Started::created).map(LeaseState.Started::name)
                    .toList();
            List<String> restarted = stopped.stream().filter(container -> !container.created())
                    .map(LeaseState.Started::name).toList();
            if (!removed.isEmpty()) {
                parts.add("stopped and removed " + count(removed.size(), "container") + " (" + String.join(", ",
                        removed) + ")");
            }
            if (!restarted.isEmpty()) {
                parts.add("stopped " + count(restarted.size(), "container") + " it had only started ("
                        + String.join(", ", restarted) + ")");
            }
            if (!networks.isEmpty()) {
                parts.add("removed " + count(networks.size(), "network") + " it created");
            }
            String done = parts.isEmpty() ? "nothing was left to stop" : String.join(" and ", parts);
            return done + (problems.isEmpty() ? "" : "; " + String.join("; ", problems));
        }

        private static String count(int count, String noun) {
            return count + " " + noun + (count == 1 ? "" : "s");
        }
    }

    private StackStop() {
    }

    /** Stop {@code started} (newest first) and remove {@code networks}. */
    static Outcome stop(EngineClient client, List<LeaseState.Started> started, List<String> networks) {
        List<LeaseState.Started> stopped = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = started.size() - 1; i >= 0; i--) {
            LeaseState.Started container = started.get(i);
            try {
                int status = client.send("POST", EngineClient.path("containers", container.id(), "stop"),
                        STOP_BOUND).status();
                if (status != 204 && status != 304 && status != 404) {
                    problems.add("container " + container.name() + " was not stopped (engine answered " + status + ")");
                    continue;
                }
                if (container.created() && status != 404) {
                    int removed = client.send("DELETE", EngineClient.path("containers", container.id()) + "?v=0",
                            REQUEST_BOUND).status();
                    if (removed != 204 && removed != 404) {
                        problems.add("container " + container.name() + " was stopped but not removed (engine"
                                + " answered " + removed + ")");
                    }
                }
                stopped.add(container);
            } catch (EngineException e) {
                problems.add("container " + container.name() + ": " + e.getMessage());
            }
        }
        List<String> removedNetworks = new ArrayList<>();
        for (String network : networks) {
            try {
                int status = client.send("DELETE", EngineClient.path("networks", network), REQUEST_BOUND).status();
                if (status == 204 || status == 200 || status == 404) {
                    removedNetworks.add(network);
                } else {
                    problems.add("network " + network.substring(0, 12) + " was not removed (engine answered " + status
                            + "; something else may use it)");
                }
            } catch (EngineException e) {
                problems.add("network " + network.substring(0, 12) + ": " + e.getMessage());
            }
        }
        return new Outcome(stopped, removedNetworks, problems);
    }
}
