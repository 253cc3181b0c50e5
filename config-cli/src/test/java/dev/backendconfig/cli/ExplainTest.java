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
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** explain through its entry point, with plain maps for the environment and real files in a project directory. */
class ExplainTest extends CommandInProject {

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
    void notFoundPrintsTheReportAndNextStepsOnStderrAndExitsTwo() {
        assertThat(run()).isEqualTo(Explain.NOT_FOUND);
        assertThat(out()).isEmpty();
        assertThat(err()).startsWith("No backend found.\nbackend: none found (3 providers asked, ")
                .contains("What to do next:\n  - env: set TEST_BACKEND_URL")
                // the step for docker answers its actual outcome (DOCKER_HOST names a socket that is gone)
                .contains("\n  - docker: start the engine that DOCKER_HOST names, or fix or unset DOCKER_HOST (the socket "
                        + project.resolve("no-engine.sock") + " does not exist)\n")
                .endsWith("\nproject: " + project + " (holds .git)\nexplain: no backend found; the report says why\n")
                .doesNotContain("run the explain command");
    }

    @Test
    void invalidConfigurationExitsThreeWithTheReportSoFarAndTheErrorLastOnStderr() {
        environment.put("BACKEND_URL", "localhost:8002");
        assertThat(run()).isEqualTo(Explain.INVALID);
        assertThat(out()).isEmpty();
        assertThat(err()).startsWith("backend: none found (")
                .contains("\n  env      300  invalid      variable BACKEND_URL: expected an absolute http or https URL")
                .contains("\n  docker   200  not asked    resolution stopped at env\n")
                .endsWith("\nproject: " + project + " (holds .git)\nexplain: variable BACKEND_URL: expected an absolute"
                        + " http or https URL such as http://localhost:8002, got a value without a scheme (write"
                        + " http://host:port)\n");
    }

