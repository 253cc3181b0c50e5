package dev.backendconfig.docker;

import static dev.backendconfig.testsupport.Recorded.inspection;
import static dev.backendconfig.testsupport.Recorded.listEntry;
import static dev.backendconfig.testsupport.Recorded.renamed;
import static dev.backendconfig.testsupport.Recorded.text;
import static dev.backendconfig.testsupport.Recorded.withHealth;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.testkit.RecordingLogs;
import dev.backendconfig.testsupport.FakeDockerEngine;
import dev.backendconfig.testsupport.Recorded;
import dev.backendconfig.toolkit.InvalidInputException;
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

    /** A running compose container of {@code project}/{@code service} publishing {@code target} on {@code published}. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> container(char id, String project, String service, String name, int target,
            int published) {
        Map<String, Object> entry = renamed(listEntry("alpine-test-backend"), String.valueOf(id).repeat(64), service,
                name);
        Map<String, Object> labels = (Map<String, Object>) entry.get("Labels");
        labels.put("com.docker.compose.project", project);
        labels.put("com.docker.compose.project.working_dir", "/srv/" + project);
        labels.put("com.docker.compose.project.config_files", "/srv/" + project + "/docker/compose.yml");
        for (Object port : (List<Object>) entry.get("Ports")) {
            ((Map<String, Object>) port).put("PrivatePort", BigDecimal.valueOf(target));
            ((Map<String, Object>) port).put("PublicPort", BigDecimal.valueOf(published));
        }
        return entry;
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

    private static List<Map<String, Object>> trialshop(String project, int offset) {
        return List.of(container('a', project, "alpine-test-backend", project + "-alpine-test-backend-1", 8000,
                        8002 + offset),
                container('b', project, "alpine-test-auth", project + "-alpine-test-auth-1", 8081, 8083 + offset),
                container('c', project, "alpine-test-frontend", project + "-alpine-test-frontend-1", 3000,
                        3002 + offset));
    }

    @Test
    void threeHealthyServicesOfOneProjectComeFromItAtTheCostOfOneListAndOneInspectEach() {
        running(trialshop("trialshop", 0));
        ProviderResult.Found found = (ProviderResult.Found) resolve(Map.of());
        assertThat(found.endpoint().http()).isEqualTo(URI.create("http://localhost:8002"));
        assertThat(found.endpoint("auth").orElseThrow().http()).isEqualTo(URI.create("http://localhost:8083"));
        assertThat(found.endpoint("frontend").orElseThrow().http()).isEqualTo(URI.create("http://localhost:3002"));
        assertThat(found.endpoint("auth").orElseThrow().detail("container-port")).contains("8081");
        assertThat(found.serviceReasons()).containsEntry("auth",
                "service alpine-test-auth publishes 8081 on 0.0.0.0:8083 (healthy)");
        assertThat(found.reason()).isEqualTo("compose project trialshop");
        assertThat(engine.requests()).hasSize(4).filteredOn(request -> request.startsWith("GET /containers/json"))
                .hasSize(1);
    }

    @Test
    void containersStillStartingAreWaitedForTogetherNotOneAfterAnother() {
        List<Map<String, Object>> stack = trialshop("trialshop", 0);
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
                + " auth (container trialshop-alpine-test-auth-1) and frontend (container"
                + " trialshop-alpine-test-frontend-1) to become healthy: 2 s so far, up to 60 s (setting"
                + " docker.wait-healthy, and what is left of setting timeout)");
        assertThat(result).isInstanceOf(ProviderResult.Found.class);
        assertThat(((ProviderResult.Found) result).serviceReasons().get("auth"))
                .startsWith("service alpine-test-auth publishes 8081 on 0.0.0.0:8083 (healthy after waiting ");
        // waited in parallel: about 2.5 s for both, where one after the other would take about 5 s
        assertThat(took).isLessThan(Duration.ofMillis(4500));
        assertThat(engine.inspections(Recorded.id(stack.get(1)))).isEqualTo(6);
    }

    @Test
    void aStoppedAuthServiceMakesDockerPartialSayingWhatItFoundAndLacked() {
        running(List.of(trialshop("trialshop", 0).get(0), trialshop("trialshop", 0).get(2)));
        ProviderResult.Found partial = (ProviderResult.Found) resolve(Map.of());
        assertThat(partial.endpoints()).containsOnlyKeys("backend", "frontend");
        assertThat(partial.missing()).containsExactly(Map.entry("auth", "no running compose container is named after"
                + " auth (running services: alpine-test-backend, alpine-test-frontend)"));
    }

    @Test
    void twoCopiesOfOneStackAreAnErrorNamingBothProjectsAndTheSettingThatPicksOne() {
        List<Map<String, Object>> both = new java.util.ArrayList<>(trialshop("trialshop", 0));
        both.add(container('d', "trialshop2", "alpine-test-backend", "trialshop2-alpine-test-backend-1", 8000, 9002));
        running(both);
        assertThatThrownBy(() -> resolve(Map.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("engine " + engine.dockerHost() + ": 2 compose projects run a backend: trialshop"
                        + " (trialshop-alpine-test-backend-1, trialshop-alpine-test-auth-1, trialshop-alpine-test-frontend-1);"
                        + " trialshop2 (trialshop2-alpine-test-backend-1), and nothing tells them apart (no compose file"
                        + " of this checkout was found); set docker.project (or COMPOSE_PROJECT_NAME) to the one to test"
                        + " against");
    }

    @Test
    void ofTwoCopiesTheOneStartedFromThisCheckoutsComposeFileIsChosen() throws IOException {
        Path compose = Files.createDirectories(directory.resolve("docker")).resolve("compose.yml");
        Files.writeString(compose, "services: {}\n");
        List<Map<String, Object>> both = new java.util.ArrayList<>(trialshop("trialshop", 0));
        Map<String, Object> mine = container('d', "mine", "alpine-test-backend", "mine-backend-1", 8000, 9002);
        @SuppressWarnings("unchecked")
        Map<String, Object> labels = (Map<String, Object>) mine.get("Labels");
        labels.put("com.docker.compose.project.working_dir", directory.toString());
        labels.put("com.docker.compose.project.config_files", "docker/compose.yml");
        both.add(mine);
        both.add(container('e', "mine", "alpine-test-auth", "mine-auth-1", 8081, 9083));
        both.add(container('f', "mine", "alpine-test-frontend", "mine-frontend-1", 3000, 9004));
        running(both);
        ProviderResult.Found found = (ProviderResult.Found) resolve(Map.of("docker.compose-file", "docker/compose.yml"));
        assertThat(found.endpoint().http()).isEqualTo(URI.create("http://localhost:9002"));
        assertThat(found.reason()).isEqualTo("compose project mine");
        assertThat(found.notes()).contains("compose project mine was started from this checkout's " + compose
                + "; also running: trialshop");
    }

    @Test
    void aCopyStartedByComposeV1FromAParentDirectoryIsRecognisedAsThisCheckouts() throws IOException {
        Path compose = Files.createDirectories(directory.resolve("docker")).resolve("compose.yml");
        Files.writeString(compose, "services: {}\n");
        List<Map<String, Object>> both = new java.util.ArrayList<>(trialshop("trialshop", 0));
        Map<String, Object> mine = container('d', "mine", "alpine-test-backend", "mine_backend_1", 8000, 9002);
        @SuppressWarnings("unchecked")
        Map<String, Object> labels = (Map<String, Object>) mine.get("Labels");
        // docker-compose 1.29 run from the checkout's parent: -f <checkout>/docker/compose.yml
        labels.put("com.docker.compose.project.working_dir", directory.resolve("docker").toString());
        labels.put("com.docker.compose.project.config_files", directory.getFileName() + "/docker/compose.yml");
        both.add(mine);
        both.add(container('e', "mine", "alpine-test-auth", "mine_auth_1", 8081, 9083));
        both.add(container('f', "mine", "alpine-test-frontend", "mine_frontend_1", 3000, 9004));
        running(both);
        ProviderResult.Found found = (ProviderResult.Found) resolve(Map.of("docker.compose-file", "docker/compose.yml"));
        assertThat(found.reason()).isEqualTo("compose project mine");
        assertThat(found.notes()).contains("compose project mine was started from this checkout's " + compose
                + "; also running: trialshop");
    }

    @Test
    void dockerProjectPicksOneOfTwoCopies() {
        List<Map<String, Object>> both = new java.util.ArrayList<>(trialshop("trialshop", 0));
        both.add(container('d', "trialshop2", "alpine-test-backend", "trialshop2-alpine-test-backend-1", 8000, 9002));
        running(both);
        ProviderResult result = resolve(Map.of("docker.project", "trialshop", "services", ""));
        assertThat(engine.requests().get(0)).contains("com.docker.compose.project%3Dtrialshop");
        assertThat(result).isInstanceOf(ProviderResult.Found.class);
    }

    @Test
    void theContainerNamedAfterTheBackendWinsOverOneThatOnlyPublishesTheDefaultPort() {
        running(List.of(container('a', "shop", "backend", "shop-backend-1", 8080, 18080),
                container('b', "shop", "auth", "shop-auth-1", 8000, 18000)));
        ProviderResult.Found found = (ProviderResult.Found) resolve(Map.of("services", "auth"));
        assertThat(found.endpoint().http()).isEqualTo(URI.create("http://localhost:18080"));
        assertThat(found.endpoint("auth").orElseThrow().http()).isEqualTo(URI.create("http://localhost:18000"));
        assertThat(found.notes()).contains("service backend (project shop, container shop-backend-1) does not publish"
                + " the default container port 8000; using 8080, the one port it publishes (set docker.container-port=8080"
                + " to say so)");
    }

    @Test
    void aNamedContainerThatDoesNotPublishTheSetPortIsReportedWithWhatToSet() {
        running(List.of(container('a', "shop", "backend", "shop-backend-1", 8080, 18080)));
        ProviderResult result = resolve(Map.of("services", "", "docker.container-port", "8000"));
        assertThat(result.reason()).isEqualTo("service backend (project shop, container shop-backend-1) does not"
                + " publish container port 8000 (setting docker.container-port) on a host port; it publishes"
                + " 18080->8080/tcp");
    }

    @Test
    void twoServicesMappedToOneComposeServiceAreAnError() {
        running(trialshop("trialshop", 0));
        assertThatThrownBy(() -> resolve(Map.of("services", "auth", "services.auth.docker.service",
                "alpine-test-backend")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("engine " + engine.dockerHost() + ": services backend and auth both resolve to compose"
                        + " service alpine-test-backend of project trialshop; set services.auth.docker.service (or"
                        + " docker.service) to tell them apart");
    }

    @Test
    void aServiceWhoseContainerPublishesSeveralPortsNeedsItsContainerPortSet() {
        Map<String, Object> auth = container('b', "shop", "auth", "shop-auth-1", 8081, 8083);
        @SuppressWarnings("unchecked")
        List<Object> ports = (List<Object>) auth.get("Ports");
        @SuppressWarnings("unchecked")
        Map<String, Object> extra = new HashMap<>((Map<String, Object>) ports.get(0));
        extra.put("PrivatePort", BigDecimal.valueOf(9090));
        extra.put("PublicPort", BigDecimal.valueOf(9090));
        ports.add(extra);
        running(List.of(container('a', "shop", "backend", "shop-backend-1", 8000, 8002), auth));
        ProviderResult.Found partial = (ProviderResult.Found) resolve(Map.of("services", "auth"));
        assertThat(partial.missing().get("auth")).isEqualTo("service auth (project shop, container shop-auth-1)"
                + " publishes 8083->8081/tcp, 9090->9090/tcp; set services.auth.docker.container-port to say which port"
                + " the service listens on");
        ProviderResult fixed = resolve(Map.of("services", "auth", "services.auth.docker.container-port", "9090"));
        assertThat(((ProviderResult.Found) fixed).endpoint("auth").orElseThrow().http())
                .isEqualTo(URI.create("http://localhost:9090"));
    }

    @Test
    void aContainerPortOutOfRangeIsAnErrorNamingTheSetting() {
        running(trialshop("trialshop", 0));
        assertThatThrownBy(() -> new DockerEndpointProvider().resolve(ResolutionContext.builder()
                .workingDirectory(directory).systemProperties(Map.of("backendconfig.services", "auth",
                        "backendconfig.services.auth.docker.container-port", "70000",
                        "backendconfig.docker.host", engine.dockerHost())).build()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("system property backendconfig.services.auth.docker.container-port: setting"
                        + " services.auth.docker.container-port expects a whole number from 1 to 65535, got a number outside that range");
    }

    @Test
    void labelValuesHoldingSecretsAreMaskedInTheErrorThatNamesTwoProjects() {
        String secret = "pl4nted-s3cret";
        running(List.of(container('a', "shop token=" + secret, "alpine-test-backend", "shop-backend-1", 8000, 8002),
                container('d', "https://deploy:" + secret + "@git.example.test/shop", "alpine-test-backend",
                        "other-backend-1", 8000, 9002)));
        assertThatThrownBy(() -> resolve(Map.of("services", "")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("2 compose projects run a backend: ")
                .hasMessageContaining("shop token=*** (shop-backend-1)")
                .hasMessageContaining("https://***@git.example.test/shop (other-backend-1)")
                .hasMessageNotContaining(secret);
    }

    @Test
    void labelValuesHoldingSecretsAreMaskedInTheReportsNotes() throws IOException {
        String secret = "pl4nted-s3cret";
        Path compose = Files.writeString(directory.resolve("compose.yaml"), "services: {}\n");
        Map<String, Object> backend = container('a', "shop", "alpine-test-backend", "shop-backend-1", 8000, 8002);
        @SuppressWarnings("unchecked")
        Map<String, Object> labels = (Map<String, Object>) backend.get("Labels");
        labels.put("com.docker.compose.project.config_files", "https://deploy:" + secret
                + "@git.example.test/compose.yml");
        running(List.of(backend));
        dev.backendconfig.api.Resolution resolution = dev.backendconfig.api.ServiceResolver.of(List.of(
                new DockerEndpointProvider())).resolve(ResolutionContext.builder().workingDirectory(directory)
                .settings(Map.of("docker.host", engine.dockerHost())).build());
        assertThat(resolution.report().render()).contains("compose project shop was not started from this"
                + " checkout's " + compose + " but from https://***@git.example.test/compose.yml")
                .doesNotContain(secret);
        assertThat(resolution.report().lines()).flatExtracting(dev.backendconfig.api.ResolutionReport.Line::notes)
                .noneMatch(note -> note.contains(secret));
        ProviderResult direct = resolve(Map.of("services", ""));
        assertThat(direct.notes()).as("the provider's own notes, before any report").isNotEmpty()
                .noneMatch(note -> note.contains(secret));
    }
}
