package dev.backendconfig.env;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backendconfig.testsupport.FirstResolution;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first resolution in a fresh JVM, from a variable, loads no lambda of ours: it never starts the JDK's lambda
 * machinery (a class spun at each lambda's first call, and the method-handle classes behind them) for code that runs
 * once. Counted from the child JVM's own class-load log, never timed.
 */
class EnvFirstCallTest {

    @TempDir
    Path directory;

    @Test
    void theFirstEnvResolutionOfAFreshJvmLoadsNoLambdaOfOurs() throws Exception {
        FirstResolution.Outcome first = FirstResolution.run(directory,
                Map.of("TEST_BACKEND_URL", "http://localhost:8002"), List.of("-Dbackendconfig.providers=env"));
        assertThat(first.output()).contains("answer env http://localhost:8002");
        assertThat(first.loadedClass("dev.backendconfig.env.EnvEndpointProvider")).isTrue();
        assertThat(first.lambdasOfOurs()).isEmpty();
        assertThat(first.spunMethodHandleClasses()).isEmpty();
    }
}
