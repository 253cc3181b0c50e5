package dev.backendconfig.docker;

import static dev.backendconfig.testsupport.Recorded.listEntry;
import static dev.backendconfig.testsupport.Recorded.renamed;
import static dev.backendconfig.testsupport.Recorded.startedIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.testkit.LoopbackServers;
import dev.backendconfig.testsupport.FakeDockerEngine;
import dev.backendconfig.testsupport.Recorded;
import dev.backendconfig.toolkit.InvalidInputException;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How provider docker decides which stack and which compose service is the user's, and what it tells them: the
 * checkout's compose file takes part in matching (its aliases, ports and images), a project named by a setting is
 * the only one served whatever the engine lists, and the report carries the project's description, the projects
 * that are not ours and a warning when a compose file changed after its containers were made. A fake engine on a
 * real Unix socket answers; the checkout {@code shop} has a {@code compose.yaml} of each test's own.
 */
class DockerStackChoiceTest {

    @TempDir
    Path directory;

    private Path checkout;
    private FakeDockerEngine engine;

    @BeforeEach
    void aCheckoutAndAnEngine() throws IOException {
        checkout = Files.createDirectories(directory.resolve("shop"));
        Files.createDirectories(checkout.resolve(".git"));
        engine = FakeDockerEngine.onUnixSocket(directory.resolve("engine.sock"));
    }

    @AfterEach
    void stopEngine() throws IOException {
        engine.close();
    }

