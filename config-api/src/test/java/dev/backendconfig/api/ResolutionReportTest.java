package dev.backendconfig.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backendconfig.api.ResolutionReport.Line;
import dev.backendconfig.api.ResolutionReport.Outcome;
import dev.backendconfig.toolkit.Origin;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResolutionReportTest {

    @Test
    void rendersOneAlignedLinePerProviderWithOriginsAndNotes() {
        ServiceEndpoint endpoint = ServiceEndpoint.builder("docker")
                .http(URI.create("http://localhost:8002"), Origin.other("container alpine-test-backend"))
                .detail("compose-service", "alpine-test-backend", Origin.other("container alpine-test-backend"))
                .detail("container-port", "8000", Origin.other("container alpine-test-backend")).build();
        ResolutionReport report = new ResolutionReport(Map.of("backend", endpoint), List.of(
                new Line("env", 300, Outcome.SKIPPED, "none of TEST_BACKEND_URL, BACKEND_URL is set",
                        Duration.ofNanos(120_000), Map.of(), List.of(), List.of(), "set TEST_BACKEND_URL"),
                new Line("docker", 200, Outcome.FOUND, "service alpine-test-backend publishes 8000 on 0.0.0.0:8002",
                        Duration.ofMillis(38), endpoint.origins(), List.of("engine unix:///var/run/docker.sock (default)"), List.of(), ""),
                new Line("staging", 100, Outcome.NOT_ASKED, "", Duration.ZERO, Map.of(), List.of(), List.of(), "")),
                List.of("setting docker.container-port=8000 (system property backendconfig.docker.container-port)"),
                Duration.ofMillis(41));
        assertThat(report.render()).isEqualTo(String.join("\n",
                "backend: http://localhost:8002  ws://localhost:8002  (from docker, 41 ms)",
                "  env      300  skipped      none of TEST_BACKEND_URL, BACKEND_URL is set                0.1 ms",
                "  docker   200  found        service alpine-test-backend publishes 8000 on 0.0.0.0:8002  38 ms",
                "                             http: container alpine-test-backend",
                "                             websocket: derived from the HTTP URL (container alpine-test-backend)",
                "                             details: compose-service, container-port",
                "                             note: engine unix:///var/run/docker.sock (default)",
                "  staging  100  not asked",
                "  setting docker.container-port=8000 (system property backendconfig.docker.container-port)",
                ""));
        assertThat(report.toString()).isEqualTo(report.render());
    }

    @Test
    void aLineShowsTwentyNotesAndSaysHowManyMoreThereAre() {
        List<String> twenty = java.util.stream.IntStream.rangeClosed(1, 20).mapToObj(n -> "note " + n).toList();
        List<String> twentyTwo = java.util.stream.IntStream.rangeClosed(1, 22).mapToObj(n -> "note " + n).toList();
        String all = notesOf(twenty);
        assertThat(all).contains("note: note 20\n").doesNotContain("more notes");
        String capped = notesOf(twentyTwo);
        assertThat(capped).contains("note: note 20\n").doesNotContain("note 21")
                .contains("note: ... and 2 more notes (all are in ResolutionReport.lines())\n");
    }

    private static String notesOf(List<String> notes) {
        return new ResolutionReport(Map.of(), List.of(new Line("env", 300, Outcome.SKIPPED, "none set", Duration.ZERO,
                Map.of(), notes, List.of(), "")), List.of(), Duration.ZERO).render();
    }

    @Test
    void timesUnderTenMillisecondsShowATenthAndLongerOnesWholeMilliseconds() {
        assertThat(ReportText.millis(Duration.ofNanos(9_999_999))).isEqualTo("10.0 ms");
        assertThat(ReportText.millis(Duration.ofMillis(10))).isEqualTo("10 ms");
        assertThat(ReportText.millis(Duration.ofNanos(250_000))).isEqualTo("0.3 ms");
        assertThat(ReportText.millis(Duration.ofSeconds(90))).isEqualTo("90000 ms");
    }

    @Test
    void tenthsOfAMillisecondAreWhatPercentPointOneFPrintedBeforeEveryMicrosecondUnderTenMilliseconds() {
        // the scan that replaced String.format (and the regular expression its Formatter compiles), against it
        for (long micros = -2_000; micros < 10_000; micros++) {
            assertThat(ReportText.millis(Duration.ofNanos(micros * 1_000 + (micros < 0 ? -999 : 999))))
                    .isEqualTo(String.format(java.util.Locale.ROOT, "%.1f ms", micros / 1000.0));
        }
    }

    @Test
    void aPriorityIsPaddedToThreeColumnsAsPercentThreeDPrintedIt() {
        for (int priority = -1_200; priority <= 1_200; priority++) {
            assertThat(ReportText.padStart(Integer.toString(priority), 3)).isEqualTo(String.format(java.util.Locale.ROOT,
                    "%3d", priority));
        }
    }

    @Test
    void saysNoneFoundAndHowManyProvidersWereAsked() {
        ResolutionReport report = new ResolutionReport(Map.of(), List.of(
                new Line("env", 300, Outcome.SKIPPED, "none set", Duration.ZERO, Map.of(), List.of(), List.of(), ""),
                new Line("docker", 200, Outcome.EXCLUDED, "left out by setting providers", Duration.ZERO, Map.of(),
                        List.of(), List.of(), "")), List.of(), Duration.ofMillis(3));
        assertThat(report.render()).startsWith("backend: none found (1 provider asked, 3.0 ms)\n")
                .contains("  docker  200  excluded     left out by setting providers\n");
        assertThat(report.services()).isEmpty();
    }

    @Test
    void everyReasonAndNoteFromOutsideIsMaskedAsTheLineIsMadeWhoeverMadeIt() {
        String secret = "pl4nted-s3cret";
        Line line = new Line("custom", 50, Outcome.UNAVAILABLE, "label token=" + secret + " on project shop",
                Duration.ofMillis(3), Map.of(), List.of("started from https://deploy:" + secret
                        + "@git.example.test/compose.yml"), List.of(new ResolutionReport.ServiceLine("auth", false, true,
                        "its label says password: " + secret, Map.of())), "set REGISTRY_TOKEN=" + secret
                        + " then https://u:" + secret + "@registry.test");
        ResolutionReport report = new ResolutionReport(Map.of(), List.of(line), List.of("note api_key=" + secret),
                Duration.ofMillis(3));
        assertThat(line.reason()).isEqualTo("label token=*** on project shop");
        assertThat(line.notes()).containsExactly("started from https://***@git.example.test/compose.yml");
        assertThat(line.nextStep()).doesNotContain(secret).endsWith("https://***@registry.test");
        assertThat(line.services().get(0).reason()).isEqualTo("its label says password: ***");
        assertThat(report.notes()).containsExactly("note api_key=***");
        assertThat(report.render()).doesNotContain(secret);
    }
}
