package dev.backendconfig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** explain through its entry point, with plain maps for the environment and real files in a project directory. */
class ExplainTest {

    @TempDir
    Path project;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Map<String, String> environment = new HashMap<>();
    private final Map<String, String> properties = new HashMap<>();

    @BeforeEach
    void aProjectWithoutDocker() throws IOException {
        Files.createDirectory(project.resolve(".git"));
        environment.put("DOCKER_HOST", "unix://" + project.resolve("no-engine.sock"));
        properties.put("user.dir", project.toString());
        properties.put("user.home", project.toString());
    }

    private int run(String... arguments) {
        return new Explain(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true,
                StandardCharsets.UTF_8), environment, properties).run(List.of(arguments));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private void stagingFile() throws IOException {
        Files.writeString(project.resolve(".env.staging.e2e"), "STAGING_BASE_URL=https://backend-staging.example.test\n"
                + "STAGING_WEBSOCKET_URL=wss://backend-staging.example.test/ws\nTEST_USER_PASSWORD=not-for-logs\n");
    }

    @Test
    void foundPrintsTheReportAndExitsZero() {
        environment.put("TEST_BACKEND_URL", "http://localhost:8002");
        assertThat(run()).isEqualTo(Explain.FOUND);
        assertThat(out()).startsWith("backend: http://localhost:8002  ws://localhost:8002  (from env, ")
                .contains("  env      300  found        TEST_BACKEND_URL is set; WebSocket URL derived from it")
                .contains("  docker   200  not asked\n  staging  100  not asked\n");
        assertThat(err()).isEmpty();
    }

    @Test
    void fallsBackToStagingAndSaysWhyTheOthersDidNot() throws IOException {
        stagingFile();
        assertThat(run("--dir", project.toString())).isEqualTo(Explain.FOUND);
        assertThat(out()).startsWith("backend: https://backend-staging.example.test  wss://backend-staging.example.test/ws"
                + "  (from staging, ")
                .contains("  docker   200  unavailable  DOCKER_HOST names unix://" + project.resolve("no-engine.sock")
                        + ", which does not exist (is the engine running?); no compose file in " + project
                        + " to predict the port from")
                .contains("  staging  100  found        shared staging deployment from " + project.resolve(".env.staging.e2e"))
                .doesNotContain("not-for-logs");
    }

    @Test
    void readsTheProjectsSettingsFileFromItsTestResources() throws IOException {
        Path resources = Files.createDirectories(project.resolve("src/test/resources"));
        Files.writeString(resources.resolve("backend-config.properties"), "providers=env\n");
        environment.put("BACKEND_URL", "http://localhost:8002");
        assertThat(run("--dir", project.toString())).isEqualTo(Explain.FOUND);
        assertThat(out()).contains("  docker   200  excluded     left out by setting providers")
                .contains("  setting providers=env (" + resources.resolve("backend-config.properties") + ":1)");
    }

    @Test
    void notFoundPrintsTheReportAndNextStepsAndExitsTwo() {
        assertThat(run()).isEqualTo(Explain.NOT_FOUND);
        assertThat(out()).startsWith("No backend found.\nbackend: none found (3 providers asked, ")
                .contains("What to do next:\n  - env: set TEST_BACKEND_URL")
                // the step for docker answers its actual outcome (DOCKER_HOST names a socket that is gone)
                .contains("\n  - docker: start the engine that DOCKER_HOST names, or fix or unset DOCKER_HOST (the socket "
                        + project.resolve("no-engine.sock") + " does not exist)\n");
        assertThat(err()).isEqualTo("explain: no backend found; the report says why\n");
    }

    @Test
    void invalidConfigurationExitsThreeWithOneLineOnStderr() {
        environment.put("BACKEND_URL", "localhost:8002");
        assertThat(run()).isEqualTo(Explain.INVALID);
        assertThat(err()).isEqualTo("explain: variable BACKEND_URL: expected an absolute http or https URL such as"
                + " http://localhost:8002, got a value without a scheme (write http://host:port)\n");
    }

    @Test
    void anUnknownSettingGivenWithSetIsInvalidAndNamesTheNearestKey() {
        assertThat(run("--set", "docker.servce=backend")).isEqualTo(Explain.INVALID);
        assertThat(err()).isEqualTo("explain: setting docker.servce given to --set: unknown setting 'docker.servce'; did"
                + " you mean 'docker.service'? (every setting is listed in the README, and by 'explain --help')\n");
    }

