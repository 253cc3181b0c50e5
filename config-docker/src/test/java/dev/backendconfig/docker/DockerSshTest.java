package dev.backendconfig.docker;

import static dev.backendconfig.testsupport.Recorded.inspection;
import static dev.backendconfig.testsupport.Recorded.list;
import static dev.backendconfig.testsupport.Recorded.listEntry;
import static dev.backendconfig.testsupport.Recorded.text;
import static dev.backendconfig.testsupport.Recorded.withHealth;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.backendconfig.api.InvalidConfigurationException;
import dev.backendconfig.api.Resolution;
import dev.backendconfig.api.ServiceResolver;
import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.api.spi.Settings;
import dev.backendconfig.testsupport.CallerEnvironment;
import dev.backendconfig.testsupport.FakeSsh;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The provider reaching an {@code ssh://} engine through a stand-in for ssh (a shell script that answers like
 * {@code docker system dial-stdio}): the command line, HTTP over the process's streams, failures explained with
 * what ssh said, every wait bounded, and the process always ended.
 */
class DockerSshTest {

    private static final String SECRET = "pl4nted-s3cret";

    @TempDir
    Path directory;

    private FakeSsh ssh;
    /**
     * What the fake ssh sleeps, in seconds, unique to this test: a sleep outlives a killed shell and names nothing of
     * ours but its argument, and other builds on the machine run this test too.
     */
    private final String neverAnswers = "31.7" + String.format("%05d", ThreadLocalRandom.current().nextInt(100_000));
    private final String interrupted = "32.9" + String.format("%05d", ThreadLocalRandom.current().nextInt(100_000));

    @BeforeEach
    void writeFakeSsh() throws IOException {
        Files.createDirectory(directory.resolve(".git"));
        ssh = FakeSsh.in(directory.resolve("fake-ssh"), list(ours("alpine-test-backend")),
                text(inspection("alpine")));
    }

    private ProviderResult resolve(String dockerHost, Map<String, String> environment, Map<String, String> settings) {
        Map<String, String> variables = new HashMap<>(environment);
        variables.put("DOCKER_HOST", dockerHost);
        variables.put("PATH", "/usr/bin:/bin");
        Map<String, String> all = new HashMap<>(settings);
        all.putIfAbsent("docker.ssh-command", ssh.command());
        return new DockerEndpointProvider(directory.resolve("no-default.sock")).resolve(ResolutionContext.builder()
                .workingDirectory(directory).environment(variables).settings(all).build());
    }

    /** Return the processes still running the fake ssh, or a sleep it started (which outlives a killed shell). */
    private List<String> scriptsRunning() {
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .map(process -> process.info().commandLine().orElse(""))
                .filter(line -> line.contains(ssh.script().toString()) || line.contains("sleep " + neverAnswers)
                        || line.contains("sleep " + interrupted)).toList();
    }

    /** A recorded container, as started from this test's checkout (so that it is this checkout's project). */
    private Map<String, Object> ours(String service) {
        return dev.backendconfig.testsupport.Recorded.startedIn(listEntry(service), directory, "shop");
    }

    @Test
    void runsSshAsTheDockerCliDoesAndSpeaksHttpOverItsStreamsOnOneProcess() throws IOException {
        ProviderResult result = resolve("ssh://root@build-box:2222", Map.of("SSH_AUTH_SOCK", "/run/agent.sock"),
                Map.of("docker.timeout", "1500ms"));
        assertThat(result).as(result.reason()).isInstanceOf(ProviderResult.Found.class);
        assertThat(((ProviderResult.Found) result).endpoint().http()).isEqualTo(URI.create("http://build-box:8002"));
        assertThat(ssh.arguments()).containsExactly("-o", "BatchMode=yes", "-o", "ConnectTimeout=2", "-T", "-l", "root",
                "-p", "2222", "--", "build-box", "docker", "system", "dial-stdio");
        assertThat(ssh.starts()).isEqualTo(1);
        assertThat(ssh.agent()).isEqualTo("/run/agent.sock");
        assertThat(result.notes()).containsExactly("engine ssh://***@build-box:2222 (DOCKER_HOST): Docker 20.10.24 (API"
                + " 1.41), reached over ssh (docker system dial-stdio)", "compose project shop is this checkout's: it"
                + " was started from this checkout's " + directory.resolve("compose.yaml"));
        assertThat(scriptsRunning()).isEmpty();
    }

