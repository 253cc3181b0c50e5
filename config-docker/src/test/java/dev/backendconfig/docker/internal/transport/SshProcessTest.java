package dev.backendconfig.docker.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backendconfig.docker.internal.engine.EngineAddress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ssh process behind an {@code ssh://} engine, with a shell script in ssh's place that writes down what it was
 * given and who it is: the environment ssh runs with, one process for the requests of a client until a reply or a
 * failure ends it, a kept process that ssh left meanwhile replaced once, the exit code of an ssh that is exiting as
 * an exchange fails, and ssh and what it started ended and reaped before close returns.
 */
class SshProcessTest {

    private static final String PONG = "printf 'HTTP/1.1 200 OK\\r\\nContent-Length: 4\\r\\n\\r\\npong'\n";

    /** A shell function for the scripts: read one request's head, its first line into $first; fail at the end. */
    private static final String REQUEST = """
            cr=$(printf '\\r')
            request() {
              first=""
              while IFS= read -r line; do
                line=${line%"$cr"}
                [ -n "$first" ] || first=$line
                [ -n "$line" ] || return 0
              done
              return 1
            }
            """;

    @TempDir
    Path directory;

    /** What the script's sleeps sleep, unique to this test, so that they can be found among the machine's processes. */
    private final String sleep = "35." + String.format("%05d", ThreadLocalRandom.current().nextInt(100_000));

    /** Each test starts without an interrupt flag a test before it on this thread may have left. */
    @BeforeEach
    void startUninterrupted() {
        Thread.interrupted();
    }

    /**
     * A stand-in for ssh: {@code body}, run with /bin/sh, after it wrote its start (its pid and its parent's, the
     * watchdog shell's) as a line of {@code starts}.
     */
    private SshCommand script(String body, Map<String, String> environment) throws IOException {
        Path script = Files.writeString(directory.resolve("ssh-" + System.nanoTime() + ".sh"),
                "echo \"$$ $PPID\" >> '" + directory.resolve("starts") + "'\n" + REQUEST + body);
        return new SshCommand(List.of("/bin/sh", script.toString()), environment);
    }

    private SshCommand script(String body) throws IOException {
        return script(body, Map.of("PATH", "/usr/bin:/bin"));
    }

    private static EngineClient client(SshCommand ssh) {
        return new EngineClient(EngineAddress.ssh("", "box", 0, "test"), new EngineTimeouts(Duration.ofMillis(1500),
                Duration.ofSeconds(10)), ssh, () -> Duration.ofMinutes(1));
    }

    /** Return the starts the script wrote: each its own pid and its parent's. */
    private List<long[]> starts() throws IOException {
        Path starts = directory.resolve("starts");
        if (!Files.exists(starts)) {
            return List.of();
        }
        return Files.readAllLines(starts).stream()
                .map(line -> Arrays.stream(line.trim().split(" ")).mapToLong(Long::parseLong).toArray()).toList();
    }

    private static boolean running(long pid) {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        return process.isPresent() && process.get().isAlive();
    }

    private List<String> sleepsRunning() {
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .map(process -> process.info().commandLine().orElse("")).filter(line -> line.contains("sleep " + sleep))
                .toList();
    }

    @Test
    void sshRunsWithTheGivenEnvironmentAndNothingOfTheJvms() throws Exception {
        Path seen = directory.resolve("environment");
        SshCommand ssh = script("env > '" + seen + "'\nrequest\n" + PONG + "exit 0\n",
                Map.of("PATH", "/usr/bin:/bin", "SSH_AUTH_SOCK", "/run/agent.sock"));
        try (EngineClient client = client(ssh)) {
            assertThat(client.get("/_ping").status()).isEqualTo(200);
        }
        Set<String> names = new TreeSet<>();
        for (String line : Files.readAllLines(seen)) {
            names.add(line.substring(0, line.indexOf('=')));
        }
        // what a shell sets by itself (PWD, SHLVL, _) is no variable of the JVM's
        names.removeAll(Set.of("PWD", "OLDPWD", "SHLVL", "_"));
        assertThat(names).containsExactly("PATH", "SSH_AUTH_SOCK");
        assertThat(Files.readAllLines(seen)).contains("SSH_AUTH_SOCK=/run/agent.sock", "PATH=/usr/bin:/bin");
    }

    @Test
    void oneSshCarriesTheRequestsOfAClientAndAReplyThatClosesTheConnectionEndsIt() throws Exception {
        SshCommand ssh = script("while request; do\n  case $first in\n"
                + "    \"GET /close \"*) printf 'HTTP/1.1 200 OK\\r\\nConnection: close\\r\\nContent-Length: 3\\r\\n"
                + "\\r\\nbye' ;;\n    *) " + PONG.strip() + " ;;\n  esac\ndone\n");
        try (EngineClient client = client(ssh)) {
            for (int i = 0; i < 3; i++) {
                assertThat(client.get("/_ping").status()).isEqualTo(200);
            }
            assertThat(starts()).hasSize(1);
            assertThat(new String(client.get("/close").body(), StandardCharsets.UTF_8)).isEqualTo("bye");
            long[] first = starts().get(0);
            assertThat(running(first[1])).as("the ssh that the reply closed runs no more").isFalse();
            assertThat(client.get("/_ping").status()).isEqualTo(200);
            assertThat(starts()).as("the next request starts ssh anew").hasSize(2);
        }
    }

    @Test
    void aKeptSshThatEndedBetweenTwoRequestsIsReplacedOnceWithoutFailing() throws Exception {
        // answers one request, then ends: a kept connection the other side closed meanwhile
        SshCommand ssh = script("request\n" + PONG + "exit 0\n");
        try (EngineClient client = client(ssh)) {
            assertThat(client.get("/_ping").status()).isEqualTo(200);
            long[] first = starts().get(0);
            for (int i = 0; i < 200 && (running(first[0]) || running(first[1])); i++) {
                Thread.sleep(25);
            }
            assertThat(client.get("/_ping").status()).isEqualTo(200);
            assertThat(starts()).hasSize(2);
        }
    }

    @Test
    void aFailedExchangeWaitsForAnSshThatIsExitingSoThatItsExitCodeExplainsTheFailure() throws Exception {
        // what ssh says as it exits comes after the answer that failed: only the wait for its exit reads it
        SshCommand ssh = script("request\nprintf 'SSH-2.0-OpenSSH\\r\\n\\r\\n'\nsleep 0.3\n"
                + "echo 'channel 0: open failed' >&2\nexit 1\n");
        try (EngineClient client = client(ssh)) {
            assertThat(Pings.failure(client)).isEqualTo("ssh to engine ssh://box ended with exit code 1 before the engine"
                    + " answered GET /_ping (docker system dial-stdio could not reach the engine on that host); ssh"
                    + " said: channel 0: open failed");
        }
    }

    @Test
    void closingEndsSshAndWhatItStartedBeforeItReturns() throws Exception {
        SshCommand ssh = script("request\n" + PONG + "exec sleep " + sleep + "\n");
        EngineClient client = client(ssh);
        assertThat(client.get("/_ping").status()).isEqualTo(200);
        long[] started = starts().get(0);
        assertThat(running(started[1])).as("the watchdog shell runs while the client is open").isTrue();
        client.close();
        assertThat(running(started[1])).as("the watchdog shell that ran ssh, reaped before close returned").isFalse();
        // what ssh started is killed, and reaped by whoever inherits it: gone within moments, not at its 35 s end
        assertThat(gone(started[0])).as("ssh (here: the sleep it became)").isTrue();
        assertThat(sleepsRunning()).isEmpty();
    }

    /** Wait a few seconds at most for a process to be gone; tell whether it is. */
    private static boolean gone(long pid) throws InterruptedException {
        for (int i = 0; i < 100 && running(pid); i++) {
            Thread.sleep(20);
        }
        return !running(pid);
    }

    @Test
    void closingFromAnInterruptedThreadStillEndsSshAndKeepsTheInterrupt() throws Exception {
        SshCommand ssh = script("request\n" + PONG + "exec sleep " + sleep + "\n");
        EngineClient client = client(ssh);
        assertThat(client.get("/_ping").status()).isEqualTo(200);
        long[] started = starts().get(0);
        Thread.currentThread().interrupt();
        try {
            client.close();
            assertThat(Thread.currentThread().isInterrupted()).as("the interrupt is kept").isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(running(started[1])).as("the watchdog shell, reaped before close returned").isFalse();
        assertThat(gone(started[0])).as("ssh (here: the sleep it became)").isTrue();
    }

    @Test
    void whatSshSaidLastIsKeptWhenItSaidMoreThanTheTailHolds() throws Exception {
        // 9011 bytes in one write: drained in chunks of 4096, the last one, past the 8192 kept, leaves the last 4096
        Path chatter = Files.writeString(directory.resolve("chatter"), "debug1: reading configuration\n".repeat(300)
                + "last words\n");
        SshCommand ssh = script("cat '" + chatter + "' >&2\nsleep 0.3\nexit 255\n");
        try (EngineClient client = client(ssh)) {
            assertThat(Pings.failure(client)).isEqualTo("ssh to engine ssh://box ended with exit code 255 before the engine"
                    + " answered GET /_ping (ssh could not connect or log in); ssh said: debug1: reading configuration /"
                    + " debug1: reading configuration / last words");
        }
    }

    @Test
    void anInterruptWhileWaitingForSshEndsItSaysSoAndKeepsTheInterrupt() throws Exception {
        SshCommand ssh = script("request\nexec sleep " + sleep + "\n");
        Thread caller = Thread.currentThread();
        Thread interrupter = new Thread(() -> {
            for (int i = 0; i < 2000 && sleepsRunning().isEmpty(); i++) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
            caller.interrupt();
        });
        interrupter.start();
        try (EngineClient client = client(ssh)) {
            assertThat(Pings.failure(client)).isEqualTo("asking engine ssh://box was interrupted (the resolution's time budget,"
                    + " setting timeout, ran out)");
            assertThat(Thread.currentThread().isInterrupted()).as("the interrupt is kept").isTrue();
        } finally {
            Thread.interrupted();
            interrupter.join();
        }
        assertThat(gone(starts().get(0)[0])).as("ssh (here: the sleep it became)").isTrue();
    }

    @Test
    void aReplyCutOffAfterItsFirstBytesIsNeverTriedAgain() throws Exception {
        // the first ssh answers one request whole and the next in part; a second ssh would answer it whole
        SshCommand ssh = script("if [ \"$(wc -l < '" + directory.resolve("starts") + "')\" -gt 1 ]; then\n"
                + "  request\n  " + PONG.strip() + "\n  exit 0\nfi\nrequest\n" + PONG
                + "request\nprintf 'HTTP/1.1 200 OK\\r\\nContent-Len'\nexit 0\n");
        try (EngineClient client = client(ssh)) {
            assertThat(client.get("/_ping").status()).isEqualTo(200);
            assertThat(Pings.failure(client)).startsWith("ssh to engine ssh://box ended with exit code 0 before the engine"
                    + " answered GET /_ping");
            assertThat(starts()).hasSize(1);
        }
    }

    @Test
    void whatDoesNotExplainItselfIsNamedWithoutAnEmptySaidClause() throws Exception {
        SshCommand ssh = script("request\nprintf 'SSH-2.0-OpenSSH\\r\\n\\r\\n'\nexec sleep " + sleep + "\n");
        try (EngineClient client = client(ssh)) {
            assertThat(Pings.failure(client)).startsWith("engine ssh://box answered GET /_ping with something that is not a"
                    + " usable HTTP response: ").doesNotContain("ssh said");
        }
    }
}
