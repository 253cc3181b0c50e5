package dev.backendconfig.docker.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backendconfig.docker.internal.engine.EngineAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ssh transport with small shell scripts in ssh's place: how ssh's exit codes and last words explain a failure
 * (masked, the last three lines only), an answer that ends with ssh, and the timeout with what ssh said before it.
 */
class SshTransportTest {

    @TempDir
    Path directory;

    /**
     * A test that ran before on this thread may have left its interrupt flag set (a mutation run runs every class's
     * tests on one thread), and an interrupted resolution is explained as such: each test here starts without one.
     */
    @org.junit.jupiter.api.BeforeEach
    void startUninterrupted() {
        Thread.interrupted();
    }


    /** A stand-in for ssh: this shell script, run with /bin/sh, with only PATH in its environment. */
    private SshCommand script(String body) throws IOException {
        Path script = Files.writeString(directory.resolve("ssh-" + System.nanoTime() + ".sh"), body);
        return new SshCommand(List.of("/bin/sh", script.toString()), Map.of("PATH", "/usr/bin:/bin"));
    }

    private static EngineClient client(String user, SshCommand ssh, Duration connect, Duration answer) {
        return new EngineClient(EngineAddress.ssh(user, "box", 0, "test"), new EngineTimeouts(connect, answer), ssh,
                () -> Duration.ofMinutes(1));
    }

    /**
     * The request's failure with a stand-in ssh that fails at once; docker.timeout 4.5 s (ssh's ConnectTimeout 5 s):
     * the failed exchange waits for ssh's exit within that step, and starting a shell on a loaded two-core machine
     * has taken more than a second and a half.
     */
    private static String failure(String user, SshCommand ssh) {
        return failure(client(user, ssh, Duration.ofMillis(4500), Duration.ofSeconds(10)));
    }

    private static String failure(EngineClient client) {
        try (client) {
            return Pings.failure(client);
        }
    }

    @Test
    void exitCodeOneIsDialStdioFailingToReachTheEngine() throws IOException {
        assertThat(failure("", script("echo 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock' >&2\n"
                + "exit 1\n"))).isEqualTo("ssh to engine ssh://box ended with exit code 1 before the engine answered GET"
                + " /_ping (docker system dial-stdio could not reach the engine on that host); ssh said: Cannot connect"
                + " to the Docker daemon at unix:///var/run/docker.sock");
    }

    @Test
    void anExitCodeWithoutAKnownMeaningIsGivenAsItIs() throws IOException {
        assertThat(failure("", script("exit 3\n"))).isEqualTo("ssh to engine ssh://box ended with exit code 3 before the"
                + " engine answered GET /_ping; ssh said nothing");
        assertThat(failure("", script("echo 'Connection timed out' >&2\nexit 2\n"))).isEqualTo("ssh to engine"
                + " ssh://box ended with exit code 2 before the engine answered GET /_ping; ssh said: Connection timed"
                + " out");
    }

    @Test
    void aConnectionThatTimedOutNamesSshsConnectTimeoutAndItsSetting() throws IOException {
        assertThat(failure("", script("echo 'ssh: connect to host box port 22: Connection timed out' >&2\nexit 255\n")))
                .isEqualTo("ssh to engine ssh://box ended with exit code 255 before the engine answered GET /_ping (ssh"
                        + " could not connect or log in); ssh said: ssh: connect to host box port 22: Connection timed"
                        + " out; ssh's ConnectTimeout was 5 s (setting docker.timeout)");
        assertThat(failure("", script("echo 'ssh: connect to host box port 22: Connection TIMED OUT' >&2\nexit 255\n")))
                .endsWith("; ssh's ConnectTimeout was 5 s (setting docker.timeout)");
    }

    @Test
    void onlyTheLastThreeNonBlankLinesOfWhatSshSaidAreKeptStripped() throws IOException {
        assertThat(failure("", script("printf 'one\\n\\ntwo\\r\\n   \\n  three  \\nfour\\n\\n' >&2\nexit 255\n")))
                .endsWith("; ssh said: two / three / four");
    }

    @Test
    void theUserIsMaskedBeforeAnAtAndAsAWholeWordOnly() throws IOException {
        assertThat(failure("me", script("echo 'me@box: Permission denied for me (user me.x, -me-, meme, _me, acme)'"
                + " >&2\nexit 255\n"))).endsWith("; ssh said: ***@box: Permission denied for *** (user me.x, -me-, meme,"
                        + " _me, acme)");
        assertThat(failure("a.b", script("echo 'a.b@box: no; axb stays' >&2\nexit 255\n")))
                .endsWith("; ssh said: ***@box: no; axb stays");
    }

    @Test
    void withoutAUserInTheAddressNothingOfWhatSshSaidIsMasked() throws IOException {
        assertThat(failure("", script("echo 'git@example.test: Permission denied, try me@box' >&2\nexit 255\n")))
                .endsWith("; ssh said: git@example.test: Permission denied, try me@box");
    }

    @Test
    void anAnswerThatEndsWithSshIsReadToItsEnd() throws Exception {
        SshCommand ssh = script("IFS= read -r line\nprintf 'HTTP/1.1 200 OK\\r\\nContent-Type: text/plain\\r\\n\\r\\n"
                + "pong'\nexit 0\n");
        try (EngineClient client = client("", ssh, Duration.ofSeconds(2), Duration.ofSeconds(10))) {
            EngineClient.Reply reply = client.get("/_ping");
            assertThat(reply.status()).isEqualTo(200);
            assertThat(new String(reply.body(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("pong");
        }
    }

    @Test
    void somethingThatIsNotHttpIsNamedWithWhatSshSaid() throws IOException {
        String message = failure("", script("IFS= read -r line\necho 'warning: remote said hello' >&2\n"
                + "printf 'SSH-2.0-OpenSSH\\r\\n\\r\\n'\nsleep 1\n"));
        assertThat(message).startsWith("engine ssh://box answered GET /_ping with something that is not a usable HTTP"
                + " response: ").endsWith("; ssh said: warning: remote said hello");
    }

    @Test
    void anSshThatSaysSomethingAndThenHangsIsLeftAtTheTimeoutWithWhatItSaid() throws IOException {
        String sleep = "33." + String.format("%05d", ThreadLocalRandom.current().nextInt(100_000));
        String message = failure(client("", script("echo 'debug1: Connecting to box port 22.' >&2\nexec sleep " + sleep
                + "\n"), Duration.ofMillis(100), Duration.ofMillis(200)));
        assertThat(message).isEqualTo("engine ssh://box did not connect, log in and answer GET /_ping within 300 ms"
                + " (settings docker.timeout + docker.answer-timeout); ssh said: debug1: Connecting to box port 22.");
        assertThat(ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .map(process -> process.info().commandLine().orElse("")).filter(line -> line.contains("sleep " + sleep)))
                .as("the sleep ssh's stand-in started").isEmpty();
    }
}
