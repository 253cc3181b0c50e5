package dev.backendconfig.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.api.spi.RunScope;
import dev.backendconfig.testsupport.FakeDockerEngine;
import dev.backendconfig.testsupport.Leftovers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starting with {@code docker.start=if-missing} against a fake engine on a real socket and fake compose programs on
 * PATH: what a start does when compose cannot be run, hangs, or the engine is not there. The real starts are in
 * LifecycleIT.
 */
class StackStartTest {

    @TempDir
    Path directory;
    @TempDir
    Path bin;

    private FakeDockerEngine engine;
    private final RunScope run = RunScope.create("StackStartTest");

    @BeforeEach
    void engineAndComposeFile() throws IOException {
        Files.createDirectory(directory.resolve(".git"));
        Files.writeString(directory.resolve("compose.yaml"), "services:\n  backend:\n    image: backend\n"
                + "    ports: [\"8000\"]\n");
        engine = FakeDockerEngine.onUnixSocket(directory.resolve("engine.sock")).answer("/networks", 200, "[]");
    }

    @AfterEach
    void stop() throws IOException {
        run.close();
        engine.close();
    }

    private void program(String name, String script) throws IOException {
        Path file = bin.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + script + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private ProviderResult resolve(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(settings);
        all.put("docker.host", engine.dockerHost());
        all.put("docker.project", "shop");
        all.put("docker.lease-dir", directory.resolve("leases").toString());
        all.putIfAbsent("docker.start", "if-missing");
        return new DockerEndpointProvider(run).resolve(ResolutionContext.builder().workingDirectory(directory)
                .environment(Map.of("PATH", bin.toString())).settings(all).build());
    }

    @Test
    void aComposeCommandStuckPastTheStartTimeoutIsKilledWithItsChildrenAndNamedInTheError() throws Exception {
        Path pidFile = directory.resolve("compose-child.pid");
        program("docker-compose", "[ \"$1\" = version ] && exit 0\necho \"Pulling backend ...\"\n/bin/sleep 300 &\necho $! > '"
                + pidFile + "'\nwait");
        Leftovers leftovers = Leftovers.snapshot(directory);
        long start = System.nanoTime();
        ProviderResult[] answered = new ProviderResult[1];
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> answered[0] = resolve(Map.of(
                "docker.start-timeout", "2s", "timeout", "500ms")));

        assertThat(thrown).as("answered instead: %s", answered[0] == null ? "" : answered[0] + " "
                + answered[0].notes()).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).code()).isEqualTo("BCFG03001"))
                .hasMessage("setting docker.start=if-missing: " + bin.resolve("docker-compose") + " -p shop"
                        + " --project-directory " + directory + " -f " + directory.resolve("compose.yaml") + " up -d"
                        + " --no-recreate backend did not end within setting docker.start-timeout = 2000 ms and was"
                        + " killed, with every process it started: Pulling backend ...; what it started was stopped"
                        + " again: nothing was left to stop");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        long child = Long.parseLong(Files.readString(pidFile).strip());
        assertThat(ProcessHandle.of(child).filter(process -> process.isAlive() && !zombie(process.pid()))).isEmpty();
        assertThat(leftovers.newThreads()).isEmpty();
        assertThat(run.holds("docker lease " + directory.resolve("leases"))).isFalse();
        assertThat(Files.readString(Files.list(directory.resolve("leases")).findFirst().orElseThrow())).isEmpty();
    }

    /** Tell whether a process has ended and waits only to be reaped by its parent (here PID 1, which is slow at it). */
    private static boolean zombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) == 'Z';
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void aStartAfterWhichTheServiceDoesNotRunIsAnErrorNotAFallToAnotherProvider() throws Exception {
        program("docker-compose", "exit 0");

        assertThatThrownBy(() -> resolve(Map.of())).isInstanceOf(InvalidInputException.class)
                .hasMessage("setting docker.start=if-missing: ran " + bin.resolve("docker-compose") + " -p shop"
                        + " --project-directory " + directory + " -f " + directory.resolve("compose.yaml") + " up -d"
                        + " --no-recreate backend (it started nothing), but the services were not all ready within"
                        + " setting docker.start-timeout = 180000 ms: engine " + engine.dockerHost() + " runs no compose"
                        + " container of project shop (start the stack with docker compose -f "
                        + directory.resolve("compose.yaml") + " up -d); what the start started was stopped again:"
                        + " nothing was left to stop (the last 50 log lines of each failed service follow in the cause)");
    }

    @Test
    void withNoComposeCommandInstalledTheErrorSaysWhatWasTriedAndWhatToInstall() throws Exception {
        program("docker", "echo \"docker: 'compose' is not a docker command.\" >&2; exit 1");

        assertThatThrownBy(() -> resolve(Map.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("setting docker.start=if-missing: services backend of compose project shop are not running"
                        + " and no compose command answers: docker compose: compose version exited with code 1"
                        + " (docker: 'compose' is not a docker command.); docker-compose: no docker-compose on PATH;"
                        + " install docker compose (the v2 plugin) or docker-compose, or start the stack yourself");
    }

    @Test
    void withTheDefaultNeverNothingIsStartedAndNoLeaseIsTaken() throws Exception {
        Path log = directory.resolve("ran.log");
        program("docker-compose", "echo \"$*\" >> '" + log + "'");

        ProviderResult result = resolve(Map.of("docker.start", "never"));

        assertThat(result).isInstanceOf(ProviderResult.Unavailable.class);
        assertThat(log).doesNotExist();
        assertThat(directory.resolve("leases")).doesNotExist();
    }

    @Test
    void anEngineThatDoesNotAnswerIsNotStartedOnAndThePredictionIsMadeAsWithoutTheLifecycle() throws Exception {
        Path log = directory.resolve("ran.log");
        program("docker-compose", "echo \"$*\" >> '" + log + "'");
        engine.behave(FakeDockerEngine.Behaviour.CLOSE_AT_ONCE);

        ProviderResult result = resolve(Map.of("probe", "none"));

        assertThat(result.reason()).contains("closed the connection without answering GET /containers/json");
        assertThat(log).doesNotExist();
    }
}
