package com.example.backend;

import dev.backendconfig.api.spi.EndpointProvider;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.testkit.EndpointProviderContractTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The manual's example provider under config-testkit's contract test, as its author would write it. */
class PortFileEndpointProviderContractTest extends EndpointProviderContractTest {

    @Override
    protected EndpointProvider provider() {
        return new PortFileEndpointProvider();
    }

    @Override
    protected int documentedPriority() {
        return 250;
    }

    @Override
    protected ResolutionContext foundContext(Path directory) throws IOException {
        Files.writeString(Files.createDirectories(directory.resolve("target")).resolve("backend.port"), "8123\n");
        return ResolutionContext.builder().workingDirectory(directory).build();
    }

    @Override
    protected String expectedHttp() {
        return "http://localhost:8123";
    }
}
