package dev.backendconfig.docker;

import static dev.backendconfig.testsupport.Recorded.inspection;
import static dev.backendconfig.testsupport.Recorded.listEntry;
import static dev.backendconfig.testsupport.Recorded.renamed;
import static dev.backendconfig.testsupport.Recorded.text;
import static dev.backendconfig.testsupport.Recorded.withHealth;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.testkit.RecordingLogs;
import dev.backendconfig.testsupport.FakeDockerEngine;
import dev.backendconfig.testsupport.Recorded;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.event.Level;

/** Provider docker with services beside the backend, against a fake engine answering recorded replies. */
class DockerServicesTest {

    @TempDir
    Path directory;

    private FakeDockerEngine engine;

    @BeforeEach
    void startEngine() throws IOException {
        Files.createDirectory(directory.resolve(".git"));
        engine = FakeDockerEngine.onUnixSocket(directory.resolve("engine.sock"));
    }

    @AfterEach
    void stopEngine() throws IOException {
        engine.close();
    }

    /**
     * A running compose container of {@code project}/{@code service} publishing {@code target} on {@code published},
     * started from {@code checkout}.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> container(Path checkout, char id, String project, String service, String name,
            int target, int published) {
        Map<String, Object> entry = renamed(listEntry("alpine-test-backend"), String.valueOf(id).repeat(64), service,
                name);
        Map<String, Object> labels = (Map<String, Object>) entry.get("Labels");
        labels.put("com.docker.compose.project", project);
        labels.put("com.docker.compose.project.working_dir", checkout.toString());
        labels.put("com.docker.compose.project.config_files", checkout.resolve("compose.yml").toString());
        for (Object port : (List<Object>) entry.get("Ports")) {
            ((Map<String, Object>) port).put("PrivatePort", BigDecimal.valueOf(target));
            ((Map<String, Object>) port).put("PublicPort", BigDecimal.valueOf(published));
        }
        return entry;
    }

    /** A running container of this checkout's project {@code shop}. */
    private Map<String, Object> ours(char id, String service, int target, int published) {
        return container(directory, id, "shop", service, "shop-" + service + "-1", target, published);
    }

    private void running(List<Map<String, Object>> containers) {
        engine.containers(Recorded.write(containers));
        for (Map<String, Object> container : containers) {
            engine.inspect(Recorded.id(container), text(inspection("alpine")));
        }
    }

    private ProviderResult resolve(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(settings);
        all.put("docker.host", engine.dockerHost());
        all.putIfAbsent("services", "auth,frontend");
        return new DockerEndpointProvider().resolve(ResolutionContext.builder().workingDirectory(directory)
                .settings(all).build());
    }

    /** This checkout's stack: backend, auth and frontend. */
    private List<Map<String, Object>> shop() {
        return List.of(ours('a', "backend", 8000, 8002), ours('b', "auth", 8081, 8083), ours('c', "frontend", 3000,
                3002));
    }

    @Test
    void threeHealthyServicesOfOneProjectComeFromDockersListAloneInOneRequest() {
        running(shop());
        ProviderResult.Found found = (ProviderResult.Found) resolve(Map.of());
        assertThat(found.endpoint().http()).isEqualTo(URI.create("http://localhost:8002"));
        assertThat(found.endpoints().get("auth").http()).isEqualTo(URI.create("http://localhost:8083"));
        assertThat(found.endpoints().get("frontend").http()).isEqualTo(URI.create("http://localhost:3002"));
        assertThat(found.endpoints().get("auth").detail("container-port")).contains("8081");
        assertThat(found.serviceReasons()).containsEntry("auth", "service auth publishes 8081 on 0.0.0.0:8083 (healthy)");
        assertThat(found.reason()).isEqualTo("compose project shop (this checkout's)");
        // Docker's list says each is healthy: nothing to inspect
        assertThat(engine.requests()).hasSize(1).allMatch(request -> request.startsWith("GET /containers/json"));
    }

