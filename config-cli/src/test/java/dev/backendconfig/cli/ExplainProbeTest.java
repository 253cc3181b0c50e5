package dev.backendconfig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** explain's {@code --probe}: it becomes setting probe for the candidates too, and none probes nothing. */
class ExplainProbeTest {

    @TempDir
    Path project;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Map<String, String> environment = new HashMap<>();
    private final Map<String, String> properties = new HashMap<>();

    @BeforeEach
    void aProjectWithoutDocker() throws IOException {
        Files.createDirectory(project.resolve(".git"));
        environment.put("DOCKER_HOST", "unix://" + project.resolve("no-engine.sock"));
        environment.put("TEST_BACKEND_URL", "http://localhost:8002");
        properties.put("user.dir", project.toString());
        properties.put("user.home", project.toString());
    }

    private int run(String... arguments) {
        return new Explain(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true,
                StandardCharsets.UTF_8), environment, properties).run(List.of(arguments));
    }

    private static int closedPort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
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