    @Test
    void anUnknownSettingGivenWithSetIsInvalidAndNamesTheNearestKey() {
        assertThat(run("--set", "docker.servce=backend")).isEqualTo(Explain.INVALID);
        assertThat(err()).isEqualTo("project: " + project + " (holds .git)\nexplain: setting docker.servce given to"
                + " --set: unknown setting 'docker.servce'; did you mean 'docker.service'? (every setting is listed in"
                + " docs/settings.md, and by 'explain --help')\n");
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
    void envFormatPrintsNothingOnStdoutAndTheReportOnStderrWhenNothingIsFound() {
        assertThat(run("--format", "env")).isEqualTo(Explain.NOT_FOUND);
        assertThat(out()).isEmpty();
        assertThat(err()).startsWith("No backend found.\nbackend: none found (3 providers asked, ")
                .contains("What to do next:\n  - env: set TEST_BACKEND_URL")
                .endsWith("explain: no backend found; the report says why\n");
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
        // each step is a provider's own; none sends the user to run the explain command they are running
        assertThat(document.get("nextSteps").valueStream().map(JsonNode::textValue))
                .isNotEmpty()
                .allMatch(step -> step.startsWith("env: ") || step.startsWith("docker: ") || step.startsWith("staging: "))
                .noneMatch(step -> step.contains("explain"));
        assertThat(err()).doesNotContain("run the explain command");
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
            assertThat(out()).endsWith("\nproject: " + project + " (holds .git)\nprobe: http GET http://127.0.0.1:" + port
                    + "/health: answered 200\n");
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
        assertThat(out()).isEmpty();
        assertThat(err()).startsWith("backend: http://127.0.0.1:" + port + "  ws://127.0.0.1:" + port + "  (from env, ")
                .endsWith("\nprobe: tcp 127.0.0.1:" + port + ": connection refused\nexplain: the backend does not"
                        + " answer: tcp 127.0.0.1:" + port + ": connection refused\n");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--verbose | explain: unknown option '--verbose' (see --help)",
        "--formt=json | explain: unknown option '--formt=...'; did you mean '--format'? (see --help)",
        "http://e2e:hunter2@host | explain: unexpected argument (not shown: it may hold a secret); the commands are"
                + " explain and wait, and each value follows its option: --dir DIR, --set key=value (see --help)",
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
        "http://e2e:s3cr3t@host.example.test | explain: unexpected argument (not shown: it may hold a secret); the"
                + " commands are explain and wait, and each value follows its option: --dir DIR, --set key=value (see"
                + " --help)",
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
        assertThat(out()).isEmpty();
        assertThat(err()).contains("  env      300  skipped      no variable of any service is set (backend:"
                + " TEST_BACKEND_URL, BACKEND_URL, TEST_WEBSOCKET_URL, WEBSOCKET_URL; payments: TEST_PAYMENTS_URL,"
                + " PAYMENTS_URL, TEST_PAYMENTS_WEBSOCKET_URL, PAYMENTS_WEBSOCKET_URL)")
                .contains("  staging  100  partial      shared staging deployment from " + project.resolve(
                        ".env.staging.e2e") + "; lacks required service payments")
                .contains("payments (not found): " + project.resolve(".env.staging.e2e") + " sets none of"
                        + " STAGING_PAYMENTS_URL, STAGING_PAYMENTS_WEBSOCKET_URL;")
                .endsWith("explain: no backend found; the report says why\n");
    }

    @Test
    void explainTypedAsAWordIsTheCommand() {
        environment.put("TEST_BACKEND_URL", "http://localhost:8002");
        assertThat(run("explain", "--format=env")).as(err()).isEqualTo(Explain.FOUND);
        assertThat(out()).startsWith("BACKEND_URL=http://localhost:8002\n");
        out.reset();
        assertThat(run("--format=env", "explain")).as(err()).isEqualTo(Explain.FOUND);
        assertThat(out()).startsWith("BACKEND_URL=http://localhost:8002\n");
    }

    @Test
    void twoCommandsAreABadArgument() {
        assertThat(run("explain", "wait")).isEqualTo(Explain.USAGE);
        assertThat(err()).isEqualTo("explain: give one command, explain or wait, not two (see --help)\n");
    }

    @Test
    void theProjectIsFoundFromASubdirectoryAndItsSettingsFileCounts() throws IOException {
        Files.delete(project.resolve(".git"));
        Files.writeString(project.resolve("pom.xml"), "<project/>\n");
        Path resources = Files.createDirectories(project.resolve("src/test/resources"));
        Files.writeString(resources.resolve("backend-config.properties"), "services=auth\n");
        environment.put("TEST_BACKEND_URL", "http://localhost:8002");
        environment.put("TEST_AUTH_URL", "http://localhost:8083");
        properties.put("user.dir", project.resolve("src/test").toString());

        assertThat(run()).as(err()).isEqualTo(Explain.FOUND);

        assertThat(out()).contains("\nauth:    http://localhost:8083  ws://localhost:8083\n")
                .contains("  setting services=auth (" + resources.resolve("backend-config.properties") + ":1)")
                .endsWith("\nproject: " + project + " (holds pom.xml; found from " + project.resolve("src/test") + ")\n");
    }

    @Test
    void aDirectoryWithoutAnyMarkerAboveItIsUsedAsItIsAndSaysSo() throws IOException {
        Files.delete(project.resolve(".git"));
        environment.put("TEST_BACKEND_URL", "http://localhost:8002");
        // a temporary directory has nothing that marks a project above it on a sane machine; say so when it does
        org.junit.jupiter.api.Assumptions.assumeTrue(ProjectRoot.from(project).marker().isEmpty(),
                "a project marker above " + project);
        assertThat(run()).isEqualTo(Explain.FOUND);
        assertThat(out()).endsWith("\nproject: " + project + " (no build file, compose file, settings file or .git in it"
                + " or above it: used as it is)\n");
    }

    @Test
    void aDirectoryGivenWithDirIsTheProjectAsItIs() throws IOException {
        Path module = Files.createDirectories(project.resolve("e2e"));
        Files.writeString(project.resolve("pom.xml"), "<project/>\n");
        environment.put("TEST_BACKEND_URL", "http://localhost:8002");
        assertThat(run("--dir", "e2e")).isEqualTo(Explain.FOUND);
        assertThat(out()).endsWith("\nproject: " + module + " (given with --dir)\n");
    }

    @Test
    void aComposeFileOrTheSettingsFileMarksTheProjectToo() throws IOException {
        Path frontend = Files.createDirectories(project.resolve("frontend/tests"));
        Files.writeString(project.resolve("frontend/compose.yaml"), "services: {}\n");
        assertThat(ProjectRoot.from(frontend).describe()).isEqualTo(project.resolve("frontend") + " (holds compose.yaml;"
                + " found from " + frontend + ")");
        Path service = Files.createDirectories(project.resolve("service/src/test/resources"));
        Files.writeString(service.resolve("backend-config.properties"), "services=auth\n");
        assertThat(ProjectRoot.from(service.getParent()).directory()).isEqualTo(project.resolve("service"));
    }

    @Test
    void exportPrefixesEveryEnvLine() {
        environment.put("TEST_BACKEND_URL", "http://localhost:8002/a b".replace(" ", "%20"));
        assertThat(run("--format=env", "--export")).isEqualTo(Explain.FOUND);
        assertThat(out()).isEqualTo("export BACKEND_URL=http://localhost:8002/a%20b\n"
                + "export WEBSOCKET_URL=ws://localhost:8002/a%20b\nexport BACKEND_SOURCE=env\n"
                + "export BACKEND_CONFIRMED=true\n");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--export | explain: --export writes export NAME=... lines of --format=env; add --format=env",
        "--format=json --export | explain: --export writes export NAME=... lines of --format=env; add --format=env",
        "--details | explain: --details adds each service's details, secrets included, to --format=env or"
                + " --format=json; the text report never shows secrets",
        "--export=yes --format=env | explain: --export takes no value (see --help)",
        "--timeout=5s | explain: --timeout is an option of wait: backend-config wait --timeout ... (see --help)",
        "--service=auth | explain: --service is an option of wait: backend-config wait --service ... (see --help)",
        "wait --timeout=5 | wait: --timeout expects a duration such as 500ms, 2s or 1m, at most 24h, got a number"
                + " without a unit (add ms, s or m)",
        "wait --timeout=0s | wait: --timeout expects a duration longer than 0, such as 60s",
        "wait --probe=none | wait: --probe none would wait for nothing; wait with tcp, http or websocket",
        "wait --probe=tcp --path=/health | wait: --path is for --probe http or websocket; a tcp probe has no path",
        "wait --service=Auth! | wait: --service expects a service name such as backend or auth (lower-case letters and"
                + " digits, words joined by '-'), got a value that is not one (not shown: it may hold a secret)",
        "wait --path=health | wait: --path expects a path that begins with '/', such as /health, without spaces, got a"
                + " value that is not one (not shown: it may hold a secret)",
        "wait --path=/x?token=s3cr3t | wait: --path expects a path that begins with '/', such as /health, without"
                + " spaces, got a value that is not one (not shown: it may hold a secret)",
    })
    void optionsThatDoNotFitTheCommandOrFormatAreBadArguments(String arguments, String message) {
        assertThat(run(arguments.split(" "))).isEqualTo(Explain.USAGE);
        assertThat(err()).isEqualTo(message + "\n").doesNotContain("s3cr3t");
        assertThat(out()).isEmpty();
    }