    @Test
    void envFormatPrintsShellSafeLines() {
        environment.put("TEST_BACKEND_URL", "http://localhost:8002/api?a=1&b=2");
        assertThat(run("--format=env")).isEqualTo(Explain.FOUND);
        assertThat(out()).isEqualTo("BACKEND_URL='http://localhost:8002/api?a=1&b=2'\n"
                + "WEBSOCKET_URL='ws://localhost:8002/api?a=1&b=2'\nBACKEND_SOURCE=env\nBACKEND_CONFIRMED=true\n");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "http://localhost:8002 | http://localhost:8002",
        "http://[::1]:8002/x | 'http://[::1]:8002/x'",
        "http://h:8002/a:~ | 'http://h:8002/a:~'",
        "~/x | '~/x'",
        "it's | 'it'\\''s'",
        "a b | 'a b'",
        "$(rm -rf x) | '$(rm -rf x)'",
    })
    void quotesForTheShell(String value, String quoted) {
        assertThat(EnvOutput.quote(value)).isEqualTo(quoted);
    }

    @Test
    void envFormatPrintsNothingOnStdoutWhenNothingIsFound() {
        assertThat(run("--format", "env")).isEqualTo(Explain.NOT_FOUND);
        assertThat(out()).isEmpty();
        assertThat(err()).isEqualTo("explain: no backend found\n");
    }

    @Test
    void jsonFormatHoldsTheEndpointMaskedAndEveryProvider() throws Exception {
        environment.put("TEST_BACKEND_URL", "http://e2e:hunter2@localhost:8002");
        assertThat(run("--format=json")).isEqualTo(Explain.FOUND);
        JsonNode document = new ObjectMapper().readTree(out());
        assertThat(document.get("found").booleanValue()).isTrue();
        assertThat(document.get("endpoint").get("http").textValue()).isEqualTo("http://***@localhost:8002");
        assertThat(document.get("providers").valueStream().map(p -> p.get("id").textValue() + " "
                + p.get("outcome").textValue())).containsExactly("env found", "docker not asked", "staging not asked");
        assertThat(out()).doesNotContain("hunter2");
    }

    @Test
    void jsonFormatWhenNothingIsFoundHasTheNextSteps() throws Exception {
        assertThat(run("--format=json")).isEqualTo(Explain.NOT_FOUND);
        JsonNode document = new ObjectMapper().readTree(out());
        assertThat(document.get("found").booleanValue()).isFalse();
        assertThat(document.get("nextSteps").isArray()).isTrue();
        assertThat(document.get("nextSteps").size()).isPositive();
    }

    @Test
    void probeChecksTheChosenBackend() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        try {
            int port = server.getAddress().getPort();
            environment.put("TEST_BACKEND_URL", "http://127.0.0.1:" + port);
            assertThat(run("--probe=http", "--set", "probe.http-path=/health")).isEqualTo(Explain.FOUND);
            assertThat(out()).endsWith("probe: http GET http://127.0.0.1:" + port + "/health: answered 200\n");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aBackendThatDoesNotAnswerTheProbeExitsTwo() throws IOException {
        int port;
        try (java.net.ServerSocket closed = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        environment.put("TEST_BACKEND_URL", "http://127.0.0.1:" + port);
        assertThat(run("--probe", "tcp")).isEqualTo(Explain.NOT_FOUND);
        assertThat(err()).isEqualTo("explain: the backend does not answer: tcp 127.0.0.1:" + port + ": connection refused\n");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--verbose | explain: unknown option '--verbose' (see --help)",
        "--formt=json | explain: unknown option '--formt=...'; did you mean '--format'? (see --help)",
        "http://e2e:hunter2@host | explain: unexpected argument (not shown: it may hold a secret); explain takes options"
                + " only, each value after its option: --dir DIR, --set key=value (see --help)",
        "--format=xml | explain: --format expects text, env or json, got a value that is not one of them (not shown: it"
                + " may hold a secret)",
        "--probe=ping | explain: --probe expects none, tcp, http or websocket, got a value that is not one of them (not"
                + " shown: it may hold a secret)",
        "--set=novalue | explain: --set expects key=value (for example --set docker.service=backend), got a value"
                + " without '='",
        "--set=backendconfig.url=http://x | explain: --set takes keys without the backendconfig. prefix: --set url=...",
        "--dir | explain: --dir needs a value (see --help)",
    })
    void badArgumentsExitSixtyFourWithOneLine(String argument, String message) {
        assertThat(run(argument)).isEqualTo(Explain.USAGE);
        assertThat(err()).isEqualTo(message + "\n");
        assertThat(out()).isEmpty();
    }

    @Test
    void aDirectoryThatDoesNotExistIsABadArgument() {
        assertThat(run("--dir", "missing")).isEqualTo(Explain.USAGE);
        assertThat(err()).isEqualTo("explain: --dir missing: " + project.resolve("missing") + " does not exist\n");
    }

    /** An argument may be a secret typed in the wrong place: the error names the option, never what came with it. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--url=http://e2e:s3/cr3t@host.example.test | explain: unknown option '--url=...' (see --help)",
        "--password=s3cr3t | explain: unknown option '--password=...' (see --help)",
        "http://e2e:s3cr3t@host.example.test | explain: unexpected argument (not shown: it may hold a secret); explain"
                + " takes options only, each value after its option: --dir DIR, --set key=value (see --help)",
        "-s3cr3t! | explain: unknown option (not shown: it is not an option name and may hold a secret) (see --help)",
        "--format=s3cr3t | explain: --format expects text, env or json, got a value that is not one of them (not shown:"
                + " it may hold a secret)",
        "--probe=http://u:s3cr3t@h | explain: --probe expects none, tcp, http or websocket, got a value that is not one"
                + " of them (not shown: it may hold a secret)",
        "--set=http://e2e:s3cr3t@host | explain: --set expects key=value (for example --set docker.service=backend),"
                + " got a value without '='",
        "--set=s3cr3t | explain: --set expects key=value (for example --set docker.service=backend), got a value"
                + " without '='",
        "--set==s3cr3t | explain: --set expects key=value (for example --set docker.service=backend), got a value"
                + " without a key before '='",
        "--set=backendconfig.s3cr3t:x=1 | explain: --set takes keys without the backendconfig. prefix: --set <key>=...",
        "--dir=http://e2e:s3cr3t@host | explain: --dir: the directory given does not exist (not shown: it looks like a"
                + " URL, which may hold a password)",
        "--dir=e2e:s3cr3t@host | explain: --dir: the directory given does not exist (not shown: it looks like a URL,"
                + " which may hold a password)",
        "--dir=password=s3cr3t | explain: --dir: the directory given does not exist (not shown: it looks like a URL,"
                + " which may hold a password)",
    })
    void anArgumentThatMayHoldASecretIsNeverQuotedBack(String argument, String message) {
        assertThat(run(argument)).isEqualTo(Explain.USAGE);
        assertThat(err()).isEqualTo(message + "\n").doesNotContain("s3cr3t", "cr3t");
    }

    @Test
    void aDirectoryNameWithControlCharactersIsShownOnOneLine() {
        assertThat(run("--dir", "missing\n[WARN] forged")).isEqualTo(Explain.USAGE);
        assertThat(err()).isEqualTo("explain: --dir missing\\n[WARN] forged: " + project.resolve("missing\n[WARN] forged")
                .toString().replace("\n", "\\n") + " does not exist\n");
    }

    @Test
    void helpListsOptionsProvidersSettingsAndExitCodes() {
        assertThat(run("--help")).isEqualTo(Explain.FOUND);
        assertThat(out()).contains("--format text|env|json").contains("  env         300\n  docker      200\n"
                + "  staging     100\n").contains("  docker.container-port        8000\n")
                .contains("  64  the command line is wrong");
    }

    private void threeServicesInStaging() throws IOException {
        Files.writeString(project.resolve(".env.staging.e2e"), "STAGING_BASE_URL=https://backend-staging.example.test\n"
                + "STAGING_AUTH_URL=https://auth-staging.example.test\n"
                + "STAGING_FRONTEND_URL=https://app-staging.example.test\n");
        environment.put("BACKENDCONFIG_SERVICES", "auth,frontend");
    }

    @Test
    void envFormatPrintsEveryServiceBesideTheBackend() throws IOException {
        threeServicesInStaging();
        assertThat(run("--format=env")).isEqualTo(Explain.FOUND);
        assertThat(out()).isEqualTo("BACKEND_URL=https://backend-staging.example.test\n"
                + "WEBSOCKET_URL=wss://backend-staging.example.test\n"
                + "BACKEND_SOURCE=staging\n"
                + "BACKEND_CONFIRMED=true\n"
                + "AUTH_URL=https://auth-staging.example.test\n"
                + "AUTH_WEBSOCKET_URL=wss://auth-staging.example.test\n"
                + "AUTH_CONFIRMED=true\n"
                + "FRONTEND_URL=https://app-staging.example.test\n"
                + "FRONTEND_WEBSOCKET_URL=wss://app-staging.example.test\n"
                + "FRONTEND_CONFIRMED=true\n");
    }

    @Test
    void aServiceWithoutWebSocketHasNoWebSocketLineAndNoWebSocketInJson() throws Exception {
        threeServicesInStaging();
        environment.put("BACKENDCONFIG_SERVICES_FRONTEND_WEBSOCKET", "false");
        assertThat(run("--format=env")).isEqualTo(Explain.FOUND);
        assertThat(out()).contains("FRONTEND_URL=https://app-staging.example.test\nFRONTEND_CONFIRMED=true\n")
                .doesNotContain("FRONTEND_WEBSOCKET_URL");
        out.reset();
        assertThat(run("--format=json")).isEqualTo(Explain.FOUND);
        JsonNode frontend = new ObjectMapper().readTree(out()).path("services").path("frontend");
        assertThat(frontend.path("webSocket").isNull()).isTrue();
        assertThat(frontend.path("http").textValue()).isEqualTo("https://app-staging.example.test");
    }

    @Test
    void aPredictedPortIsMarkedUnconfirmedInEveryFormat() throws Exception {
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        try {
            java.net.InetSocketAddress backend = server.getAddress();
            Files.writeString(project.resolve("compose.yaml"), "services:\n  backend:\n    ports: [\""
                    + backend.getPort() + ":8000\"]\n");
            assertThat(run("--format=env")).isEqualTo(Explain.FOUND);
            assertThat(out()).isEqualTo("BACKEND_URL=http://localhost:" + backend.getPort() + "\nWEBSOCKET_URL=ws://localhost:"
                    + backend.getPort() + "\nBACKEND_SOURCE=docker\nBACKEND_CONFIRMED=false\n");
            out.reset();
            assertThat(run("--format=json")).isEqualTo(Explain.FOUND);
            JsonNode endpoint = new ObjectMapper().readTree(out()).path("endpoint");
            assertThat(endpoint.path("confirmed").booleanValue()).isFalse();
            assertThat(endpoint.path("unconfirmed").textValue()).startsWith("predicted http://localhost:"
                    + backend.getPort() + " for service backend from " + project.resolve("compose.yaml") + ":3 while the"
                    + " engine could not be asked");
            out.reset();
            assertThat(run()).isEqualTo(Explain.FOUND);
            assertThat(out()).startsWith("backend: http://localhost:" + backend.getPort() + "  ws://localhost:"
                    + backend.getPort() + "  UNCONFIRMED: predicted http://localhost:" + backend.getPort());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void jsonFormatListsTheServicesAndEachProvidersAnswerPerService() throws Exception {
        threeServicesInStaging();
        environment.put("TEST_BACKEND_URL", "http://localhost:8002");
        environment.put("BACKENDCONFIG_SERVICES_AUTH_REQUIRED", "false");
        environment.put("BACKENDCONFIG_SERVICES_FRONTEND_REQUIRED", "false");
        assertThat(run("--format=json")).isEqualTo(Explain.FOUND);
        JsonNode document = new ObjectMapper().readTree(out());
        assertThat(document.get("services").fieldNames()).toIterable().containsExactly("backend");
        JsonNode env = document.get("providers").get(0);
        assertThat(env.get("id").textValue()).isEqualTo("env");
        assertThat(env.get("services").valueStream().map(service -> service.get("service").textValue() + " "
                + service.get("found").booleanValue() + " " + service.get("required").booleanValue()))
                .containsExactly("backend true true", "auth false false", "frontend false false");
    }

    @Test
    void jsonFormatWithEveryServiceFoundHasEachEndpoint() throws Exception {
        threeServicesInStaging();
        assertThat(run("--format=json")).isEqualTo(Explain.FOUND);
        JsonNode services = new ObjectMapper().readTree(out()).get("services");
        assertThat(services.fieldNames()).toIterable().containsExactly("backend", "auth", "frontend");
        assertThat(services.get("auth").get("http").textValue()).isEqualTo("https://auth-staging.example.test");
        assertThat(services.get("auth").get("source").textValue()).isEqualTo("staging");
    }

    @Test
    void aDeclaredServiceNoProviderCanFindIsNotFoundWithEachProvidersReason() throws IOException {
        threeServicesInStaging();
        environment.put("BACKENDCONFIG_SERVICES", "payments");
        assertThat(run()).isEqualTo(Explain.NOT_FOUND);
        assertThat(out()).contains("  env      300  skipped      no variable of any service is set (backend:"
                + " TEST_BACKEND_URL, BACKEND_URL, TEST_WEBSOCKET_URL, WEBSOCKET_URL; payments: TEST_PAYMENTS_URL,"
                + " PAYMENTS_URL, TEST_PAYMENTS_WEBSOCKET_URL, PAYMENTS_WEBSOCKET_URL)")
                .contains("  staging  100  partial      shared staging deployment from " + project.resolve(
                        ".env.staging.e2e") + "; lacks required service payments")
                .contains("payments (not found): " + project.resolve(".env.staging.e2e") + " sets none of"
                        + " STAGING_PAYMENTS_URL, STAGING_PAYMENTS_WEBSOCKET_URL;");
        assertThat(err()).isEqualTo("explain: no backend found; the report says why\n");
    }
}
