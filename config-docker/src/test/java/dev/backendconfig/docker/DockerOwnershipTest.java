package dev.backendconfig.docker;

import static dev.backendconfig.testsupport.Recorded.inspection;
import static dev.backendconfig.testsupport.Recorded.listEntry;
import static dev.backendconfig.testsupport.Recorded.renamed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.api.spi.RunScope;
import dev.backendconfig.testsupport.FakeComposeCli;
import dev.backendconfig.testsupport.FakeDockerEngine;
import dev.backendconfig.testsupport.Recorded;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two products on one engine, as the new user of issue 18 met them: product V (checkout {@code holdvar}: backend
 * {@code api}, auth {@code keycloak}) and product O (checkout {@code holdoth}: a service named {@code backend}), their
 * default ports colliding. Each checkout gets its own stack, or an error, or — its own stack stopped — a loud
 * unavailable saying so; never the other product's URL. The fake engine answers recorded replies; a fake
 * {@code docker}/{@code docker-compose} on the resolution's PATH says which compose command line is installed.
 */
class DockerOwnershipTest {

    private static final String V_COMPOSE = """
            services:
              api:
                image: shop/api
                ports: ["${V_API_PORT:-28002}:8000"]
              keycloak:
                image: quay.io/keycloak/keycloak:26.0
                ports: ["${V_AUTH_PORT:-28080}:8080"]
              frontend:
                image: shop/web
                ports: ["${V_WEB_PORT:-28300}:3000"]
            """;
    private static final String O_COMPOSE = """
            services:
              backend:
                image: other/backend
                ports: ["${O_PORT:-28002}:8000"]
            """;

    @TempDir
    Path directory;

    private Path holdvar;
    private Path holdoth;
    private FakeDockerEngine engine;
    private final Map<String, String> environment = new HashMap<>();
    private DockerEndpointProvider provider = new DockerEndpointProvider();

    @BeforeEach
    void twoCheckoutsAndAnEngine() throws IOException {
        holdvar = checkout("holdvar", V_COMPOSE);
        holdoth = checkout("holdoth", O_COMPOSE);
        engine = FakeDockerEngine.onUnixSocket(directory.resolve("engine.sock"));
        environment.put("PATH", FakeComposeCli.in(directory.resolve("bin"), FakeComposeCli.Answer.VERSION,
                FakeComposeCli.Answer.VERSION).toString());
    }

    @AfterEach
    void stopEngine() throws IOException {
        engine.close();
    }

    private Path checkout(String name, String compose) throws IOException {
        Path checkout = Files.createDirectories(directory.resolve(name));
        Files.createDirectories(checkout.resolve(".git"));
        Files.writeString(checkout.resolve("compose.yaml"), compose);
        return checkout;
    }

    /** A container of {@code project}/{@code service}, started in {@code checkout} by docker compose v2. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> container(char id, Path checkout, String service, int target, int published) {
        String project = checkout.getFileName().toString();
        Map<String, Object> entry = renamed(listEntry("alpine-test-backend"), String.valueOf(id).repeat(64), service,
                project + "-" + service + "-1");
        Map<String, Object> labels = (Map<String, Object>) entry.get("Labels");
        labels.put("com.docker.compose.project", project);
        labels.put("com.docker.compose.project.working_dir", checkout.toString());
        labels.put("com.docker.compose.project.config_files", checkout.resolve("compose.yaml").toString());
        for (Object port : (List<Object>) entry.get("Ports")) {
            ((Map<String, Object>) port).put("PrivatePort", BigDecimal.valueOf(target));
            ((Map<String, Object>) port).put("PublicPort", BigDecimal.valueOf(published));
        }
        return entry;
    }

    /** Where another copy of product V was checked out (and its stack started from), beside this one. */
    private static final Path COPY = Path.of("/srv/holdvar-copy");

    /** Return a container of product V as the copy's stack, of the same name, would have it. */
    private static Map<String, Object> fromCopy(Map<String, Object> container) {
        return Recorded.startedFrom(container, COPY, COPY.resolve("compose.yaml"));
    }

