package dev.backendconfig.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code docker.start=if-missing} chooses to start and says, against a fake engine on a real socket and fake
 * compose programs on PATH: nothing without a compose file, only required services, the env files compose does not
 * read by itself, a compose command that cannot take the project's options, and a stack that runs but is not ready.
 */
class StackStartChoicesTest {

    private static final String BACKEND = "e".repeat(64);

    @TempDir
    Path directory;
    @TempDir
    Path bin;

    private FakeDockerEngine engine;
    private final RunScope run = RunScope.create("StackStartChoicesTest");

    @AfterEach
    void stop() throws IOException {
        run.close();
        if (engine != null) {
            engine.close();
        }
    }

    /** A checkout (a .git directory) with {@code composeFile} (none when null) and a fake engine listing nothing. */
    private void checkout(String composeFile) throws IOException {
        Files.createDirectory(directory.resolve(".git"));
        if (composeFile != null) {
            Files.writeString(directory.resolve("compose.yaml"), composeFile);
        }
        engine = FakeDockerEngine.onUnixSocket(directory.resolve("engine.sock")).answer("/networks", 200, "[]");
    }

    private ResolutionContext context(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(settings);
        all.put("docker.host", engine.dockerHost());
        all.put("docker.lease-dir", directory.resolve("leases").toString());
        all.putIfAbsent("docker.start", "if-missing");
        all.putIfAbsent("probe", "none");
        return ResolutionContext.builder().workingDirectory(directory).environment(Map.of("PATH", bin.toString()))
                .settings(all).build();
    }

    private ProviderResult resolve(Map<String, String> settings) {
        return new DockerEndpointProvider(run).resolve(context(settings));
    }

    /** A compose program that records its arguments (one line per run) and starts nothing. */
    private Path recordingCompose() throws IOException {
        Path log = directory.resolve("compose.log");
        FakeComposeCli.program(bin, "docker-compose", "[ \"$1\" = version ] && exit 0\necho \"$*\" >> '" + log + "'");
        return log;
    }

    private String up(String options, String services) {
        return "-p shop --project-directory " + directory + " -f " + directory.resolve("compose.yaml") + options
                + " up -d --no-recreate " + services;
    }

    private static String backend(String health) {
        return Recorded.write(List.of(BackendCheckout.shopContainer(BACKEND, "backend", health)));
    }

    private Path leaseFile() throws IOException {
        try (Stream<Path> files = Files.list(directory.resolve("leases"))) {
            return files.findFirst().orElseThrow();
        }
    }

    @Test
    void aCheckoutWithoutAComposeFileStartsNothingAndSaysWhereItSearched() throws IOException {
        checkout(null);
        Path log = recordingCompose();

        ProviderResult result = resolve(Map.of());

        assertThat(result.notes()).anySatisfy(note -> assertThat(note).startsWith("docker.start=if-missing: nothing"
                + " can be started: no compose file (searched ").endsWith(") (set docker.compose-file, or"
                + " COMPOSE_FILE, to the file that starts the stack)"));
        assertThat(log).doesNotExist();
        assertThat(directory.resolve("leases")).doesNotExist();
    }

    @Test
    void aProjectNamedBySettingWithoutAComposeFileHereStartsNothingAndSaysSo() throws IOException {
        checkout(null);
        Path log = recordingCompose();

        ProviderResult result = resolve(Map.of("docker.project", "shop"));

        assertThat(result.notes()).contains("docker.start=if-missing: nothing can be started: this checkout's compose"
                + " project shop (setting docker.project given to ResolutionContext.Builder.settings) has no compose file here (set docker.compose-file, or"
                + " COMPOSE_FILE, to the file that starts the stack)");
        assertThat(log).doesNotExist();
        assertThat(directory.resolve("leases")).doesNotExist();
    }

