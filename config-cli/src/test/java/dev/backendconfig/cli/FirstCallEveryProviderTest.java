package dev.backendconfig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backendconfig.testsupport.FirstResolution;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first env resolution of a fresh JVM with every provider on the class path, as the CLI's jar and a test suite
 * that adds all modules have them: each provider is loaded and declares its settings (docker's and staging's too,
 * which the resolution checks the settings set against), and none of that spins a lambda of ours. Counted from the
 * child JVM's own class-load log, never timed. (Method-handle classes are not counted here: this module's tests bind
 * slf4j-simple, whose configuration spins a lambda of its own; config-env's and config-staging's first-call tests,
 * without a binding, count them.)
 */
class FirstCallEveryProviderTest {

    @TempDir
    Path directory;

    @Test
    void theFirstEnvResolutionWithEveryProviderLoadedSpinsNoLambdaOfOurs() throws Exception {
        FirstResolution.Outcome first = FirstResolution.run(directory,
                Map.of("TEST_BACKEND_URL", "http://localhost:8002"), List.of("-Dbackendconfig.providers=env"));
        assertThat(first.output()).contains("answer env http://localhost:8002");
        assertThat(first.loadedClass("dev.backendconfig.docker.DockerEndpointProvider")).isTrue();
        assertThat(first.loadedClass("dev.backendconfig.staging.StagingEndpointProvider")).isTrue();
        assertThat(first.lambdasOfOurs()).isEmpty();
    }
}
