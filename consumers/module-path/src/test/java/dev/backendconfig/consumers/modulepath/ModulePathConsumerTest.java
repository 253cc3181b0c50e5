package dev.backendconfig.consumers.modulepath;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backendconfig.api.Resolution;
import dev.backendconfig.api.ServiceResolver;
import dev.backendconfig.api.spi.EndpointProvider;
import dev.backendconfig.toolkit.Origin;
import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The published jars on the module path: providers are found through their {@code provides} clauses (a module on
 * the module path ignores META-INF/services), and each provider works there with the modules it requires.
 */
class ModulePathConsumerTest {

    @TempDir
    Path directory;

    private Map<String, String> noEngine() {
        return Map.of("DOCKER_HOST", "unix://" + directory.resolve("no-engine.sock"));
    }

    @Test
    void thisProjectTheLibraryAndEveryProviderAreNamedModules() {
        assertThat(Backends.class.getModule().getName()).isEqualTo("dev.backendconfig.consumers.modulepath");
        assertThat(ServiceResolver.class.getModule().getName()).isEqualTo("dev.backendconfig.api");
        assertThat(ServiceResolver.create().providers())
                .extracting(EndpointProvider::id, provider -> provider.getClass().getModule().getName())
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("env", "dev.backendconfig.env"),
                        org.assertj.core.groups.Tuple.tuple("docker", "dev.backendconfig.docker"),
                        org.assertj.core.groups.Tuple.tuple("staging", "dev.backendconfig.staging"));
    }

    @Test
    void theCoreExportsItsApiAndNotItsInternals() {
        Module api = ServiceResolver.class.getModule();
        assertThat(api.getDescriptor().exports()).filteredOn(exports -> !exports.isQualified())
                .extracting(ModuleDescriptor.Exports::source)
                .containsExactlyInAnyOrder("dev.backendconfig.api", "dev.backendconfig.api.spi");
        assertThat(api.getDescriptor().exports()).as("packages exported to some modules alone")
                .filteredOn(ModuleDescriptor.Exports::isQualified).isEmpty();
        assertThat(api.isExported("dev.backendconfig.api.internal", Backends.class.getModule())).isFalse();
    }

    @Test
    void theToolkitIsAModuleBeneathTheCoreThatItsUsersReadThroughIt() {
        Module toolkit = Origin.class.getModule();
        assertThat(toolkit.getName()).isEqualTo("dev.backendconfig.toolkit");
        assertThat(toolkit.getDescriptor().exports()).extracting(ModuleDescriptor.Exports::source)
                .containsExactlyInAnyOrder("dev.backendconfig.toolkit", "dev.backendconfig.toolkit.dotenv");
        assertThat(toolkit.getDescriptor().requires()).extracting(ModuleDescriptor.Requires::name)
                .containsExactlyInAnyOrder("java.base", "org.apiguardian.api");
        assertThat(Backends.class.getModule().canRead(toolkit)).isTrue();
    }

    @Test
    void envAnswersFromItsVariable() {
        Map<String, String> environment = new java.util.HashMap<>(noEngine());
        environment.put("TEST_BACKEND_URL", "http://localhost:8002");

        Resolution resolution = Backends.resolve(environment, directory, Map.of());

        assertThat(resolution.endpoint().source()).isEqualTo("env");
        assertThat(resolution.endpoint().webSocket()).isEqualTo(URI.create("ws://localhost:8002"));
    }

    @Test
    void dockerPredictsThePortFromAComposeFileReadByTheYamlModule() throws IOException {
        Files.writeString(directory.resolve("compose.yaml"), """
                services:
                  backend:
                    ports:
                      - "${BACKEND_PORT:-8002}:8000"
                """);
        try (java.net.ServerSocket backend = new java.net.ServerSocket(0, 50,
                java.net.InetAddress.getLoopbackAddress())) {
            Thread answering = new Thread(() -> answerHttp(backend), "http-backend");
            answering.setDaemon(true);
            answering.start();
            Map<String, String> environment = new java.util.HashMap<>(noEngine());
            environment.put("BACKEND_PORT", Integer.toString(backend.getLocalPort()));

            Resolution resolution = Backends.resolve(environment, directory, Map.of());

            assertThat(resolution.endpoint().source()).isEqualTo("docker");
            assertThat(resolution.endpoint().http()).isEqualTo(URI.create("http://localhost:"
                    + backend.getLocalPort()));
            assertThat(resolution.endpoint().unconfirmed()).as("a prediction is a guess").isPresent();
        }
    }

    /** Answer every HTTP request on {@code server} with 200, as a backend that speaks HTTP does. */
    private static void answerHttp(java.net.ServerSocket server) {
        while (!server.isClosed()) {
            try (java.net.Socket connection = server.accept()) {
                connection.setSoTimeout(5000);
                java.io.InputStream in = connection.getInputStream();
                int matched = 0;
                for (int b = in.read(); b >= 0 && matched < 4; b = matched < 4 ? in.read() : -1) {
                    matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : b == '\r' ? 1 : 0;
                }
                connection.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            } catch (IOException e) {
                // closed, or the client went away
            }
        }
    }

    @Test
    void stagingAnswersFromItsDotenvFile() throws IOException {
        Files.createDirectory(directory.resolve(".git"));
        Files.writeString(directory.resolve(".env.staging.e2e"),
                "STAGING_BASE_URL=https://backend-staging.example.test\n");

        Resolution resolution = Backends.resolve(noEngine(), directory, Map.of());

        assertThat(resolution.endpoint().source()).isEqualTo("staging");
        assertThat(resolution.endpoint().webSocket()).isEqualTo(URI.create("wss://backend-staging.example.test"));
    }
}
