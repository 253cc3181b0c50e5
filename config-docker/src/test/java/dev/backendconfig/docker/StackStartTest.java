package dev.backendconfig.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.api.spi.RunScope;
import dev.backendconfig.testkit.RecordingLogs;
import dev.backendconfig.testsupport.BackendCheckout;
import dev.backendconfig.testsupport.FakeComposeCli;
import dev.backendconfig.testsupport.FakeDockerEngine;
import dev.backendconfig.testsupport.Leftovers;
import dev.backendconfig.testsupport.Recorded;
import dev.backendconfig.toolkit.InvalidInputException;
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
import org.slf4j.event.Level;

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
        engine = BackendCheckout.withEngine(directory);
    }

    @AfterEach
    void stop() throws IOException {
        run.close();
        engine.close();
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
        return new DockerEndpointProvider(run).resolve(ResolutionContext.builder().workingDirectory(directory)
                .environment(Map.of("PATH", bin.toString())).settings(all).build());
    }

    @Test
    void aComposeCommandStuckPastTheStartTimeoutIsKilledWithItsChildrenAndNamedInTheError() throws Exception {
        Path pidFile = directory.resolve("compose-child.pid");
        program("docker-compose", "[ \"$1\" = version ] && exit 0\necho \"Pulling backend ...\"\n/bin/sleep 300 &\necho $! > '"
                + pidFile + "'\nwait");
        Leftovers leftovers = Leftovers.snapshot(directory);
        RecordingLogs.clear();
        long start = System.nanoTime();
        ProviderResult[] answered = new ProviderResult[1];
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> answered[0] = resolve(Map.of(
                "docker.start-timeout", "4s", "timeout", "500ms")));

        assertThat(thrown).as("answered instead: %s", answered[0] == null ? "" : answered[0] + " "
                + answered[0].notes()).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).code()).isEqualTo("BCFG03005"))
                .hasMessage("setting docker.start=if-missing: " + bin.resolve("docker-compose") + " -p shop"
                        + " --project-directory " + directory + " -f " + directory.resolve("compose.yaml") + " up -d"
                        + " --no-recreate backend did not end within setting docker.start-timeout = 4000 ms and was"
                        + " killed, with every process it started: Pulling backend ...; what it started was stopped"
                        + " again: nothing was left to stop");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        assertThat(RecordingLogs.events(Level.INFO)).extracting(RecordingLogs.Event::message)
                .as("progress while compose runs, after the first two seconds").contains("docker: starting backend of"
                        + " compose project shop with docker-compose: 2 s so far, up to 4 s (setting"
                        + " docker.start-timeout)");
        assertThat(RecordingLogs.events(Level.DEBUG)).extracting(RecordingLogs.Event::message)
                .contains(bin.resolve("docker-compose") + " -p shop --project-directory " + directory + " -f "
                        + directory.resolve("compose.yaml") + " up -d --no-recreate backend: Pulling backend ...");
        long child = Long.parseLong(Files.readString(pidFile).strip());
        assertThat(ProcessHandle.of(child).filter(process -> process.isAlive() && !zombie(process.pid()))).isEmpty();
        assertThat(leftovers.newThreads()).isEmpty();
        assertThat(run.hold("docker lease " + leaseFile(), () -> { })).as("the lease is no longer held").isTrue();
        assertThat(leaseFile()).isEmptyFile();
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
                        + " setting docker.start-timeout = 180000 ms: engine " + engine.dockerHost() + " has no container"
                        + " of compose project shop (named by setting docker.project); what the start started was"
                        + " stopped again:"
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
        assertThat(Files.exists(log) ? Files.readAllLines(log) : java.util.List.<String>of())
                .as("compose is at most asked its version (for the advice), never to start anything")
                .allMatch(line -> line.startsWith("version"));
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

    private static final String ID = "e".repeat(64);
    private static final String NETWORK = "f".repeat(64);

    /** The backend of project shop as the engine lists it once compose started it. */
    @SuppressWarnings("unchecked")
    private static String runningBackend() {
        return runningBackend("healthy");
    }

    /** The same, its list entry telling {@code health} as Docker's list does. */
    @SuppressWarnings("unchecked")
    private static String runningBackend(String health) {
        Map<String, Object> entry = Recorded.listedWithHealth(Recorded.renamed(Recorded.listEntry(
                "alpine-test-backend"), ID, "backend", "shop-backend-1"), health);
        ((Map<String, Object>) entry.get("Labels")).put("com.docker.compose.project", "shop");
        return Recorded.write(java.util.List.of(entry));
    }

    /**
     * A docker-compose that records its command lines and, on up, waits until the test has made the engine list what
     * it "started".
     */
    private Path composeThatWaitsForTheEngine() throws IOException {
        Path log = directory.resolve("compose.log");
        program("docker-compose", "echo \"$*\" >> '" + log + "'\n[ \"$1\" = version ] && exit 0\n"
                + ": > '" + directory.resolve("up-ran") + "'\ni=0\nwhile [ ! -e '" + directory.resolve("engine-ready")
                + "' ] && [ $i -lt 200 ]; do /bin/sleep 0.05; i=$((i+1)); done\necho 'Creating shop-backend-1 ... done'");
        return log;
    }

    /** When compose runs up, make the engine list the backend (and its network) as compose would have made them. */
    private java.util.concurrent.CompletableFuture<Void> engineStartsTheBackendWhenComposeRuns(String inspection) {
        return engineStartsTheBackendWhenComposeRuns(inspection, "healthy");
    }

    /** The same, the engine listing the backend with {@code listedHealth}, as its inspection says. */
    private java.util.concurrent.CompletableFuture<Void> engineStartsTheBackendWhenComposeRuns(String inspection,
            String listedHealth) {
        return java.util.concurrent.CompletableFuture.runAsync(() -> {
            try {
                long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (!Files.exists(directory.resolve("up-ran")) && System.nanoTime() < until) {
                    Thread.sleep(10);
                }
                engine.containers(runningBackend(listedHealth)).inspect(ID, inspection).answer("/networks", 200,
                        "[{\"Id\":\"" + NETWORK + "\",\"Name\":\"shop_default\"}]");
                Files.createFile(directory.resolve("engine-ready"));
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void theMissingBackendIsStartedFoundAndAtTheEndOfTheRunStoppedAndRemovedWithTheNetworkItsStartCreated()
            throws Exception {
        Path log = composeThatWaitsForTheEngine();
        engine.answer("/containers/" + ID + "/stop", 204, "").answer("/containers/" + ID, 204, "")
                .answer("/networks/" + NETWORK, 204, "");
        var engineSide = engineStartsTheBackendWhenComposeRuns(Recorded.text(Recorded.inspection("alpine")));
        RecordingLogs.clear();

        ProviderResult result = resolve(Map.of("probe", "none"));
        engineSide.get(5, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(result).as(result.reason()).isInstanceOf(ProviderResult.Found.class);
        String command = bin.resolve("docker-compose") + " -p shop --project-directory " + directory + " -f "
                + directory.resolve("compose.yaml") + " up -d --no-recreate backend";
        assertThat(RecordingLogs.events(Level.INFO)).extracting(RecordingLogs.Event::message)
                .contains("docker: starting backend of compose project shop with docker-compose on engine "
                        + engine.dockerHost() + " (setting docker.start=if-missing, up to 180 s, setting"
                        + " docker.start-timeout): " + command)
                .anySatisfy(line -> assertThat(line).startsWith("docker: docker-compose started shop-backend-1 in "));
        assertThat(RecordingLogs.events(Level.DEBUG)).extracting(RecordingLogs.Event::message)
                .contains(command + ": Creating shop-backend-1 ... done");
        assertThat(result.reason()).isEqualTo("compose project shop (named by setting docker.project): service backend"
                + " publishes 8000 on 0.0.0.0:8002 (healthy)");
        assertThat(result.notes()).anySatisfy(note -> assertThat(note).startsWith("docker.start=if-missing: started"
                + " backend of compose project shop (named by setting docker.project given to"
                + " ResolutionContext.Builder.settings; files "
                + directory.resolve("compose.yaml") + " (found in " + directory + ")) with docker-compose in ")
                .contains(", bounded by setting docker.start-timeout = 180000 ms (setting timeout does not cut a start"
                        + " short); new: shop-backend-1; the lease " + directory.resolve("leases"))
                .endsWith(" stops what it started when its last JVM leaves (setting docker.stop=started)"));
        assertThat(Files.readAllLines(log)).containsExactly("version", "-p shop --project-directory " + directory
                + " -f " + directory.resolve("compose.yaml") + " up -d --no-recreate backend");
        Path lease = Files.list(directory.resolve("leases")).findFirst().orElseThrow();
        assertThat(Files.readString(lease)).contains("\"holders\":[{\"pid\":" + ProcessHandle.current().pid())
                .contains("\"started\":[{\"id\":\"" + ID + "\",\"name\":\"shop-backend-1\",\"service\":\"backend\","
                        + "\"created\":true}]").contains("\"networks\":[\"" + NETWORK + "\"]");
        assertThat(engine.requests()).noneMatch(line -> line.startsWith("POST") || line.startsWith("DELETE"));

        run.close();

        assertStoppedAndRemovedTheBackendAndItsNetwork();
        assertThat(lease).isEmptyFile();
    }

    @Test
    void withStopNeverTheLastToLeaveLeavesWhatItStartedRunningAndForgetsIt() throws Exception {
        composeThatWaitsForTheEngine();
        var engineSide = engineStartsTheBackendWhenComposeRuns(Recorded.text(Recorded.inspection("alpine")));

        assertThat(resolve(Map.of("probe", "none", "docker.stop", "never"))).isInstanceOf(ProviderResult.Found.class);
        engineSide.get(5, java.util.concurrent.TimeUnit.SECONDS);
        run.close();

        assertThat(engine.requests()).noneMatch(line -> line.startsWith("POST") || line.startsWith("DELETE"));
        assertThat(Files.list(directory.resolve("leases")).findFirst().orElseThrow()).isEmptyFile();
    }

    @Test
    void aStackThatRunsIsAttachedToWithoutRunningComposeAndNothingIsStoppedAtTheEnd() throws Exception {
        Path log = directory.resolve("compose.log");
        program("docker-compose", "echo \"$*\" >> '" + log + "'");
        engine.containers(runningBackend()).inspect(ID, Recorded.text(Recorded.inspection("alpine")));

        ProviderResult result = resolve(Map.of("probe", "none"));

        assertThat(result.notes()).anySatisfy(note -> assertThat(note).startsWith("docker.start=if-missing: every"
                + " required service of compose project shop runs; attached (lease " + directory.resolve("leases"))
                .endsWith(", held by 1 JVM)"));
        assertThat(log).doesNotExist();
        run.close();
        assertThat(engine.requests()).noneMatch(line -> line.startsWith("POST") || line.startsWith("DELETE"));
    }

    /** Assert that the engine was asked to stop the backend, remove it (its volumes kept) and remove its network. */
    private void assertStoppedAndRemovedTheBackendAndItsNetwork() {
        assertThat(engine.requests()).filteredOn(line -> line.startsWith("POST") || line.startsWith("DELETE"))
                .containsExactly("POST /containers/" + ID + "/stop HTTP/1.1", "DELETE /containers/" + ID
                        + "?v=0 HTTP/1.1", "DELETE /networks/" + NETWORK + " HTTP/1.1");
    }

    /** Return this test's one lease file (the lease directory holds one file per engine and project). */
    private Path leaseFile() throws IOException {
        try (java.util.stream.Stream<Path> files = Files.list(directory.resolve("leases"))) {
            java.util.List<Path> all = files.toList();
            assertThat(all).as("the lease files").hasSize(1);
            return all.get(0);
        }
    }

    /** Return a process id that no process has any longer (a JVM killed with kill -9 leaves its id so). */
    private static long goneProcess() throws Exception {
        Process finished = new ProcessBuilder("true").start();
        assertThat(finished.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        return finished.pid();
    }

    @Test
    void aStartCutShortByAKilledJvmIsAdoptedAndWhatItStartedIsStoppedAtTheEndOfTheNextRun() throws Exception {
        Path log = directory.resolve("compose.log");
        program("docker-compose", "echo \"$*\" >> '" + log + "'");
        engine.containers(runningBackend()).inspect(ID, Recorded.text(Recorded.inspection("alpine")))
                .answer("/networks", 200, "[{\"Id\":\"" + NETWORK + "\",\"Name\":\"shop_default\"}]")
                .answer("/containers/" + ID + "/stop", 204, "").answer("/containers/" + ID, 204, "")
                .answer("/networks/" + NETWORK, 204, "");
        // a first run attaches (the stack runs) and leaves: nothing of it is stopped, the lease file stays, empty
        resolve(Map.of("probe", "none"));
        run.close();
        Path lease = leaseFile();
        assertThat(lease).isEmptyFile();
        assertThat(engine.requests()).noneMatch(line -> line.startsWith("POST") || line.startsWith("DELETE"));
        // what a JVM killed during its compose up leaves: itself holding and starting, nothing of the project before
        long killed = goneProcess();
        Files.writeString(lease, "{\"version\":1,\"engine\":\"e\",\"project\":\"shop\",\"holders\":[{\"pid\":"
                + killed + ",\"started\":\"\"}],\"starter\":{\"pid\":" + killed + ",\"started\":\"\"},"
                + "\"before\":{\"containers\":[],\"running\":[],\"networks\":[]},\"started\":[],\"networks\":[]}");

        ProviderResult result = resolve(Map.of("probe", "none"));

        assertThat(result).as(result.reason()).isInstanceOf(ProviderResult.Found.class);
        assertThat(result.notes()).contains("a start of compose project shop was cut short (pid " + killed + " is"
                + " gone); what it started is this lease's: shop-backend-1", "adopted compose project shop's"
                + " containers that a JVM now gone (pid " + killed + ") started: shop-backend-1; this run stops them at"
                + " its end (setting docker.stop)");
        assertThat(log).as("nothing is started again").doesNotExist();
        assertThat(Files.readString(lease)).contains("\"holders\":[{\"pid\":" + ProcessHandle.current().pid())
                .doesNotContain("\"pid\":" + killed).doesNotContain("\"starter\"")
                .contains("\"started\":[{\"id\":\"" + ID + "\"").contains("\"networks\":[\"" + NETWORK + "\"]");

        run.close();

        assertStoppedAndRemovedTheBackendAndItsNetwork();
        assertThat(lease).isEmptyFile();
    }

    @Test
    void withoutALeaseDirectorySetTheLeaseIsOnePerUserInTheTemporaryDirectoryReadableByItsOwnerOnly()
            throws Exception {
        engine.containers(runningBackend()).inspect(ID, Recorded.text(Recorded.inspection("alpine")));
        Path temp = Files.createDirectory(directory.resolve("tmp"));

        ProviderResult result = new DockerEndpointProvider(run).resolve(ResolutionContext.builder()
                .workingDirectory(directory).environment(Map.of("PATH", bin.toString()))
                .systemProperties(Map.of("java.io.tmpdir", temp.toString(), "user.name", "ci runner"))
                .settings(Map.of("docker.host", engine.dockerHost(), "docker.project", "shop", "docker.start",
                        "if-missing", "probe", "none")).build());

        Path leases = temp.resolve("backend-config-leases-ci_runner");
        assertThat(result.notes()).anySatisfy(note -> assertThat(note).startsWith("docker.start=if-missing: every"
                + " required service of compose project shop runs; attached (lease " + leases.resolve("shop-")));
        assertThat(Files.getPosixFilePermissions(leases)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        try (java.util.stream.Stream<Path> files = Files.list(leases)) {
            assertThat(files.map(file -> file.getFileName().toString()).toList()).singleElement()
                    .satisfies(name -> assertThat(name).matches("shop-[0-9a-f]{16}\\.lease"));
        }
    }

    @Test
    void aStartedBackendThatNeverBecomesHealthyIsAnErrorWithItsLogLinesAndIsStoppedAgain() throws Exception {
        composeThatWaitsForTheEngine();
        engine.answer("/containers/" + ID + "/stop", 204, "").answer("/containers/" + ID, 204, "")
                .answer("/networks/" + NETWORK, 204, "").answer("/containers/" + ID + "/logs", 200, new String(
                        Recorded.class.getResourceAsStream("/engine/logs-multiplexed.bin").readAllBytes(),
                        java.nio.charset.StandardCharsets.ISO_8859_1));
        var engineSide = engineStartsTheBackendWhenComposeRuns(Recorded.text(Recorded.inspection("slow")),
                "starting");

        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> resolve(Map.of(
                "docker.start-timeout", "2s")));
        engineSide.get(5, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(thrown).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("setting docker.start=if-missing: ran " + bin.resolve("docker-compose")
                        + " -p shop --project-directory " + directory + " -f " + directory.resolve("compose.yaml")
                        + " up -d --no-recreate backend (it started shop-backend-1), but the services were not all ready"
                        + " within setting docker.start-timeout = 2000 ms: engine " + engine.dockerHost() + ": compose"
                        + " project shop (named by setting docker.project) is half up: running: backend; not running"
                        + " or not ready: backend (service backend (project shop, container shop-backend-1) is still"
                        + " starting after ")
                .hasMessageContaining(" ms (what was left of setting docker.start-timeout = 2000 ms) (last check said:")
                .hasMessageEndingWith("; failed: backend (starting); what the start started was stopped again: stopped and"
                        + " removed 1 container (shop-backend-1) (the last 50 log lines of each failed service follow in"
                        + " the cause)");
        assertThat(thrown.getCause()).isInstanceOf(dev.backendconfig.docker.internal.lifecycle.StartFailure.class)
                .hasMessageStartingWith("Command: " + bin.resolve("docker-compose") + " -p shop")
                .hasMessageContaining("\nService backend (container shop-backend-1, starting), last 50 log lines:\n"
                        + "    cannot reach the database\n    db password=*** refused");
        assertStoppedAndRemovedTheBackendAndItsNetwork();
        assertThat(run.hold("docker lease " + leaseFile(), () -> { })).as("the lease is no longer held").isTrue();
    }
}
