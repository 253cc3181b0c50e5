package dev.backendconfig.staging;

import dev.backendconfig.api.spi.EndpointProvider;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.testkit.EndpointProviderContractTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

class StagingEndpointProviderContractTest extends EndpointProviderContractTest {

    @Override
    protected EndpointProvider provider() {
        return new StagingEndpointProvider();
    }

    @Override
    protected int documentedPriority() {
        return 100;
    }

    @Override
    protected ResolutionContext emptyContext(Path directory) {
        try {
            Files.createDirectories(directory.resolve(".git"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return super.emptyContext(directory);
    }

    @Override
    protected ResolutionContext foundContext(Path directory) throws IOException {
        Files.createDirectories(directory.resolve(".git"));
        Files.writeString(directory.resolve(".env.staging.e2e"), StagingEndpointProviderTest.EXAMPLE
                .replace("not-for-logs", plantedSecret()));
        return ResolutionContext.builder().workingDirectory(directory).build();
    }

    @Override
    protected String expectedHttp() {
        return "https://backend-staging.example.test";
    }
}
