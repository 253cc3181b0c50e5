package dev.backendconfig.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backendconfig.api.ServiceEndpoint;
import dev.backendconfig.api.ServiceResolver;
import dev.backendconfig.api.InvalidConfigurationException;
import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.api.Resolution;
import dev.backendconfig.toolkit.Origin;
import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.testkit.RecordingLogs;
import dev.backendconfig.testkit.WebSocketEcho;
import dev.backendconfig.testsupport.CallerEnvironment;
import dev.backendconfig.testsupport.ComposeStack;
import dev.backendconfig.testsupport.FixedProvider;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.event.Level;

/**
 * Issue 18's six wrong URLs, against the real engine, with two products on it whose compose files default to the same
 * host port: product V (checkout {@code holdvar-*}: backend {@code api}, auth {@code keycloak}, a database-looking
 * {@code auth-db}) and product O (checkout {@code holdoth-*}: {@code backend} and {@code worker}). Each is started as
 * a person starts it — {@code docker-compose up -d} in its checkout, so compose names the project after the directory
 * and writes its own labels — on free ports its {@code .env} names. Every case is tried from both checkouts. The
 * projects have random names and are removed afterwards.
 */
class TwoProductsIT {

    private static final String IMAGE = "backend-config-it/backend:latest";
    private static final String HEALTHCHECK = """
                healthcheck:
                  test: ["CMD", "/bin/busybox", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8000/health"]
                  interval: 1s
                  timeout: 2s
                  retries: 30
            """;

    @TempDir
    Path root;

    private Path holdvar;
    private Path holdoth;
    private int collidingDefault;
    private int vApi;
    private int vAuth;
    private int vDb;
    private int oBackend;
    /** Whether V's env file leaves its backend's port to the compose file's default (the colliding one). */
    private boolean vApiFromDefault;
    /** The COMPOSE_PROJECT_NAME V's env file names, when it names one. */
    private String vEnvFileName = "";
    private final List<ComposeStack> stacks = new ArrayList<>();

    @BeforeEach
    void twoCheckoutsWithCollidingDefaultPorts() throws IOException {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        holdvar = Files.createDirectories(root.resolve("holdvar-" + suffix));
        holdoth = Files.createDirectories(root.resolve("holdoth-" + suffix));
        Files.createDirectories(holdvar.resolve(".git"));
        Files.createDirectories(holdoth.resolve(".git"));
        List<Integer> ports = ComposeStack.freePorts(5);
        collidingDefault = ports.get(0);
        vApi = ports.get(1);
        vAuth = ports.get(2);
        vDb = ports.get(3);
        oBackend = ports.get(4);
        writeFiles();
    }

    /** Write both checkouts' compose files (their default ports colliding) and env files (their real ports). */
    private void writeFiles() throws IOException {
        Files.writeString(holdvar.resolve("compose.yaml"), """
                services:
                  api:
                    image: %1$s
                    ports: ["${V_API_PORT:-%2$d}:8000"]
                %3$s
                  keycloak:
                    image: %1$s
                    ports: ["${V_AUTH_PORT:-8080}:8000"]
                %3$s
                  auth-db:
                    image: %1$s
                    environment: {BACKEND_PORT: "5432"}
                    ports: ["${V_DB_PORT:-5432}:5432"]
                """.formatted(IMAGE, collidingDefault, HEALTHCHECK));
        Files.writeString(holdvar.resolve(".env"), (vApiFromDefault ? "" : "V_API_PORT=" + vApi + "\n")
                + "V_AUTH_PORT=" + vAuth + "\nV_DB_PORT=" + vDb + "\n"
                + (vEnvFileName.isEmpty() ? "" : "COMPOSE_PROJECT_NAME=" + vEnvFileName + "\n"));
        Files.writeString(holdoth.resolve("compose.yaml"), """
                services:
                  backend:
                    image: %1$s
                    ports: ["${O_PORT:-%2$d}:8000"]
                %3$s
                  worker:
                    image: %1$s
                %3$s
                """.formatted(IMAGE, collidingDefault, HEALTHCHECK));
        Files.writeString(holdoth.resolve(".env"), "O_PORT=" + oBackend + "\n");
    }

