package dev.backendconfig.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backendconfig.testsupport.AlpineStack;
import dev.backendconfig.testsupport.FakeDockerEngine;
import dev.backendconfig.testsupport.FirstResolution;
import dev.backendconfig.testsupport.Recorded;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fresh JVM's first docker resolution, against a fake engine listing the recorded example stack, links no lambda of
 * ours and bootstraps no record's equals or hashCode ({@code java.lang.runtime.ObjectMethods}): each would spin classes
 * at run time for code that runs once (docs/benchmarks.md). Counted from the child JVM's own class-load log, never
 * timed: a project named by a setting, with and without a compose file; this checkout's project found by its
 * containers' labels (no setting, the way most checkouts run); and a container still starting, healthy at the next
 * look.
 */
class DockerFirstCallTest {

    @TempDir
    Path directory;

    /** The first resolution's class-load log, after checking it answered from the fake engine's container. */
    private FirstResolution.Outcome firstResolution(boolean named, boolean composeFile, boolean starting)
            throws Exception {
        Files.createDirectories(directory.resolve(".git"));
        if (composeFile) {
            // older than the recorded container: no drift warning (whose command line looks for the compose CLI
            // installed here, with a child process and the lambdas of that search)
            Files.setLastModifiedTime(Files.writeString(directory.resolve("compose.yaml"), AlpineStack.COMPOSE_FILE),
                    FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
        }
        try (FakeDockerEngine engine = FakeDockerEngine.onUnixSocket(directory.resolve("engine.sock"))) {
            Map<String, Object> entry = Recorded.listEntry("alpine-test-backend");
            if (!named) {
                entry = Recorded.startedIn(entry, directory, "checkout");
            }
            if (starting) {
                entry = Recorded.listedWithHealth(entry, "starting");
                engine.inspect(Recorded.id(entry), Recorded.withHealth(Recorded.inspection("alpine"), "starting"),
                        Recorded.text(Recorded.inspection("alpine")));
            }
            engine.containers(Recorded.list(entry));
            List<String> options = new ArrayList<>(List.of("-Dbackendconfig.providers=docker",
                    "-Dbackendconfig.docker.service=alpine-test-backend"));
            if (named) {
                options.add("-Dbackendconfig.docker.project=docker");
            }
            FirstResolution.Outcome first = FirstResolution.run(directory, Map.of("DOCKER_HOST", engine.dockerHost()),
                    options);
            assertThat(first.output()).contains("answer docker http://localhost:8002");
            if (!starting) {
                // the list alone: the container is healthy, nothing is inspected
                assertThat(engine.requests()).hasSize(1);
            }
            return first;
        }
    }

    private static void linksNoLambdaOfOursAndNoRecordMethod(FirstResolution.Outcome first) {
        assertThat(first.loadedClass("dev.backendconfig.docker.internal.discovery.EngineDiscovery")).isTrue();
        assertThat(first.lambdasOfOurs()).isEmpty();
        assertThat(first.loadedClass("java.lang.runtime.ObjectMethods")).isFalse();
    }

    @Test
    void aProjectNamedBySettingWithoutComposeFile() throws Exception {
        linksNoLambdaOfOursAndNoRecordMethod(firstResolution(true, false, false));
    }

    @Test
    void aProjectNamedBySettingWithTheCheckoutsComposeFile() throws Exception {
        FirstResolution.Outcome first = firstResolution(true, true, false);

        assertThat(first.loadedClass("dev.backendconfig.docker.internal.compose.ComposeServices")).isTrue();
        linksNoLambdaOfOursAndNoRecordMethod(first);
    }

    @Test
    void thisCheckoutsProjectFoundByItsContainersLabels() throws Exception {
        FirstResolution.Outcome first = firstResolution(false, true, false);

        assertThat(first.loadedClass("dev.backendconfig.docker.internal.discovery.ProjectOwnership")).isTrue();
        linksNoLambdaOfOursAndNoRecordMethod(first);
    }

    @Test
    void aContainerStillStartingThenHealthy() throws Exception {
        FirstResolution.Outcome first = firstResolution(false, true, true);

        assertThat(first.loadedClass("dev.backendconfig.docker.internal.discovery.ContainerHealth")).isTrue();
        linksNoLambdaOfOursAndNoRecordMethod(first);
    }
}
