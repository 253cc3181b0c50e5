package dev.backendconfig.consumers.classpath;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backendconfig.api.InvalidConfigurationException;
import dev.backendconfig.api.Resolution;
import dev.backendconfig.api.ServiceResolver;
import dev.backendconfig.api.spi.EndpointProvider;
import dev.backendconfig.api.spi.ResolutionContext;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A project with config-api and config-env only, on the class path, as a user's suite has them. */
class ClassPathConsumerTest {

    @TempDir
    Path directory;

    @Test
    void theJarsAreOnTheClassPathAndOnlyProviderEnvIsLoaded() {
        assertThat(ServiceResolver.class.getModule().isNamed()).as("config-api in a named module").isFalse();
        assertThat(ServiceResolver.create().providers()).extracting(EndpointProvider::id).containsExactly("env");
        assertThatThrownBy(() -> Class.forName("dev.backendconfig.docker.DockerEndpointProvider"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void aSettingOfProviderDockerSaysThatNoProviderDockerIsOnTheClassPath() {
        ResolutionContext context = ResolutionContext.builder().workingDirectory(directory)
                .systemProperties(Map.of("backendconfig.docker.service", "x")).build();

        assertThatThrownBy(() -> ServiceResolver.create().resolve(context))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("system property backendconfig.docker.service: setting 'backendconfig.docker.service' has"
                        + " no effect: no provider 'docker' is on the classpath (loaded: env); add the module that"
                        + " provides it as a test dependency, or remove the setting");
    }

    @Test
    void envResolvesFromItsVariable() {
        ResolutionContext context = ResolutionContext.builder().workingDirectory(directory)
                .environment(Map.of("TEST_BACKEND_URL", "http://localhost:8002")).build();

        Resolution resolution = ServiceResolver.create().resolve(context);

        assertThat(resolution.endpoint().http()).isEqualTo(URI.create("http://localhost:8002"));
        assertThat(resolution.endpoint().webSocket()).isEqualTo(URI.create("ws://localhost:8002"));
        assertThat(resolution.endpoint().source()).isEqualTo("env");
    }
}