    @Test
    void aComposeFileEditedAfterARemoteEnginesContainerWasCreatedGivesNoDriftWarning() throws IOException {
        // on an engine elsewhere the stack was started from that machine's copy of the files, on its clock: the
        // warning (which an engine on this machine gives for this very edit) is not given
        Path file = Files.writeString(directory.resolve("compose.yaml"),
                "services:\n  alpine-test-backend:\n    image: alpine\n");
        // the recorded container was created at 2026-11-24T16:40:35Z (the list's time, to the second)
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-11-24T16:40:40Z")));
        ProviderResult result = resolve("ssh://root@build-box:2222", Map.of(), Map.of());
        assertThat(result).as(result.reason()).isInstanceOf(ProviderResult.Found.class);
        assertThat(result.notes()).noneMatch(note -> note.startsWith("warning:"));
        assertThat(scriptsRunning()).isEmpty();
    }

    @Test
    void aCheckoutsSettingsFileCannotChooseTheSshProgramNorRunIt() throws IOException {
        Path resources = Files.createDirectories(directory.resolve("src/test/resources"));
        Files.writeString(resources.resolve(Settings.RESOURCE), "docker.host=ssh://build-box\ndocker.ssh-command="
                + ssh.command() + ",-oProxyCommand=sh -c 'echo " + SECRET + "'\n");
        Throwable thrown = catchThrowable(() -> ServiceResolver.of(List.of(new DockerEndpointProvider(
                directory.resolve("no-default.sock")))).resolve(ResolutionContext.builder().workingDirectory(directory)
                .environment(Map.of("PATH", "/usr/bin:/bin")).systemProperties(Map.of())
                .settingsResource(new URLClassLoader(new URL[] {resources.toUri().toURL()}, null)).build()));
        assertThat(thrown).isInstanceOf(InvalidConfigurationException.class).hasMessageStartingWith(resources
                .resolve(Settings.RESOURCE) + ":2: setting docker.ssh-command names a program to run, so it is never"
                + " taken from a project file").hasMessageContaining("BACKENDCONFIG_DOCKER_SSH_COMMAND=... in your"
                + " environment, -Dbackendconfig.docker.ssh-command=..., or --set docker.ssh-command=...")
                .hasMessageNotContaining(SECRET);
        assertThat(ssh.starts()).as("ssh never ran").isZero();
    }

    @Test
    void theReportShowsTheSshProgramButNeverItsArguments() {
        ResolutionContext context = ResolutionContext.builder().workingDirectory(directory)
                .environment(Map.of("PATH", "/usr/bin:/bin", "DOCKER_HOST", "ssh://me@build-box"))
                .systemProperties(Map.of("backendconfig.docker.ssh-command", ssh.command() + ",-oPassword=" + SECRET
                        + ",-v")).build();
        Resolution resolution = ServiceResolver.of(List.of(new DockerEndpointProvider(directory.resolve(
                "no-default.sock")))).resolve(context);
        assertThat(resolution.report().render()).contains("setting docker.ssh-command=/bin/sh (and 3 arguments, not shown: a command line may hold a password)").doesNotContain(SECRET);
    }

    @Test
    void withoutUserAndPortSshAndItsConfigDecide() throws IOException {
        resolve("ssh://build-box", Map.of(), Map.of("docker.ssh-command", ssh.command() + ",-F,/etc/my_ssh_config"));
        assertThat(ssh.arguments()).containsExactly("-F", "/etc/my_ssh_config", "-o", "BatchMode=yes", "-o",
                "ConnectTimeout=1", "-T", "--", "build-box", "docker", "system", "dial-stdio");
    }

    @Test
    void aFailedLoginSaysWhatSshSaidMaskedAndEscaped() {
        ProviderResult result = resolve("ssh://root@build-box", Map.of("FAKE_SSH_EXIT", "255", "FAKE_SSH_STDERR",
                "Warning: see https://admin:" + SECRET + "@wiki.example.test\\n\\033[31mroot@build-box: Permission"
                        + " denied (publickey).\\033[0m\\n"), Map.of());
        assertThat(result).isInstanceOf(ProviderResult.Unavailable.class);
        assertThat(result.reason()).isEqualTo("ssh to engine ssh://***@build-box ended with exit code 255 before the"
                + " engine answered GET /containers/json (ssh could not connect or log in); ssh said: Warning: see"
                + " https://***@wiki.example.test / \\u001b[31m***@build-box: Permission denied (publickey).\\u001b[0m;"
                + " the engine runs on another machine, so the compose file here cannot tell where its ports are");
        assertThat(scriptsRunning()).isEmpty();
    }

