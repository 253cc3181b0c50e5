package dev.backendconfig.docker.internal.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The compose files a container's project was started from, as docker compose (v2, absolute paths) and docker-compose
 * (v1, paths as given on its command line) record them in the labels.
 */
class ContainerSummaryTest {

    private static ContainerSummary started(String workingDirectory, String configFiles) {
        return new ContainerSummary("a".repeat(64), List.of("/shop-api-1"), Map.of(
                "com.docker.compose.project", "shop", "com.docker.compose.service", "api",
                "com.docker.compose.project.working_dir", workingDirectory,
                "com.docker.compose.project.config_files", configFiles), List.of(), "running", "Up 1 minute",
                "shop/api", "", "none", 0);
    }

    @Test
    void v2RecordsAbsolutePathsWhichAreTakenAsTheyAre() {
        assertThat(started("/repo", "/repo/compose.yaml,/repo/compose.override.yaml").configFilePaths())
                .containsExactly(Path.of("/repo/compose.yaml"), Path.of("/repo/compose.override.yaml"));
    }

    @Test
    void v1RelativePathsAreResolvedAgainstTheDirectoryItRanInRecoveredFromItsWorkingDirectory() {
        // docker-compose -f docker/compose.yml -f docker/extra.yml up, run in /repo: working_dir is /repo/docker
        assertThat(started("/repo/docker", "docker/compose.yml,docker/extra.yml").configFilePaths())
                .containsExactly(Path.of("/repo/docker/compose.yml"), Path.of("/repo/docker/extra.yml"));
        // run in /repo with the file beside it
        assertThat(started("/repo", "compose.yml,ci/extra.yml").configFilePaths())
                .containsExactly(Path.of("/repo/compose.yml"), Path.of("/repo/ci/extra.yml"));
    }

    @Test
    void aFirstFileThatClimbsLeavesOnlyTheFirstFileKnown() {
        assertThat(started("/infra", "../infra/compose.yml,extra.yml").configFilePaths())
                .containsExactly(Path.of("/infra/compose.yml"));
    }

    @Test
    void dockersStatusTellsHealthOnlyInItsOwnWordsAtItsEnd() {
        assertThat(ContainerSummary.listedHealth("Up 21 seconds (healthy)")).isEqualTo("healthy");
        assertThat(ContainerSummary.listedHealth("Up 4 seconds (unhealthy)")).isEqualTo("unhealthy");
        assertThat(ContainerSummary.listedHealth("Up Less than a second (health: starting)")).isEqualTo("starting");
        assertThat(ContainerSummary.listedHealth("Up 4 seconds")).isEqualTo("none");
        assertThat(ContainerSummary.listedHealth("Up 5 minutes (Paused)")).isEmpty();
        assertThat(ContainerSummary.listedHealth("Restarting (1) 5 seconds ago")).isEmpty();
        assertThat(ContainerSummary.listedHealth("Exited (0) 3 minutes ago")).isEmpty();
        assertThat(ContainerSummary.listedHealth("(healthy)")).isEmpty();
        assertThat(ContainerSummary.listedHealth("")).isEmpty();
    }
}