    @Test
    void containersStillStartingAreWaitedForTogetherNotOneAfterAnother() {
        List<Map<String, Object>> shop = shop();
        List<Map<String, Object>> stack = List.of(shop.get(0), Recorded.listedWithHealth(shop.get(1), "starting"),
                Recorded.listedWithHealth(shop.get(2), "starting"));
        engine.containers(Recorded.write(stack));
        String starting = withHealth(inspection("alpine"), "starting");
        String healthy = text(inspection("alpine"));
        engine.inspect(Recorded.id(stack.get(0)), healthy);
        // auth and frontend each say starting for five checks (2.5 s at one check every 500 ms)
        engine.inspect(Recorded.id(stack.get(1)), starting, starting, starting, starting, starting, healthy);
        engine.inspect(Recorded.id(stack.get(2)), starting, starting, starting, starting, starting, healthy);
        RecordingLogs.clear();
        long start = System.nanoTime();
        ProviderResult result = resolve(Map.of());
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        // a wait longer than two seconds says what it waits for
        assertThat(RecordingLogs.events(Level.INFO)).extracting(RecordingLogs.Event::message).contains("waiting for"
                + " auth (container shop-auth-1) and frontend (container shop-frontend-1) to become healthy: 2 s so"
                + " far, up to 60 s (setting docker.wait-healthy, and what is left of setting timeout)");
        assertThat(result).isInstanceOf(ProviderResult.Found.class);
        assertThat(((ProviderResult.Found) result).serviceReasons().get("auth"))
                .startsWith("service auth publishes 8081 on 0.0.0.0:8083 (healthy after waiting ");
        // waited in parallel: about 2.5 s for both, where one after the other would take about 5 s
        assertThat(took).isLessThan(Duration.ofMillis(4500));
        assertThat(engine.inspections(Recorded.id(stack.get(1)))).isEqualTo(6);
    }

    @Test
    void aStoppedAuthServiceOfOursIsAnErrorNamingWhatRunsWhatDoesNotAndTheCommand() {
        List<Map<String, Object>> stack = new java.util.ArrayList<>(shop());
        stack.set(1, Recorded.exited(stack.get(1)));
        running(stack);
        assertThatThrownBy(() -> resolve(Map.of())).isInstanceOf(InvalidInputException.class)
                .hasMessage("engine " + engine.dockerHost() + ": compose project shop (this checkout's) is half up:"
                        + " running: backend, frontend; not running or not ready: auth (compose service auth,"
                        + " container shop-auth-1: exited (Exited (0) 3 minutes ago)); start the stopped ones: docker"
                        + " compose -f " + directory.resolve("compose.yml") + " -p shop start auth (tests never fall back to"
                        + " another environment while this checkout's stack runs)");
    }

    @Test
    void anOptionalServiceThatIsStoppedIsOnlyNoted() {
        List<Map<String, Object>> stack = new java.util.ArrayList<>(shop());
        stack.set(2, Recorded.exited(stack.get(2)));
        running(stack);
        ProviderResult result = resolve(Map.of("services.frontend.required", "false"));
        assertThat(result).isInstanceOf(ProviderResult.Found.class);
        assertThat(((ProviderResult.Found) result).missing()).containsExactly(Map.entry("frontend", "compose service"
                + " frontend, container shop-frontend-1: exited (Exited (0) 3 minutes ago)"));
    }