    @Test
    void aRemoteHostWithoutTheDockerCliIsNamed() {
        ProviderResult result = resolve("ssh://me@build-box", Map.of("FAKE_SSH_EXIT", "127", "FAKE_SSH_STDERR",
                "bash: line 1: docker: command not found\\n"), Map.of());
        assertThat(result.reason()).startsWith("ssh to engine ssh://***@build-box ended with exit code 127 before the"
                + " engine answered GET /containers/json (the remote shell found no docker command: the docker CLI must be"
                + " installed on that host); ssh said: bash: line 1: docker: command not found;");
    }

    @Test
    void whatDialStdioPrintsOnSuccessIsIgnored() {
        ProviderResult result = resolve("ssh://me@build-box", Map.of("FAKE_SSH_STDERR", "time=\"x\" level=error"
                + " msg=\"error while CloseWrite (stdin to stream)\"\\n"), Map.of());
        assertThat(result).isInstanceOf(ProviderResult.Found.class);
        assertThat(result.reason()).isEqualTo("compose project shop (this checkout's): service alpine-test-backend"
                + " publishes 8000 on 0.0.0.0:8002 (healthy); chosen because its network alias is backend");
    }

    @Test
    void aTalkativeSshNeverBlocksOnItsErrorOutputAndOnlyItsLastLinesAreKept() {
        String chatter = "debug1: reading configuration data\\n".repeat(2200);
        ProviderResult found = resolve("ssh://me@build-box", Map.of("FAKE_SSH_STDERR", chatter),
                Map.of("docker.timeout", "3s"));
        assertThat(found).as(found.reason()).isInstanceOf(ProviderResult.Found.class);
        ProviderResult failed = resolve("ssh://me@build-box", Map.of("FAKE_SSH_STDERR", chatter
                + "me@build-box: Permission denied (publickey).\\n", "FAKE_SSH_EXIT", "255"), Map.of());
        assertThat(failed.reason()).contains("; ssh said: debug1: reading configuration data / debug1: reading"
                + " configuration data / ***@build-box: Permission denied (publickey).;");
    }

    @Test
    void anSshThatNeverAnswersIsEndedAtTheTimeoutWithNothingLeftRunning() {
        long start = System.nanoTime();
        ProviderResult result = resolve("ssh://me@build-box", Map.of("FAKE_SSH_SLEEP", neverAnswers),
                Map.of("docker.timeout", "150ms", "docker.answer-timeout", "250ms"));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(result.reason()).startsWith("engine ssh://***@build-box did not connect, log in and answer GET"
                + " /containers/json within 400 ms (settings docker.timeout + docker.answer-timeout); the engine runs"
                + " on another machine");
        assertThat(took).isLessThan(Duration.ofMillis(400 + 1500));
        assertThat(scriptsRunning()).as("ssh and the sleep it started").isEmpty();
    }

    @Test
    void anInterruptedResolutionEndsAtOnceAndEndsSsh() throws Exception {
        // every bound in play is a minute: only the interrupt can end the resolution within seconds
        AtomicReference<ProviderResult> result = new AtomicReference<>();
        Thread worker = new Thread(() -> result.set(resolve("ssh://me@build-box", Map.of("FAKE_SSH_SLEEP", interrupted),
                Map.of("docker.timeout", "60s", "docker.answer-timeout", "60s"))));
        worker.start();
        try {
            // interrupt only once ssh runs and waits (a fixed pause lost that race on a loaded machine)
            assertThat(within(Duration.ofSeconds(60), () -> scriptsRunning().stream()
                    .anyMatch(line -> line.contains("sleep " + interrupted)))).as("ssh started and waits").isTrue();
            long start = System.nanoTime();
            worker.interrupt();
            worker.join(Duration.ofSeconds(30).toMillis());
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(worker.isAlive()).as("the resolution ended after the interrupt").isFalse();
            assertThat(took).as("ended at once, not at a bound of a minute").isLessThan(Duration.ofSeconds(8));
            assertThat(result.get().reason()).startsWith("asking engine ssh://***@build-box was interrupted");
            assertThat(scriptsRunning()).as("ssh and the sleep it started").isEmpty();
        } finally {
            worker.interrupt();
            worker.join(Duration.ofSeconds(70).toMillis());
        }
    }