    @Test
    void onlyTheRequiredServicesThatAreNotRunningAreStarted() throws IOException {
        checkout("services:\n  backend:\n    image: backend\n    ports: [\"8000\"]\n  db:\n    image: db\n"
                + "    ports: [\"5432\"]\n");
        Path log = recordingCompose();

        Throwable thrown = catchThrowable(() -> resolve(Map.of("docker.project", "shop", "services", "db",
                "services.db.required", "false")));

        assertThat(Files.readAllLines(log)).containsExactly(up("", "backend"));
        assertThat(thrown).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).code()).isEqualTo("BCFG03005"));
    }

    @Test
    void aRequiredServiceThatNoComposeServiceOfTheCheckoutIsIsNamedAsOneThatCannotBeStarted() throws IOException {
        checkout("services:\n  backend:\n    image: backend\n    ports: [\"8000\"]\n");
        String payments = "f".repeat(64);
        engine.containers(Recorded.write(List.of(running(BACKEND, "backend"), running(payments, "payments"))))
                .inspect(BACKEND, Recorded.text(Recorded.inspection("alpine")))
                .inspect(payments, Recorded.text(Recorded.inspection("alpine")));
        Path log = recordingCompose();

        ProviderResult result = resolve(Map.of("docker.project", "shop", "services", "payments"));

        assertThat(result).as(result.reason()).isInstanceOf(ProviderResult.Found.class);
        assertThat(result.notes()).contains("docker.start=if-missing cannot start service payments: this checkout's"
                + " compose project shop (" + directory.resolve("compose.yaml") + ") has no compose service named"
                + " payments or with network alias payments; its services: backend");
        assertThat(log).doesNotExist();
    }

    /** A healthy container of service {@code service} of project shop, started from this checkout's compose file. */
    private Map<String, Object> running(String id, String service) {
        return Recorded.startedIn(BackendCheckout.shopContainer(id, service, "healthy"), directory, "shop");
    }

    @Test
    void theProjectDirectorysEnvFileIsLeftToComposeButNamedWhenEnvFilesAreSet() throws IOException {
        checkout("services:\n  backend:\n    image: backend\n    ports: [\"8000\"]\n");
        Files.writeString(directory.resolve(".env"), "TAG=1\n");
        Files.writeString(directory.resolve("other.env"), "TAG=2\n");
        Path log = recordingCompose();

        catchThrowable(() -> resolve(Map.of("docker.project", "shop")));
        catchThrowable(() -> resolve(Map.of("docker.project", "shop", "docker.env-file", ".env,other.env")));

        assertThat(Files.readAllLines(log)).containsExactly(up("", "backend"), up(" --env-file "
                + directory.resolve(".env") + " --env-file " + directory.resolve("other.env"), "backend"));
    }

    @Test
    void withoutAComposeCommandOnAPodmanEngineTheErrorNamesPodmanCompose() throws IOException {
        checkout("services:\n  backend:\n    image: backend\n    ports: [\"8000\"]\n");
        engine.identifyAs("Api-Version: 1.41", "Libpod-Api-Version: 4.3.1", "Server: Libpod/4.3.1 (linux)");

        assertThatThrownBy(() -> resolve(Map.of("docker.project", "shop"))).isInstanceOf(InvalidInputException.class)
                .hasMessageEndingWith("; install docker compose (the v2 plugin) or docker-compose, or podman-compose,"
                        + " or start the stack yourself");
        assertThat(Files.readString(leaseFile())).isEmpty();
    }

    @Test
    void podmanComposeIsNotRunForAProjectWithProfilesOrEnvFilesItCannotBeGiven() throws IOException {
        checkout("services:\n  backend:\n    image: backend\n    ports: [\"8000\"]\n  debug:\n    image: debug\n"
                + "    profiles: [dev]\n");
        engine.identifyAs("Api-Version: 1.41", "Libpod-Api-Version: 4.3.1", "Server: Libpod/4.3.1 (linux)");
        Files.writeString(directory.resolve("other.env"), "TAG=2\n");
        Path log = directory.resolve("podman-compose.log");
        FakeComposeCli.program(bin, "podman-compose", "[ \"$1\" = version ] && exit 0\necho \"$*\" >> '" + log + "'");

        assertThatThrownBy(() -> resolve(Map.of("docker.project", "shop", "docker.profiles", "dev")))
                .isInstanceOf(InvalidInputException.class).hasMessage("setting docker.start=if-missing: podman-compose"
                        + " takes no --profile or --env-file, but compose project shop needs profiles dev: install"
                        + " docker compose or docker-compose");
        assertThatThrownBy(() -> resolve(Map.of("docker.project", "shop", "docker.env-file", "other.env")))
                .isInstanceOf(InvalidInputException.class).hasMessage("setting docker.start=if-missing: podman-compose"
                        + " takes no --profile or --env-file, but compose project shop needs env files: install docker"
                        + " compose or docker-compose");
        assertThat(log).doesNotExist();
        assertThat(Files.readString(leaseFile())).isEmpty();
    }

    @Test
    void aRunningStackThatIsNotReadyIsHalfUpWithinDockerWaitHealthyAndTheLeaseIsLeft() throws IOException {
        checkout("services:\n  backend:\n    image: backend\n    ports: [\"8000\"]\n");
        engine.containers(backend("starting")).inspect(BACKEND, Recorded.withHealth(Recorded.inspection("alpine"),
                "starting"));
        Path log = recordingCompose();

        Throwable thrown = catchThrowable(() -> {
            try (StackLease lease = StackLease.acquire(context(Map.of("docker.project", "shop",
                    "docker.wait-healthy", "300ms", "docker.start-timeout", "3s")))) {
                throw new AssertionError(lease.describe());
            }
        });

        assertThat(thrown).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).code()).isEqualTo("BCFG03001"))
                .hasMessageContaining("setting docker.wait-healthy = 300 ms");
        assertThat(log).doesNotExist();
        assertThat(leaseFile()).as("the StackLease's hold is given back").isEmptyFile();
    }

    /** A compose program whose up makes the engine list {@code listed}, then ends with exit 0. */
    private void composeThatMakesTheEngineList(String listed) throws IOException {
        FakeComposeCli.program(bin, "docker-compose", BackendCheckout.upThatWaitsForTheEngine(directory, "exit 0"));
        BackendCheckout.listWhenUpRuns(engine, directory, listed);
    }

    @Test
    void aStartWhoseServicesCannotBeUsedAsAskedIsAnErrorSayingSoNotATimeout() throws IOException {
        checkout("services:\n  backend:\n    image: backend\n    ports: [\"8000\"]\n");
        String project = directory.getFileName().toString();
        String other = "a".repeat(64);
        engine.answer("/containers/" + BACKEND + "/stop", 204, "").answer("/containers/" + BACKEND, 204, "")
                .inspect(BACKEND, Recorded.text(Recorded.inspection("alpine")))
                .inspect(other, Recorded.text(Recorded.inspection("alpine")));
        composeThatMakesTheEngineList(Recorded.write(List.of(Recorded.startedIn(running(BACKEND, "backend"), directory,
                project), running(other, "backend"))));

        Throwable thrown = catchThrowable(() -> resolve(Map.of()));

        assertThat(thrown).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).code()).isEqualTo("BCFG03005"))
                .hasMessageStartingWith("setting docker.start=if-missing: ran " + bin.resolve("docker-compose") + " -p "
                        + project + " --project-directory " + directory + " -f " + directory.resolve("compose.yaml")
                        + " up -d --no-recreate backend (it started shop-backend-1), but the services cannot be used as"
                        + " asked: ")
                .hasMessageNotContaining("not all ready");
    }

    @Test
    void aStartedContainerTheEngineCannotSayAnythingOfIsNamedAmongTheFailedWithTheEnginesWords() throws IOException {
        checkout("services:\n  backend:\n    image: backend\n    ports: [\"8000\"]\n  db:\n    image: db\n");
        String db = "d".repeat(64);
        engine.answer("/containers/" + BACKEND + "/stop", 204, "").answer("/containers/" + BACKEND, 204, "")
                .answer("/containers/" + BACKEND + "/logs", 200, "").answer("/containers/" + db + "/stop", 204, "")
                .answer("/containers/" + db, 204, "").answer("/containers/" + db + "/logs", 200, "")
                .answer("/containers/" + db + "/json", 500, "{\"message\":\"inspect broke\"}")
                .inspect(BACKEND, Recorded.withHealth(Recorded.inspection("alpine"), "unhealthy"));
        composeThatMakesTheEngineList(Recorded.write(List.of(Recorded.startedIn(BackendCheckout.shopContainer(BACKEND,
                "backend", "unhealthy"), directory, "shop"), running(db, "db"))));

        Throwable thrown = catchThrowable(() -> resolve(Map.of("docker.project", "shop")));

        assertThat(thrown).isInstanceOf(InvalidInputException.class).hasMessageContaining("; failed: backend"
                + " (unhealthy), db (")
                .hasMessageContaining("inspect broke");
    }

    @Test
    void aSlowStartSaysHowLongItHasRunOnceAfterTwoSecondsAndNotAgainBeforeFiveMore() throws IOException {
        checkout("services:\n  backend:\n    image: backend\n    ports: [\"8000\"]\n");
        FakeComposeCli.program(bin, "docker-compose", "[ \"$1\" = version ] && exit 0\n/bin/sleep 3\nexit 1");
        dev.backendconfig.testkit.RecordingLogs.clear();

        assertThatThrownBy(() -> resolve(Map.of("docker.project", "shop"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(" exited with code 1");

        assertThat(dev.backendconfig.testkit.RecordingLogs.events(org.slf4j.event.Level.INFO).stream()
                .map(dev.backendconfig.testkit.RecordingLogs.Event::message).filter(line -> line.contains(" so far, up"
                        + " to "))).containsExactly("docker: starting backend of compose project shop with"
                                + " docker-compose: 2 s so far, up to 180 s (setting docker.start-timeout)");
    }

    @Test
    void aWorkingDirectorysEnvFileIsNamedAfterTheProjectDirectorysWhichComposeWouldOtherwiseNoLongerReadSoThatItWins()
            throws IOException {
        checkout("services:\n  backend:\n    image: backend\n    ports: [\"8000\"]\n");
        Files.writeString(directory.resolve(".env"), "TAG=1\n");
        Path tests = Files.createDirectories(directory.resolve("tests"));
        Files.writeString(tests.resolve(".env"), "OTHER=2\n");
        Path log = recordingCompose();
        Map<String, String> settings = new HashMap<>(Map.of("docker.project", "shop", "docker.host",
                engine.dockerHost(), "docker.lease-dir", directory.resolve("leases").toString(), "docker.start",
                "if-missing", "probe", "none"));

        catchThrowable(() -> new DockerEndpointProvider(run).resolve(ResolutionContext.builder().workingDirectory(tests)
                .environment(Map.of("PATH", bin.toString())).settings(settings).build()));

        assertThat(Files.readAllLines(log)).containsExactly(up(" --env-file " + directory.resolve(".env")
                + " --env-file " + tests.resolve(".env"), "backend"));
    }

    @Test
    void aStartedStacksNoteNamesTheProfilesItWasStartedWith() throws IOException {
        checkout("services:\n  backend:\n    image: backend\n    ports: [\"8000\"]\n  debug:\n    image: debug\n"
                + "    profiles: [dev]\n");
        engine.inspect(BACKEND, Recorded.text(Recorded.inspection("alpine")));
        composeThatMakesTheEngineList(Recorded.write(List.of(running(BACKEND, "backend"))));

        ProviderResult result = resolve(Map.of("docker.project", "shop", "docker.profiles", "dev"));

        assertThat(result).as(result.reason()).isInstanceOf(ProviderResult.Found.class);
        assertThat(result.notes()).anySatisfy(note -> assertThat(note).startsWith("docker.start=if-missing: started"
                + " backend of compose project shop (named by setting docker.project given to"
                + " ResolutionContext.Builder.settings; files " + directory.resolve("compose.yaml") + " (found in "
                + directory + "); profiles dev) with docker-compose in "));
    }

    @Test
    void podmanComposeStartsAProjectThatNeedsNoProfileOrEnvFile() throws IOException {
        checkout("services:\n  backend:\n    image: backend\n    ports: [\"8000\"]\n");
        engine.identifyAs("Api-Version: 1.41", "Libpod-Api-Version: 4.3.1", "Server: Libpod/4.3.1 (linux)");
        Path log = directory.resolve("podman-compose.log");
        FakeComposeCli.program(bin, "podman-compose", "[ \"$1\" = version ] && exit 0\necho \"$*\" >> '" + log + "'");

        catchThrowable(() -> resolve(Map.of("docker.project", "shop")));

        assertThat(Files.readAllLines(log)).containsExactly("-p shop -f " + directory.resolve("compose.yaml")
                + " up -d --no-recreate backend");
    }

    @Test
    void aProjectOfThisCheckoutsNameStartedFromAnotherCopysFilesIsRefusedBeforeComposeRuns() throws IOException {
        checkout("name: shop\nservices:\n  backend:\n    image: backend\n    ports: [\"8000\"]\n");
        Path elsewhere = Files.createDirectories(directory.resolve("other-copy"));
        engine.containers(Recorded.write(List.of(Recorded.startedFrom(BackendCheckout.shopContainer(BACKEND,
                "backend", "healthy"), elsewhere, elsewhere.resolve("compose.yaml")))));
        Path log = recordingCompose();

        assertThatThrownBy(() -> resolve(Map.of())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("compose project shop (started from " + elsewhere.resolve("compose.yaml"))
                .hasMessageContaining("has this checkout's project name");
        assertThat(log).doesNotExist();
        assertThat(directory.resolve("leases")).doesNotExist();
    }

    @Test
    void thisCheckoutsStackRunningUnderAnotherNameIsNeverStartedASecondTimeAndTheErrorSaysHowToChoose()
            throws IOException {
        checkout("services:\n  backend:\n    image: backend\n    ports: [\"8000\"]\n");
        engine.containers(Recorded.write(List.of(Recorded.startedFrom(BackendCheckout.shopContainer(BACKEND,
                "backend", "healthy"), directory, directory.resolve("compose.yaml")))));
        Path log = recordingCompose();

        assertThatThrownBy(() -> resolve(Map.of())).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).code()).isEqualTo("BCFG03003"))
                .hasMessageContaining("compose project shop (started from " + directory.resolve("compose.yaml")
                        + "; running: backend) is this checkout's stack, ours because ")
                .hasMessageContaining("docker.start=if-missing would start ")
                .hasMessageEndingWith("a second copy of this checkout's stack; to test against that stack (and start"
                        + " what it lacks), set docker.project=shop, or stop it so that the tests start their own");
        assertThat(log).doesNotExist();
    }
}