    @Test
    void twoProjectsOfThisCheckoutAreAnErrorNamingBothAndTheSettingThatPicksOne() {
        List<Map<String, Object>> both = new java.util.ArrayList<>(shop());
        both.add(container(directory, 'd', "shop2", "backend", "shop2-backend-1", 8000, 9002));
        running(both);
        assertThatThrownBy(() -> resolve(Map.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("engine " + engine.dockerHost() + ": 2 compose projects of this checkout (" + directory
                        + ") run: shop (started from " + directory.resolve("compose.yml") + "; running: backend, auth,"
                        + " frontend), ours because it was started from this checkout's "
                        + directory.resolve("compose.yml") + "; shop2 (started from " + directory.resolve("compose.yml")
                        + "; running: backend), ours because it was started from this checkout's "
                        + directory.resolve("compose.yml") + "; set docker.project (or COMPOSE_PROJECT_NAME) to the one"
                        + " to test against, or stop the others");
    }

    @Test
    void anotherCheckoutsCopyIsNeverTakenAndIsListedAsNotOurs() {
        Path elsewhere = Path.of("/srv/other-checkout");
        List<Map<String, Object>> both = new java.util.ArrayList<>(shop());
        both.add(container(elsewhere, 'd', "shop-copy", "backend", "copy-backend-1", 8000, 9002));
        running(both);
        ProviderResult.Found found = (ProviderResult.Found) resolve(Map.of());
        assertThat(found.endpoint().http()).isEqualTo(URI.create("http://localhost:8002"));
        assertThat(found.notes()).contains("not ours: compose project shop-copy (started from /srv/other-checkout"
                + "/compose.yml; running: backend); setting docker.project=shop-copy would use it");
    }

    @Test
    void aCopyStartedByComposeV1FromAParentDirectoryIsRecognisedAsThisCheckoutsAndShownJoined() throws IOException {
        Path compose = Files.createDirectories(directory.resolve("docker")).resolve("compose.yml");
        Files.writeString(compose, "services: {}\n");
        List<Map<String, Object>> stack = new java.util.ArrayList<>();
        for (Map<String, Object> container : List.of(ours('d', "backend", 8000, 9002), ours('e', "auth", 8081, 9083),
                ours('f', "frontend", 3000, 9004))) {
            @SuppressWarnings("unchecked")
            Map<String, Object> labels = (Map<String, Object>) container.get("Labels");
            // docker-compose 1.29 run from the checkout's parent: -f <checkout>/docker/compose.yml
            labels.put("com.docker.compose.project", "mine");
            labels.put("com.docker.compose.project.working_dir", directory.resolve("docker").toString());
            labels.put("com.docker.compose.project.config_files", directory.getFileName() + "/docker/compose.yml");
            stack.add(container);
        }
        running(stack);
        ProviderResult.Found found = (ProviderResult.Found) resolve(Map.of("docker.compose-file",
                "docker/compose.yml"));
        assertThat(found.reason()).isEqualTo("compose project mine (this checkout's)");
        assertThat(found.notes()).contains("compose project mine is this checkout's: it was started from this"
                + " checkout's " + compose);
    }

    @Test
    void dockerProjectPicksAnyProjectWhateverItsServiceNames() {
        List<Map<String, Object>> both = new java.util.ArrayList<>(shop());
        both.add(container(Path.of("/srv/product-o"), 'd', "product-o", "api", "o-api-1", 8000, 9002));
        running(both);
        ProviderResult result = resolve(Map.of("docker.project", "product-o", "services", ""));
        assertThat(engine.requests().get(0)).contains("com.docker.compose.project%3Dproduct-o");
        assertThat(((ProviderResult.Found) result).endpoint().http()).isEqualTo(URI.create("http://localhost:9002"));
        assertThat(result.reason()).startsWith("compose project product-o (named by setting docker.project): service"
                + " api publishes 8000 on 0.0.0.0:9002");
    }

    @Test
    void theContainerNamedBackendWinsOverOneThatOnlyPublishesTheDefaultPort() {
        running(List.of(ours('a', "backend", 8080, 18080), ours('b', "auth", 8000, 18000)));
        ProviderResult.Found found = (ProviderResult.Found) resolve(Map.of("services", "auth"));
        assertThat(found.endpoint().http()).isEqualTo(URI.create("http://localhost:18080"));
        assertThat(found.endpoints().get("auth").http()).isEqualTo(URI.create("http://localhost:18000"));
        assertThat(found.notes()).contains("service backend (project shop, container shop-backend-1) does not publish"
                + " the default container port 8000; using 8080, the one port it publishes (set docker.container-port=8080"
                + " to say so)");
    }

    @Test
    void twoServicesMappedToOneComposeServiceAreAnError() {
        running(shop());
        assertThatThrownBy(() -> resolve(Map.of("services", "auth", "services.auth.docker.service", "backend")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("engine " + engine.dockerHost() + ": services backend and auth both resolve to compose"
                        + " service backend of project shop; set services.auth.docker.service (or docker.service) to"
                        + " tell them apart");
    }

    @Test
    void aServiceWhoseContainerPublishesSeveralPortsNeedsItsContainerPortSet() {
        Map<String, Object> auth = ours('b', "auth", 8081, 8083);
        @SuppressWarnings("unchecked")
        List<Object> ports = (List<Object>) auth.get("Ports");
        @SuppressWarnings("unchecked")
        Map<String, Object> extra = new HashMap<>((Map<String, Object>) ports.get(0));
        extra.put("PrivatePort", BigDecimal.valueOf(9090));
        extra.put("PublicPort", BigDecimal.valueOf(9090));
        ports.add(extra);
        running(List.of(ours('a', "backend", 8000, 8002), auth));
        assertThatThrownBy(() -> resolve(Map.of("services", "auth"))).hasMessageContaining("not running or not ready:"
                + " auth (service auth (project shop, container shop-auth-1) publishes 8083->8081/tcp, 9090->9090/tcp;"
                + " set services.auth.docker.container-port to say which port the service listens on)");
        ProviderResult fixed = resolve(Map.of("services", "auth", "services.auth.docker.container-port", "9090"));
        assertThat(((ProviderResult.Found) fixed).endpoints().get("auth").http())
                .isEqualTo(URI.create("http://localhost:9090"));
    }

    @Test
    void aContainerPortOutOfRangeIsAnErrorNamingTheSetting() {
        running(shop());
        assertThatThrownBy(() -> new DockerEndpointProvider().resolve(ResolutionContext.builder()
                .workingDirectory(directory).systemProperties(Map.of("backendconfig.services", "auth",
                        "backendconfig.services.auth.docker.container-port", "70000",
                        "backendconfig.docker.host", engine.dockerHost())).build()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("system property backendconfig.services.auth.docker.container-port: setting"
                        + " services.auth.docker.container-port expects a whole number from 1 to 65535, got a number outside that range");
    }

    @Test
    void labelValuesHoldingSecretsAreMaskedInTheErrorThatNamesSeveralProjectsOfThisCheckout() {
        String secret = "pl4nted-s3cret";
        Map<String, Object> first = container(directory, 'a', "shop token=" + secret, "backend", "shop-backend-1",
                8000, 8002);
        Map<String, Object> second = container(directory, 'd', "https://deploy:" + secret + "@git.example.test/shop",
                "backend", "other-backend-1", 8000, 9002);
        // a compose file of this checkout whose path holds a secret: the label quoted in "ours because ..."
        Path planted = directory.resolve("token=" + secret).resolve("compose.yml");
        @SuppressWarnings("unchecked")
        Map<String, Object> labels = (Map<String, Object>) second.get("Labels");
        labels.put("com.docker.compose.project.config_files", planted.toString());
        running(List.of(first, second));
        assertThatThrownBy(() -> resolve(Map.of("services", "")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("2 compose projects of this checkout (")
                .hasMessageContaining("run: shop token=*** (started from ")
                .hasMessageContaining("; https://***@git.example.test/shop (started from ")
                .hasMessageContaining("ours because it was started from this checkout's " + directory
                        + "/token=***")
                .hasMessageNotContaining(secret);
    }

    @Test
    void labelValuesHoldingSecretsAreMaskedInTheReportsNotes() throws IOException {
        String secret = "pl4nted-s3cret";
        Map<String, Object> backend = ours('a', "backend", 8000, 8002);
        Path planted = directory.resolve("token=" + secret).resolve("compose.yml");
        @SuppressWarnings("unchecked")
        Map<String, Object> labels = (Map<String, Object>) backend.get("Labels");
        labels.put("com.docker.compose.project.config_files", planted.toString());
        Map<String, Object> other = container(Path.of("/srv/other"), 'd', "other", "backend", "other-backend-1", 8000,
                9002);
        @SuppressWarnings("unchecked")
        Map<String, Object> otherLabels = (Map<String, Object>) other.get("Labels");
        otherLabels.put("com.docker.compose.project.config_files", "/srv/other/token=" + secret + "/compose.yml");
        running(List.of(backend, other));
        dev.backendconfig.api.Resolution resolution = dev.backendconfig.api.ServiceResolver.of(List.of(
                new DockerEndpointProvider())).resolve(ResolutionContext.builder().workingDirectory(directory)
                .settings(Map.of("docker.host", engine.dockerHost())).build());
        assertThat(resolution.report().render())
                .contains("compose project shop is this checkout's: it was started from this checkout's " + directory
                        + "/token=***")
                .contains("not ours: compose project other (started from /srv/other/token=***; running: backend)")
                .doesNotContain(secret);
        assertThat(resolution.report().lines()).flatExtracting(dev.backendconfig.api.ResolutionReport.Line::notes)
                .noneMatch(note -> note.contains(secret));
        ProviderResult direct = resolve(Map.of("services", ""));
        assertThat(direct.notes()).as("the provider's own notes, before any report").isNotEmpty()
                .anyMatch(note -> note.startsWith("compose project shop is this checkout's: "))
                .noneMatch(note -> note.contains(secret));
    }
}
