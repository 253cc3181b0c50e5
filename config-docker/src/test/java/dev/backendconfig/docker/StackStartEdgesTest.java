package dev.backendconfig.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.api.spi.RunScope;
import dev.backendconfig.testsupport.BackendCheckout;
import dev.backendconfig.testsupport.FakeComposeCli;
import dev.backendconfig.testsupport.FakeDockerEngine;
import dev.backendconfig.testsupport.Recorded;
import dev.backendconfig.toolkit.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a start with {@code docker.start=if-missing} leaves and says at its edges, against a fake engine on a real socket
 * and fake compose programs on PATH: a failed start's leftovers and words, what it must never stop, the lease while
 * compose runs, and a lease shared with another live process.
 */
class StackStartEdgesTest {

    private static final String BACKEND = "e".repeat(64);
    private static final String DB = "d".repeat(64);

    @TempDir
    Path directory;
    @TempDir
    Path bin;

    private FakeDockerEngine engine;
    private final RunScope run = RunScope.create("StackStartEdgesTest");
    private Process other;

    @BeforeEach
    void engineAndComposeFile() throws IOException {
        Files.createDirectory(directory.resolve(".git"));
        Files.writeString(directory.resolve("compose.yaml"), "services:\n  backend:\n    image: backend\n"
                + "    ports: [\"8000\"]\n  db:\n    image: db\n");
        engine = FakeDockerEngine.onUnixSocket(directory.resolve("engine.sock")).answer("/networks", 200, "[]");
    }