    @AfterEach
    void removeTheStacks() throws IOException {
        IOException failure = null;
        for (ComposeStack stack : stacks) {
            try {
                stack.down();
            } catch (IOException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Start a checkout's stack as a person does: {@code docker-compose up -d} in the checkout; on a port another stack
     * on the shared engine took meanwhile, again on fresh ones (3 tries).
     */
    private ComposeStack up(Path checkout) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                ComposeStack stack = ComposeStack.upIn(checkout, List.of(), name(checkout), Map.of());
                stacks.add(stack);
                return stack;
            } catch (IOException e) {
                if (attempt == 3 || !ComposeStack.portTaken(e)) {
                    throw e;
                }
                List<Integer> fresh = ComposeStack.freePorts(3);
                if (checkout.equals(holdvar)) {
                    vApi = fresh.get(0);
                    vAuth = fresh.get(1);
                    vDb = fresh.get(2);
                } else if (oBackend == collidingDefault) {
                    collidingDefault = fresh.get(0);
                    oBackend = collidingDefault;
                } else {
                    oBackend = fresh.get(0);
                }
                writeFiles();
            }
        }
    }


    private String name(Path checkout) {
        return checkout.equals(holdvar) && !vEnvFileName.isEmpty() ? vEnvFileName : checkout.getFileName().toString();
    }

    private ResolutionContext.Builder context(Path checkout, Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(settings);
        all.putIfAbsent("docker.wait-healthy", "60s");
        Map<String, String> environment = new HashMap<>(CallerEnvironment.engine());
        environment.put("PATH", System.getenv("PATH"));
        return ResolutionContext.builder().environment(environment).workingDirectory(checkout)
                .systemProperties(Map.of("user.home", System.getProperty("user.home"), "user.dir", checkout.toString()))
                .settings(all, "TwoProductsIT");
    }

    private ProviderResult resolve(Path checkout, Map<String, String> settings) {
        return new DockerEndpointProvider().resolve(context(checkout, settings).build());
    }

    /** V's own settings: its backend is api, its auth service keycloak. */
    private static final Map<String, String> V = Map.of("docker.service", "api", "services", "auth",
            "services.auth.docker.service", "keycloak");

    private static ServiceEndpoint found(ProviderResult result, String service) {
        assertThat(result).as(result.reason()).isInstanceOf(ProviderResult.Found.class);
        return ((ProviderResult.Found) result).endpoints().get(service);
    }

    /** Staging, for the cases where docker must or must not hand the suite to a shared environment. */
    private static FixedProvider staging() {
        return new FixedProvider("staging", 100, context -> {
            ProviderResult.Services answer = ProviderResult.services();
            context.services().forEach(service -> answer.found(ServiceEndpoint.builder("staging")
                    .service(service.name()).http(URI.create("https://" + service.name() + "-staging.example.test"),
                            Origin.other("test")).build(), "shared staging deployment"));
            return answer.result("shared staging deployment");
        });
    }

    @Test
    void w1BothProductsUpEachCheckoutGetsItsOwnStackAndTheOtherIsListedAsNotOurs() throws IOException {
        up(holdvar);
        up(holdoth);
        ProviderResult v = resolve(holdvar, V);
        assertThat(found(v, "backend").http()).isEqualTo(URI.create("http://localhost:" + vApi));
        assertThat(found(v, "auth").http()).isEqualTo(URI.create("http://localhost:" + vAuth));
        assertThat(v.reason()).isEqualTo("compose project " + name(holdvar) + " (this checkout's)");
        assertThat(v.notes()).anyMatch(note -> note.startsWith("not ours: compose project " + name(holdoth)));

        ProviderResult o = resolve(holdoth, Map.of());
        assertThat(found(o, "backend").http()).isEqualTo(URI.create("http://localhost:" + oBackend));
        assertThat(o.reason()).startsWith("compose project " + name(holdoth) + " (this checkout's): service backend"
                + " publishes 8000 on 0.0.0.0:" + oBackend + " (healthy");
        assertThat(o.notes()).anyMatch(note -> note.startsWith("not ours: compose project " + name(holdvar)));

        RecordingLogs.clear();
        ServiceResolver.of(List.of(new DockerEndpointProvider(), staging())).resolve(context(holdvar, V).build());
        assertThat(RecordingLogs.events(Level.INFO)).extracting(RecordingLogs.Event::message).anyMatch(line -> line
                .startsWith("backend: http://localhost:" + vApi + " ws://localhost:" + vApi + "; auth:")
                && line.contains("(from docker: compose project " + name(holdvar) + " (this checkout's), "));
    }