    /** Start a JVM of its own that resolves through the fake ssh, which sleeps {@code sleep} before it answers. */
    private Process childJvm(String sleep, String dockerTimeout) throws IOException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), SshChild.class.getName(), "resolve", "ssh://me@build-box",
                ssh.command(), directory.toString(), dockerTimeout, "60s");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(directory.resolve("child.log").toFile());
        // never the caller's variables: the build's hostile shell sets COMPOSE_FILE and the like, which the child's
        // resolution would read (and fail on) before it dials ssh
        Map<String, String> environment = CallerEnvironment.without(System.getenv());
        builder.environment().clear();
        builder.environment().putAll(environment);
        builder.environment().put("FAKE_SSH_SLEEP", sleep);
        builder.environment().put("PATH", "/usr/bin:/bin");
        return builder.start();
    }

    private String childSaid() {
        try {
            return Files.readString(directory.resolve("child.log"));
        } catch (IOException e) {
            return "nothing (" + e + ")";
        }
    }

    private boolean sshStarted() {
        try {
            return ssh.starts() >= 1;
        } catch (IOException e) {
            return false;
        }
    }

    /** Wait until {@code condition} holds, at most {@code limit}; return whether it did. */
    private static boolean within(Duration limit, java.util.function.BooleanSupplier condition)
            throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(50);
        }
        return condition.getAsBoolean();
    }

    @Test
    void sshEndsWithAJvmKilledWithKill9WhileSshWaits() throws Exception {
        Process child = childJvm(neverAnswers, "30s");
        try {
            // a child that ended (an exception before ssh) fails the test at once, saying what it said
            within(Duration.ofSeconds(60), () -> sshStarted() || !child.isAlive());
            assertThat(sshStarted()).as("the child started ssh (it said: %s)", childSaid()).isTrue();
            assertThat(within(Duration.ofSeconds(5), () -> !scriptsRunning().isEmpty())).isTrue();
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no finally of the child runs
            child.waitFor();
            assertThat(within(Duration.ofSeconds(4), () -> scriptsRunning().isEmpty()))
                    .as("ssh and what it started end with the JVM; still running: %s", scriptsRunning()).isTrue();
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void anSshProgramThatCannotRunIsNamedWithoutItsArguments() {
        ProviderResult result = resolve("ssh://me@build-box", Map.of(), Map.of("docker.ssh-command",
                directory.resolve("no-such-ssh") + ",-o,ProxyCommand=sshpass -p " + SECRET + " nc %h %p"));
        assertThat(result.reason()).doesNotContain(SECRET);
        assertThat(result.reason()).startsWith("cannot run " + directory.resolve("no-such-ssh") + " for engine"
                + " ssh://***@build-box (Cannot run program \"" + directory.resolve("no-such-ssh") + "\"")
                .contains("): install the OpenSSH client, or name the ssh program in setting docker.ssh-command");
    }

    @Test
    void aLoopbackBindingOfARemoteEngineIsAnErrorSinceOurProjectRunsAndALocalOneIsUsed() throws IOException {
        ssh = FakeSsh.in(directory.resolve("fake-ssh"), list(ours("slow-backend")),
                withHealth(inspection("slow"), "healthy"));
        assertThatThrownBy(() -> resolve("ssh://me@build-box", Map.of(), Map.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not running or not ready: backend (service slow-backend (project shop,"
                        + " container capture_slow-backend_1) publishes 8000 only on 127.0.0.1:8021 of engine"
                        + " ssh://***@build-box, another machine, whose loopback cannot be reached from here; publish"
                        + " it on all interfaces (\"8021:8000\" instead of \"127.0.0.1:8021:8000\"), or run the tests"
                        + " on the engine's machine)");
        ProviderResult local = resolve("ssh://me@127.0.0.1:22022", Map.of(), Map.of());
        assertThat(((ProviderResult.Found) local).endpoint().http()).isEqualTo(URI.create("http://127.0.0.1:8021"));
    }
}