    @AfterEach
    void stop() throws IOException, InterruptedException {
        run.close();
        engine.close();
        if (other != null) {
            other.destroyForcibly();
            other.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private void program(String name, String script) throws IOException {
        FakeComposeCli.program(bin, name, script);
    }

    private ProviderResult resolve(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(settings);
        all.put("docker.host", engine.dockerHost());
        all.put("docker.project", "shop");
        all.put("docker.lease-dir", directory.resolve("leases").toString());
        all.putIfAbsent("docker.start", "if-missing");
        all.putIfAbsent("probe", "none");
        return new DockerEndpointProvider(run).resolve(ResolutionContext.builder().workingDirectory(directory)
                .environment(Map.of("PATH", bin.toString())).settings(all).build());
    }

    private String command() {
        return bin.resolve("docker-compose") + " -p shop --project-directory " + directory + " -f "
                + directory.resolve("compose.yaml") + " up -d --no-recreate backend";
    }

    /** A container of project shop as the engine lists it. */
    private static Map<String, Object> container(String id, String service, boolean running) {
        Map<String, Object> entry = BackendCheckout.shopContainer(id, service, "healthy");
        return running ? entry : Recorded.exited(entry);
    }

    /** A compose program whose up waits until the engine lists what the test makes it list, then ends with {@code exit}. */
    private void composeThatWaitsForTheEngine(String beforeExit) throws IOException {
        program("docker-compose", BackendCheckout.upThatWaitsForTheEngine(directory, beforeExit));
    }

    /** When compose runs up, make the engine list {@code listed}. */
    private CompletableFuture<Void> engineListsWhenComposeRuns(String listed) {
        return BackendCheckout.listWhenUpRuns(engine, directory, listed);
    }

    private List<String> changes() {
        return engine.requests().stream().filter(line -> line.startsWith("POST") || line.startsWith("DELETE"))
                .toList();
    }

    private Path leaseFile() throws IOException {
        try (java.util.stream.Stream<Path> files = Files.list(directory.resolve("leases"))) {
            return files.findFirst().orElseThrow();
        }
    }

    @Test
    void aFailedStartStopsWhatItStartedOnceRemovesWhatItCreatedThatNeverRanAndShowsComposesLastThreeLines()
            throws Exception {
        composeThatWaitsForTheEngine("echo one; echo two; echo three; echo four; exit 1");
        engine.answer("/containers/" + DB + "/stop", 204, "").answer("/containers/" + DB, 204, "")
                .answer("/containers/" + BACKEND + "/stop", 304, "").answer("/containers/" + BACKEND, 204, "")
                .answer("/containers/" + BACKEND + "/logs", 200, "");
        var engineSide = engineListsWhenComposeRuns(Recorded.listOf(container(BACKEND, "backend", false),
                container(DB, "db", true)));

        Throwable thrown = catchThrowable(() -> resolve(Map.of()));
        engineSide.get(5, TimeUnit.SECONDS);

        assertThat(thrown).isInstanceOf(InvalidInputException.class).hasMessage("setting docker.start=if-missing: "
                + command() + " exited with code 1: two / three / four; what it started was stopped again: stopped and"
                + " removed 1 container (shop-db-1)");
        assertThat(thrown.getCause()).hasMessage("Command: " + command() + "\nExited with code 1\nIts output (last"
                + " lines):\n    one\n    two\n    three\n    four\nService backend (container shop-backend-1, created by"
                + " the start, not running), last 50 log lines:\n    (none)");
        assertThat(changes()).containsExactly("POST /containers/" + BACKEND + "/stop HTTP/1.1",
                "DELETE /containers/" + BACKEND + "?v=0 HTTP/1.1", "POST /containers/" + DB + "/stop HTTP/1.1",
                "DELETE /containers/" + DB + "?v=0 HTTP/1.1");
        assertThat(leaseFile()).isEmptyFile();
    }

    @Test
    void aFailedStartWithoutOutputSaysOnlyHowItEnded() throws Exception {
        program("docker-compose", "[ \"$1\" = version ] && exit 0\nexit 5");

        assertThat(catchThrowable(() -> resolve(Map.of()))).isInstanceOf(InvalidInputException.class)
                .hasMessage("setting docker.start=if-missing: " + command() + " exited with code 5; what it started was"
                        + " stopped again: nothing was left to stop");
    }

    @Test
    void aStartThatIsNotAllReadyStopsOnlyWhatItStartedNeverWhatRanBeforeAndNamesWhatFailed() throws Exception {
        composeThatWaitsForTheEngine("exit 0");
        engine.containers(Recorded.listOf(container(DB, "db", true)))
                .answer("/containers/" + BACKEND + "/stop", 204, "").answer("/containers/" + BACKEND, 204, "")
                .answer("/containers/" + BACKEND + "/logs", 200, "");
        Map<String, Object> inspection = Recorded.inspection("alpine");
        @SuppressWarnings("unchecked")
        Map<String, Object> state = (Map<String, Object>) inspection.get("State");
        state.put("Status", "exited");
        state.put("ExitCode", 3);
        state.remove("Health");
        engine.inspect(BACKEND, Recorded.text(inspection));
        var engineSide = engineListsWhenComposeRuns(Recorded.listOf(container(BACKEND, "backend", false),
                container(DB, "db", true)));

        Throwable thrown = catchThrowable(() -> resolve(Map.of("docker.start-timeout", "3s")));
        engineSide.get(5, TimeUnit.SECONDS);

        assertThat(thrown).isInstanceOf(InvalidInputException.class).hasMessageStartingWith("setting"
                + " docker.start=if-missing: ran " + command() + " (it started shop-backend-1), but the services were"
                + " not all ready within setting docker.start-timeout = 3000 ms: ")
                .hasMessageEndingWith("; failed: backend (exited, exit code 3); what the start started was stopped"
                        + " again: stopped and removed 1 container (shop-backend-1) (the last 50 log lines of each"
                        + " failed service follow in the cause)");
        assertThat(thrown.getCause()).hasMessageContaining("\nService backend (container shop-backend-1, exited, exit"
                + " code 3), last 50 log lines:\n    (none)");
        assertThat(changes()).containsExactly("POST /containers/" + BACKEND + "/stop HTTP/1.1",
                "DELETE /containers/" + BACKEND + "?v=0 HTTP/1.1");
    }

    @Test
    void whileComposeRunsTheLeaseRecordsThisJvmAsStarterWithWhatExistedBefore() throws Exception {
        Path during = directory.resolve("lease-during-up");
        program("docker-compose", "[ \"$1\" = version ] && exit 0\n/bin/cat '" + directory.resolve("leases") + "'/*.lease > '"
                + during + "'\nexit 1");
        engine.containers(Recorded.listOf(container(DB, "db", true)));

        catchThrowable(() -> resolve(Map.of()));

        long pid = ProcessHandle.current().pid();
        assertThat(Files.readString(during)).contains("\"holders\":[{\"pid\":" + pid + ",")
                .contains("\"starter\":{\"pid\":" + pid + ",")
                .contains("\"before\":{\"containers\":[\"" + DB + "\"],\"running\":[\"" + DB + "\"],\"networks\":[]}");
    }

    /** Start another live process and write a lease it holds (and, when {@code starting}, is starting). */
    private long anotherLiveHolder(boolean starting) throws Exception {
        other = new ProcessBuilder("sleep", "60").start();
        String holder = "{\"pid\":" + other.pid() + ",\"started\":\"\"}";
        resolve(Map.of("docker.start", "if-missing")); // makes the lease file (the stack runs: it only attaches)
        run.close();
        Files.writeString(leaseFile(), "{\"version\":1,\"engine\":\"e\",\"project\":\"shop\",\"holders\":[" + holder
                + "]," + (starting ? "\"starter\":" + holder + "," : "") + "\"before\":{\"containers\":[],\"running\":"
                + "[],\"networks\":[]},\"started\":[],\"networks\":[]}");
        return other.pid();
    }

    @Test
    void anotherLiveProcessHoldingTheLeaseKeepsItsPlaceIsCountedAndItsStartIsNotTakenForOneCutShort()
            throws Exception {
        engine.containers(Recorded.listOf(container(BACKEND, "backend", true)))
                .inspect(BACKEND, Recorded.text(Recorded.inspection("alpine")));
        long pid = anotherLiveHolder(true);

        ProviderResult result = new DockerEndpointProvider(run).resolve(ResolutionContext.builder()
                .workingDirectory(directory).environment(Map.of("PATH", bin.toString())).settings(Map.of(
                        "docker.host", engine.dockerHost(), "docker.project", "shop", "docker.lease-dir",
                        directory.resolve("leases").toString(), "docker.start", "if-missing", "probe", "none")).build());

        assertThat(result).as(result.reason()).isInstanceOf(ProviderResult.Found.class);
        assertThat(result.notes()).anySatisfy(note -> assertThat(note).startsWith("docker.start=if-missing: every"
                + " required service of compose project shop runs; attached (lease ").endsWith(", held by 2 JVMs)"))
                .noneSatisfy(note -> assertThat(note).contains("cut short"));
        assertThat(Files.readString(leaseFile())).contains("\"holders\":[{\"pid\":" + pid + ",\"started\":\"\"},{\"pid\":"
                + ProcessHandle.current().pid()).contains("\"starter\":{\"pid\":" + pid + ",");
        run.close();
        assertThat(Files.readString(leaseFile())).contains("\"holders\":[{\"pid\":" + pid + ",\"started\":\"\"}]");
        assertThat(changes()).isEmpty();
    }

    @Test
    void aStartCutShortThatStartedNothingIsSaidSo() throws Exception {
        engine.containers(Recorded.listOf(container(BACKEND, "backend", true)))
                .inspect(BACKEND, Recorded.text(Recorded.inspection("alpine")));
        resolve(Map.of());
        run.close();
        Process finished = new ProcessBuilder("true").start();
        assertThat(finished.waitFor(10, TimeUnit.SECONDS)).isTrue();
        String gone = "{\"pid\":" + finished.pid() + ",\"started\":\"\"}";
        Files.writeString(leaseFile(), "{\"version\":1,\"engine\":\"e\",\"project\":\"shop\",\"holders\":[" + gone
                + "],\"starter\":" + gone + ",\"before\":{\"containers\":[\"" + BACKEND + "\"],\"running\":[\""
                + BACKEND + "\"],\"networks\":[]},\"started\":[],\"networks\":[]}");

        ProviderResult result = resolve(Map.of());

        assertThat(result.notes()).contains("a start of compose project shop was cut short (pid " + finished.pid()
                + " is gone); what it started is this lease's: nothing");
        run.close();
        assertThat(changes()).isEmpty();
    }

    @Test
    void aStartThatSucceedsSaysHowLongItTookInSeconds() throws Exception {
        composeThatWaitsForTheEngine("exit 0");
        engine.inspect(BACKEND, Recorded.text(Recorded.inspection("alpine")));
        var engineSide = engineListsWhenComposeRuns(Recorded.listOf(container(BACKEND, "backend", true)));

        ProviderResult result = resolve(Map.of());
        engineSide.get(5, TimeUnit.SECONDS);

        assertThat(result).as(result.reason()).isInstanceOf(ProviderResult.Found.class);
        assertThat(result.notes()).anySatisfy(note -> assertThat(note).matches("docker.start=if-missing: started"
                + " backend of compose project shop \\(.*\\) with docker-compose in [0-9]{1,2}\\.[0-9] s, bounded by .*"));
    }
}
