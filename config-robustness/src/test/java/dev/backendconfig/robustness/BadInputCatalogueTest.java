package dev.backendconfig.robustness;

import static dev.backendconfig.testsupport.Recorded.id;
import static dev.backendconfig.testsupport.Recorded.inspection;
import static dev.backendconfig.testsupport.Recorded.list;
import static dev.backendconfig.testsupport.Recorded.listEntry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.backendconfig.api.BackendNotFoundException;
import dev.backendconfig.api.BackendResolver;
import dev.backendconfig.api.InvalidBackendConfigurationException;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.testkit.RecordingLogs;
import dev.backendconfig.cli.Explain;
import dev.backendconfig.testsupport.FakeDockerEngine;
import dev.backendconfig.testsupport.Recorded;
import dev.backendconfig.testsupport.TestPki;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A catalogue of malformed input across variables, settings, dotenv lines, compose files, Docker replies and CLI
 * arguments. Each case names the exact outcome (an exception class, or an exit code) and a message that names the
 * source. In every case a secret is planted — in TEST_USER_PASSWORD, in the staging file, in user info of URLs, in
 * the engine's replies — and no output (message, stack trace, report, log, stdout, stderr) may show it.
 */
class BadInputCatalogueTest {

    static final String SECRET = "pl4nted-s3cret";

    private static final String STAGING_HEAD = "TEST_USER_PASSWORD=" + SECRET + "\n";

    /** What a case sets up in its directory: variables, system properties, files, engines; or CLI arguments. */
    static final class Input {
        final Path directory;
        final Map<String, String> environment = new HashMap<>(Map.of("TEST_USER_PASSWORD", SECRET));
        final Map<String, String> properties = new HashMap<>();
        final List<String> cli = new ArrayList<>();

        Input(Path directory) {
            this.directory = directory;
            environment.put("DOCKER_HOST", "unix://" + directory.resolve("no-engine.sock"));
            properties.put("user.home", directory.toString());
            properties.put("user.dir", directory.toString());
        }

        Input env(String name, String value) {
            environment.put(name, value);
            return this;
        }

        Input property(String name, String value) {
            properties.put(name, value);
            return this;
        }

        Input file(String name, String text) throws IOException {
            Path file = directory.resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
            return this;
        }

        Input bytes(String name, byte[] bytes) throws IOException {
            Files.write(directory.resolve(name), bytes);
            return this;
        }

        Input engine(FakeDockerEngine fake) {
            environment.put("DOCKER_HOST", fake.dockerHost());
            properties.put("backendconfig.providers", "docker");
            return this;
        }

        Input cli(String... arguments) {
            cli.addAll(List.of(arguments));
            return this;
        }
    }

    @FunctionalInterface
    interface Setup {
        void apply(Input input) throws IOException;
    }

