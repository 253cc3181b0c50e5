package dev.backendconfig.docker;

import static dev.backendconfig.docker.testing.Recorded.id;
import static dev.backendconfig.docker.testing.Recorded.inspection;
import static dev.backendconfig.docker.testing.Recorded.list;
import static dev.backendconfig.docker.testing.Recorded.listEntry;
import static dev.backendconfig.docker.testing.Recorded.text;

import dev.backendconfig.api.spi.BackendEndpointProvider;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.api.testing.BackendEndpointProviderContractTest;
import dev.backendconfig.docker.testing.FakeDockerEngine;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

class DockerEndpointProviderContractTest extends BackendEndpointProviderContractTest {

    private FakeDockerEngine engine;

    @AfterEach
    void stopEngine() throws IOException {
        if (engine != null) {
            engine.close();
        }
    }

    @Override
    protected BackendEndpointProvider provider() {
        return new DockerEndpointProvider(directory.resolve("no-default-engine.sock"));
    }

    @Override
    protected int documentedPriority() {
        return DockerEndpointProvider.PRIORITY;
    }

    @Override
    protected ResolutionContext foundContext(Path directory) throws IOException {
        if (engine == null) {
            engine = FakeDockerEngine.onUnixSocket(directory.resolve("engine.sock"));
            Map<String, Object> alpine = listEntry("alpine-test-backend");
            engine.containers(list(alpine)).inspect(id(alpine), text(inspection("alpine")));
        }
        return ResolutionContext.builder().workingDirectory(directory)
                .environment(Map.of("DOCKER_HOST", engine.dockerHost(), "TEST_USER_PASSWORD", plantedSecret()))
                .build();
    }

    @Override
    protected String expectedHttp() {
        return "http://localhost:8002";
    }
}