    private void compose(String yaml) throws IOException {
        Files.writeString(checkout.resolve("compose.yaml"), yaml);
        // older than every container here, so that no drift warning is given unless a test asks for one
        Files.setLastModifiedTime(checkout.resolve("compose.yaml"), FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
    }

    /**
     * A running, healthy container of {@code project}/{@code service} started from this checkout's compose.yaml,
     * publishing container port {@code target} on {@code published}.
     */
    @SuppressWarnings("unchecked")
    private Map<String, Object> container(int id, String project, String service, int target, int published) {
        Map<String, Object> entry = startedIn(renamed(listEntry("alpine-test-backend"), String.format("%064x", id),
                service, project + "-" + service + "-1"), checkout, project);
        for (Object port : (List<Object>) entry.get("Ports")) {
            ((Map<String, Object>) port).put("PrivatePort", BigDecimal.valueOf(target));
            ((Map<String, Object>) port).put("PublicPort", BigDecimal.valueOf(published));
        }
        return entry;
    }

    @SafeVarargs
    private void listed(Map<String, Object>... containers) {
        engine.containers(Recorded.write(List.of(containers)));
    }

    private ProviderResult resolve(Map<String, String> settings) {
        return resolve(settings, Map.of());
    }

    private ProviderResult resolve(Map<String, String> settings, Map<String, String> environment) {
        Map<String, String> all = new HashMap<>(settings);
        all.put("docker.host", engine.dockerHost());
        return new DockerEndpointProvider().resolve(ResolutionContext.builder().workingDirectory(checkout)
                .environment(environment).systemProperties(Map.of("user.dir", checkout.toString())).settings(all)
                .build());
    }

    /** The report's lines on this checkout's compose project, as every answer here ends with them. */
    private String[] projectDescription() {
        return new String[] {"this checkout's compose project: shop (the name of the project directory " + checkout + ")",
            "compose file " + checkout.resolve("compose.yaml") + " (found in " + checkout + ")",
            "env file: none (no .env in " + checkout + ")",
            "profiles: none (neither setting docker.profiles nor COMPOSE_PROFILES is set)"};
    }

    private String onEngine() {
        return "engine " + engine.dockerHost() + ": ";
    }

    /** Two services publishing 8000, told apart only by the alias this compose file gives {@code api}. */
    private static final String ALIASED = """
            services:
              api:
                image: shop/api
                networks:
                  default:
                    aliases: [backend]
              web:
                image: shop/web
            """;

    /**
     * The answer {@link #ALIASED} gives with api and web listed (28002, 28003): api, by the alias only the file names,
     * from the list alone (no container inspected).
     */
    private void assertApiChosenByTheFilesAlias(ProviderResult result, String project) {
        assertThat(((ProviderResult.Found) result).endpoint().http()).isEqualTo(URI.create("http://localhost:28002"));
        assertThat(result.reason()).isEqualTo("compose project " + project + " (this checkout's): service api publishes"
                + " 8000 on 0.0.0.0:28002 (healthy); chosen because its network alias is backend");
        assertThat(engine.requests()).hasSize(1);
    }

    @Test
    void theComposeFileDescribesTheProjectOfItsNameThoughItsContainersWereStartedWithOneFileMore()
            throws IOException {
        // docker compose -f compose.yaml -f compose.debug.yaml up -d: the containers name two files, this checkout
        // one; its compose.yaml still describes project shop, by its name, and its alias tells the services apart
        compose(ALIASED);
        Path debug = checkout.resolve("compose.debug.yaml");
        listed(Recorded.startedFrom(container(1, "shop", "api", 8000, 28002), checkout,
                checkout.resolve("compose.yaml"), debug), Recorded.startedFrom(container(2, "shop", "web", 8000, 28003),
                checkout, checkout.resolve("compose.yaml"), debug));
        assertApiChosenByTheFilesAlias(resolve(Map.of()), "shop");
    }

    @Test
    void theComposeFileDescribesAProjectStartedFromExactlyItsFilesUnderAnotherName() throws IOException {
        // docker compose -p shop-ci up -d in this checkout: another name, this checkout's very files
        compose(ALIASED);
        listed(container(1, "shop-ci", "api", 8000, 28002), container(2, "shop-ci", "web", 8000, 28003));
        assertApiChosenByTheFilesAlias(resolve(Map.of()), "shop-ci");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aComposeFileComposeV1LabelledRelativeToWhereItRanIsFoundInThisCheckoutForTheDriftWarning()
            throws IOException {
        // docker-compose -f docker/compose.yaml up -d, run in the checkout: v1 labels working_dir with the project
        // directory (docker/) and config_files with the path as it was given, relative to where it ran
        Path file = Files.createDirectories(checkout.resolve("docker")).resolve("compose.yaml");
        Files.writeString(file, "services:\n  backend:\n    image: shop/api\n");
        Map<String, Object> backend = container(1, "docker", "backend", 8000, 28002);
        Map<String, Object> labels = (Map<String, Object>) backend.get("Labels");
        labels.put("com.docker.compose.project.working_dir", checkout.resolve("docker").toString());
        labels.put("com.docker.compose.project.config_files", "docker/compose.yaml");
        listed(backend);
        // the recorded container was created at 2026-11-24T16:40:35Z (the list's time, to the second)
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-11-24T16:40:40Z")));
        ProviderResult result = resolve(Map.of(), Map.of("COMPOSE_FILE", "docker/compose.yaml"));
        assertThat(((ProviderResult.Found) result).endpoint().http()).isEqualTo(URI.create("http://localhost:28002"));
        assertThat(result.notes()).anyMatch(note -> note.startsWith("warning: compose file " + file + " was modified"
                + " at 2026-11-24T16:40:40Z, after container docker-backend-1 (service backend) was created at "));
    }

    @Test
    void aNetworkAliasOnlyTheComposeFileGivesChoosesTheBackendWithoutInspectingAContainer() throws IOException {
        compose(ALIASED);
        listed(container(1, "shop", "api", 8000, 28002), container(2, "shop", "web", 8000, 28003));
        assertApiChosenByTheFilesAlias(resolve(Map.of()), "shop");
    }

    @Test
    void aStoppedServiceIsTheBackendByThePortItsComposeFileNamesAndIsToBeStartedNotReportedMissing()
            throws IOException {
        compose("""
                services:
                  api:
                    image: shop/api
                    ports: ["28002:8000"]
                  worker:
                    image: shop/worker
                """);
        listed(Recorded.exited(container(1, "shop", "api", 8000, 28002)), container(2, "shop", "worker", 9000,
                29000));
        assertThatThrownBy(() -> resolve(Map.of())).isInstanceOf(InvalidInputException.class)
                .hasMessage(onEngine() + "compose project shop (this checkout's) is half up: running: worker; not"
                        + " running or not ready: backend (compose service api, container shop-api-1: exited (Exited"
                        + " (0) 3 minutes ago)); start the stopped ones: docker compose -f compose.yaml start api (tests"
                        + " never fall back to another environment while this checkout's stack runs)");
    }

    @Test
    void aPortTheRunningContainerPublishesChoosesTheBackendThoughTheComposeFileNoLongerNamesIt() throws IOException {
        compose("""
                services:
                  api:
                    image: shop/api
                  worker:
                    image: shop/worker
                """);
        listed(container(1, "shop", "api", 8000, 28002), container(2, "shop", "worker", 9000, 29000));
        ProviderResult result = resolve(Map.of());
        assertThat(((ProviderResult.Found) result).endpoint().http()).isEqualTo(URI.create("http://localhost:28002"));
        assertThat(result.reason()).endsWith("; chosen because it is the one service publishing container port 8000"
                + " and none is named backend");
    }

    @Test
    void aContainerListedWithoutImageLooksLikeADatabaseByItsComposeFileSoItIsSuggestedLast() throws IOException {
        compose("""
                services:
                  backend:
                    image: shop/api
                  ledger:
                    image: postgres:16
                  storefront:
                    image: shop/storefront
                """);
        Map<String, Object> ledger = container(2, "shop", "ledger", 7000, 27000);
        ledger.put("Image", "");
        listed(container(1, "shop", "backend", 8000, 28002), ledger, container(3, "shop", "storefront", 3000,
                23000));
        assertThatThrownBy(() -> resolve(Map.of("services", "payments"))).isInstanceOf(InvalidInputException.class)
                .hasMessage(onEngine() + "compose project shop (this checkout's): service payments: compose project"
                        + " shop has no compose service named payments or with network alias payments; did you mean"
                        + " services.payments.docker.service=storefront? (ledger looks like a database (image"
                        + " postgres:16)); its services: backend, ledger, storefront");
    }

    @Test
    void aDidYouMeanNeverOffersAComposeServiceAnotherServiceTakesByItsNameOrItsSettingWhateverTheirOrder()
            throws IOException {
        compose("""
                services:
                  backend:
                    image: shop/api
                  auth:
                    image: shop/auth
                  keycloak:
                    image: shop/keycloak
                  storefront:
                    image: shop/storefront
                """);
        listed(container(2, "shop", "auth", 7000, 27000), container(3, "shop", "keycloak", 7100, 27100),
                container(1, "shop", "backend", 8000, 28002), container(4, "shop", "storefront", 3000, 23000));
        String missing = onEngine() + "compose project shop (this checkout's): service payments: compose project shop"
                + " has no compose service named payments or with network alias payments; did you mean"
                + " services.payments.docker.service=";
        assertThatThrownBy(() -> resolve(Map.of("services", "payments,auth"))).as("auth, by its name")
                .hasMessageStartingWith(missing + "keycloak?");
        assertThatThrownBy(() -> resolve(Map.of("services", "payments,login", "services.login.docker.service",
                "auth"))).as("auth, by setting services.login.docker.service").hasMessageStartingWith(missing
                        + "keycloak?");
        assertThatThrownBy(() -> resolve(Map.of("services", "payments,auth,login", "services.login.docker.service",
                "keycloak"))).as("both").hasMessageStartingWith(missing + "storefront?");
    }

    @Test
    void twoServicesSetToOneComposeServiceAreAnErrorNamingBothSettings() throws IOException {
        compose("""
                services:
                  backend:
                    image: shop/api
                  sso:
                    image: shop/sso
                """);
        listed(container(1, "shop", "backend", 8000, 28002), container(2, "shop", "sso", 7000, 27000));
        assertThatThrownBy(() -> resolve(Map.of("services", "auth,login", "services.auth.docker.service", "sso",
                "services.login.docker.service", "sso"))).isInstanceOf(InvalidInputException.class)
                .hasMessage(onEngine() + "services auth and login both resolve to compose service sso of project shop;"
                        + " set services.login.docker.service (or services.auth.docker.service) to tell them apart");
    }

    @Test
    void anEngineThatIgnoresTheProjectFilterNeverGetsAnotherProjectServed() throws IOException {
        compose("services:\n  backend:\n    image: shop/api\n");
        engine.answer("/containers/json", 200, Recorded.write(List.of(container(15, "other", "backend", 8000, 38002),
                container(1, "shop", "backend", 8000, 28002))));
        ProviderResult result = resolve(Map.of("docker.project", "shop"));
        assertThat(((ProviderResult.Found) result).endpoint().http()).isEqualTo(URI.create("http://localhost:28002"));
        assertThat(((ProviderResult.Found) result).endpoint().details()).containsEntry("compose-project", "shop");
    }

    @Test
    void aNamedProjectNotOnTheEngineIsStartedFromTheComposeFilesHereOrWhereverTheyAre() throws IOException {
        engine.containers("[]");
        ProviderResult noFiles = resolve(Map.of("docker.project", "elsewhere"));
        assertThat(noFiles.reason()).isEqualTo("engine " + engine.dockerHost() + " has no container of compose project"
                + " elsewhere (named by setting docker.project)");
        assertThat(noFiles.nextStep()).isEqualTo("start project elsewhere where its compose files are, or fix"
                + " docker.project or COMPOSE_PROJECT_NAME");
        compose("services:\n  backend:\n    image: shop/api\n");
        ProviderResult here = resolve(Map.of("docker.project", "elsewhere"));
        assertThat(here.reason()).isEqualTo(noFiles.reason());
        assertThat(here.nextStep()).isEqualTo("start it: docker compose -f compose.yaml -p elsewhere up -d");
    }

    @Test
    void thisCheckoutsStackStoppedUnderAnotherProjectNameIsAdvisedToStartUnderThatName() throws IOException {
        compose("services:\n  backend:\n    image: shop/api\n");
        listed(Recorded.exited(container(1, "other", "backend", 8000, 28002)));
        ProviderResult result = resolve(Map.of());
        assertThat(result).isInstanceOf(ProviderResult.Unavailable.class);
        assertThat(result.reason()).isEqualTo("this checkout's project other is stopped (other-backend-1 exited"
                + " (Exited (0) 3 minutes ago))");
        assertThat(result.nextStep()).isEqualTo("start it: docker compose -f compose.yaml -p other start");
    }

    @Test
    void aNamedProjectWhoseContainersAllStoppedIsUnavailableSayingSoWithTheCommandThatStartsIt() throws IOException {
        compose("services:\n  backend:\n    image: shop/api\n");
        listed(Recorded.exited(container(1, "shop", "backend", 8000, 28002)));
        ProviderResult result = resolve(Map.of(), Map.of("COMPOSE_PROJECT_NAME", "shop"));
        assertThat(result).isInstanceOf(ProviderResult.Unavailable.class);
        assertThat(result.reason()).isEqualTo("compose project shop (named by COMPOSE_PROJECT_NAME) is stopped"
                + " (shop-backend-1 exited (Exited (0) 3 minutes ago))");
        assertThat(result.nextStep()).isEqualTo("start it: docker compose -f compose.yaml -p shop start");
    }

    @Test
    void anEngineFailingAfterItsListIsUnavailableWithTheProjectsDescriptionStillReported() throws IOException {
        compose("services:\n  backend:\n    image: shop/api\n");
        Map<String, Object> starting = Recorded.listedWithHealth(container(1, "shop", "backend", 8000, 28002),
                "starting");
        listed(starting);
        engine.answer("/containers/" + Recorded.id(starting) + "/json", 500, "{\"message\":\"engine broke\"}");
        ProviderResult result = resolve(Map.of());
        assertThat(result).isInstanceOf(ProviderResult.Unavailable.class);
        assertThat(result.reason()).isEqualTo("engine " + engine.dockerHost() + " answered GET /containers/"
                + Recorded.id(starting) + "/json with 500: engine broke");
        assertThat(result.notes()).endsWith(projectDescription());
    }

    @Test
    void theReportDescribesThisCheckoutsComposeProject() throws IOException {
        compose("services:\n  backend:\n    image: shop/api\n");
        listed(container(1, "shop", "backend", 8000, 28002));
        ProviderResult result = resolve(Map.of());
        assertThat(result.notes()).endsWith(projectDescription());
        assertThat(result.notes()).hasSize(2 + projectDescription().length);
    }

    @Test
    void theReportListsTenProjectsThatAreNotOursAndCountsTheRest() throws IOException {
        compose("services:\n  backend:\n    image: shop/api\n");
        List<Map<String, Object>> containers = new ArrayList<>();
        containers.add(container(1, "shop", "backend", 8000, 28002));
        for (int i = 0; i < 11; i++) {
            containers.add(Recorded.startedFrom(container(100 + i, "other" + i, "backend", 8000, 38000 + i),
                    Path.of("/srv/other" + i), Path.of("/srv/other" + i + "/compose.yaml")));
        }
        engine.containers(Recorded.write(containers));
        List<String> notOurs = resolve(Map.of()).notes().stream().filter(note -> note.startsWith("not ours:")).toList();
        assertThat(notOurs).hasSize(11).endsWith("not ours: 1 more compose projects");
        assertThat(notOurs.get(9)).isEqualTo("not ours: compose project other9 (started from /srv/other9/compose.yaml;"
                + " running: backend); setting docker.project=other9 would use it");
        engine.containers(Recorded.write(containers.subList(0, 11)));
        assertThat(resolve(Map.of()).notes().stream().filter(note -> note.startsWith("not ours:")).toList())
                .hasSize(10).noneMatch(note -> note.contains("more compose projects"));
    }

    @Test
    void withProbeNoneAContainerWithoutHealthcheckIsTakenAsItIsAndTheReasonSaysItWasNotProbed() throws IOException {
        compose("services:\n  backend:\n    image: shop/api\n");
        int closed = LoopbackServers.closedPort();
        listed(Recorded.listedWithHealth(container(1, "shop", "backend", 8000, closed), "none"));
        ProviderResult result = resolve(Map.of("probe", "none"));
        assertThat(((ProviderResult.Found) result).endpoint().http()).isEqualTo(URI.create("http://localhost:" + closed));
        assertThat(result.reason()).isEqualTo("compose project shop (this checkout's): service backend publishes 8000"
                + " on 0.0.0.0:" + closed + " (no healthcheck; not probed, probe=none)");
    }

    @Test
    void aBackendOnTheHostsNetworkListensAtThePortItsComposeFileNames() throws IOException {
        compose("""
                services:
                  backend:
                    image: shop/api
                    network_mode: host
                    expose: ["9000"]
                """);
        Map<String, Object> host = container(1, "shop", "backend", 9000, 9000);
        host.put("Ports", List.of());
        host.put("HostConfig", Map.of("NetworkMode", "host"));
        listed(host);
        ProviderResult result = resolve(Map.of("probe", "none"));
        assertThat(((ProviderResult.Found) result).endpoint().http()).isEqualTo(URI.create("http://localhost:9000"));
    }

    @Test
    void aComposeFileModifiedAfterItsContainerWasCreatedIsNamedInAWarningWithTheCommandThatAppliesIt()
            throws IOException {
        compose("services:\n  backend:\n    image: shop/api\n");
        listed(container(1, "shop", "backend", 8000, 28002));
        Path file = checkout.resolve("compose.yaml");
        // the recorded container was created at 1795538435 s (2026-11-24T16:40:35Z); the list's time is to the second
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-11-24T16:40:36Z")));
        assertThat(resolve(Map.of()).notes()).noneMatch(note -> note.startsWith("warning:"));
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-11-24T16:40:38Z")));
        assertThat(resolve(Map.of()).notes()).contains("warning: compose file " + file + " was modified at"
                + " 2026-11-24T16:40:38Z, after container shop-backend-1 (service backend) was created at"
                + " 2026-11-24T16:40:36Z: the running stack does not show that change; apply it with docker compose -p"
                + " shop -f " + file + " up -d");
    }

    @Test
    void theStartCommandCarriesTheEnvFilesAndProfilesTheSettingsGave() throws IOException {
        compose("services:\n  backend:\n    image: shop/api\n");
        Files.writeString(checkout.resolve("ci.env"), "TAG=1\n");
        engine.containers("[]");
        ProviderResult result = resolve(Map.of("docker.env-file", "ci.env", "docker.profiles", "one,two"));
        assertThat(result.nextStep()).isEqualTo("start this checkout's stack: docker compose -f compose.yaml"
                + " --env-file ci.env --profile one --profile two up -d");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aServiceStillStartingWhenAnotherStoppedSaysTheWaitEndedThereAndTheStoppedOneSaysHowItEnded()
            throws IOException {
        compose("services:\n  backend:\n    image: shop/api\n  auth:\n    image: shop/auth\n");
        Map<String, Object> backend = Recorded.listedWithHealth(container(1, "shop", "backend", 8000, 28002),
                "starting");
        Map<String, Object> auth = Recorded.listedWithHealth(container(2, "shop", "auth", 7000, 27000), "starting");
        listed(backend, auth);
        Map<String, Object> died = Recorded.inspection("slow");
        Map<String, Object> state = (Map<String, Object>) died.get("State");
        state.put("Status", "exited");
        state.put("Running", false);
        state.put("ExitCode", 3);
        engine.inspect(Recorded.id(backend), Recorded.text(Recorded.inspection("slow")))
                .inspect(Recorded.id(auth), Recorded.text(Recorded.inspection("slow")), Recorded.text(died));
        assertThatThrownBy(() -> resolve(Map.of("services", "auth", "docker.wait-healthy", "20s")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("; not running or not ready: backend (service backend (project shop, container"
                        + " shop-backend-1) is still starting after ")
                .hasMessageContaining(" ms (setting docker.wait-healthy = 20000 ms) (last check said: wget: can't"
                        + " connect to remote host (127.0.0.1): Connection refused); the wait ended when service auth"
                        + " (project shop, container shop-auth-1) stopped); auth (service auth (project shop, container"
                        + " shop-auth-1) stopped (state exited, exit code 3) while it was awaited");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aContainerListedRunningThatTheInspectionFindsExitedIsStoppedNotMerelyUnhealthy() throws IOException {
        // listed "Up (unhealthy)", gone by the inspection that follows: nothing is waited for (it is not starting),
        // and the answer says it stopped and how, not that it is unhealthy
        compose("services:\n  backend:\n    image: shop/api\n");
        Map<String, Object> backend = Recorded.listedWithHealth(container(1, "shop", "backend", 8000, 28002),
                "unhealthy");
        listed(backend);
        Map<String, Object> died = Recorded.inspection("slow");
        Map<String, Object> state = (Map<String, Object>) died.get("State");
        state.put("Status", "exited");
        state.put("Running", false);
        state.put("ExitCode", 137);
        ((Map<String, Object>) state.get("Health")).put("Status", "unhealthy");
        engine.inspect(Recorded.id(backend), Recorded.text(died));
        assertThatThrownBy(() -> resolve(Map.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not running or not ready: backend (service backend (project shop, container"
                        + " shop-backend-1) stopped (state exited, exit code 137) while it was awaited")
                .hasMessageNotContaining("unhealthy");
    }
}
