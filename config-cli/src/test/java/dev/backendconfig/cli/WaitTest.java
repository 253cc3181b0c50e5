package dev.backendconfig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** wait in this JVM, where its bounds and its threads can be watched. */
class WaitTest {

    @TempDir
    Path project;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Map<String, String> environment = new HashMap<>();
    private final Map<String, String> properties = new HashMap<>();

    @BeforeEach
    void aProjectWithoutDocker() throws IOException {
        Files.createDirectory(project.resolve(".git"));
        environment.put("DOCKER_HOST", "unix://" + project.resolve("no-engine.sock"));
        properties.put("user.dir", project.toString());
        properties.put("user.home", project.toString());
    }

    private int run(String... arguments) {
        return new Explain(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true,
                StandardCharsets.UTF_8), environment, properties).run(List.of(arguments));
    }

    private static Set<Thread> liveThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).collect(Collectors.toSet());
    }

    /**
     * A server whose backlog accepts the connection but that never reads or answers: each probe would wait its whole
     * probe.timeout (set to a minute here); wait cuts the last one to --timeout, and leaves no thread behind.
     */
    @Test
    void aServiceThatHangsIsCutToTheTimeoutAndNoThreadOutlivesTheCommand() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            environment.put("TEST_BACKEND_URL", "http://127.0.0.1:" + silent.getLocalPort());
            Set<Thread> before = liveThreads();
            long start = System.nanoTime();

            int exit = run("wait", "--timeout=1500ms", "--set", "probe.timeout=60s");

            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(exit).isEqualTo(Explain.NOT_FOUND);
            assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(1500)).isLessThan(Duration.ofSeconds(30));
            Set<Thread> after = liveThreads();
            after.removeAll(before);
            assertThat(after).isEmpty();
            assertThat(err.toString(StandardCharsets.UTF_8)).containsPattern("\nwait: not ready within 1\\.5 s: backend"
                    + " \\(http GET http://127\\.0\\.0\\.1:" + silent.getLocalPort() + "/: no answer within \\d+ ms\\)\n$");
        }
    }
}
