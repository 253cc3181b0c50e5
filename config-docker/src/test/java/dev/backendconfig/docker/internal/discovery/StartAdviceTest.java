package dev.backendconfig.docker.internal.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.docker.internal.DockerConfig;
import dev.backendconfig.docker.internal.ResolutionFacts;
import dev.backendconfig.docker.internal.compose.ComposeCli;
import dev.backendconfig.testsupport.FakeComposeCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command advice names, checked on this machine: which compose command line, within which time. */
class StartAdviceTest {

    @TempDir
    Path directory;

    /** The facts of a resolution run in {@code directory} with {@code bin} on its PATH and {@code left} of its time. */
    private ResolutionFacts facts(Path bin, Duration left) {
        ResolutionFacts facts = ResolutionFacts.of(ResolutionContext.builder().workingDirectory(directory)
                .environment(Map.of("PATH", bin.toString())).systemProperties(Map.of("user.dir", directory.toString()))
                .build());
        return new ResolutionFacts(facts.environment(), facts.workingDirectory(), facts.userHome(),
                facts.launchDirectory(), facts.clock(), () -> left, facts.probing(), facts.prober(),
                facts.protocolProber(), facts.extender());
    }

    private StartAdvice advice(ResolutionFacts facts) {
        ResolutionContext context = ResolutionContext.builder().workingDirectory(directory).build();
        return new StartAdvice(DockerConfig.read(context), facts, Optional.empty(), () -> false,
                ComposeCli.ADVICE_CHECK);
    }

    @Test
    void theCheckEndsWithTheResolutionsTimeWhenLessIsLeftThanItsOwnBound() throws IOException {
        Path bin = FakeComposeCli.in(Files.createDirectories(directory.resolve("bin")), FakeComposeCli.Answer.HANGS,
                FakeComposeCli.Answer.VERSION);
        long start = System.nanoTime();
        String cli = advice(facts(bin, Duration.ofMillis(800))).cli();
        long took = (System.nanoTime() - start) / 1_000_000;
        assertThat(cli).as("docker-compose is never asked: no time is left after docker compose hung")
                .isEqualTo(ComposeCli.CURRENT);
        assertThat(took).as("the 800 ms left, not the check's 10 s").isBetween(790L, 9_000L);
    }
}
