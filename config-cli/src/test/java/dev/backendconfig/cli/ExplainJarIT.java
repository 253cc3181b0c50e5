package dev.backendconfig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built jar, run as a user runs it: java -jar target/backend-config.jar, in a fresh process. */
class ExplainJarIT {

    @TempDir
    Path project;

    private record Outcome(int exit, String out, String err) {
    }

    @BeforeEach
    void aProject() throws IOException {
        Files.createDirectory(project.resolve(".git"));
    }

    private Outcome run(Map<String, String> environment, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.home=" + project, "-jar", System.getProperty("explain.jar")));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile());
        builder.environment().clear();
        builder.environment().put("DOCKER_HOST", "unix://" + project.resolve("no-engine.sock"));
        builder.environment().putAll(environment);
        Path out = project.resolve("out.txt");
        Path err = project.resolve("err.txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("explain did not finish within 60 s");
        }
        return new Outcome(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void foundExitsZeroWithTheReport() throws Exception {
        Outcome outcome = run(Map.of("TEST_BACKEND_URL", "http://localhost:8002"));
        assertThat(outcome.exit()).isZero();
        assertThat(outcome.out()).startsWith("backend: http://localhost:8002  ws://localhost:8002  (from env, ");
        assertThat(outcome.err()).isEmpty();
    }

    @Test
    void notFoundExitsTwo() throws Exception {
        Outcome outcome = run(Map.of());
        assertThat(outcome.exit()).isEqualTo(2);
        assertThat(outcome.out()).startsWith("No backend found.\n");
        assertThat(outcome.err()).isEqualTo("explain: no backend found; the report says why\n");
    }

    @Test
    void invalidExitsThree() throws Exception {
        Outcome outcome = run(Map.of("BACKEND_URL", "http://host:65536"));
        assertThat(outcome.exit()).isEqualTo(3);
        assertThat(outcome.err()).isEqualTo("explain: variable BACKEND_URL: expected an absolute http or https URL such"
                + " as http://localhost:8002, got port 65536, outside 1-65535\n");
    }

    @Test
    void badArgumentsExitSixtyFour() throws Exception {
        Outcome outcome = run(Map.of(), "--format=yaml");
        assertThat(outcome.exit()).isEqualTo(64);
        assertThat(outcome.err()).isEqualTo("explain: --format expects text, env or json, got a value that is not one of"
                + " them (not shown: it may hold a secret)\n");
    }

    /**
     * A project as Maven leaves it after test-compile: the README's PortFileEndpointProvider compiled into
     * target/test-classes with its services file, and backend-config.properties in src/test/resources (copied to
     * target/test-classes) setting the provider's own key.
     */
    private void aProjectWithItsOwnProvider() throws IOException {
        Path classes = Files.createDirectories(project.resolve("target/test-classes"));
        Path source = Path.of(System.getProperty("example.provider"));
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        int compiled = compiler.run(null, null, null, "-d", classes.toString(), "-cp", System.getProperty("explain.jar"),
                source.toString());
        assertThat(compiled).as("javac of %s", source).isZero();
        Path services = Files.createDirectories(classes.resolve("META-INF/services"));
        Files.writeString(services.resolve("dev.backendconfig.api.spi.EndpointProvider"),
                "com.example.backend.PortFileEndpointProvider\n");
        String settings = "port-file.path=run/port\n";
        Files.writeString(Files.createDirectories(project.resolve("src/test/resources"))
                .resolve("backend-config.properties"), settings);
        Files.writeString(classes.resolve("backend-config.properties"), settings);
        Files.writeString(Files.createDirectories(project.resolve("run")).resolve("port"), "8123\n");
    }

    @Test
    void aCustomProviderAndItsSettingOnTheClasspathCountAsInTheTests() throws Exception {
        aProjectWithItsOwnProvider();

        Outcome outcome = run(Map.of(), "--classpath", "target/test-classes", "--set", "providers=port-file,docker");

        assertThat(outcome.exit()).as(outcome.err()).isZero();
        assertThat(outcome.out()).startsWith("backend: http://localhost:8123  ws://localhost:8123  (from port-file, ")
                .contains("  port-file  250  found        the launcher wrote port 8123 to " + project.resolve("run/port"))
                .contains("  docker     200  not asked")
                .contains("  setting port-file.path=run/port (" + project.resolve("src/test/resources/"
                        + "backend-config.properties") + ":1)");
        assertThat(outcome.err()).isEmpty();
    }

    @Test
    void withoutTheClasspathTheSameProjectsSettingBelongsToNoLoadedProvider() throws Exception {
        aProjectWithItsOwnProvider();

        Outcome outcome = run(Map.of());

        assertThat(outcome.exit()).isEqualTo(3);
        assertThat(outcome.err()).isEqualTo("explain: " + project.resolve("src/test/resources/backend-config.properties")
                + ":1: setting 'port-file.path' has no effect: no provider 'port-file' is on the classpath (loaded:"
                + " docker, env, staging); add the module that provides it as a test dependency, or remove the"
                + " setting\n");
    }

    @Test
    void aJarOnTheClasspathThatExplainAlreadyHoldsIsNotADuplicate() throws Exception {
        aProjectWithItsOwnProvider();
        Path envJar = Path.of(System.getProperty("config-env.jar"));
        assertThat(envJar).isRegularFile();

        Outcome outcome = run(Map.of("TEST_BACKEND_URL", "http://localhost:8002"), "--classpath",
                "target/test-classes" + File.pathSeparator + envJar);

        assertThat(outcome.exit()).as(outcome.err()).isZero();
        assertThat(outcome.out().lines().filter(line -> line.startsWith("  env "))).hasSize(1);
        assertThat(outcome.out()).startsWith("backend: http://localhost:8002  ws://localhost:8002  (from env, ")
                .doesNotContain("not loaded").doesNotContain("already used");
    }

    @Test
    void aMissingEntryIsSkippedAsJavaDoesButNoExistingEntryIsABadArgument() throws Exception {
        aProjectWithItsOwnProvider();
        String classpath = "target/test-classes" + File.pathSeparator + "target/classes";

        Outcome skipped = run(Map.of(), "--classpath", classpath);
        assertThat(skipped.exit()).as(skipped.err()).isZero();
        assertThat(skipped.out()).startsWith("backend: http://localhost:8123  ws://localhost:8123  (from port-file, ");

        Outcome none = run(Map.of(), "--classpath", "build/classes" + File.pathSeparator + "target/classes");
        assertThat(none.exit()).isEqualTo(64);
        assertThat(none.err()).isEqualTo("explain: --classpath 'build/classes" + File.pathSeparator + "target/classes':"
                + " none of its entries exists under " + project + " (build the project first, for example with mvn"
                + " test-compile)\n");
    }

    @Test
    void theExamplesProjectEndsInTheStagingFallbackWithAllThreeServices() throws Exception {
        Path examples = Path.of(System.getProperty("explain.jar")).getParent().resolve("../../examples").normalize();
        Map<String, String> ports = new java.util.HashMap<>();
        for (String service : List.of("BACKEND", "AUTH", "FRONTEND")) {
            try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                ports.put("ALPINE_TEST_" + service + "_PORT", Integer.toString(socket.getLocalPort()));
            }
        }
        // the stack's ports are variables: point them where nothing listens, whatever runs on this machine
        Outcome outcome = run(ports, "--dir", examples.toString());
        Path compose = examples.resolve("docker/docker-compose.alpine-test.yml");
        assertThat(outcome.exit()).isZero();
        assertThat(outcome.out()).startsWith("backend:  https://backend-staging.example.test"
                + "  wss://backend-staging.example.test/ws  (from staging, ")
                .contains("\nauth:     https://auth-staging.example.test  wss://auth-staging.example.test\n"
                        + "frontend: https://app-staging.example.test  wss://app-staging.example.test\n")
                .contains("backend: predicted http://localhost:" + ports.get("ALPINE_TEST_BACKEND_PORT") + " for service"
                        + " alpine-test-backend from " + compose + ":15, but the protocol is not spoken there")
                .contains("auth: predicted http://localhost:" + ports.get("ALPINE_TEST_AUTH_PORT") + " for service"
                        + " alpine-test-auth from " + compose + ":32, but the protocol is not spoken there")
                .contains("                             auth: from STAGING_AUTH_URL\n")
                .doesNotContain("not-for-logs");
        assertThat(outcome.err()).startsWith("[WARN] Tests will run against the shared staging deployment");
    }
}