    private List<Map<String, Object>> productV() {
        return new ArrayList<>(List.of(container('a', holdvar, "api", 8000, 28002),
                container('b', holdvar, "keycloak", 8080, 28080), container('c', holdvar, "frontend", 3000, 28300)));
    }

    private List<Map<String, Object>> productO() {
        return new ArrayList<>(List.of(container('d', holdoth, "backend", 8000, 38002)));
    }

    private void running(List<Map<String, Object>> containers) {
        engine.containers(Recorded.write(containers));
        containers.forEach(container -> engine.inspect(Recorded.id(container), Recorded.withAliases(
                inspection("alpine"), (String) ((Map<?, ?>) container.get("Labels")).get("com.docker.compose.service"))));
    }

    private ProviderResult resolve(Path checkout, Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(settings);
        all.put("docker.host", engine.dockerHost());
        return provider.resolve(ResolutionContext.builder().workingDirectory(checkout)
                .environment(environment).systemProperties(Map.of("user.dir", checkout.toString())).settings(all)
                .build());
    }

    private static final Map<String, String> V_SERVICES = Map.of("services", "auth,frontend",
            "services.auth.docker.service", "keycloak");

    @Test
    void w1BothProductsUpEachCheckoutGetsItsOwnStackNeverTheOthersBackend() {
        List<Map<String, Object>> both = productV();
        both.addAll(productO());
        running(both);
        ProviderResult.Found v = (ProviderResult.Found) resolve(holdvar, V_SERVICES);
        assertThat(v.endpoint().http()).isEqualTo(URI.create("http://localhost:28002"));
        assertThat(v.endpoints().get("auth").http()).isEqualTo(URI.create("http://localhost:28080"));
        assertThat(v.serviceReasons().get("backend")).isEqualTo("service api publishes 8000 on 0.0.0.0:28002"
                + " (healthy); chosen because it is the one service publishing container port 8000 and none is named"
                + " backend");
        assertThat(v.reason()).isEqualTo("compose project holdvar (this checkout's)");
        assertThat(v.notes()).contains("compose project holdvar is this checkout's: its name is this checkout's"
                + " project name (the name of the project directory " + holdvar + ") and it was started from this"
                + " checkout's " + holdvar.resolve("compose.yaml"), "not ours: compose project"
                + " holdoth (started from " + holdoth.resolve("compose.yaml") + "; running: backend); setting"
                + " docker.project=holdoth would use it");

        ProviderResult o = resolve(holdoth, Map.of());
        assertThat(((ProviderResult.Found) o).endpoint().http()).isEqualTo(URI.create("http://localhost:38002"));
        assertThat(o.reason()).startsWith("compose project holdoth (this checkout's): service backend publishes 8000");
        assertThat(o.notes()).contains("not ours: compose project holdvar (started from " + holdvar.resolve(
                "compose.yaml") + "; running: api, keycloak, frontend); setting docker.project=holdvar would use it");
    }

    @Test
    void w2OurStackStoppedIsUnavailableSayingSoWithTheStartCommandAndTheOtherProductIsNeverTaken() {
        List<Map<String, Object>> both = new ArrayList<>();
        productV().forEach(container -> both.add(Recorded.exited(container)));
        both.addAll(productO());
        running(both);
        ProviderResult v = resolve(holdvar, V_SERVICES);
        assertThat(v).isInstanceOf(ProviderResult.Unavailable.class);
        assertThat(v.reason()).isEqualTo("this checkout's project holdvar is stopped (holdvar-api-1 exited (Exited (0)"
                + " 3 minutes ago), holdvar-keycloak-1 exited (Exited (0) 3 minutes ago), holdvar-frontend-1 exited"
                + " (Exited (0) 3 minutes ago))");
        assertThat(v.nextStep()).isEqualTo("start it: docker compose -f compose.yaml start");

        ProviderResult o = resolve(holdoth, Map.of());
        assertThat(((ProviderResult.Found) o).endpoint().http()).isEqualTo(URI.create("http://localhost:38002"));
    }