    @Test
    void w2OurStackStoppedIsUnavailableSayingSoAndStagingsWarnSaysExactlyThatInBothDirections() throws IOException {
        ComposeStack v = up(holdvar);
        ComposeStack o = up(holdoth);
        v.stopAll();
        ProviderResult stopped = resolve(holdvar, V);
        assertThat(stopped).isInstanceOf(ProviderResult.Unavailable.class);
        assertThat(stopped.reason()).startsWith("this checkout's project " + name(holdvar) + " is stopped (")
                .contains(name(holdvar) + "_api_1 exited");
        assertThat(stopped.nextStep()).isEqualTo("start it: docker-compose -f compose.yaml start");
        RecordingLogs.clear();
        List<dev.backendconfig.api.ResolutionReport.Line> seenByStaging = new java.util.concurrent.CopyOnWriteArrayList<>();
        FixedProvider staging = new FixedProvider("staging", 100, context -> {
            seenByStaging.addAll(context.earlierAnswers());
            return staging().resolve(context);
        });
        Resolution fallback = ServiceResolver.of(List.of(new DockerEndpointProvider(), staging))
                .resolve(context(holdvar, V).build());
        assertThat(fallback.endpoint().source()).isEqualTo("staging");
        assertThat(fallback.report().line("docker").orElseThrow().reason()).startsWith("this checkout's project "
                + name(holdvar) + " is stopped (");
        assertThat(seenByStaging).singleElement().satisfies(docker -> {
            assertThat(docker.reason()).startsWith("this checkout's project " + name(holdvar) + " is stopped (");
            assertThat(docker.nextStep()).isEqualTo("start it: docker-compose -f compose.yaml start");
        });
        assertThat(found(resolve(holdoth, Map.of()), "backend").http()).isEqualTo(URI.create("http://localhost:"
                + oBackend));

        v.start();
        o.stopAll();
        assertThat(resolve(holdoth, Map.of()).reason()).startsWith("this checkout's project " + name(holdoth)
                + " is stopped (");
        assertThat(found(resolve(holdvar, V), "backend").http()).isEqualTo(URI.create("http://localhost:" + vApi));
    }

