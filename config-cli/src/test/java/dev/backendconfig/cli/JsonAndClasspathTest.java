package dev.backendconfig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.backendconfig.api.ServiceEndpoint;
import dev.backendconfig.api.spi.EndpointProvider;
import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.toolkit.Origin;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * explain's JSON document (the probe, the project, each provider's origins, details on request) and the user's class
 * path given with {@code --classpath} (its providers, its settings file, its class loader), through the entry point.
 */
class JsonAndClasspathTest extends CommandInProject {

    private JsonNode json() throws IOException {
        return new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
    }

    /** A provider a user's test class path brings; it notes the context class loader it was asked under. */
    public static final class ClasspathProvider implements EndpointProvider {
        static volatile String contextLoader = "";

        @Override
        public String id() {
            return "classpath";
        }

        @Override
        public int priority() {
            return 400;
        }

        @Override
        public ProviderResult resolve(ResolutionContext context) {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            contextLoader = loader == null ? "none" : String.valueOf(loader.getName());
            return ProviderResult.found(ServiceEndpoint.builder(id()).http(URI.create("http://localhost:9123"),
                    Origin.other("the class path")).build(), "found on the class path");
        }
    }

    @Test
    void jsonHoldsTheProbeMadeWithItsAnswerAndTime() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        try {
            String backend = "http://127.0.0.1:" + server.getAddress().getPort();
            environment.put("TEST_BACKEND_URL", backend);
            assertThat(run("--format=json", "--probe=http")).isEqualTo(Explain.FOUND);
            JsonNode probe = json().get("probe");
            assertThat(probe.get("ready").booleanValue()).isTrue();
            assertThat(probe.get("description").textValue()).isEqualTo("http GET " + backend + "/: answered 204");
            assertThat(probe.get("elapsedMillis").isNumber()).isTrue();
            assertThat(probe.get("elapsedMillis").decimalValue().signum()).isPositive();
        } finally {
            server.stop(0);
        }
    }

    @Test
    void jsonSaysWhichMarkerFoundTheProjectAndFromWhere() throws IOException {
        Path tests = Files.createDirectories(project.resolve("src/test"));
        properties.put("user.dir", tests.toString());
        environment.put("TEST_BACKEND_URL", "http://localhost:8002");
        assertThat(run("--format=json")).isEqualTo(Explain.FOUND);
        JsonNode found = json().get("project");
        assertThat(found.get("directory").textValue()).isEqualTo(project.toString());
        assertThat(found.get("marker").textValue()).isEqualTo(".git");
        assertThat(found.get("searchedFrom").textValue()).isEqualTo(tests.toString());
        assertThat(found.get("givenWithDir").booleanValue()).isFalse();
    }

    @Test
    void jsonOfADirectoryGivenWithDirHasNoMarkerAndNoSearch() throws IOException {
        environment.put("TEST_BACKEND_URL", "http://localhost:8002");
        assertThat(run("--format=json", "--dir", project.toString())).isEqualTo(Explain.FOUND);
        JsonNode given = json().get("project");
        assertThat(given.get("marker").isNull()).isTrue();
        assertThat(given.get("searchedFrom").isNull()).isTrue();
        assertThat(given.get("givenWithDir").booleanValue()).isTrue();
    }

    @Test
    void jsonNamesWhereEachProviderAndServiceTookItsValuesFrom() throws IOException {
        environment.put("TEST_BACKEND_URL", "http://localhost:8002");
        environment.put("TEST_AUTH_URL", "http://localhost:8083");
        assertThat(run("--format=json", "--set", "providers=env", "--set", "services=auth")).isEqualTo(Explain.FOUND);
        JsonNode env = json().get("providers").get(0);
        assertThat(env.get("origins").toString()).isEqualTo("{\"http\":\"variable TEST_BACKEND_URL\",\"websocket\":"
                + "\"derived from the HTTP URL (variable TEST_BACKEND_URL)\"}");
        JsonNode auth = env.get("services").get(1);
        assertThat(auth.get("service").textValue()).isEqualTo("auth");
        assertThat(auth.get("origins").toString()).isEqualTo("{\"http\":\"variable TEST_AUTH_URL\",\"websocket\":"
                + "\"derived from the HTTP URL (variable TEST_AUTH_URL)\"}");
        assertThat(env.get("elapsedMillis").isNumber()).isTrue();
    }

    @Test
    void jsonWithDetailsShowsTheUrlsAsTheyAreSecretsIncluded() throws IOException {
        environment.put("TEST_BACKEND_URL", "http://e2e:hunter2@localhost:8002");
        assertThat(run("--format=json", "--details")).isEqualTo(Explain.FOUND);
        JsonNode endpoint = json().get("endpoint");
        assertThat(endpoint.get("http").textValue()).isEqualTo("http://e2e:hunter2@localhost:8002");
        assertThat(endpoint.get("webSocket").textValue()).isEqualTo("ws://e2e:hunter2@localhost:8002");
        out.reset();
        assertThat(run("--format=json")).isEqualTo(Explain.FOUND);
        assertThat(json().get("endpoint").get("webSocket").textValue()).isEqualTo("ws://***@localhost:8002");
    }

    private void classpathWithItsProvider() throws IOException {
        Path services = Files.createDirectories(project.resolve("extra/META-INF/services"));
        Files.writeString(services.resolve(EndpointProvider.class.getName()), ClasspathProvider.class.getName() + "\n");
    }

    @Test
    void helpListsTheProvidersTheClasspathAddsAmongTheOthersHighestPriorityFirst() throws IOException {
        classpathWithItsProvider();
        assertThat(run("--help", "--classpath", "extra")).isEqualTo(Explain.FOUND);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\nProviders on the classpath:\n  classpath   400\n"
                + "  env         300\n  docker      200\n  staging     100\n");
    }

    @Test
    void providersOnTheClasspathAreAskedWithItAsTheContextClassLoaderWhichIsRestoredAfter() throws IOException {
        classpathWithItsProvider();
        ClasspathProvider.contextLoader = "";
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        // a loader of the caller's own, never null (a test runner's thread may have none, which restores as null does)
        ClassLoader before = new java.net.URLClassLoader("the caller's", new java.net.URL[0], previous);
        Thread.currentThread().setContextClassLoader(before);
        try {
            assertThat(run("--classpath", "extra")).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(Explain.FOUND);
        } finally {
            assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(before);
            Thread.currentThread().setContextClassLoader(previous);
        }

        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("backend: http://localhost:9123  ws://localhost:9123"
                + "  (from classpath, ").contains("\n  classpath  400  found        found on the class path  ");
        assertThat(ClasspathProvider.contextLoader).isEqualTo("explain --classpath");
    }

    @Test
    void theSettingsFileOnTheClasspathIsReadInsteadOfTheProjectsTestResources() throws IOException {
        Path classes = Files.createDirectories(project.resolve("target/test-classes"));
        Files.writeString(classes.resolve("backend-config.properties"), "providers=env\n");
        Path resources = Files.createDirectories(project.resolve("src/test/resources"));
        Files.writeString(resources.resolve("backend-config.properties"), "providers=staging\n");
        environment.put("TEST_BACKEND_URL", "http://localhost:8002");

        assertThat(run("--classpath", "target/test-classes")).as(err.toString(StandardCharsets.UTF_8))
                .isEqualTo(Explain.FOUND);

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("  docker   200  excluded     left out by setting"
                + " providers").contains("  setting providers=env (");
    }
}
