package dev.backendconfig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** explain's {@code --probe}: it becomes setting probe for the candidates too, and none probes nothing. */
class ExplainProbeTest extends CommandInProject {

    @BeforeEach
    void aBackendVariable() {
        environment.put("TEST_BACKEND_URL", "http://localhost:8002");
    }

    @Test
    void explainsProbeIsTheSettingProbeForCandidatesUnlessSetOtherwise() {
        assertThat(run("--probe=none")).isEqualTo(Explain.FOUND);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\n  setting probe=none (given to --set)\n");
        out.reset();
        assertThat(run("--probe=none", "--set", "probe=tcp")).isEqualTo(Explain.FOUND);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\n  setting probe=tcp (given to --set)\n");
    }

    @Test
    void probeNoneChecksNothingAndPrintsNoProbeLine() {
        assertThat(run("--probe=none")).isEqualTo(Explain.FOUND);
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("probe:").endsWith("\nproject: " + project
                + " (holds .git)\n");
    }

    @Test
    void waitsProbeIsNotTheSettingProbe() throws IOException {
        environment.put("TEST_BACKEND_URL", "http://127.0.0.1:" + closedPort());
        assertThat(run("wait", "--probe=tcp", "--timeout=300ms")).isEqualTo(Explain.NOT_FOUND);
        assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("setting probe=");
    }
}
