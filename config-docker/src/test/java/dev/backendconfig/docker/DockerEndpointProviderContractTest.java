package dev.backendconfig.docker;

import static dev.backendconfig.testsupport.Recorded.id;
import static dev.backendconfig.testsupport.Recorded.inspection;
import static dev.backendconfig.testsupport.Recorded.list;
import static dev.backendconfig.testsupport.Recorded.listEntry;
import static dev.backendconfig.testsupport.Recorded.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.backendconfig.api.spi.EndpointProvider;
import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.testkit.EndpointProviderContractTest;
import dev.backendconfig.testkit.LoopbackServers;
import dev.backendconfig.testsupport.AlpineStack;
import dev.backendconfig.testsupport.FakeDockerEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The contract, with the secret planted where provider docker really reads: a label of the container in the engine's
 * list and inspection, and the container's environment in the inspection; and, through the compose prediction, the
 * compose file's {@code .env}. (User info in {@code DOCKER_HOST} is invalid configuration, refused without being
 * shown: the bad-input catalogue plants its secret there.)
 */
class DockerEndpointProviderContractTest extends EndpointProviderContractTest {

    private FakeDockerEngine engine;
    private String listReply;
    private String inspectReply;

    @AfterEach
    void stopEngine() throws IOException {
        if (engine != null) {
            engine.close();
        }
    }

    @Override
    protected EndpointProvider provider() {
        return new DockerEndpointProvider(directory.resolve("no-default-engine.sock"));
    }

    @Override
    protected int documentedPriority() {
        return 200;
    }

    @Override
    protected ResolutionContext foundContext(Path directory) throws IOException {
        if (engine == null) {
            engine = FakeDockerEngine.onLoopback();
            Map<String, Object> alpine = withSecretLabel(dev.backendconfig.testsupport.Recorded.startedIn(
                    listEntry("alpine-test-backend"), directory, "shop"));
            Map<String, Object> inspected = withSecretLabel(inspection("alpine"));
            castMap(inspected.get("Config")).put("Env", List.of("PATH=/usr/bin", "DB_PASSWORD=" + plantedSecret()));
            listReply = list(alpine);
            inspectReply = text(inspected);
            engine.containers(listReply).inspect(id(alpine), inspectReply);
        }
        return ResolutionContext.builder().workingDirectory(directory)
                .environment(Map.of("DOCKER_HOST", engine.dockerHost())).build();
    }

    @Override
    protected String expectedHttp() {
        return "http://localhost:8002";
    }

    /** A recorded container, as started from this test's checkout (so that it is this checkout's project). */
    private Map<String, Object> ours(String service) {
        return dev.backendconfig.testsupport.Recorded.startedIn(listEntry(service), directory, "shop");
    }

    @Test
    void theSecretIsInEveryEngineReplyTheProviderAskedFor() throws IOException {
        ResolutionContext context = foundContext(directory);
        assertThat(listReply).contains(plantedSecret());
        assertThat(inspectReply).contains("DB_PASSWORD=" + plantedSecret()).contains("com.example.db-password");

        provider().resolve(context);

        assertThat(engine.requests()).anyMatch(request -> request.startsWith("GET /containers/json"))
                .anyMatch(request -> request.startsWith("GET /containers/" + id(ours("alpine-test-backend"))
                        + "/json"));
    }

    @Test
    void neverShowsASecretOfTheComposeEnvFile() throws IOException {
        Path compose = Files.createDirectories(directory.resolve("docker")).resolve("docker-compose.alpine-test.yml");
        Files.writeString(compose, AlpineStack.COMPOSE_FILE.replace("    ports:\n",
                "    environment:\n      - DB_PASSWORD=${DB_PASSWORD}\n    ports:\n"));
        try (LoopbackServers.Server backend = LoopbackServers.answeringHttp()) {
            Files.writeString(compose.resolveSibling(".env"), "ALPINE_TEST_BACKEND_PORT=" + backend.port()
                    + "\nDB_PASSWORD=" + plantedSecret() + "\n");
            ResolutionContext context = ResolutionContext.builder().workingDirectory(directory)
                    .environment(Map.of("DOCKER_HOST", "unix://" + directory.resolve("no-engine.sock")))
                    .settings(Map.of("docker.compose-file", compose.toString())).build();

            ProviderResult result = provider().resolve(context);

            assertThat(result).isInstanceOf(ProviderResult.Found.class);
            assertThat(((ProviderResult.Found) result).endpoint().http()).hasToString("http://localhost:"
                    + backend.port());
            assertNeverShown(result);
        }
    }

    private Map<String, Object> withSecretLabel(Map<String, Object> container) {
        Map<String, Object> labels = castMap(container.containsKey("Labels") ? container.get("Labels")
                : castMap(container.get("Config")).get("Labels"));
        labels.put("com.example.db-password", plantedSecret());
        return container;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object value) {
        return (Map<String, Object>) value;
    }
}
