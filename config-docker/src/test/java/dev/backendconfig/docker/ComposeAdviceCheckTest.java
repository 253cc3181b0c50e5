package dev.backendconfig.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.testsupport.FakeComposeCli;
import dev.backendconfig.testsupport.FakeDockerEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which compose command advice names, and how long it checks: each installed candidate is asked its
 * {@code version} within a bound of its own (10 s by default), all of them within twice that (and within what is
 * left of the resolution: StartAdviceTest). The checkout's stack is not on the engine, so the next step is the command that starts it. Fake
 * {@code docker}, {@code docker-compose}, {@code podman} and {@code podman-compose} programs on the resolution's PATH
 * answer, or answer late, or never.
 */
class ComposeAdviceCheckTest {

    private static final String COMPOSE_VERSION = "echo 'Docker Compose version v2.29.7'";
    private static final String SLEEPS = "exec /bin/sleep 600";

    @TempDir
    Path directory;

    private Path checkout;
    private FakeDockerEngine engine;

    @BeforeEach
    void aCheckoutWithoutItsStackOnTheEngine() throws IOException {
        checkout = Files.createDirectories(directory.resolve("shop"));
        Files.createDirectories(checkout.resolve(".git"));
        Files.writeString(checkout.resolve("compose.yaml"), "services:\n  backend:\n    image: shop/api\n"
                + "    ports: [\"8002:8000\"]\n");
        engine = FakeDockerEngine.onUnixSocket(directory.resolve("engine.sock"));
        engine.containers("[]");
    }

    @AfterEach
    void stopEngine() throws IOException {
        engine.close();
    }

    /** Write the fake programs into a directory of their own (named {@code bin}) and return it, for PATH. */
    private Path bin(String name, Map<String, String> versionAnswers) throws IOException {
        Path bin = Files.createDirectories(directory.resolve(name));
        for (Map.Entry<String, String> program : versionAnswers.entrySet()) {
            String asked = program.getKey().contains("-") ? "\"$1\" = version" : "\"$1 $2\" = \"compose version\"";
            FakeComposeCli.program(bin, program.getKey(), "[ " + asked + " ] || exit 1\n" + program.getValue());
        }
        return bin;
    }

    private ProviderResult resolve(DockerEndpointProvider provider, Path bin, Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(settings);
        all.put("docker.host", engine.dockerHost());
        return provider.resolve(ResolutionContext.builder().workingDirectory(checkout)
                .environment(Map.of("PATH", bin.toString())).systemProperties(Map.of("user.dir", checkout.toString()))
                .settings(all).build());
    }

    private static String startStep(String cli) {
        return "start this checkout's stack: " + cli + " -f compose.yaml up -d";
    }

    @Test
    void aComposeCommandSlowToAnswerIsWaitedForWithinTheDefaultBoundAndPassedOverBeyondAShorterOne()
            throws IOException {
        Map<String, String> slowV2 = Map.of("docker", "/bin/sleep 1.5\n" + COMPOSE_VERSION, "docker-compose",
                "echo 'docker-compose version 1.29.2'");
        assertThat(resolve(new DockerEndpointProvider(), bin("default", slowV2), Map.of()).nextStep())
                .isEqualTo(startStep("docker compose"));
        assertThat(resolve(new DockerEndpointProvider(Duration.ofMillis(500)), bin("short", slowV2), Map.of())
                .nextStep()).isEqualTo(startStep("docker-compose"));
    }

    @Test
    void allChecksTogetherStopAtTwiceTheBoundOfOneSoALaterCandidateIsNotCheckedAndTheCurrentCommandIsNamed()
            throws IOException {
        engine.identifyAs("Api-Version: 1.41", "Libpod-Api-Version: 4.3.1", "Server: Libpod/4.3.1 (linux)");
        Path bin = bin("podman", Map.of("docker", SLEEPS, "docker-compose", SLEEPS, "podman", SLEEPS,
                "podman-compose", "echo 'podman-compose version 1.0.6'"));
        long start = System.nanoTime();
        ProviderResult result = resolve(new DockerEndpointProvider(Duration.ofSeconds(1)), bin, Map.of());
        long took = (System.nanoTime() - start) / 1_000_000;
        assertThat(result.nextStep()).isEqualTo(startStep("docker compose"));
        assertThat(took).as("two checks of 1 s each, then no more").isBetween(1_900L, 9_000L);
    }

    @Test
    void podmansComposeCommandsAreCandidatesForAPodmanEngineOnly() throws IOException {
        Map<String, String> onlyPodmanCompose = Map.of("podman-compose", "echo 'podman-compose version 1.0.6'");
        assertThat(resolve(new DockerEndpointProvider(), bin("docker-engine", onlyPodmanCompose), Map.of()).nextStep())
                .isEqualTo(startStep("docker compose"));
        engine.identifyAs("Api-Version: 1.41", "Libpod-Api-Version: 4.3.1", "Server: Libpod/4.3.1 (linux)");
        assertThat(resolve(new DockerEndpointProvider(), bin("podman-engine", onlyPodmanCompose), Map.of()).nextStep())
                .isEqualTo(startStep("podman-compose"));
    }
}
