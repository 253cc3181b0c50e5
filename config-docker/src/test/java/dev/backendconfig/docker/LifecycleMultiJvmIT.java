package dev.backendconfig.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backendconfig.testsupport.CallerEnvironment;
import dev.backendconfig.testsupport.Commands;
import dev.backendconfig.testsupport.ComposeStack;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lease across JVMs, with real processes ({@link LifecycleFork}) as a Surefire run's forks would be, the real
 * engine and the real docker-compose behind a wrapper on PATH that counts its {@code up} commands: four JVMs at once
 * start the stack once and the last to leave stops it; a JVM killed with {@code kill -9} leaves a stack the next run
 * adopts and stops, whether it was killed after its start or during {@code compose up}; a plain {@code TestContext}
 * user's stack is stopped by the shutdown hook. Each test asserts what {@code docker ps -a} (filtered to its own
 * project) shows afterwards. Run by scripts/docker-it.sh.
 */
class LifecycleMultiJvmIT {

    private static final Duration COMMAND_TIME = Duration.ofSeconds(120);

    @TempDir
    Path repository;
    @TempDir
    Path leases;
    @TempDir
    Path bin;

    private final String project = "bclcj-" + UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, String> variables = new HashMap<>();
    private final List<Process> forks = new ArrayList<>();
    private Path upLog;

    @BeforeEach
    void stackAndWrapper() throws IOException {
        Files.createDirectory(repository.resolve(".git"));
        Files.writeString(repository.resolve("compose.yaml"), "services:\n"
                + LifecycleIT.service("backend", "LCJ_BACKEND_PORT"));
        variables.put("LCJ_BACKEND_PORT", Integer.toString(ComposeStack.freePort()));
        upLog = bin.resolve("compose-commands.log");
        Path wrapper = bin.resolve("docker-compose");
        Files.writeString(wrapper, "#!/bin/sh\necho \"$*\" >> '" + upLog + "'\nexec /usr/bin/docker-compose \"$@\"\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @AfterEach
    void removeWhatIsLeft() throws IOException {
        forks.forEach(fork -> {
            fork.descendants().forEach(ProcessHandle::destroyForcibly);
            fork.destroyForcibly();
        });
        Map<String, String> environment = new HashMap<>(CallerEnvironment.engine());
        environment.putAll(variables);
        Commands.run(List.of("docker-compose", "-p", project, "-f", repository.resolve("compose.yaml").toString(),
                "down", "--remove-orphans", "-t", "1"), environment, COMMAND_TIME);
    }

    private Process fork(String mode, List<String> jvmOptions) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"),
                "-Dslf4j.provider=dev.backendconfig.testkit.RecordingLogs"));
        command.addAll(jvmOptions);
        command.addAll(List.of(LifecycleFork.class.getName(), mode, repository.toString(), leases.toString(), project,
                repository.resolve("go").toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(repository.toFile())
                .redirectErrorStream(true).redirectOutput(repository.resolve("fork-" + forks.size() + ".out").toFile());
        builder.environment().clear();
        builder.environment().putAll(CallerEnvironment.engine());
        builder.environment().putAll(variables);
        builder.environment().put("PATH", bin + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        builder.environment().put("HOME", System.getProperty("user.home"));
        Process process = builder.start();
        forks.add(process);
        return process;
    }

    /** Wait until every fork has said what it found; return each one's FORK lines. */
    private List<String> awaitFound(List<Process> processes) throws Exception {
        long until = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < until) {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < processes.size(); i++) {
                output(forks.indexOf(processes.get(i))).stream().filter(line -> line.startsWith("FORK ")
                        && line.contains("FOUND")).findFirst().ifPresent(lines::add);
            }
            if (lines.size() == processes.size()) {
                return lines;
            }
            if (processes.stream().anyMatch(process -> !process.isAlive())) {
                break;
            }
            Thread.sleep(100);
        }
        List<String> all = new ArrayList<>();
        for (Process process : processes) {
            all.addAll(output(forks.indexOf(process)));
        }
        throw new AssertionError("the forks did not all find the stack: " + String.join("\n", all));
    }

    private List<String> output(int fork) throws IOException {
        Path file = repository.resolve("fork-" + fork + ".out");
        return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    }

    private List<String> psA() throws IOException {
        String out = Commands.run(List.of("docker", "ps", "-a", "--filter", "label=com.docker.compose.project="
                + project, "--format", "{{.Names}} {{.State}}"), CallerEnvironment.engine(), COMMAND_TIME);
        return out.lines().filter(line -> !line.isBlank()).sorted().toList();
    }

    private long ups() throws IOException {
        return Files.exists(upLog) ? Files.readAllLines(upLog).stream().filter(line -> line.contains(" up ")).count()
                : 0;
    }

