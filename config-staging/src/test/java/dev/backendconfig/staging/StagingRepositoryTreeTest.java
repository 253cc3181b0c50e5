package dev.backendconfig.staging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backendconfig.api.Resolution;
import dev.backendconfig.api.ResolutionReport.Outcome;
import dev.backendconfig.api.ServiceResolver;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.testsupport.CallerEnvironment;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import uk.org.webcompere.systemstubs.environment.EnvironmentVariables;
import uk.org.webcompere.systemstubs.jupiter.SystemStub;
import uk.org.webcompere.systemstubs.jupiter.SystemStubsExtension;

/** The provider in a real repository tree, with the process's real variables, found by the real ServiceLoader. */
@ExtendWith(SystemStubsExtension.class)
class StagingRepositoryTreeTest {

    @TempDir
    Path root;

    @SystemStub
    private EnvironmentVariables variables = new EnvironmentVariables();

    @BeforeEach
    void removeTheCallersVariables() {
        CallerEnvironment.present().forEach(variables::remove);
    }

    private Path repository() throws IOException {
        Path repository = Files.createDirectories(root.resolve("project"));
        Files.createDirectories(repository.resolve(".git"));
        return repository;
    }

    private Resolution resolveFrom(Path workingDirectory) {
        return ServiceResolver.create().resolve(ResolutionContext.systemBuilder().workingDirectory(workingDirectory).build());
    }

    @Test
    void findsTheFileTwoLevelsUpAndRealVariablesOverrideItsValues() throws IOException {
        Path repository = repository();
        Files.writeString(repository.resolve(".env.staging.e2e"), StagingEndpointProviderTest.EXAMPLE);
        Path tests = Files.createDirectories(repository.resolve("frontend/e2e"));
        variables.set("STAGING_WEBSOCKET_URL", "wss://realtime-staging.example.test/api/v1/websocket");

        Resolution resolution = resolveFrom(tests);

        assertThat(resolution.endpoint().http()).isEqualTo(URI.create("https://backend-staging.example.test"));
        assertThat(resolution.endpoint().webSocket())
                .isEqualTo(URI.create("wss://realtime-staging.example.test/api/v1/websocket"));
        assertThat(resolution.report().line("staging").orElseThrow().notes()).containsExactly(
                "STAGING_WEBSOCKET_URL from the environment wins over " + repository.resolve(".env.staging.e2e") + ":4",
                "HTTP and WebSocket URLs point to different hosts or ports (backend-staging.example.test:443 and"
                        + " realtime-staging.example.test:443)");
    }

    @Test
    void aFileAboveTheRepositoryRootIsNotUsed() throws IOException {
        Files.writeString(root.resolve(".env.staging.e2e"), StagingEndpointProviderTest.EXAMPLE);
        Path repository = repository();
        Path tests = Files.createDirectories(repository.resolve("e2e"));

        ServiceResolver resolver = ServiceResolver.create();
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() ->
                resolver.resolve(ResolutionContext.systemBuilder().workingDirectory(tests).build()));

        assertThat(thrown).isInstanceOf(dev.backendconfig.api.ServiceNotFoundException.class);
        assertThat(((dev.backendconfig.api.ServiceNotFoundException) thrown).report().line("staging").orElseThrow())
                .satisfies(line -> {
                    assertThat(line.outcome()).isEqualTo(Outcome.SKIPPED);
                    assertThat(line.reason()).isEqualTo("no .env.staging.e2e from " + tests + " up to " + repository);
                });
    }
}