    @Test
    void w3AServiceNamedOnlyBySubstringIsAnErrorSuggestingTheRealOneNeverTheDatabaseNorTheOtherProducts()
            throws IOException {
        up(holdvar);
        up(holdoth);
        assertThatThrownBy(() -> resolve(holdvar, Map.of("docker.service", "api", "services", "auth")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("service auth: compose project " + name(holdvar) + " has no compose service"
                        + " named auth or with network alias auth; did you mean services.auth.docker.service=keycloak?"
                        + " (auth-db looks like a database (port 5432 (PostgreSQL)))");
        assertThatThrownBy(() -> resolve(holdoth, Map.of("services", "auth")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("service auth: compose project " + name(holdoth) + " has no compose service"
                        + " named auth").hasMessageNotContaining("keycloak");
    }

    @Test
    void w4APredictionIsTakenOnlyWhereHttpIsSpokenAndIsMarkedUnconfirmedNeverSilent() throws IOException {
        // O runs on the default port both compose files share; V's engine cannot be asked, so V predicts that port
        oBackend = collidingDefault;
        vApiFromDefault = true;
        writeFiles();
        up(holdoth);
        Map<String, String> noEngine = new HashMap<>(Map.of("docker.host", CallerEnvironment.noEngine(root),
                "docker.service", "api"));
        RecordingLogs.clear();
        ProviderResult v = resolve(holdvar, noEngine);
        ServiceEndpoint guess = found(v, "backend");
        assertThat(guess.http()).isEqualTo(URI.create("http://localhost:" + collidingDefault));
        assertThat(guess.unconfirmed()).isPresent();
        assertThat(v.reason()).startsWith("UNCONFIRMED: predicted http://localhost:" + collidingDefault
                + " for service api from " + holdvar.resolve("compose.yaml"));
        assertThat(RecordingLogs.events(Level.WARN)).extracting(RecordingLogs.Event::message).anyMatch(line -> line
                .startsWith("Tests will use http://localhost:" + collidingDefault + " for service backend, UNCONFIRMED:")
                && line.contains("nothing confirms it is this checkout's project " + name(holdvar)));
        noEngine.put("docker.predict", "false");
        assertThat(resolve(holdvar, noEngine)).isInstanceOf(ProviderResult.Unavailable.class);

        ProviderResult o = resolve(holdoth, Map.of("docker.host", CallerEnvironment.noEngine(root)));
        assertThat(found(o, "backend").unconfirmed()).as("even O's own stack is only a guess without the engine")
                .isPresent();
    }

    @Test
    void w4APortThatOnlyAcceptsTcpIsNeverTakenForAPrediction() throws IOException {
        Files.writeString(holdoth.resolve("compose.override.yaml"), "services:\n  backend:\n    environment:\n"
                + "      BACKEND_START_DELAY: \"120\"\n");
        up(holdoth);
        vApi = oBackend;
        writeFiles();
        ProviderResult v = resolve(holdvar, Map.of("docker.host", CallerEnvironment.noEngine(root), "docker.service",
                "api"));
        assertThat(v).isInstanceOf(ProviderResult.Unavailable.class);
        assertThat(v.reason()).contains("predicted http://localhost:" + oBackend + " for service api")
                .contains("but the protocol is not spoken there: http GET http://localhost:" + oBackend + "/");
        ProviderResult o = resolve(holdoth, Map.of("docker.host", CallerEnvironment.noEngine(root)));
        assertThat(o).isInstanceOf(ProviderResult.Unavailable.class);
    }

    @Test
    void w5TheWebSocketPathIsOneRuleForDockerAndStagingAndAServiceWithoutWebSocketHasNone() throws Exception {
        up(holdvar);
        up(holdoth);
        Map<String, String> settings = new HashMap<>(V);
        settings.put("docker.websocket-path", "/ws");
        settings.put("services.auth.websocket", "false");
        Resolution docker = ServiceResolver.of(List.of(new DockerEndpointProvider()))
                .resolve(context(holdvar, settings).build());
        assertThat(docker.endpoint().webSocket()).isEqualTo(URI.create("ws://localhost:" + vApi + "/ws"));
        assertThat(docker.endpoint().webSocket("chat")).isEqualTo(URI.create("ws://localhost:" + vApi + "/ws/chat"));
        assertThat(WebSocketEcho.exchange(docker.endpoint().webSocket("chat"), "hello V")).isEqualTo("hello V");
        assertThat(docker.service("auth").findWebSocket()).isEmpty();

        Path stagingFile = Files.writeString(holdvar.resolve(".env.staging.e2e"), "unused=1\n");
        FixedProvider staging = new FixedProvider("staging", 100, context -> {
            ProviderResult.Services answer = ProviderResult.services();
            answer.found(ServiceEndpoint.builder("staging").http(URI.create("http://localhost:" + vApi),
                    Origin.file(stagingFile.toString(), 1)).webSocket(URI.create("ws://localhost:" + vApi + "/ws"),
                    Origin.file(stagingFile.toString(), 2)).build(), "file");
            answer.found(ServiceEndpoint.builder("staging").service("auth").http(URI.create("http://localhost:"
                    + vAuth), Origin.file(stagingFile.toString(), 3)).build(), "file");
            return answer.result("staging file");
        });
        Resolution fromStaging = ServiceResolver.of(List.of(staging)).resolve(ResolutionContext.builder()
                .workingDirectory(holdvar).settings(Map.of("services", "auth", "services.auth.websocket", "false"))
                .build());
        assertThat(fromStaging.endpoint().webSocket("chat")).isEqualTo(docker.endpoint().webSocket("chat"));
        assertThat(fromStaging.service("auth").findWebSocket()).isEmpty();

        ServiceEndpoint o = found(resolve(holdoth, Map.of()), "backend");
        assertThat(o.webSocket()).isEqualTo(URI.create("ws://localhost:" + oBackend));
        assertThat(WebSocketEcho.exchange(o.webSocket("chat"), "hello O")).isEqualTo("hello O");
    }

    @Test
    void w6OneServiceOfOurStackStoppedIsAnErrorNeverStagingInBothDirections() throws IOException {
        ComposeStack v = up(holdvar);
        ComposeStack o = up(holdoth);
        v.stop("keycloak");
        assertThatThrownBy(() -> ServiceResolver.of(List.of(new DockerEndpointProvider(), staging()))
                .resolve(context(holdvar, V).build()))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("compose project " + name(holdvar) + " (this checkout's) is half up: running:")
                .hasMessageContaining("not running or not ready: auth (compose service keycloak, container "
                        + name(holdvar) + "_keycloak_1: exited")
                .hasMessageContaining("start the stopped ones: docker-compose -f compose.yaml start keycloak");
        assertThat(found(resolve(holdoth, Map.of()), "backend").http()).isEqualTo(URI.create("http://localhost:"
                + oBackend));

        o.stop("backend");
        assertThatThrownBy(() -> resolve(holdoth, Map.of())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("compose project " + name(holdoth) + " (this checkout's) is half up: running:"
                        + " worker; not running or not ready: backend (compose service backend, container "
                        + name(holdoth) + "_backend_1: exited");
    }

    @Test
    void aStackStartedWithDashPAndDashFFromThisCheckoutIsOursByItsV1LabelsShownJoined() throws IOException {
        Path third = Files.createDirectories(root.resolve("third-" + UUID.randomUUID().toString().substring(0, 8)));
        Files.createDirectories(third.resolve(".git"));
        Path compose = Files.createDirectories(third.resolve("docker")).resolve("compose.yml");
        Files.writeString(compose, "services:\n  backend:\n    image: " + IMAGE + "\n    ports: [\"" + vApi
                + ":8000\"]\n" + HEALTHCHECK);
        String project = "custom-" + UUID.randomUUID().toString().substring(0, 8);
        stacks.add(ComposeStack.upIn(third, List.of("-f", "docker/compose.yml", "-p", project), project, Map.of()));
        up(holdoth);
        ProviderResult result = resolve(third, Map.of());
        assertThat(found(result, "backend").http()).isEqualTo(URI.create("http://localhost:" + vApi));
        assertThat(result.reason()).startsWith("compose project " + project + " (this checkout's)");
        assertThat(result.notes()).contains("compose project " + project + " is this checkout's: it was started from"
                + " this checkout's " + compose);
    }

    @Test
    void aCheckoutWithoutComposeFileTakesTheProjectComposeProjectNameNames() throws IOException {
        up(holdoth);
        Path bare = Files.createDirectories(root.resolve("tests-only"));
        Files.createDirectories(bare.resolve(".git"));
        Map<String, String> environment = new HashMap<>(CallerEnvironment.engine());
        environment.put("COMPOSE_PROJECT_NAME", name(holdoth));
        ProviderResult result = new DockerEndpointProvider().resolve(ResolutionContext.builder()
                .environment(environment).workingDirectory(bare).systemProperties(Map.of("user.home",
                        System.getProperty("user.home"))).settings(Map.of("docker.wait-healthy", "60s")).build());
        assertThat(found(result, "backend").http()).isEqualTo(URI.create("http://localhost:" + oBackend));
        assertThat(result.reason()).startsWith("compose project " + name(holdoth) + " (named by COMPOSE_PROJECT_NAME)");
        assertThat(resolve(bare, Map.of()).reason()).startsWith("no compose project of this checkout (" + bare
                + ") is on engine");
    }

    @Test
    void aCommittedEnvFileNamingTwoWorktreesAlikeNeverHandsOneTheOthersStack() throws IOException {
        vEnvFileName = "shared-" + UUID.randomUUID().toString().substring(0, 8);
        writeFiles();
        up(holdvar);
        // a second worktree of V: the same committed compose.yaml and .env, nothing of its own started
        Path worktree = Files.createDirectories(root.resolve("holdvar-worktree-" + UUID.randomUUID().toString()
                .substring(0, 8)));
        Files.writeString(worktree.resolve(".git"), "gitdir: " + holdvar.resolve(".git/worktrees/b") + "\n");
        Files.copy(holdvar.resolve("compose.yaml"), worktree.resolve("compose.yaml"));
        Files.copy(holdvar.resolve(".env"), worktree.resolve(".env"));

        assertThatThrownBy(() -> resolve(worktree, V)).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).code()).isEqualTo("BCFG03006"))
                .hasMessageContaining("compose project " + vEnvFileName + " (started from "
                        + holdvar.resolve("compose.yaml"))
                .hasMessageContaining("has this checkout's project name (COMPOSE_PROJECT_NAME in "
                        + worktree.resolve(".env") + ":4)")
                .hasMessageContaining("the env file names every copy of this checkout alike");
        assertThat(found(resolve(holdvar, V), "backend").http()).isEqualTo(URI.create("http://localhost:" + vApi));
        Map<String, String> chosen = new HashMap<>(V);
        chosen.put("docker.project", vEnvFileName);
        assertThat(found(resolve(worktree, chosen), "backend").http()).as("chosen on purpose")
                .isEqualTo(URI.create("http://localhost:" + vApi));
    }
}
