package dev.backendconfig.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backendconfig.testsupport.AlpineStack;
import dev.backendconfig.testsupport.FakeDockerEngine;
import dev.backendconfig.testsupport.FirstResolution;
import dev.backendconfig.testsupport.Recorded;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fresh JVM's first docker resolution, against a fake engine listing the recorded example stack (healthy), links no
 * lambda of ours and bootstraps no record's equals or hashCode ({@code java.lang.runtime.ObjectMethods}): each would
 * spin classes at run time for code that runs once (docs/benchmarks.md). Counted from the child JVM's own class-load
 * log, never timed; in a checkout without a compose file and in one that holds the example's.
 */
class DockerFirstCallTest {

    @TempDir
    Path directory;

    private FirstResolution.Outcome firstResolution() throws Exception {
        Files.createDirectories(directory.resolve(".git"));
        try (FakeDockerEngine engine = FakeDockerEngine.onUnixSocket(directory.resolve("engine.sock"))) {
            engine.containers(Recorded.list(Recorded.listEntry("alpine-test-backend")));
            FirstResolution.Outcome first = FirstResolution.run(directory, Map.of("DOCKER_HOST", engine.dockerHost()),
                    List.of("-Dbackendconfig.providers=docker", "-Dbackendconfig.docker.project=docker",
                            "-Dbackendconfig.docker.service=alpine-test-backend"));
            assertThat(first.output()).contains("answer docker http://localhost:8002");
            assertThat(engine.requests()).hasSize(1); // the list: the container is healthy, nothing is inspected
            return first;
        }
    }

    @Test
    void theFirstDockerResolutionLinksNoLambdaOfOursAndNoRecordMethod() throws Exception {
        FirstResolution.Outcome first = firstResolution();

        assertThat(first.loadedClass("dev.backendconfig.docker.internal.discovery.EngineDiscovery")).isTrue();
        assertThat(first.lambdasOfOurs()).isEmpty();
        assertThat(first.loadedClass("java.lang.runtime.ObjectMethods")).isFalse();
    }

    @Test
    void readingTheCheckoutsComposeFileLinksNoLambdaOfOursEither() throws Exception {
        Files.writeString(directory.resolve("docker-compose.yml"), AlpineStack.COMPOSE_FILE);

        FirstResolution.Outcome first = firstResolution();

        assertThat(first.loadedClass("dev.backendconfig.docker.internal.compose.ComposeServices")).isTrue();
        assertThat(first.lambdasOfOurs()).isEmpty();
        assertThat(first.loadedClass("java.lang.runtime.ObjectMethods")).isFalse();
    }
}