    @Test
    void fourJvmsAtOnceStartTheStackOnceAndTheLastToLeaveStopsIt() throws Exception {
        List<Process> four = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            four.add(fork("close", List.of()));
        }
        List<String> found = awaitFound(four);

        assertThat(ups()).isEqualTo(1);
        assertThat(found).filteredOn(line -> line.contains("docker.start=if-missing: started backend")).hasSize(1);
        assertThat(found).filteredOn(line -> line.contains("runs; attached")).hasSize(3);
        assertThat(psA()).containsExactly(project + "_backend_1 running");

        Files.createFile(repository.resolve("go"));
        for (Process process : four) {
            assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        }
        List<String> ends = new ArrayList<>();
        for (Process process : four) {
            output(forks.indexOf(process)).stream().filter(line -> line.endsWith(" STOPPED") || line.endsWith(" LEFT"))
                    .forEach(ends::add);
        }
        assertThat(ends).hasSize(4).filteredOn(line -> line.endsWith(" STOPPED")).hasSize(1);
        assertThat(psA()).isEmpty();
    }

    @Test
    void aStackWhoseStarterWasKilledIsAdoptedByTheNextRunAndStoppedAtItsEnd() throws Exception {
        Process starter = fork("hold", List.of());
        assertThat(awaitFound(List.of(starter)).get(0)).contains("docker.start=if-missing: started backend");
        starter.destroyForcibly();
        assertThat(starter.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(psA()).containsExactly(project + "_backend_1 running");

        Files.createFile(repository.resolve("go"));
        Process next = fork("close", List.of());
        assertThat(awaitFound(List.of(next)).get(0)).contains("runs; attached").contains("adopted compose project "
                + project + "'s containers that a JVM now gone (pid " + starter.pid() + ") started: " + project
                + "_backend_1; this run stops them at its end");
        assertThat(next.waitFor(2, TimeUnit.MINUTES)).isTrue();

        assertThat(output(1)).anySatisfy(line -> assertThat(line).endsWith(" STOPPED"));
        assertThat(ups()).isEqualTo(1);
        assertThat(psA()).isEmpty();
    }

    @Test
    void aJvmKilledDuringComposeUpLeavesAStartTheNextRunAdoptsAndStopsAtItsEnd() throws Exception {
        // the wrapper runs the real up, then says so and lingers, as a slow compose would: the JVM is killed meanwhile
        Path upDone = repository.resolve("up-done");
        Files.writeString(bin.resolve("docker-compose"), "#!/bin/sh\necho \"$*\" >> '" + upLog + "'\n"
                + "/usr/bin/docker-compose \"$@\"\nstatus=$?\ncase \" $* \" in *\" up \"*) : > '" + upDone
                + "'; exec /bin/sleep 300;; esac\nexit $status\n");
        Process starter = fork("hold", List.of());
        long until = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (!Files.exists(upDone) && starter.isAlive() && System.nanoTime() < until) {
            Thread.sleep(50);
        }
        assertThat(upDone).as(String.join("\n", output(0))).exists();
        List<ProcessHandle> compose = starter.descendants().toList();
        starter.destroyForcibly(); // kill -9, in the middle of its start
        assertThat(starter.waitFor(30, TimeUnit.SECONDS)).isTrue();
        compose.forEach(ProcessHandle::destroyForcibly); // the lingering compose ends: its up did its work
        assertThat(output(0)).noneMatch(line -> line.startsWith("FORK "));
        assertThat(psA()).containsExactly(project + "_backend_1 running");

        Files.createFile(repository.resolve("go"));
        Process next = fork("close", List.of());
        assertThat(awaitFound(List.of(next)).get(0)).contains("runs; attached").contains("a start of compose project "
                + project + " was cut short (pid " + starter.pid() + " is gone); what it started is this lease's: "
                + project + "_backend_1");
        assertThat(next.waitFor(2, TimeUnit.MINUTES)).isTrue();

        assertThat(output(1)).anySatisfy(line -> assertThat(line).endsWith(" STOPPED"));
        assertThat(ups()).isEqualTo(1);
        assertThat(psA()).isEmpty();
    }

    @Test
    void aPlainTestContextUsersStackIsStoppedByTheShutdownHookWhenTheJvmExits() throws Exception {
        Files.createFile(repository.resolve("go"));
        Process user = fork("hook", List.of("-Dbackendconfig.docker.start=if-missing",
                "-Dbackendconfig.docker.lease-dir=" + leases, "-Dbackendconfig.docker.project=" + project,
                "-Dbackendconfig.providers=docker"));
        assertThat(user.waitFor(3, TimeUnit.MINUTES)).isTrue();

        assertThat(output(0)).anySatisfy(line -> assertThat(line).startsWith("FORK ").endsWith(" FOUND http://127.0.0.1:"
                + variables.get("LCJ_BACKEND_PORT")));
        assertThat(ups()).isEqualTo(1);
        assertThat(psA()).isEmpty();
    }
}
