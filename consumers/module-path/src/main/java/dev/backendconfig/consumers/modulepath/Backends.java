package dev.backendconfig.consumers.modulepath;

import dev.backendconfig.api.Resolution;
import dev.backendconfig.api.ServiceResolver;
import dev.backendconfig.api.spi.ResolutionContext;
import java.nio.file.Path;
import java.util.Map;

/** Where the project's backend is, as its code asks for it: through the published API only. */
public final class Backends {

    private Backends() {
    }

    /**
     * Resolve the backend with every provider the module graph binds.
     *
     * @param environment the environment variables to resolve with
     * @param directory the project directory
     * @param settings settings to override
     * @return the endpoint and its report
     */
    public static Resolution resolve(Map<String, String> environment, Path directory, Map<String, String> settings) {
        return ServiceResolver.create().resolve(ResolutionContext.builder().environment(environment)
                .systemProperties(Map.of("user.home", directory.toString())).workingDirectory(directory)
                .settings(settings).build());
    }
}