    @Test
    void detailsStayOutOfEnvAndMaskedInJsonUnlessAskedFor() throws Exception {
        stagingFile();
        assertThat(run("--format=env")).isEqualTo(Explain.FOUND);
        assertThat(out()).doesNotContain("DETAIL").doesNotContain("not-for-logs");
        out.reset();
        assertThat(run("--format=json")).isEqualTo(Explain.FOUND);
        JsonNode masked = new ObjectMapper().readTree(out()).get("endpoint").get("details");
        assertThat(masked.get("TEST_USER_PASSWORD").textValue()).isEqualTo("***");
        assertThat(out()).doesNotContain("not-for-logs");
    }

    @Test
    void detailsAddEachServicesDetailsSecretsIncludedToEnvAndJson() throws Exception {
        stagingFile();
        assertThat(run("--format=env", "--details")).isEqualTo(Explain.FOUND);
        assertThat(out()).contains("BACKEND_SOURCE=staging\n")
                .contains("\nBACKEND_DETAIL_TEST_USER_PASSWORD=not-for-logs\n")
                .contains("\nBACKEND_DETAIL_STAGING_BASE_URL=https://backend-staging.example.test\n")
                .contains("\nBACKEND_DETAIL_ENV_FILE=" + project.resolve(".env.staging.e2e") + "\n");
        out.reset();
        assertThat(run("--format=json", "--details")).isEqualTo(Explain.FOUND);
        JsonNode details = new ObjectMapper().readTree(out()).get("services").get("backend").get("details");
        assertThat(details.get("TEST_USER_PASSWORD").textValue()).isEqualTo("not-for-logs");
    }