    @Test
    void theStartCommandIsDockerComposeV1WhereOnlyV1IsInstalledAndNeverNamesAProgramThatIsMissing()
            throws IOException {
        List<Map<String, Object>> stopped = new ArrayList<>();
        productV().forEach(container -> stopped.add(Recorded.exited(container)));
        running(stopped);
        environment.put("PATH", FakeComposeCli.in(directory.resolve("v1"), FakeComposeCli.Answer.FAILS,
                FakeComposeCli.Answer.VERSION).toString());
        assertThat(resolve(holdvar, V_SERVICES).nextStep()).isEqualTo("start it: docker-compose -f compose.yaml start");
        environment.put("PATH", FakeComposeCli.in(directory.resolve("none"), FakeComposeCli.Answer.FAILS, null)
                .toString());
        assertThat(resolve(holdvar, V_SERVICES).nextStep()).isEqualTo("start it: docker compose -f compose.yaml start");
    }

    @Test
    void aComposeCommandThatHangsIsNotWaitedForBeyondItsBound() throws IOException {
        List<Map<String, Object>> stopped = new ArrayList<>();
        productV().forEach(container -> stopped.add(Recorded.exited(container)));
        running(stopped);
        environment.put("PATH", FakeComposeCli.in(directory.resolve("hangs"), FakeComposeCli.Answer.HANGS,
                FakeComposeCli.Answer.VERSION).toString());
        // the bound of one check: 1 s here, not the default 10 s (ComposeAdviceCheckTest: the default outwaits a slow one)
        provider = new DockerEndpointProvider(Duration.ofSeconds(1));
        long start = System.nanoTime();
        ProviderResult result = resolve(holdvar, V_SERVICES);
        long took = (System.nanoTime() - start) / 1_000_000;
        assertThat(result.nextStep()).isEqualTo("start it: docker-compose -f compose.yaml start");
        assertThat(took).isBetween(990L, 5_000L);
        assertThat(ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .map(process -> process.info().commandLine().orElse(""))
                .filter(line -> line.contains(directory.resolve("hangs").toString()))).isEmpty();
    }

