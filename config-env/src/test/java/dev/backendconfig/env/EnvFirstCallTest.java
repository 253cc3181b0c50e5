package dev.backendconfig.env;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backendconfig.api.Resolution;
import dev.backendconfig.api.ServiceResolver;
import dev.backendconfig.api.spi.ResolutionContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first resolution in a fresh JVM, which a test run pays once and the CLI at every call: from a variable, it
 * loads no lambda of ours, so that it never starts the JDK's lambda machinery (spinning a class at each lambda's
 * first call, and the method-handle classes behind them) for code that runs once. Counted from the child JVM's own
 * {@code -Xlog:class+load}, never timed.
 */
class EnvFirstCallTest {

    @TempDir
    Path directory;

    /** The child JVM: resolve once from the variable, print where the answer came from. */
    public static final class FirstResolution {

        private FirstResolution() {
        }

        public static void main(String[] arguments) {
            Resolution resolution = ServiceResolver.create()
                    .resolve(ResolutionContext.systemBuilder().workingDirectory(Path.of(arguments[0])).build());
            System.out.println("answer " + resolution.endpoint().source() + " " + resolution.endpoint().http());
        }
    }

    @Test
    void theFirstEnvResolutionOfAFreshJvmLoadsNoLambdaOfOurs() throws IOException, InterruptedException {
        Path log = directory.resolve("class-load.txt");
        Path out = directory.resolve("out.txt");
        ProcessBuilder child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-Xlog:class+load:file=" + log, "-Dbackendconfig.providers=env",
                "-cp", System.getProperty("java.class.path"), FirstResolution.class.getName(), directory.toString())
                .redirectErrorStream(true).redirectOutput(out.toFile());
        child.environment().clear();
        child.environment().put("TEST_BACKEND_URL", "http://localhost:8002");
        Process process = child.start();
        try {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the child JVM ended within 60 s").isTrue();
        } finally {
            process.destroyForcibly();
        }
        assertThat(Files.readString(out, StandardCharsets.UTF_8)).contains("answer env http://localhost:8002");
        List<String> loaded = Files.readAllLines(log, StandardCharsets.UTF_8);
        assertThat(loaded).as("the resolution's own classes were loaded")
                .anyMatch(line -> line.contains(" dev.backendconfig.env.EnvEndpointProvider "));
        assertThat(loaded).filteredOn(line -> line.contains(" dev.backendconfig.") && line.contains("$$Lambda"))
                .isEmpty();
    }
}
