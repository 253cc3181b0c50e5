package dev.backendconfig.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.api.spi.RunScope;
import dev.backendconfig.testsupport.FakeDockerEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code docker.start=if-missing} in a checkout without a compose file: nothing is started or leased, the engine's
 * answer stands, and a note says why nothing could be started and what to set.
 */
class StackStartNothingToStartTest {

    @TempDir
    Path directory;

    @Test
    void withoutAComposeFileNothingIsStartedAndANoteSaysWhyAndWhatToSet() throws Exception {
        Files.createDirectory(directory.resolve(".git"));
        Path leases = directory.resolve("leases");
        try (FakeDockerEngine engine = FakeDockerEngine.onUnixSocket(directory.resolve("engine.sock"));
                RunScope run = RunScope.create("StackStartNothingToStartTest")) {
            ProviderResult result = new DockerEndpointProvider(run).resolve(ResolutionContext.builder()
                    .workingDirectory(directory).environment(Map.of("PATH", directory.resolve("bin").toString()))
                    .settings(Map.of("docker.host", engine.dockerHost(), "docker.start", "if-missing",
                            "docker.lease-dir", leases.toString(), "probe", "none")).build());

            assertThat(result).isInstanceOf(ProviderResult.Unavailable.class);
            assertThat(result.notes()).filteredOn(note -> note.startsWith("docker.start=")).singleElement()
                    .satisfies(note -> assertThat(note).startsWith("docker.start=if-missing: nothing can be started: no"
                            + " compose file (searched ").endsWith(") (set docker.compose-file, or COMPOSE_FILE, to the"
                                    + " file that starts the stack)"));
            assertThat(engine.requests()).noneSatisfy(line -> assertThat(line).startsWith("POST"));
            assertThat(leases).doesNotExist();
        }
    }
}
