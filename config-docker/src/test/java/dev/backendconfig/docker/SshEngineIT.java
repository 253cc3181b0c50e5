package dev.backendconfig.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.testsupport.AlpineStack;
import dev.backendconfig.testsupport.BusyCores;
import dev.backendconfig.testsupport.ComposeStack;
import dev.backendconfig.testsupport.EnginesIt;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The provider reaching this machine's dockerd through a real sshd on 127.0.0.1 and the real
 * {@code docker system dial-stdio} (scripts/engines-env.sh start_sshd), as {@code DOCKER_HOST=ssh://...} does. Run by
 * scripts/engines-it.sh: {@code ENGINES_IT_SSH_HOST} (ssh://root@127.0.0.1:PORT) and {@code ENGINES_IT_SSH_CONFIG}
 * (the ssh_config with the test key and known host).
 */
class SshEngineIT {

    private static String sshHost;
    private static String sshConfig;
    private static int port;
    private static ComposeStack stack;
    /** The ssh ports this run dials: its ssh processes name one, never another run's (other builds share the machine). */
    private static final Set<Integer> PORTS = ConcurrentHashMap.newKeySet();

    @TempDir
    static Path stackDirectory;

    @TempDir
    Path directory;

    @BeforeAll
    static void startTheStack() throws Exception {
        sshHost = EnginesIt.required("ENGINES_IT_SSH_HOST");
        sshConfig = EnginesIt.required("ENGINES_IT_SSH_CONFIG");
        PORTS.add(URI.create(sshHost).getPort());
        port = EnginesIt.freePort();
        Path file = Files.writeString(stackDirectory.resolve("compose.yaml"), AlpineStack.COMPOSE_FILE
                .replace("    container_name: alpine-test-backend\n", ""));
        stack = ComposeStack.up(file, EnginesIt.project("bcit-ssh"), Map.of("ALPINE_TEST_BACKEND_PORT",
                Integer.toString(port)));
        ProviderResult result = ProviderResult.unavailable("not asked");
        for (int i = 0; i < 30 && !(result instanceof ProviderResult.Found); i++) {
            Thread.sleep(500);
            result = resolve(Map.of("DOCKER_HOST", "unix:///var/run/docker.sock"), Map.of(), stackDirectory);
        }
    }

    @AfterAll
    static void stopTheStack() throws IOException {
        if (stack != null) {
            stack.close();
        }
    }

    @AfterEach
    void noSshIsLeftRunning() {
        assertThat(sshProcesses()).isEmpty();
    }

    /**
     * Return the ssh processes of this test run still alive: their command dials one of this run's ports ({@code -p
     * PORT --}); another build's ssh on the same machine is not this run's.
     */
    private static List<String> sshProcesses() {
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .map(process -> process.info().commandLine().orElse(""))
                .filter(line -> line.contains("dial-stdio") && line.contains("BatchMode=yes"))
                .filter(line -> PORTS.stream().anyMatch(port -> line.contains(" -p " + port + " -- "))).toList();
    }

    private static ProviderResult resolve(Map<String, String> variables, Map<String, String> settings, Path home) {
        Map<String, String> all = new HashMap<>(settings);
        all.put("docker.project", stack.project());
        all.putIfAbsent("docker.ssh-command", "ssh,-F," + sshConfig);
        return new DockerEndpointProvider().resolve(ResolutionContext.builder()
                .environment(EnginesIt.environment(variables)).systemProperties(Map.of("user.home", home.toString()))
                .workingDirectory(home).settings(all).build());
    }

    @Test
    void theBackendIsFoundThroughSshAndDialStdioAndAnswers() throws Exception {
        long start = System.nanoTime();
        ProviderResult result = resolve(Map.of("DOCKER_HOST", sshHost), Map.of(), directory);
        long took = (System.nanoTime() - start) / 1_000_000;
        System.out.println("timing: ssh resolution (ssh login, list, inspect on one ssh process): " + took + " ms");
        assertThat(result).as(result.reason()).isInstanceOf(ProviderResult.Found.class);
        URI http = ((ProviderResult.Found) result).endpoint().http();
        assertThat(http).isEqualTo(URI.create("http://localhost:" + port));
        assertThat(result.reason()).isEqualTo("compose project " + stack.project() + " (named by setting"
                + " docker.project): service alpine-test-backend publishes 8000 on 0.0.0.0:" + port + " (healthy); chosen"
                + " because its network alias is backend");
        String shown = sshHost.replace("root@", "***@");
        assertThat(result.notes().get(0)).isEqualTo("engine " + shown + " (DOCKER_HOST): Docker 20.10.24+dfsg1 (API"
                + " 1.41), reached over ssh (docker system dial-stdio)");
        assertThat(result.notes()).contains("this checkout's compose project: " + stack.project() + " (setting"
                + " docker.project given to ResolutionContext.Builder.settings)");
        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(http.resolve("/health"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.body().strip()).isEqualTo("ok");
    }

    /**
     * The real sshd and engine with one busy process more than there are cores, and every bound at its default: found
     * each time (a slow ssh login is not an absent engine), and no ssh left running.
     */
    @Test
    void theRealSshEngineIsFoundWithTheDefaultBoundsWithEveryCoreBusy() throws Exception {
        try (BusyCores busy = BusyCores.start()) {
            assertThat(busy.count()).isGreaterThan(Runtime.getRuntime().availableProcessors());
            for (int i = 0; i < 3; i++) {
                long start = System.nanoTime();
                ProviderResult result = resolve(Map.of("DOCKER_HOST", sshHost), Map.of(), directory);
                System.out.println("timing: ssh resolution with every core busy: "
                        + (System.nanoTime() - start) / 1_000_000 + " ms");
                assertThat(result).as(result.reason()).isInstanceOf(ProviderResult.Found.class);
                assertThat(((ProviderResult.Found) result).endpoint().http())
                        .isEqualTo(URI.create("http://localhost:" + port));
            }
        }
        assertThat(sshProcesses()).isEmpty();
    }

    @Test
    void aHostThatAcceptsAndNeverSpeaksIsLeftWithinDockerTimeoutBySshsConnectTimeout() throws IOException {
        // a listening socket nobody accepts from: the kernel completes the TCP handshake, no SSH banner ever comes
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            PORTS.add(silent.getLocalPort());
            String address = "ssh://root@127.0.0.1:" + silent.getLocalPort();
            long start = System.nanoTime();
            ProviderResult result = resolve(Map.of("DOCKER_HOST", address), Map.of("docker.timeout", "1s"), directory);
            long took = (System.nanoTime() - start) / 1_000_000;
            System.out.println("timing: ssh to a host that never speaks, docker.timeout=1s: " + took + " ms");
            assertThat(result).isInstanceOf(ProviderResult.Unavailable.class);
            assertThat(result.reason()).startsWith("ssh to engine ssh://***@127.0.0.1:" + silent.getLocalPort()
                    + " ended with exit code 255 before the engine answered GET /containers/json (ssh could not connect"
                    + " or log in); ssh said: ").contains("timed out").contains("; ssh's ConnectTimeout was 1 s"
                    + " (setting docker.timeout)");
            assertThat(took).isLessThan(1000 + 1500);
        }
    }

    /** Start a JVM of its own running {@link SshChild} with these arguments; its output goes to {@code log}. */
    private static Process childJvm(Path log, String... arguments) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin",
                "java").toString(), "-cp", System.getProperty("java.class.path"), SshChild.class.getName()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(EnginesIt.environment(Map.of()));
        return builder.start();
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

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** Kill the child JVM with SIGKILL and return how long what it started (ssh and its watchdog) lived on. */
    private static Duration killAndTimeItsProcesses(Process child) throws InterruptedException {
        List<ProcessHandle> started = child.descendants().toList();
        assertThat(started).as("the child's ssh").isNotEmpty();
        child.destroyForcibly(); // SIGKILL
        long killed = System.nanoTime();
        child.waitFor();
        boolean ended = within(Duration.ofSeconds(10), () -> started.stream().noneMatch(ProcessHandle::isAlive));
        Duration lived = Duration.ofNanos(System.nanoTime() - killed);
        assertThat(ended).as("ssh ended after its JVM was killed; alive: %s", started.stream()
                .filter(ProcessHandle::isAlive).map(process -> process.info().commandLine().orElse("?")).toList())
                .isTrue();
        return lived;
    }

    @Test
    void sshThroughTheRealSshdEndsWithAJvmKilledWithKill9() throws Exception {
        URI host = URI.create(sshHost);
        Path log = directory.resolve("child.log");
        Process child = childJvm(log, "hold", host.getUserInfo(), host.getHost(), Integer.toString(host.getPort()),
                "ssh,-F," + sshConfig);
        try {
            assertThat(within(Duration.ofSeconds(60), () -> read(log).contains("CHILD CONNECTED")))
                    .as("the child logged in through sshd and dial-stdio: %s", log).isTrue();
            Duration lived = killAndTimeItsProcesses(child);
            System.out.println("timing: ssh (logged in, dial-stdio running) after its JVM was killed: "
                    + lived.toMillis() + " ms");
            assertThat(lived).isLessThan(Duration.ofSeconds(3));
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void sshWaitingForTheServerEndsWithAJvmKilledWithKill9() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Path log = directory.resolve("child.log");
            // ssh's ConnectTimeout is docker.timeout, a minute here: only the watchdog can end it sooner
            Process child = childJvm(log, "resolve", "ssh://root@127.0.0.1:" + silent.getLocalPort(),
                    "ssh,-F," + sshConfig, directory.toString(), "60s", "60s");
            try {
                assertThat(within(Duration.ofSeconds(60), () -> child.descendants().anyMatch(process -> process.info()
                        .commandLine().orElse("").contains("dial-stdio")))).as("the child started ssh: %s", log)
                        .isTrue();
                Duration lived = killAndTimeItsProcesses(child);
                System.out.println("timing: ssh (waiting for a banner) after its JVM was killed: " + lived.toMillis()
                        + " ms");
                assertThat(lived).isLessThan(Duration.ofSeconds(3));
            } finally {
                child.destroyForcibly();
            }
        }
    }

    @Test
    void anUnknownHostKeyIsRefusedInBatchModeAndSshSaysSo() {
        ProviderResult result = resolve(Map.of("DOCKER_HOST", sshHost), Map.of("docker.ssh-command",
                "ssh,-F,/dev/null,-o,UserKnownHostsFile=/dev/null,-o,GlobalKnownHostsFile=/dev/null"), directory);
        assertThat(result).isInstanceOf(ProviderResult.Unavailable.class);
        assertThat(result.reason()).startsWith("ssh to engine " + sshHost.replace("root@", "***@") + " ended with exit"
                + " code 255 before the engine answered GET /containers/json (ssh could not connect or log in); ssh said: ")
                .contains("Host key verification failed.");
    }
}
