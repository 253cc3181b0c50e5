package dev.backendconfig.docker.internal.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backendconfig.docker.internal.json.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A container's health as the engine's inspect reply tells it (status, last check's last line, aliases, state, exit
 * code, creation time), and as Docker's list already tells it without an inspect.
 */
class ContainerHealthTest {

    private static ContainerHealth inspected(String json) throws Exception {
        return ContainerHealth.from(Json.parse(json));
    }

    @Test
    void anInspectReplyGivesTheHealthTheLastChecksLastLineTheAliasesOfEveryNetworkAndTheState() throws Exception {
        ContainerHealth health = inspected("{\"Created\": \"2026-11-24T10:00:00.123456789Z\", \"State\": {\"Status\":"
                + " \"exited\", \"ExitCode\": 137, \"Health\": {\"Status\": \"unhealthy\", \"Log\": [{\"Output\":"
                + " \"first check\"}, {\"Output\": \"\\n  connecting  \\n  refused: port 8000  \\n\\n\"}]}},"
                + " \"NetworkSettings\": {\"Networks\": {\"front\": {\"Aliases\": [\"api\", 7, \"web\"]},"
                + " \"back\": {\"Aliases\": [\"api\", \"internal\"]}, \"none\": {}}}}");
        assertThat(health).isEqualTo(new ContainerHealth("unhealthy", "refused: port 8000", Set.of("api", "web",
                "internal"), "exited", 137, Optional.of(Instant.parse("2026-11-24T10:00:00.123456789Z"))));
        assertThat(health.aliases()).containsExactly("api", "web", "internal");
        assertThat(health.stopped()).isTrue();
        assertThat(health.lastOutputClause()).isEqualTo(" (last check said: refused: port 8000)");
    }

    @Test
    void theLastLineIsWhatStringLinesGivesLastWhateverTheLineBreaks() throws Exception {
        // the scan that replaced output.strip().lines().map(String::strip) and its last element: every string of up to
        // five of these characters (line breaks of each kind, spaces, a tab, a vertical tab, a form feed, U+2028)
        for (String output : dev.backendconfig.testsupport.AlphabetStrings.upTo("a\n\r \t\u000b\u000c\u2028b",
                5)) {
            java.util.List<String> lines = output.strip().lines().map(String::strip).toList();
            String expected = lines.isEmpty() ? "" : dev.backendconfig.toolkit.OutsideText.excerpt(
                    lines.get(lines.size() - 1), 160);
            String json = "{\"State\": {\"Health\": {\"Status\": \"unhealthy\", \"Log\": [{\"Output\": "
                    + dev.backendconfig.docker.internal.json.Json.write(output) + "}]}}}";
            assertThat(inspected(json).lastOutput()).as("%s", output.replace("\n", "\\n").replace("\r", "\\r"))
                    .isEqualTo(expected);
        }
    }

    @Test
    void aContainerWithoutHealthcheckStateOrTimeIsNoneWithNothingElseKnown() throws Exception {
        ContainerHealth health = inspected("{}");
        assertThat(health).isEqualTo(new ContainerHealth("none", "", Set.of(), "", 0, Optional.empty()));
        assertThat(health.stopped()).isFalse();
        assertThat(health.lastOutputClause()).isEmpty();
        assertThat(inspected("{\"State\": {\"Health\": {\"Status\": \"starting\", \"Log\": [{\"Output\": \" \\n \"}]}}}"))
                .isEqualTo(new ContainerHealth("starting", "", Set.of(), "", 0, Optional.empty()));
    }

    @Test
    void theLastChecksOutputIsMaskedOnOneLineAndShortened() throws Exception {
        ContainerHealth health = inspected("{\"State\": {\"Health\": {\"Status\": \"unhealthy\", \"Log\": [{\"Output\":"
                + " \"DB_PASSWORD=s3cr3t \\u001b[2J " + "x".repeat(200) + "\"}]}}}");
        assertThat(health.lastOutput()).isEqualTo("DB_PASSWORD=*** \\u001b[2J " + "x".repeat(160 - 26) + "...");
    }

    @Test
    void onlyAKnownStateOtherThanRunningRestartingAndCreatedIsStopped() {
        assertThat(withState("exited").stopped()).isTrue();
        assertThat(withState("dead").stopped()).isTrue();
        assertThat(withState("running").stopped()).isFalse();
        assertThat(withState("restarting").stopped()).isFalse();
        assertThat(withState("created").stopped()).isFalse();
        assertThat(withState("").stopped()).isFalse();
    }

    private static ContainerHealth withState(String state) {
        return new ContainerHealth("none", "", Set.of(), state, 0, Optional.empty());
    }

    @Test
    void anEngineTimeIsReadOnlyWhenItIsOneAndNotTheZeroTime() {
        assertThat(ContainerHealth.instant("2026-11-24T10:00:00+01:00")).contains(Instant.parse("2026-11-24T09:00:00Z"));
        assertThat(ContainerHealth.instant("0001-01-01T00:00:00Z")).isEmpty();
        assertThat(ContainerHealth.instant("yesterday")).isEmpty();
        assertThat(ContainerHealth.instant("")).isEmpty();
    }

    @Test
    void whatDockersListToldStandsForAnInspectWithTheCreationSecondRoundedUp() {
        ContainerSummary container = new ContainerSummary("a".repeat(64), List.of("shop-api-1"), Map.of(), List.of(),
                "running", "Up 2 minutes (healthy)", "", "", "healthy", 1_700_000_000L);
        assertThat(ContainerHealth.listed(container)).isEqualTo(new ContainerHealth("healthy", "", Set.of(), "running",
                0, Optional.of(Instant.ofEpochSecond(1_700_000_001L))));
        ContainerSummary undated = new ContainerSummary("a".repeat(64), List.of("shop-api-1"), Map.of(), List.of(),
                "running", "Up 2 minutes", "", "", "none", 0);
        assertThat(ContainerHealth.listed(undated).created()).isEmpty();
    }

    @Test
    void anEventChangesOnlyTheStatus() {
        ContainerHealth health = new ContainerHealth("starting", "out", Set.of("api"), "running", 3,
                Optional.of(Instant.EPOCH));
        assertThat(health.withStatus("healthy")).isEqualTo(new ContainerHealth("healthy", "out", Set.of("api"),
                "running", 3, Optional.of(Instant.EPOCH)));
    }
}
