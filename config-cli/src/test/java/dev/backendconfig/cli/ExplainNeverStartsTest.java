package dev.backendconfig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backendconfig.testsupport.FakeDockerEngine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * explain is a diagnosis: a checkout whose settings file says {@code docker.start=if-missing} (for its tests, wait and
 * up) never has its stack started by {@code explain --dir CHECKOUT}, wherever the setting comes from; wait follows it.
 * A fake engine answers on a real socket, and fake compose programs on PATH write a file when they are run.
 */
class ExplainNeverStartsTest {

    @TempDir
    Path checkout;
    @TempDir
    Path bin;

    private FakeDockerEngine engine;
    private Path ran;

    @BeforeEach
    void aCheckoutWhoseSettingsStartItsStack() throws IOException {
        Files.createDirectory(checkout.resolve(".git"));
        Files.writeString(checkout.resolve("compose.yaml"), "services:\n  backend:\n    image: backend\n"
                + "    ports: [\"8000\"]\n");
        Files.writeString(Files.createDirectories(checkout.resolve("src/test/resources"))
                .resolve("backend-config.properties"), "docker.start=if-missing\ndocker.lease-dir="
                + checkout.resolve("leases") + "\n");
        engine = FakeDockerEngine.onUnixSocket(checkout.resolve("engine.sock")).answer("/networks", 200, "[]");
        ran = checkout.resolve("compose-ran");
        // both compose command lines: whichever the library picks leaves the file behind
        program("docker", "[ \"$1 $2\" = \"compose version\" ] && { echo 'Docker Compose version v2.29.7'; exit 0; }\n"
                + "echo \"docker $*\" >> '" + ran + "'\nexit 0");
        program("docker-compose", "[ \"$1\" = version ] && { echo 'docker-compose version 1.29.2'; exit 0; }\n"
                + "echo \"docker-compose $*\" >> '" + ran + "'\nexit 0");
    }

    @AfterEach
    void stopTheEngine() throws IOException {
        engine.close();
    }

    private void program(String name, String script) throws IOException {
        Path file = bin.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + script + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private record Outcome(int exit, String out, String err) {
    }

    private Outcome run(Map<String, String> extraEnvironment, String... arguments) {
        Map<String, String> environment = new HashMap<>(extraEnvironment);
        environment.put("PATH", bin.toString());
        environment.put("DOCKER_HOST", engine.dockerHost());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Explain.execute(List.of(arguments), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), environment,
                Map.of("user.dir", checkout.toString(), "user.home", checkout.toString()));
        return new Outcome(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void explainDoesNotStartTheStackTheCheckoutsSettingsFileAsksToStart() {
        Outcome outcome = run(Map.of(), "explain", "--dir", checkout.toString());

        assertThat(ran).doesNotExist();
        assertThat(outcome.exit()).as(outcome.err()).isEqualTo(Explain.NOT_FOUND);
        assertThat(outcome.err()).contains("  setting docker.start=never (given to explain, which never starts a stack)");
    }

    @Test
    void explainDoesNotStartTheStackWhenTheUsersOwnVariableAsksEither() {
        Outcome outcome = run(Map.of("BACKENDCONFIG_DOCKER_START", "if-missing"), "explain", "--dir",
                checkout.toString(), "--format=json");

        assertThat(ran).doesNotExist();
        assertThat(outcome.exit()).as(outcome.err()).isEqualTo(Explain.NOT_FOUND);
    }

    @Test
    void aCheckoutThatDoesNotAskToStartGetsNoOverrideInItsReport() throws IOException {
        Files.delete(checkout.resolve("src/test/resources/backend-config.properties"));

        Outcome outcome = run(Map.of(), "explain", "--dir", checkout.toString());

        assertThat(outcome.exit()).as(outcome.err()).isEqualTo(Explain.NOT_FOUND);
        assertThat(outcome.err()).doesNotContain("docker.start");
    }

    @Test
    void explainRefusesToBeToldToStartOnItsCommandLine() {
        Outcome outcome = run(Map.of(), "explain", "--dir", checkout.toString(), "--set", "docker.start=if-missing");

        assertThat(ran).doesNotExist();
        assertThat(outcome.exit()).isEqualTo(Explain.USAGE);
        assertThat(outcome.err()).isEqualTo("explain: --set docker.start: explain never starts a stack, it only says"
                + " what is there; start it with backend-config up (or wait, or the tests, with"
                + " docker.start=if-missing)\n");
    }

    /** The same checkout and settings do start the stack under wait: the fake compose proves it can be started. */
    @Test
    void waitFollowsTheCheckoutsSettingAndRunsCompose() throws IOException {
        Outcome outcome = run(Map.of(), "wait", "--dir", checkout.toString(), "--timeout", "5s");

        assertThat(ran).exists();
        assertThat(Files.readString(ran)).contains(" up -d --no-recreate backend");
        assertThat(outcome.exit()).as(outcome.err()).isEqualTo(Explain.INVALID);
    }
}
