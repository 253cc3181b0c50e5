package dev.backendconfig.staging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backendconfig.testsupport.FirstResolution;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first resolution in a fresh JVM, from a staging file, loads no lambda of ours: reading the file (with its
 * watchdog), parsing and interpolating it, and building the endpoint never start the JDK's lambda machinery for code
 * that runs once. Counted from the child JVM's own class-load log, never timed.
 */
class StagingFirstCallTest {

    @TempDir
    Path directory;

    @Test
    void theFirstStagingResolutionOfAFreshJvmLoadsNoLambdaOfOurs() throws Exception {
        Files.writeString(directory.resolve(".env.staging.e2e"), "STAGING_BASE_URL=https://backend-staging.example.test"
                + "\nSTAGING_API_URL=${STAGING_BASE_URL}/api\nSTAGING_USER=tester\nSTAGING_BASE_URL=https://${HOST}\n");
        FirstResolution.Outcome first = FirstResolution.run(directory, Map.of("HOST", "staging.example.test"),
                List.of("-Dbackendconfig.providers=staging"));
        assertThat(first.output()).contains("answer staging https://staging.example.test");
        assertThat(first.loadedClass("dev.backendconfig.toolkit.dotenv.Interpolation")).isTrue();
        assertThat(first.lambdasOfOurs()).isEmpty();
        assertThat(first.spunMethodHandleClasses()).isEmpty();
    }
}