    /**
     * One catalogue entry.
     *
     * @param name what is wrong, for the test's display name
     * @param setup what to put in place
     * @param outcome the exception's simple class name, or {@code exit N} for the CLI
     * @param message a part of the message naming the source; {@code {dir}} stands for the case's directory
     */
    record Case(String name, Setup setup, String outcome, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final String INVALID = "InvalidBackendConfigurationException";
    private static final String NOT_FOUND = "BackendNotFoundException";
    private static final String URL_EXPECTED = "expected an absolute http or https URL such as http://localhost:8002, ";

    private static Case variable(String name, String value, String problem) {
        return new Case(name + "=" + value, input -> input.env(name, value), INVALID,
                "variable " + name + ": " + problem);
    }

    private static Case property(String key, String value, String problem) {
        return new Case("-D" + key + "=" + value, input -> input.property(key, value), INVALID,
                "system property " + key + ": " + problem);
    }

    private static Case stagingFile(String name, String lines, int line, String problem) {
        return new Case("staging file: " + name, input -> input.file(".env.staging.e2e", STAGING_HEAD + lines), INVALID,
                "{dir}/.env.staging.e2e:" + (line + 1) + ": " + problem);
    }

    private static Case composeFile(String name, String text, int line, String problem) {
        return new Case("compose file: " + name, input -> input.file("compose.yaml", text).file(".env.staging.e2e",
                STAGING_HEAD), INVALID, "{dir}/compose.yaml:" + line + ": " + problem);
    }

    private static Case engineReply(String name, Setup setup, String reason) {
        return new Case("engine: " + name, setup, NOT_FOUND, reason);
    }

    private static Case cli(String name, String message, String... arguments) {
        return new Case("cli: " + name, input -> input.cli(arguments), "exit 64", "explain: " + message);
    }

    static Stream<Case> catalogue() {
        String leakyMessage = "{\"message\":\"cannot pull from https://admin:" + SECRET + "@registry.example.test\"}";
        return Stream.of(
                // variables
                variable("BACKEND_URL", "localhost:8002", URL_EXPECTED + "got a value without a scheme"),
                variable("BACKEND_URL", "http://", URL_EXPECTED + "got a URL without a host"),
                variable("BACKEND_URL", "http://host:0", URL_EXPECTED + "got port 0, outside 1-65535"),
                variable("BACKEND_URL", "http://host:65536", URL_EXPECTED + "got port 65536, outside 1-65535"),
                variable("BACKEND_URL", "http://host:abc", URL_EXPECTED + "got a port that is not a number"),
                variable("BACKEND_URL", "http://admin:" + SECRET, URL_EXPECTED + "got a port that is not a number"),
                variable("BACKEND_URL", "ftp://host", URL_EXPECTED + "got scheme 'ftp'"),
                variable("BACKEND_URL", "http://local host:8002", URL_EXPECTED + "got a value with a space at character 13"),
                variable("TEST_BACKEND_URL", "http://e2e:" + SECRET + "@host:99999", URL_EXPECTED + "got port 99999"),
                variable("TEST_BACKEND_URL", "e2e:" + SECRET + "@host:8002", URL_EXPECTED + "got a value without a scheme"),
                variable("TEST_WEBSOCKET_URL", "http://host/ws", "expected an absolute ws or wss URL such as"
                        + " ws://localhost:8002/ws, got scheme 'http'"),
                variable("WEBSOCKET_URL", "ws://", "expected an absolute ws or wss URL such as ws://localhost:8002/ws,"
                        + " got a URL without a host"),
                variable("BACKEND_URL", "http://my_host:8000", URL_EXPECTED + "got a host that is not a valid host name"),
                variable("BACKEND_URL", "http://host:8002/#top", URL_EXPECTED + "got a URL with a fragment"),
                variable("BACKEND_URL", "http://host:", URL_EXPECTED + "got a ':' with no port after it"),
                variable("BACKEND_URL", "http://ho\u0007st", URL_EXPECTED + "got a value with a control character"),
                variable("BACKEND_URL", "pass:" + SECRET + "://host", URL_EXPECTED + "got text before '://' that is not"
                        + " a scheme"),
                property("backendconfig.url", "nope", URL_EXPECTED + "got a value without a scheme"),
                new Case("a custom URL variable", input -> input.property("backendconfig.env.url-variables", "E2E_URL")
                        .env("E2E_URL", "tcp://x"), INVALID, "variable E2E_URL: " + URL_EXPECTED + "got scheme 'tcp'"),
                // settings
                property("backendconfig.provders", "env", "unknown setting 'backendconfig.provders'; did you mean"
                        + " 'backendconfig.providers'?"),
                new Case("BACKENDCONFIG_DOCKER_SERVCE", input -> input.env("BACKENDCONFIG_DOCKER_SERVCE", "api"), INVALID,
                        "variable BACKENDCONFIG_DOCKER_SERVCE: unknown setting"),
                property("backendconfig.timeout", "90", "setting timeout expects a duration such as 500ms, 2s or 1m, at most 24h, got"
                        + " '90' without a unit"),
                property("backendconfig.timeout", "soon", "setting timeout expects a duration"),
                property("backendconfig.probe", "ping", "setting probe expects one of none, tcp, http, websocket"),
                property("backendconfig.docker.container-port", "abc", "setting docker.container-port expects a whole"
                        + " number from 1 to 65535"),
                property("backendconfig.docker.container-port", "70000", "setting docker.container-port expects a whole"
                        + " number from 1 to 65535, got 70000"),
                property("backendconfig.staging.enabled", "yes", "setting staging.enabled expects true or false"),
                property("backendconfig.providers", "env,dokcer", "names provider 'dokcer', which is not loaded"),
                property("backendconfig.probe.timeout", "-1s", "setting probe.timeout expects a duration"),
                property("backendconfig.docker.wait-healthy", "PTx", "setting docker.wait-healthy expects a duration"),
                property("backendconfig.junit.on-missing", "maybe", "setting junit.on-missing expects one of fail, skip"),
                property("backendconfig.staging.env-file", "missing.env", "setting staging.env-file names {dir}/missing.env,"
                        + " which does not exist"),
                property("backendconfig.docker.compose-file", "missing.yml", "names the compose file {dir}/missing.yml,"
                        + " which does not exist"),
                property("backendconfig.docker.host", "garbage", "expected unix:///path/to/docker.sock, tcp://host:port"
                        + " or ssh://[user@]host[:port]"),
                // dotenv lines of the staging file
                stagingFile("unterminated single quote", "A='never closed\n", 1, "the single quote opened here is never"
                        + " closed"),
                stagingFile("unterminated double quote", "A=\"never closed\n", 1, "the double quote opened here is never"
                        + " closed"),
                stagingFile("a name without =", "KEY\n", 1, "expected NAME=value, got the name KEY without '='"),
                stagingFile("a name starting with a digit", "1KEY=x\n", 1, "the name 1KEY must start with a letter or"
                        + " '_'"),
                stagingFile("a name with a space", "KEY WITH SPACE=x\n", 1, "expected '=' after the name KEY"),
                stagingFile("a required variable", "A=${VAR:?must be set}\n", 1, "variable VAR is required and must not"
                        + " be empty: must be set"),
                stagingFile("an unclosed ${", "A=${unclosed\n", 1, "'${unclosed' is never closed"),
                stagingFile("text after a quote", "A='x'y\n", 1, "unexpected text after the closing quote of A"),
                stagingFile("no name", "=value\n", 1, "expected a variable name, got '='"),
                stagingFile("a URL that is not one", "STAGING_BASE_URL=not a url\n", 1, URL_EXPECTED + "got a value"
                        + " with a space"),
                stagingFile("an http WebSocket URL", "STAGING_BASE_URL=https://s.example.test\n"
                        + "STAGING_WEBSOCKET_URL=http://s.example.test/ws\n", 2, "expected an absolute ws or wss URL"),
                stagingFile("an empty ${}", "A=${}\n", 1, "'${' must be followed by a variable name"),
                stagingFile("an unknown operator", "A=${B:x}\n", 1, "'${B' is followed by ':', which is not an interpolation"
                        + " operator"),
                new Case("staging file: one line of literal \\n", input -> input.file(".env.staging.e2e",
                        "# Staging\\nSTAGING_BASE_URL=https://x\\nTEST_USER_PASSWORD=" + SECRET + "\\n"), INVALID,
                        "{dir}/.env.staging.e2e:1: yields no variables: its only line holds literal \\n sequences"),
                new Case("staging file: a directory", input -> Files.createDirectory(input.directory.resolve(
                        ".env.staging.e2e")), INVALID, "{dir}/.env.staging.e2e: is a directory"),
                new Case("staging file: not UTF-8", input -> input.bytes(".env.staging.e2e",
                        ("TEST_USER_PASSWORD=" + SECRET + "\u00e9\n").getBytes(StandardCharsets.ISO_8859_1)), INVALID,
                        "{dir}/.env.staging.e2e:1: is not UTF-8 text"),
                // compose files (the engine is out of reach, so the port is predicted from them)
                composeFile("not YAML", "services:\n  api: [unclosed\n", 3, "is not valid YAML"),
                composeFile("a host port that is not one", "services:\n  api:\n    ports: [\"abc:8000\"]\n", 3,
                        "ports entry 'abc:8000': the host port 'abc' is not a port from 1 to 65535"),
                new Case("compose file: a secret interpolated into a port", input -> input.env("DB_PASSWORD", SECRET)
                        .file("compose.yaml", "services:\n  api:\n    ports: [\"${DB_PASSWORD}:8000\"]\n")
                        .file(".env.staging.e2e", STAGING_HEAD), INVALID, "{dir}/compose.yaml:3: ports entry"
                        + " '${DB_PASSWORD}:8000': the host port (from a variable) is not a port from 1 to 65535"),
                composeFile("no container port", "services:\n  api:\n    ports: [\"8002:\"]\n", 3,
                        "ports entry '8002:': there is no container port after the last ':'"),
                composeFile("a host port out of range", "services:\n  api:\n    ports: [\"70000:8000\"]\n", 3,
                        "ports entry '70000:8000': the host port 70000 is outside 1-65535"),
                composeFile("a required variable unset", "services:\n  api:\n    ports:\n      -"
                        + " \"${ALPINE_TEST_BACKEND_PORT:?set it}:8000\"\n", 4, "variable ALPINE_TEST_BACKEND_PORT is"
                        + " required and must not be empty: set it"),
                composeFile("ports that are not a list", "services:\n  api:\n    ports: \"8002:8000\"\n", 3,
                        "the ports of service api must be a list"),
                composeFile("an unknown protocol", "services:\n  api:\n    ports: [\"8002:8000/http\"]\n", 3,
                        "ports entry '8002:8000/http': the protocol 'http' is not tcp, udp or sctp"),
                composeFile("services as a list", "services:\n  - api\n", 2, "services must be a mapping"),
                composeFile("a long entry without target", "services:\n  api:\n    ports:\n      - published: 8002\n", 4,
                        "ports entry 'target: (missing)': the long syntax needs 'target'"),
                new Case("compose file: a bad .env beside it", input -> input.file("compose.yaml",
                        "services:\n  api:\n    ports: [\"${PORT:-8002}:8000\"]\n").file(".env", "PASSWORD=" + SECRET
                        + "\nPORT='8003\n"), INVALID, "{dir}/.env:2: the single quote opened here is never closed"),
                // Docker replies
                engineReply("500 with a message", input -> input.engine(engine(input)
                        .answer("/containers/json", 500, leakyMessage)), "answered GET /containers/json with 500: cannot"
                        + " pull from https://***@registry.example.test"),
                engineReply("malformed JSON", input -> input.engine(engine(input).answer("/containers/json", 200,
                        "[{\"Id\": \"" + SECRET + "\",")), "answered GET /containers/json with malformed JSON"),
                engineReply("an object instead of a list", input -> input.engine(engine(input).answer("/containers/json",
                        200, "{\"password\":\"" + SECRET + "\"}")), "answered GET /containers/json with JSON that is not"
                        + " a list"),
                engineReply("a container without Id", input -> input.engine(engine(input).containers(
                        "[{\"Names\":[\"/x\"],\"Labels\":{\"com.docker.compose.project\":\"p\",\"token\":\"" + SECRET
                                + "\"}}]")), "listed a container without an Id"),
                engineReply("a body over the cap", input -> input.engine(engine(input).answerWithLength(
                        "/containers/json", 9L * 1024 * 1024)), "body of 9437184 bytes is larger than the cap of 8388608"),
                engineReply("a container list answered 404", input -> input.engine(engine(input).answer("/containers/json",
                        404, "https://u:" + SECRET + "@proxy.example.test says no")),
                        "answered GET /containers/json with 404"),
                engineReply("an engine that never answers", input -> {
                    input.engine(engine(input).behave(FakeDockerEngine.Behaviour.NEVER_ANSWER));
                    input.property("backendconfig.docker.timeout", "200ms");
                }, "did not answer within 200 ms (setting docker.timeout)"),
                engineReply("an engine that closes at once", input -> input.engine(engine(input)
                        .behave(FakeDockerEngine.Behaviour.CLOSE_AT_ONCE)), "closed the connection without answering"),
                engineReply("an inspect of a vanished container", input -> {
                    Map<String, Object> alpine = listEntry("alpine-test-backend");
                    input.engine(engine(input).containers(list(alpine)));
                }, "answered GET /containers/" + id(listEntry("alpine-test-backend")) + "/json with 404: No such"
                        + " container"),
                engineReply("a secret in the container's environment", input -> {
                    Map<String, Object> alpine = listEntry("alpine-test-backend");
                    Map<String, Object> inspect = inspection("sick");
                    @SuppressWarnings("unchecked")
                    Map<String, Object> config = (Map<String, Object>) inspect.get("Config");
                    config.put("Env", List.of("DB_PASSWORD=" + SECRET));
                    input.engine(engine(input).containers(list(alpine)).inspect(id(alpine), Recorded.write(inspect)));
                }, "is unhealthy (last check said: database connection refused)"),
                new Case("DOCKER_HOST=garbage", input -> input.env("DOCKER_HOST", "garbage"), INVALID,
                        "variable DOCKER_HOST: expected unix:///path/to/docker.sock, tcp://host:port or"
                                + " ssh://[user@]host[:port], got a value without a scheme"),
                new Case("DOCKER_HOST=ftp://x", input -> input.env("DOCKER_HOST", "ftp://x"), INVALID,
                        "variable DOCKER_HOST: expected unix:///path/to/docker.sock, tcp://host:port or"
                                + " ssh://[user@]host[:port], got scheme 'ftp'"),
                new Case("config.json that is not JSON", input -> {
                    input.environment.remove("DOCKER_HOST");
                    input.env("DOCKER_CONFIG", input.directory.resolve(".docker").toString());
                    input.file(".docker/config.json", "{\"auths\":{\"x\":{\"auth\":\"" + SECRET + "\"}},");
                }, INVALID, "{dir}/.docker/config.json: is not valid JSON"),
                new Case("a context without meta file", input -> {
                    input.environment.remove("DOCKER_HOST");
                    input.env("DOCKER_CONFIG", input.directory.resolve(".docker").toString());
                    input.file(".docker/config.json", "{\"currentContext\":\"gone\",\"auths\":{\"x\":{\"auth\":\""
                            + SECRET + "\"}}}");
                }, INVALID, "{dir}/.docker/config.json: context 'gone' has no readable meta file"),
                // engines: ssh:// and tcp:// addresses, TLS files, docker contexts, Podman's CONTAINER_HOST
                dockerHost("an ssh address with a password", "ssh://admin:" + SECRET + "@build-box", "got an ssh"
                        + " address with a password (not shown), which ssh cannot be given; log in with a key or"
                        + " ssh-agent and write ssh://user@host"),
                dockerHost("an ssh user that would be an option", "ssh://-oProxyCommand=" + SECRET + "@build-box",
                        "got an ssh address whose user (not shown) is not a plain user name"),
                dockerHost("an ssh host that would be an option", "ssh://" + SECRET + "@-oProxyCommand=x", "got an ssh"
                        + " address whose host is not a valid host name"),
                dockerHost("an ssh address with a path", "ssh://me@build-box/" + SECRET, "got an ssh address with a"
                        + " path or query after the host, which the docker CLI does not take either"),
                dockerHost("an ssh port that is not a number", "ssh://me@build-box:" + SECRET, "got an ssh address"
                        + " whose port is not a number"),
                dockerHost("a tcp address with user info", "tcp://admin:" + SECRET + "@docker:2376", "got a tcp address"
                        + " with user info (user:password@), which an engine does not take (not shown)"),
                property("backendconfig.docker.host", "ssh://admin:" + SECRET + "@build-box", "expected"
                        + " unix:///path/to/docker.sock, tcp://host:port or ssh://[user@]host[:port], got an ssh address"
                        + " with a password"),
                property("backendconfig.docker.tls-verify", "maybe", "setting docker.tls-verify expects one of true,"
                        + " false"),
                new Case("CONTAINER_HOST: a Podman ssh connection", input -> {
                    input.environment.remove("DOCKER_HOST");
                    input.env("CONTAINER_HOST", "ssh://core:" + SECRET + "@localhost:53257/run/podman/podman.sock");
                }, NOT_FOUND, "CONTAINER_HOST names an ssh:// Podman connection, which is not supported"),
                tlsFiles("TLS: DOCKER_CERT_PATH without ca.pem", input -> { }, "{dir}/certs/ca.pem: the CA certificate"
                        + " (DOCKER_CERT_PATH {dir}/certs) does not exist"),
                tlsFiles("TLS: a ca.pem holding no certificate", input -> input.file("certs/ca.pem", TestPki.pem(
                        "PRIVATE KEY", SECRET.getBytes(StandardCharsets.UTF_8))), "{dir}/certs/ca.pem: the CA"
                        + " certificate (DOCKER_CERT_PATH {dir}/certs) holds no certificate (expected a -----BEGIN"
                        + " CERTIFICATE----- block)"),
                tlsFiles("TLS: a key whose base64 is broken", input -> clientPair(input, "-----BEGIN PRIVATE KEY-----\n"
                        + SECRET + "!\n-----END PRIVATE KEY-----\n"), "{dir}/certs/key.pem:1: the client key"
                        + " (DOCKER_CERT_PATH {dir}/certs) is not valid PEM: the base64 text of its BEGIN PRIVATE KEY"
                        + " block is broken"),
                tlsFiles("TLS: a PKCS#1 block holding other DER", input -> clientPair(input, TestPki.pem("RSA PRIVATE"
                        + " KEY", TestPki.seq(TestPki.tlv(0x04, SECRET.getBytes(StandardCharsets.UTF_8))))),
                        "{dir}/certs/key.pem:1: the client key (DOCKER_CERT_PATH {dir}/certs): its BEGIN RSA PRIVATE KEY"
                                + " block is not a PKCS#1 RSA private key (expected an INTEGER, got tag 0x4)"),
                tlsFiles("TLS: an encrypted key", input -> clientPair(input, "# password " + SECRET + "\n"
                        + TestPki.encryptedPkcs8(TestPki.keys(TestPki.KeyKind.RSA).getPrivate(), SECRET.toCharArray())),
                        "{dir}/certs/key.pem:2: the client key (DOCKER_CERT_PATH {dir}/certs) is encrypted with a"
                                + " password, which cannot be given here"),
                tlsFiles("TLS: an OpenSSH key", input -> clientPair(input, TestPki.pem("OPENSSH PRIVATE KEY",
                        SECRET.getBytes(StandardCharsets.UTF_8))), "{dir}/certs/key.pem:1: the client key"
                        + " (DOCKER_CERT_PATH {dir}/certs) is an OpenSSH key, not a TLS key"),
                tlsFiles("TLS: a key that is not the certificate's", input -> clientPair(input, "# " + SECRET + "\n"
                        + TestPki.pkcs8(TestPki.freshKeys(TestPki.KeyKind.EC).getPrivate())), "{dir}/certs/key.pem: the"
                        + " client key (DOCKER_CERT_PATH {dir}/certs) does not belong to the certificate in"
                        + " {dir}/certs/cert.pem (its public key is another key's)"),
                tlsFiles("TLS: a certificate without its key", input -> {
                    clientPair(input, "KEY=" + SECRET);
                    Files.delete(input.directory.resolve("certs/key.pem"));
                }, "{dir}/certs/cert.pem: the client certificate (DOCKER_CERT_PATH {dir}/certs) has no key beside it:"
                        + " {dir}/certs/key.pem does not exist"),
                new Case("context: an ssh host with a password", input -> context(input, "ssh://admin:" + SECRET
                        + "@build-box", false), INVALID, "{dir}/.docker/contexts/meta/" + sha256("bad") + "/meta.json:"
                        + " expected unix:///path/to/docker.sock, tcp://host:port or ssh://[user@]host[:port], got an"
                        + " ssh address with a password (not shown)"),
                new Case("context: a TLS key that is not PEM", input -> {
                    context(input, "tcp://127.0.0.1:9", false);
                    Path tls = input.directory.resolve(".docker/contexts/tls/" + sha256("bad") + "/docker");
                    TestPki.Issued ca = TestPki.authority("catalogue-ca");
                    TestPki.certPath(tls, ca.certificate(), TestPki.client(ca, TestPki.KeyKind.EC).certificate(),
                            "key=" + SECRET + "\n");
                }, INVALID, "{dir}/.docker/contexts/tls/" + sha256("bad") + "/docker/key.pem: the client key (context"
                        + " 'bad' TLS files in {dir}/.docker/contexts/tls/" + sha256("bad") + "/docker) is not PEM: it has"
                        + " no -----BEGIN ...----- line"),
                // CLI arguments
                cli("an unknown option", "unknown option '--verbose' (see --help)", "--verbose"),
                cli("an unknown option holding a URL", "unknown option '--url' (see --help)",
                        "--url=http://e2e:" + SECRET + "@host.example.test"),
                cli("--set given a URL without its key", "--set expects key=value (for example --set"
                        + " docker.service=backend), got 'http://***@host.example.test'", "--set",
                        "http://e2e:" + SECRET + "@host.example.test"),
                cli("an unknown format", "--format expects text, env or json, got 'xml'", "--format=xml"),
                cli("an unknown probe", "--probe expects none, tcp, http or websocket, got 'ping'", "--probe=ping"),
                cli("--set without =", "--set expects key=value (for example --set docker.service=backend), got"
                        + " 'novalue'", "--set=novalue"),
                cli("a missing directory", "--dir missing: {dir}/missing does not exist", "--dir", "missing"),
                cli("an option without its value", "--dir needs a value (see --help)", "--dir"),
                cli("a prefixed key", "--set takes keys without the backendconfig. prefix: --set url=...",
                        "--set", "backendconfig.url=http://u:" + SECRET + "@x"));
    }

    private static Case dockerHost(String name, String value, String problem) {
        return new Case("DOCKER_HOST: " + name, input -> input.env("DOCKER_HOST", value), INVALID,
                "variable DOCKER_HOST: expected unix:///path/to/docker.sock, tcp://host:port or"
                        + " ssh://[user@]host[:port], " + problem);
    }

    /** A TLS engine (never reached: the files are read first) with DOCKER_CERT_PATH {dir}/certs, as {@code setup} leaves it. */
    private static Case tlsFiles(String name, Setup setup, String message) {
        return new Case(name, input -> {
            input.env("DOCKER_HOST", "tcp://127.0.0.1:9").env("DOCKER_TLS_VERIFY", "1")
                    .env("DOCKER_CERT_PATH", input.directory.resolve("certs").toString());
            Files.createDirectories(input.directory.resolve("certs"));
            setup.apply(input);
        }, INVALID, message);
    }

    /** Write a CA, a client certificate it signed, and {@code keyPem} as key.pem into {dir}/certs. */
    private static void clientPair(Input input, String keyPem) {
        TestPki.Issued ca = TestPki.authority("catalogue-ca");
        TestPki.certPath(input.directory.resolve("certs"), ca.certificate(), TestPki.client(ca, TestPki.KeyKind.EC)
                .certificate(), keyPem);
    }

    /** Make context 'bad' the current one, its docker endpoint {@code host}. */
    private static void context(Input input, String host, boolean skipTlsVerify) throws IOException {
        input.environment.remove("DOCKER_HOST");
        input.env("DOCKER_CONFIG", input.directory.resolve(".docker").toString());
        input.file(".docker/config.json", "{\"currentContext\":\"bad\"}");
        input.file(".docker/contexts/meta/" + sha256("bad") + "/meta.json", "{\"Name\":\"bad\",\"Endpoints\":"
                + "{\"docker\":{\"Host\":\"" + host + "\",\"SkipTLSVerify\":" + skipTlsVerify + "}}}");
    }

    private static String sha256(String name) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(name.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Start a fake engine for a case; it is stopped when the case ends. */
    private static FakeDockerEngine engine(Input input) throws IOException {
        FakeDockerEngine engine = FakeDockerEngine.onUnixSocket(input.directory.resolve("engine.sock"));
        ENGINES.add(engine);
        return engine;
    }

    private static final List<AutoCloseable> ENGINES = new java.util.concurrent.CopyOnWriteArrayList<>();

    @AfterEach
    void stopEngines() throws Exception {
        for (AutoCloseable engine : ENGINES) {
            engine.close();
        }
        ENGINES.clear();
    }

    @Test
    void theCatalogueHoldsAtLeastSixtyCasesAcrossEverySource() {
        List<Case> cases = catalogue().toList();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(60);
        assertThat(cases).extracting(Case::name).doesNotHaveDuplicates();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void badInputGetsAClearErrorNamingItsSourceAndNeverTheSecret(Case entry, @TempDir Path directory) throws Exception {
        Input input = new Input(directory);
        entry.setup().apply(input);
        RecordingLogs.clear();
        String expected = entry.message().replace("{dir}", directory.toString());
        List<String> shown = new ArrayList<>();
        if (!input.cli.isEmpty()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int exit = Explain.execute(input.cli, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), input.environment, input.properties);
            assertThat("exit " + exit).isEqualTo(entry.outcome());
            assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo(expected + "\n");
            shown.add(out.toString(StandardCharsets.UTF_8));
            shown.add(err.toString(StandardCharsets.UTF_8));
        } else {
            Throwable thrown = catchThrowable(() -> BackendResolver.create().resolve(ResolutionContext.builder()
                    .environment(input.environment).systemProperties(new LinkedHashMap<>(input.properties))
                    .workingDirectory(directory).build()));
            assertThat(thrown).as("outcome of %s", entry.name()).isNotNull();
            assertThat(thrown.getClass().getSimpleName()).isEqualTo(entry.outcome());
            assertThat(thrown).hasMessageContaining(expected);
            StringWriter trace = new StringWriter();
            thrown.printStackTrace(new PrintWriter(trace));
            shown.add(trace.toString());
            if (thrown instanceof BackendNotFoundException notFound) {
                shown.add(notFound.report().render());
            }
            if (thrown instanceof InvalidBackendConfigurationException invalid) {
                invalid.report().ifPresent(report -> shown.add(report.render()));
            }
        }
        shown.add(RecordingLogs.text());
        assertThat(shown).as("outputs of %s", entry.name()).noneMatch(text -> text.contains(SECRET));
    }
}