    @Test
    void w3AServiceNamedOnlyByASubstringIsAnErrorThatSuggestsTheRealOneAndNeverTheDatabase() throws IOException {
        Files.writeString(holdvar.resolve("compose.yaml"), V_COMPOSE + """
                  auth-db:
                    image: postgres:16
                    ports: ["45432:5432"]
                """);
        List<Map<String, Object>> stack = productV();
        Map<String, Object> database = container('e', holdvar, "auth-db", 5432, 45432);
        database.put("Image", "postgres:16");
        stack.add(database);
        running(stack);
        assertThatThrownBy(() -> resolve(holdvar, Map.of("services", "auth")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("engine " + engine.dockerHost() + ": compose project holdvar (this checkout's): service"
                        + " auth: compose project holdvar has no compose service named auth or with network alias auth;"
                        + " did you mean services.auth.docker.service=keycloak? (auth-db looks like a database (image"
                        + " postgres:16)); its services: api, auth-db, frontend, keycloak");
    }

    @Test
    void aMisspeltServiceGetsTheNearestRunningOne() {
        running(productV());
        assertThatThrownBy(() -> resolve(holdvar, Map.of("services", "auth,fronted", "services.auth.docker.service",
                "keycloak"))).hasMessageContaining("service fronted: compose project holdvar has no compose service"
                        + " named fronted or with network alias fronted; did you mean frontend? (name the service"
                        + " frontend in setting services, or set services.fronted.docker.service=frontend)");
        assertThatThrownBy(() -> resolve(holdvar, Map.of("services", "auth", "services.auth.docker.service",
                "keycloack"))).hasMessageContaining("service auth: compose project holdvar has no compose service"
                        + " keycloack (setting services.auth.docker.service); did you mean"
                        + " services.auth.docker.service=keycloak?");
    }

    @Test
    void w6OneServiceOfOursStoppedIsAnErrorNamingWhatRunsWhatDoesNotAndTheCommandNeverAFallback() {
        List<Map<String, Object>> stack = productV();
        stack.set(1, Recorded.exited(stack.get(1)));
        stack.addAll(productO());
        running(stack);
        assertThatThrownBy(() -> resolve(holdvar, V_SERVICES)).isInstanceOf(InvalidInputException.class)
                .hasMessage("engine " + engine.dockerHost() + ": compose project holdvar (this checkout's) is half up:"
                        + " running: api, frontend; not running or not ready: auth (compose service keycloak, container"
                        + " holdvar-keycloak-1: exited (Exited (0) 3 minutes ago)); start the stopped ones: docker"
                        + " compose -f compose.yaml start keycloak (tests never fall back to another environment while"
                        + " this checkout's stack runs)");
    }

    @Test
    void aServiceOfOurComposeFileThatWasNeverStartedIsMissingAndUpDashDStartsIt() {
        List<Map<String, Object>> stack = productV();
        stack.remove(2);
        running(stack);
        assertThatThrownBy(() -> resolve(holdvar, V_SERVICES)).hasMessageContaining("missing: frontend (compose service"
                + " frontend has no container); create the missing ones: docker compose -f compose.yaml up -d frontend");
    }

    @Test
    void ourProjectByNameIsOursWhereverItWasStartedAndAProjectStartedWithDashPFromHereIsOursByItsLabels() {
        running(productV().stream().map(DockerOwnershipTest::fromCopy).toList());
        assertThatThrownBy(() -> resolve(holdvar, V_SERVICES)).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).code()).isEqualTo("BCFG03006"))
                .hasMessage("engine " + engine.dockerHost() + ": compose project holdvar (started from"
                        + " /srv/holdvar-copy/compose.yaml; running: api, keycloak, frontend) has this checkout's project"
                        + " name (the name of the project directory " + holdvar + "), but it was started from"
                        + " /srv/holdvar-copy/compose.yaml, not from this checkout's compose files (" + holdvar
                        + "/compose.yaml): it is another checkout's stack with the same name, and compose would mix the"
                        + " two; give this checkout's project a name of its own (COMPOSE_PROJECT_NAME in its .env file,"
                        + " or setting docker.project) and start it, or stop that project; to test against that stack on"
                        + " purpose, set docker.project=holdvar");
        running(productV().stream().map(container -> container.get("Names").toString().contains("keycloak")
                ? fromCopy(container) : container).toList());
        assertThatThrownBy(() -> resolve(holdvar, V_SERVICES)).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).code()).isEqualTo("BCFG03006"))
                .hasMessageContaining("but some of its containers were started"
                        + " from this checkout's files, others: it was started from /srv/holdvar-copy/compose.yaml,");
        List<Map<String, Object>> dashP = new ArrayList<>();
        for (Map<String, Object> container : productV()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> labels = (Map<String, Object>) container.get("Labels");
            labels.put("com.docker.compose.project", "custom");
            dashP.add(container);
        }
        running(dashP);
        ProviderResult result = resolve(holdvar, V_SERVICES);
        assertThat(result.reason()).isEqualTo("compose project custom (this checkout's)");
        assertThat(result.notes()).contains("compose project custom is this checkout's: it was started from this"
                + " checkout's " + holdvar.resolve("compose.yaml"));
    }

    @Test
    void aComposeProjectNameInTheCheckoutsEnvFileIsItsDefaultSoAnotherCopysStackOfThatNameIsNeverServed()
            throws IOException {
        // a .env committed to the repository names both worktrees' projects alike, as compose would name them
        Files.writeString(holdvar.resolve(".env"), "COMPOSE_PROJECT_NAME=shop\n");
        running(productV().stream().map(container -> Recorded.startedIn(container, COPY, "shop")).toList());
        assertThatThrownBy(() -> resolve(holdvar, V_SERVICES)).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).code()).isEqualTo("BCFG03006"))
                .hasMessage("engine " + engine.dockerHost() + ": compose project shop (started from"
                        + " /srv/holdvar-copy/compose.yaml; running: api, keycloak, frontend) has this checkout's project"
                        + " name (COMPOSE_PROJECT_NAME in " + holdvar.resolve(".env") + ":1), but it was started from"
                        + " /srv/holdvar-copy/compose.yaml, not from this checkout's compose files (" + holdvar
                        + "/compose.yaml): it is another checkout's stack with the same name, and compose would mix the"
                        + " two; the env file names every copy of this checkout alike, so give this copy's project a"
                        + " name of its own for this run (variable COMPOSE_PROJECT_NAME, or setting docker.project, for"
                        + " example BACKENDCONFIG_DOCKER_PROJECT or -Dbackendconfig.docker.project) and start it, or"
                        + " stop that project; to test against that stack on purpose, set docker.project=shop");

        environment.put("COMPOSE_PROJECT_NAME", "shop");
        ProviderResult chosen = resolve(holdvar, V_SERVICES);
        assertThat(((ProviderResult.Found) chosen).endpoint().http()).isEqualTo(URI.create("http://localhost:28002"));
        assertThat(chosen.reason()).isEqualTo("compose project shop (named by COMPOSE_PROJECT_NAME)");
        environment.remove("COMPOSE_PROJECT_NAME");

        running(productV().stream().map(container -> Recorded.startedIn(container, holdvar, "shop")).toList());
        ProviderResult ours = resolve(holdvar, V_SERVICES);
        assertThat(((ProviderResult.Found) ours).endpoint().http()).isEqualTo(URI.create("http://localhost:28002"));
        assertThat(ours.notes()).contains("compose project shop is this checkout's: its name is this checkout's"
                + " project name (COMPOSE_PROJECT_NAME in " + holdvar.resolve(".env") + ":1) and it was started from"
                + " this checkout's " + holdvar.resolve("compose.yaml"));
    }

    @Test
    void aStartNeverJoinsAnotherCopysStackNamedByTheSharedEnvFile() throws IOException {
        Files.writeString(holdvar.resolve(".env"), "COMPOSE_PROJECT_NAME=shop\n");
        running(productV().stream().filter(container -> !container.get("Names").toString().contains("frontend"))
                .map(container -> Recorded.startedIn(container, COPY, "shop")).toList());
        assertAStartIsRefusedBeforeComposeRuns("compose project shop (started from /srv/holdvar-copy/compose.yaml;"
                + " running: api, keycloak) has this checkout's project name (COMPOSE_PROJECT_NAME in "
                + holdvar.resolve(".env") + ":1)");
    }

    @Test
    void aCheckoutWithoutComposeFileTakesTheProjectComposeProjectNameNames() throws IOException {
        running(productO());
        Path bare = Files.createDirectories(directory.resolve("tests-only"));
        Files.createDirectories(bare.resolve(".git"));
        environment.put("COMPOSE_PROJECT_NAME", "holdoth");
        ProviderResult result = resolve(bare, Map.of());
        assertThat(((ProviderResult.Found) result).endpoint().http()).isEqualTo(URI.create("http://localhost:38002"));
        assertThat(result.reason()).startsWith("compose project holdoth (named by COMPOSE_PROJECT_NAME): service backend"
                + " publishes 8000");
        environment.remove("COMPOSE_PROJECT_NAME");
        assertThat(resolve(bare, Map.of()).reason()).isEqualTo("no compose project of this checkout (" + bare + ") is"
                + " on engine " + engine.dockerHost() + "; this checkout has no compose file; other projects run there,"
                + " and are not ours: holdoth (setting docker.project uses one)");
    }

    @Test
    void aProjectStartedFromAnotherCheckoutNestedInOursIsNotOurs() throws IOException {
        Path nested = Files.createDirectories(holdvar.resolve("vendor/nestedo"));
        Files.createDirectories(nested.resolve(".git"));
        Files.writeString(nested.resolve("compose.yaml"), O_COMPOSE);
        running(List.of(container('e', nested, "backend", 8000, 38002)));
        ProviderResult result = resolve(holdvar, Map.of());
        assertThat(result).as(result.reason()).isInstanceOf(ProviderResult.Unavailable.class);
        assertThat(result.reason()).startsWith("no compose project of this checkout (" + holdvar + ") is on engine "
                + engine.dockerHost());
        assertThat(String.join("\n", result.notes()) + result.reason()).contains("nestedo");
    }

    @Test
    void anotherStackOfTheSameRepositoryIsNeverOursWhenThisDirectoryHasComposeFilesOfItsOwn() throws IOException {
        Path repository = Files.createDirectories(directory.resolve("monorepo"));
        Files.createDirectories(repository.resolve(".git"));
        Path app = Files.createDirectories(repository.resolve("app"));
        Path other = Files.createDirectories(repository.resolve("other"));
        Files.writeString(app.resolve("compose.yaml"), O_COMPOSE);
        Files.writeString(other.resolve("compose.yaml"), O_COMPOSE);

        running(List.of(container('f', other, "backend", 8000, 38002)));
        ProviderResult alone = resolve(app, Map.of());
        assertThat(alone).as(alone.reason()).isInstanceOf(ProviderResult.Unavailable.class);
        assertThat(alone.reason()).isEqualTo("no compose project of this checkout (" + repository + ") is on engine "
                + engine.dockerHost() + "; this checkout's project is app (the name of the project directory " + app
                + "); other projects run there, and are not ours: other (setting docker.project uses one)");
        assertThat(alone.notes()).contains("not ours: compose project other (started from "
                + other.resolve("compose.yaml") + "; running: backend); setting docker.project=other would use it");

        running(List.of(container('f', other, "backend", 8000, 38002), container('a', app, "backend", 8000, 38003)));
        ProviderResult both = resolve(app, Map.of());
        assertThat(((ProviderResult.Found) both).endpoint().http()).isEqualTo(URI.create("http://localhost:38003"));
        assertThat(both.notes()).contains("compose project app is this checkout's: its name is this checkout's project"
                + " name (the name of the project directory " + app + ") and it was started from this checkout's "
                + app.resolve("compose.yaml"));
    }

    @Test
    void aStackOfThisRepositoryIsOursByWhereItWasStartedWhenThisDirectoryHasNoComposeFile() throws IOException {
        Path repository = Files.createDirectories(directory.resolve("repo-with-infra"));
        Files.createDirectories(repository.resolve(".git"));
        Path tests = Files.createDirectories(repository.resolve("tests"));
        Path infra = Files.createDirectories(repository.resolve("infra"));
        Files.writeString(infra.resolve("compose.yaml"), O_COMPOSE);

        running(List.of(container('f', infra, "backend", 8000, 38004)));
        ProviderResult result = resolve(tests, Map.of());
        assertThat(((ProviderResult.Found) result).endpoint().http()).isEqualTo(URI.create("http://localhost:38004"));
        assertThat(result.notes()).contains("compose project infra is this checkout's: it was started from this"
                + " checkout's " + infra.resolve("compose.yaml"));
    }

    @Test
    void aStackStartedFromTheComposeFileOutsideTheRepositoryThatComposeFileNamesIsOursByThatFile() throws IOException {
        // COMPOSE_FILE=../infra/compose.yaml: the project directory lies beside the repository, not in it; the stack
        // was started there with one file more than this checkout names, and the file they share makes it ours
        Path app = Files.createDirectories(directory.resolve("app"));
        Files.createDirectories(app.resolve(".git"));
        Files.writeString(app.resolve(".env"), "COMPOSE_FILE=../infra/compose.yaml\n");
        Path infra = Files.createDirectories(directory.resolve("infra"));
        Files.writeString(infra.resolve("compose.yaml"), O_COMPOSE);
        Map<String, Object> backend = Recorded.startedFrom(container('f', infra, "backend", 8000, 38005), infra,
                infra.resolve("compose.yaml"), infra.resolve("compose.debug.yaml"));

        running(List.of(backend));
        ProviderResult result = resolve(app, Map.of());
        assertThat(((ProviderResult.Found) result).endpoint().http()).isEqualTo(URI.create("http://localhost:38005"));
        assertThat(result.notes()).anyMatch(note -> note.startsWith("compose project infra is this checkout's: its name"
                + " is this checkout's project name (") && note.endsWith(" and it was started from this checkout's "
                + infra.resolve("compose.yaml")));
    }

    @Test
    void aStackStartedInThisRepositoryStaysOursWhenALaterContainerOfItSaysNothingOfWhereItWasStarted()
            throws IOException {
        Path repository = Files.createDirectories(directory.resolve("repo-with-infra"));
        Files.createDirectories(repository.resolve(".git"));
        Path tests = Files.createDirectories(repository.resolve("tests"));
        Path infra = Files.createDirectories(repository.resolve("infra"));
        Files.writeString(infra.resolve("compose.yaml"), O_COMPOSE);
        // the first container found in this checkout decides: one listed after it without location labels changes nothing
        Map<String, Object> unplaced = container('e', infra, "worker", 9000, 39000);
        @SuppressWarnings("unchecked")
        Map<String, Object> labels = (Map<String, Object>) unplaced.get("Labels");
        labels.remove("com.docker.compose.project.working_dir");
        labels.remove("com.docker.compose.project.config_files");

        running(List.of(container('f', infra, "backend", 8000, 38004), unplaced));
        ProviderResult result = resolve(tests, Map.of());
        assertThat(((ProviderResult.Found) result).endpoint().http()).isEqualTo(URI.create("http://localhost:38004"));
        assertThat(result.notes()).contains("compose project infra is this checkout's: it was started from this"
                + " checkout's " + infra.resolve("compose.yaml"));
    }

    @Test
    void aStartNeverAddsThisCheckoutsServicesToAnotherCheckoutsProjectOfTheSameName() throws IOException {
        running(productV().stream().filter(container -> !container.get("Names").toString().contains("frontend"))
                .map(DockerOwnershipTest::fromCopy).toList());
        assertAStartIsRefusedBeforeComposeRuns("compose project holdvar (started from /srv/holdvar-copy/compose.yaml;"
                + " running: api, keycloak) has this checkout's project name");
    }

    /**
     * Resolve V with {@code docker.start=if-missing}, a compose command on PATH that logs every run: the resolution
     * stops with {@code BCFG03006} containing {@code message}, and compose was never run, not even its version check.
     */
    private void assertAStartIsRefusedBeforeComposeRuns(String message) throws IOException {
        Path ran = directory.resolve("compose-ran.log");
        environment.put("PATH", FakeComposeCli.in(directory.resolve("logging"), FakeComposeCli.Answer.FAILS,
                FakeComposeCli.Answer.VERSION).toString());
        Path logging = directory.resolve("logging").resolve("docker-compose");
        Files.writeString(logging, "#!/bin/sh\necho \"$*\" >> '" + ran + "'\n[ \"$1\" = version ] && exit 0\nexit 0\n");
        Map<String, String> settings = new HashMap<>(V_SERVICES);
        settings.put("docker.start", "if-missing");
        settings.put("docker.lease-dir", directory.resolve("leases").toString());
        settings.put("docker.host", engine.dockerHost());
        try (RunScope scope = RunScope.create("aStartIsRefusedBeforeComposeRuns")) {
            assertThatThrownBy(() -> new DockerEndpointProvider(scope).resolve(ResolutionContext.builder()
                    .workingDirectory(holdvar).environment(environment)
                    .systemProperties(Map.of("user.dir", holdvar.toString())).settings(settings).build()))
                    .isInstanceOf(InvalidInputException.class)
                    .satisfies(e -> assertThat(((InvalidInputException) e).code()).isEqualTo("BCFG03006"))
                    .hasMessageContaining(message);
        }
        assertThat(ran).as("compose was never run, not even its version check").doesNotExist();
    }
}
