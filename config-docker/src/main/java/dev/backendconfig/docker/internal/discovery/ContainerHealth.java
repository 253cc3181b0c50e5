package dev.backendconfig.docker.internal.discovery;

import dev.backendconfig.docker.internal.json.Json;
import dev.backendconfig.toolkit.OutsideText;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code GET /containers/{id}/json} says of a container's health and network aliases.
 *
 * @param status {@code none} (no healthcheck), {@code starting}, {@code healthy} or {@code unhealthy}
 * @param lastOutput the last line of the last health check's output: masked, on one line, shortened; or empty text
 * @param aliases the container's network aliases across its networks
 * @param state {@code State.Status}: {@code running}, {@code exited}, {@code restarting}, ...; empty text when the
 *     engine gave none
 * @param exitCode {@code State.ExitCode}, 0 when the engine gave none
 * @param created {@code Created}, when the engine gave a time it could be read as
 */
record ContainerHealth(String status, String lastOutput, Set<String> aliases, String state, int exitCode,
        Optional<Instant> created) {

    /** Read the inspect reply. */
    public static ContainerHealth from(Object inspect) {
        Object health = Json.object(Json.object(inspect, "State"), "Health");
        String status = Json.string(health, "Status");
        List<Object> log = Json.array(health, "Log");
        String lastOutput = log.isEmpty() ? "" : lastLine(Json.string(log.get(log.size() - 1), "Output"));
        Set<String> aliases = new LinkedHashSet<>();
        for (Object network : Json.object(Json.object(inspect, "NetworkSettings"), "Networks").values()) {
            for (Object alias : Json.array(network, "Aliases")) {
                if (alias instanceof String text) {
                    aliases.add(text);
                }
            }
        }
        Object state = Json.object(inspect, "State");
        return new ContainerHealth(status.isEmpty() ? "none" : status, lastOutput, aliases,
                OutsideText.excerpt(Json.string(state, "Status"), 40), Json.integer(state, "ExitCode", 0),
                instant(Json.string(inspect, "Created")));
    }

    /**
     * Return what Docker's list already told of a running container whose {@link ContainerSummary#listedHealth()} is
     * {@code healthy} or {@code none}, so that no inspect is needed: no last output (only an unhealthy container's
     * is shown, and that one is inspected), no aliases (matching by alias inspects), and as creation time the
     * listed whole second rounded up, so that a compose file written within the same second is never taken for a
     * change made after the container (see {@link Drift}).
     */
    static ContainerHealth listed(ContainerSummary container) {
        return new ContainerHealth(container.listedHealth(), "", Set.of(), container.state(), 0,
                container.createdSeconds() > 0 ? Optional.of(Instant.ofEpochSecond(container.createdSeconds() + 1))
                        : Optional.empty());
    }

    /** Return the same health with another status (an event said it changed). */
    ContainerHealth withStatus(String newStatus) {
        return new ContainerHealth(newStatus, lastOutput, aliases, state, exitCode, created);
    }

    /** Tell whether the container has stopped: its state is known and is neither running nor restarting. */
    boolean stopped() {
        return !state.isEmpty() && !state.equals("running") && !state.equals("restarting")
                && !state.equals("created");
    }

    /** Read an engine time such as {@code 2026-11-24T10:00:00.123456789Z}; empty when it is not one. */
    static Optional<Instant> instant(String text) {
        if (text.isEmpty() || text.startsWith("0001-")) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Return the last health check's output as a clause for the report, or empty text. */
    public String lastOutputClause() {
        return lastOutput.isEmpty() ? "" : " (last check said: " + lastOutput + ")";
    }

    private static String lastLine(String output) {
        // stripped first, the output's last line is never blank: what follows the last line break (\n, \r or \r\n,
        // as String.lines() splits), stripped
        String text = output.strip();
        if (text.isEmpty()) {
            return "";
        }
        int lastBreak = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
        return OutsideText.excerpt(text.substring(lastBreak + 1).strip(), 160);
    }
}