    @Test
    void detailsKeysThatBecomeOneNameKeepTheFirstAndSaySo() {
        dev.backendconfig.api.ServiceEndpoint endpoint = dev.backendconfig.api.ServiceEndpoint.builder("x")
                .http(java.net.URI.create("http://localhost:8002"), dev.backendconfig.toolkit.Origin.other("test"))
                .detail("a-b", "1", dev.backendconfig.toolkit.Origin.other("test"))
                .detail("a_b", "2", dev.backendconfig.toolkit.Origin.other("test")).build();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        new EnvOutput(List.of(), false, true).printDetails(new PrintStream(printed, true, StandardCharsets.UTF_8),
                new dev.backendconfig.api.spi.Service(dev.backendconfig.api.spi.Service.BACKEND, true), endpoint);
        assertThat(printed.toString(StandardCharsets.UTF_8)).isEqualTo("BACKEND_DETAIL_A_B=1\n# BACKEND_DETAIL_A_B is"
                + " detail a-b; detail a_b has the same name and is left out\n");
    }

    @Test
    void jsonFailurePrintsTheDocumentOnStdoutAndTheReportOnStderr() throws Exception {
        environment.put("BACKEND_URL", "localhost:8002");
        assertThat(run("--format=json")).isEqualTo(Explain.INVALID);
        JsonNode document = new ObjectMapper().readTree(out());
        assertThat(document.get("found").booleanValue()).isFalse();
        assertThat(document.get("invalid").booleanValue()).isTrue();
        assertThat(document.get("error").get("code").textValue()).isEqualTo("BCFG01002");
        assertThat(document.get("error").get("message").textValue()).startsWith("variable BACKEND_URL: expected");
        assertThat(document.get("project").get("directory").textValue()).isEqualTo(project.toString());
        assertThat(err()).contains("  env      300  invalid      variable BACKEND_URL")
                .endsWith("explain: variable BACKEND_URL: expected an absolute http or https URL such as"
                        + " http://localhost:8002, got a value without a scheme (write http://host:port)\n");
    }

    private static Set<Thread> liveThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).collect(Collectors.toSet());
    }

    /**
     * wait, with a server whose backlog accepts the connection but that never reads or answers: each probe would wait its whole
     * probe.timeout (set to a minute here); wait cuts the last one to --timeout, and leaves no thread behind.
     */
    @Test
    void aServiceThatHangsIsCutToTheTimeoutAndNoThreadOutlivesTheCommand() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            environment.put("TEST_BACKEND_URL", "http://127.0.0.1:" + silent.getLocalPort());
            Set<Thread> before = liveThreads();
            long start = System.nanoTime();

            int exit = run("wait", "--timeout=1500ms", "--set", "probe.timeout=60s");

            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(exit).isEqualTo(Explain.NOT_FOUND);
            assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(1500)).isLessThan(Duration.ofSeconds(30));
            Set<Thread> after = liveThreads();
            after.removeAll(before);
            assertThat(after).isEmpty();
            assertThat(err.toString(StandardCharsets.UTF_8)).containsPattern("\nwait: not ready within 1\\.5 s: backend"
                    + " \\(http GET http://127\\.0\\.0\\.1:" + silent.getLocalPort() + "/: no answer within \\d+ ms\\)\n$");
        }
    }
}
