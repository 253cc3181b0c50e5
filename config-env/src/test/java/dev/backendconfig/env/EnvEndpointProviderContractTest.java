package dev.backendconfig.env;

import dev.backendconfig.api.spi.EndpointProvider;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.testkit.EndpointProviderContractTest;
import java.nio.file.Path;
import java.util.Map;

class EnvEndpointProviderContractTest extends EndpointProviderContractTest {

    @Override
    protected EndpointProvider provider() {
        return new EnvEndpointProvider();
    }

    @Override
    protected int documentedPriority() {
        return 300;
    }

    @Override
    protected ResolutionContext foundContext(Path directory) {
        return ResolutionContext.builder().workingDirectory(directory)
                .environment(Map.of("TEST_BACKEND_URL", "http://e2e:" + plantedSecret() + "@localhost:8002")).build();
    }

    @Override
    protected String expectedHttp() {
        return "http://e2e:" + plantedSecret() + "@localhost:8002";
    }
}
