package dev.backendconfig.docker.internal.discovery;

import dev.backendconfig.docker.internal.json.Json;
import dev.backendconfig.toolkit.OutsideText;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What {@code GET /containers/{id}/json} says of a container's health and network aliases.
 *
 * @param status {@code none} (no healthcheck), {@code starting}, {@code healthy} or {@code unhealthy}
 * @param lastOutput the last line of the last health check's output: masked, on one line, shortened; or empty text
 * @param aliases the container's network aliases across its networks
 */
record ContainerHealth(String status, String lastOutput, Set<String> aliases) {

    /** Read the inspect reply. */
    public static ContainerHealth from(Object inspect) {
        Object health = Json.object(Json.object(inspect, "State"), "Health");
        String status = Json.string(health, "Status");
        List<Object> log = Json.array(health, "Log");
        String lastOutput = log.isEmpty() ? "" : lastLine(Json.string(log.get(log.size() - 1), "Output"));
        Set<String> aliases = new LinkedHashSet<>();
        Json.object(Json.object(inspect, "NetworkSettings"), "Networks").values().forEach(network ->
                Json.array(network, "Aliases").forEach(alias -> {
                    if (alias instanceof String text) {
                        aliases.add(text);
                    }
                }));
        return new ContainerHealth(status.isEmpty() ? "none" : status, lastOutput, aliases);
    }

    /** Return the last health check's output as a clause for the report, or empty text. */
    public String lastOutputClause() {
        return lastOutput.isEmpty() ? "" : " (last check said: " + lastOutput + ")";
    }

    private static String lastLine(String output) {
        List<String> lines = new ArrayList<>(output.strip().lines().map(String::strip).filter(l -> !l.isEmpty()).toList());
        if (lines.isEmpty()) {
            return "";
        }
        return OutsideText.excerpt(lines.get(lines.size() - 1), 160);
    }
}
