package dev.backendconfig.robustness;

import static dev.backendconfig.testsupport.Recorded.id;
import static dev.backendconfig.testsupport.Recorded.inspection;
import static dev.backendconfig.testsupport.Recorded.list;
import static dev.backendconfig.testsupport.Recorded.listEntry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.backendconfig.api.ServiceNotFoundException;
import dev.backendconfig.api.ServiceResolver;
import dev.backendconfig.api.BackendConfigException;
import dev.backendconfig.api.Resolution;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.testkit.LoopbackServers;
import dev.backendconfig.testkit.RecordingLogs;
import dev.backendconfig.testsupport.SpecialFiles;
import dev.backendconfig.testsupport.TricklingServer;
import dev.backendconfig.cli.Explain;
import dev.backendconfig.testsupport.FakeDockerEngine;
import dev.backendconfig.testsupport.Recorded;
import dev.backendconfig.testsupport.TestPki;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A catalogue of malformed and hostile input across variables, settings, dotenv lines, compose files, files that are
 * not files, Docker replies, slow peers and CLI arguments. Each case names the exact outcome (an exception class, an
 * exit code, or a resolution that succeeds) and a message that names the source.
 *
 * <p>Every case plants the secret in the very input it feeds — the value of the variable or setting, the line or
 * file it reads (or the target of the link it follows), the engine's reply, the {@code DOCKER_HOST} user info, the
 * argument — and nowhere else: the test fails when a case's secret is absent from its own input, and when any
 * output (message, stack trace, report, log, stdout, stderr) shows it.
 */
class BadInputCatalogueTest {

    static final String SECRET = "pl4nted-s3cret";

    /** The exact number of cases: a case added or lost changes it. */
    private static final int CASES = 155;

    /** A staging file that answers, so that a case shows resolution did not fall through to it. */
    private static final String STAGING = "STAGING_BASE_URL=https://backend-staging.example.test\n";
    private static final String URL_EXPECTED = "expected an absolute http or https URL such as http://localhost:8002, ";
    private static final String WS_EXPECTED = "expected an absolute ws or wss URL such as ws://localhost:8002/ws, ";
    private static final String NOT_SHOWN = " (the line is not shown: it may be part of a value, and a value that"
            + " spans lines must be quoted)";
    private static final String OVER_ONE_MEBIBYTE = "TEST_USER_PASSWORD=" + SECRET + "\n" + "#".repeat(1024 * 1024) + "\n";
    /** The default limit of a project's compose YAML (setting docker.compose-max-kib). */
    private static final int COMPOSE_LIMIT = 64 * 1024;
    private static final String OVER_THE_COMPOSE_LIMIT = "services:\n  api:\n    environment:\n      DB_PASSWORD: "
            + SECRET + "\n" + "#".repeat(COMPOSE_LIMIT) + "\n";
    /** Where the docker CLI keeps the meta file of context {@code colima}: under the SHA-256 of its name. */
    private static final String COLIMA_META = ".docker/contexts/meta/" + sha256("colima") + "/meta.json";
    /** A compose service's environment holding the secret: the compose file a case feeds always carries it. */
    private static final String SECRET_ENVIRONMENT = "    environment:\n      DB_PASSWORD: " + SECRET + "\n";

    /**
     * What a case sets up in its directory: variables, system properties, files, engines; or CLI arguments. What the
     * case feeds its code path goes through the methods that record it; what it needs besides goes through the
     * {@code support} methods, which refuse the secret.
     */
    static final class Input {
        final Path directory;
        final Map<String, String> environment = new HashMap<>();
        final Map<String, String> properties = new HashMap<>();
        final List<String> cli = new ArrayList<>();
        final StringBuilder fed = new StringBuilder();

        Input(Path directory) {
            this.directory = directory;
            environment.put("DOCKER_HOST", "unix://" + directory.resolve("no-engine.sock"));
            properties.put("user.home", directory.toString());
            properties.put("user.dir", directory.toString());
        }

        /** Record text this case feeds its code path, and return it. */
        String fed(String text) {
            fed.append(text).append('\n');
            return text;
        }

        Input env(String name, String value) {
            environment.put(name, fed(value));
            return this;
        }

        Input property(String name, String value) {
            properties.put(name, fed(value));
            return this;
        }

        Input file(String name, String text) throws IOException {
            write(name, fed(text));
            return this;
        }

        Input bytes(String name, byte[] bytes) throws IOException {
            fed(new String(bytes, StandardCharsets.ISO_8859_1));
            Files.write(directory.resolve(name), bytes);
            return this;
        }

        /** Make {@code name} a link to {@code target}; the target's path is what the case feeds. */
        Input link(String name, Path target) throws IOException {
            fed(target.toString());
            SpecialFiles.link(directory.resolve(name), target);
            return this;
        }

        Input cli(String... arguments) {
            for (String argument : arguments) {
                cli.add(fed(argument));
            }
            return this;
        }

        Input supportEnv(String name, String value) {
            environment.put(name, support(value));
            return this;
        }

        Input supportProperty(String name, String value) {
            properties.put(name, support(value));
            return this;
        }

        Input supportFile(String name, String text) throws IOException {
            write(name, support(text));
            return this;
        }

        /** Ask {@code fake} for the recorded project {@code docker}, named by setting docker.project. */
        Input engine(FakeDockerEngine fake) {
            environment.put("DOCKER_HOST", support(fake.dockerHost()));
            properties.put("backendconfig.providers", "docker");
            properties.put("backendconfig.docker.project", "docker");
            return this;
        }

        /**
         * Ask a TCP engine that misbehaves, this checkout's compose file holding the secret in a service's environment,
         * which provider docker reads when the engine fails it (user info in DOCKER_HOST is refused before any engine
         * is asked: a case of its own). The project's name is shown on purpose, so it carries no secret.
         */
        Input engineWithSecretInTheComposeFile(FakeDockerEngine fake) throws IOException {
            environment.put("DOCKER_HOST", support(fake.dockerHost()));
            file("compose.yaml", "services:\n  backend:\n    environment:\n      - DB_PASSWORD=" + SECRET
                    + "\n    ports: [\"" + LoopbackServers.closedPort() + ":8000\"]\n");
            properties.put("backendconfig.providers", "docker");
            return this;
        }

        private static String support(String text) {
            if (text.contains(SECRET)) {
                throw new IllegalArgumentException("support input must not hold the secret: it belongs in the input"
                        + " the case feeds");
            }
            return text;
        }

        private void write(String name, String text) throws IOException {
            Path file = directory.resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
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
     * @param outcome the exception's simple class name, {@code exit N} for the CLI, or {@link #FOUND}
     * @param message a part of the message (of the report, for {@link #FOUND}) naming the source; {@code {dir}}
     *     stands for the case's directory
     */
    record Case(String name, Setup setup, String outcome, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final String INVALID = "InvalidConfigurationException";
    private static final String NOT_FOUND = "ServiceNotFoundException";
    /** The resolution succeeds; the message is part of its report. */
    private static final String FOUND = "found";

    private static Case variable(String name, String value, String problem) {
        return new Case(name + "=" + value, input -> input.env(name, value), INVALID,
                "variable " + name + ": " + problem);
    }

    private static Case property(String key, String value, String problem) {
        return new Case("-D" + key + "=" + value, input -> input.property(key, value), INVALID,
                "system property " + key + ": " + problem);
    }

    /** A staging file of {@code lines} (the secret among them), whose line {@code line} is wrong. */
    private static Case stagingFile(String name, String lines, int line, String problem) {
        return new Case("staging file: " + name, input -> input.file(".env.staging.e2e", lines), INVALID,
                "{dir}/.env.staging.e2e:" + line + ": " + problem);
    }

    /** A compose file (found, the engine out of reach), the secret in a service's environment; a staging file too. */
    private static Case composeFile(String name, String text, int line, String problem) {
        return new Case("compose file: " + name, input -> input.file("compose.yaml", text)
                .supportFile(".env.staging.e2e", STAGING), INVALID, "{dir}/compose.yaml:" + line + ": " + problem);
    }

    private static Case engineReply(String name, Setup setup, String reason) {
        return new Case("engine: " + name, setup, NOT_FOUND, reason);
    }

    private static Case cli(String name, String message, String... arguments) {
        return new Case("cli: " + name, input -> input.cli(arguments), "exit 64", "explain: " + message);
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Return the 1-based position of the first {@code c} in {@code text}, as messages count characters. */
    private static int at(String text, char c) {
        return text.indexOf(c) + 1;
    }

    static Stream<Case> catalogue() {
        return Stream.of(variables(), settings(), stagingFiles(), filesThatAreNotFiles(), composeFiles(),
                engineReplies(), engineAddresses(), slowPeers(), cliArguments()).flatMap(cases -> cases);
    }

    private static Stream<Case> variables() {
        String space = "http://e2e:" + SECRET + "@local host:8002";
        String control = "http://e2e:" + SECRET + "@ho\u0007st";
        return Stream.of(
                variable("BACKEND_URL", "e2e:" + SECRET + "@localhost:8002", URL_EXPECTED + "got a value without a"
                        + " scheme"),
                variable("BACKEND_URL", "http://e2e:" + SECRET + "@", URL_EXPECTED + "got a URL without a host"),
                variable("BACKEND_URL", "http://e2e:" + SECRET + "@host:0", URL_EXPECTED + "got port 0, outside 1-65535"),
                variable("BACKEND_URL", "http://e2e:" + SECRET + "@host:65536", URL_EXPECTED + "got port 65536, outside"
                        + " 1-65535"),
                variable("BACKEND_URL", "http://host:abc/" + SECRET, URL_EXPECTED + "got a port that is not a number"),
                variable("BACKEND_URL", "http://admin:" + SECRET, URL_EXPECTED + "got a port that is not a number"),
                variable("BACKEND_URL", "ftp://e2e:" + SECRET + "@host", URL_EXPECTED + "got scheme 'ftp'"),
                variable("BACKEND_URL", space, URL_EXPECTED + "got a value with a space at character " + at(space, ' ')),
                variable("TEST_BACKEND_URL", "http://e2e:" + SECRET + "@host:99999", URL_EXPECTED + "got port 99999"),
                variable("TEST_BACKEND_URL", "http://e2e:" + SECRET + "/x@host:8002", URL_EXPECTED + "got a port that"
                        + " is not a number"),
                variable("TEST_WEBSOCKET_URL", "http://e2e:" + SECRET + "@host/ws", WS_EXPECTED + "got scheme 'http'"),
                variable("WEBSOCKET_URL", "ws://e2e:" + SECRET + "@", WS_EXPECTED + "got a URL without a host"),
                variable("BACKEND_URL", "http://e2e:" + SECRET + "@my_host:8000", URL_EXPECTED + "got a host that is"
                        + " not a valid host name"),
                variable("BACKEND_URL", "http://e2e:" + SECRET + "@host:8002/#top", URL_EXPECTED + "got a URL with a"
                        + " fragment"),
                variable("BACKEND_URL", "http://e2e:" + SECRET + "@host:", URL_EXPECTED + "got a ':' with no port after"
                        + " it"),
                variable("BACKEND_URL", control, URL_EXPECTED + "got a value with a control character at character "
                        + at(control, '\u0007')),
                variable("BACKEND_URL", "pass:" + SECRET + "://host", URL_EXPECTED + "got text before '://' that is not"
                        + " a scheme"),
                variable("BACKEND_URL", "http://e2e:" + SECRET + "@host\n[WARN] forged", URL_EXPECTED + "got a value"
                        + " with a control character"),
                property("backendconfig.url", SECRET, URL_EXPECTED + "got a value without a scheme"),
                new Case("a custom URL variable", input -> input.supportProperty("backendconfig.env.url-variables",
                        "E2E_URL").env("E2E_URL", "tcp://e2e:" + SECRET + "@x"), INVALID, "variable E2E_URL: "
                        + URL_EXPECTED + "got scheme 'tcp'"));
    }

    private static Stream<Case> settings() {
        return Stream.of(
                new Case("-Dbackendconfig.services: 102 services", input -> input.property("backendconfig.services",
                        servicesNamed(101) + "," + SECRET), INVALID, "system property backendconfig.services: names 102"
                        + " services; at most 100 are resolved (not configurable: a suite's environment has a handful of"
                        + " services)"),
                new Case("services=base, whose staging variable is the backend's", input -> input.file(
                        ".env.staging.e2e", STAGING + "TEST_USER_PASSWORD=" + SECRET + "\n").supportProperty(
                        "backendconfig.services", "base"), INVALID, "system property backendconfig.services: setting"
                        + " services: service base would share variable STAGING_BASE_URL with service backend"
                        + " (provider staging reads STAGING_BASE_URL and STAGING_BASE_WEBSOCKET_URL for service base,"),
                new Case("cli: a checkout's backend-config.properties names the ssh program", input -> input.file(
                        "src/test/resources/backend-config.properties", "docker.host=ssh://build-box\n"
                                + "docker.ssh-command=sh,-c,echo " + SECRET + "\n").cli("--format=text"), "exit 3",
                        "{dir}/src/test/resources/backend-config.properties:2: setting docker.ssh-command names a"
                                + " program to run, so it is never taken from a project file"),
                property("backendconfig.provders", "env," + SECRET, "unknown setting 'backendconfig.provders'; did you"
                        + " mean 'backendconfig.providers'?"),
                new Case("BACKENDCONFIG_DOCKER_SERVCE", input -> input.env("BACKENDCONFIG_DOCKER_SERVCE", SECRET),
                        INVALID, "variable BACKENDCONFIG_DOCKER_SERVCE: unknown setting"),
                property("backendconfig.timeout", SECRET, "setting timeout expects a duration such as 500ms, 2s or 1m,"
                        + " at most 24h, got a value that is not a duration"),
                property("backendconfig.timeout", "90 token=" + SECRET, "setting timeout expects a duration such as"
                        + " 500ms, 2s or 1m, at most 24h, got a value that is not a duration"),
                property("backendconfig.probe", SECRET, "setting probe expects one of none, tcp, http, websocket, got a"
                        + " value that is not one of them"),
                property("backendconfig.docker.container-port", SECRET, "setting docker.container-port expects a whole"
                        + " number from 1 to 65535, got a value that is not a whole number"),
                property("backendconfig.docker.container-port", "8000 password=" + SECRET, "setting"
                        + " docker.container-port expects a whole number from 1 to 65535, got a value that is not a"
                        + " whole number"),
                property("backendconfig.staging.enabled", SECRET, "setting staging.enabled expects true or false, got a"
                        + " value that is neither"),
                property("backendconfig.providers", "env,dokcer," + SECRET, "names, as entry 2, a provider that is not"
                        + " loaded"),
                property("backendconfig.providers", "env," + SECRET, "names, as entry 2, a provider that is not"
                        + " loaded"),
                property("backendconfig.probe.timeout", "-" + SECRET, "setting probe.timeout expects a duration"),
                property("backendconfig.docker.wait-healthy", "PT" + SECRET, "setting docker.wait-healthy expects a"
                        + " duration"),
                property("backendconfig.junit.on-missing", SECRET, "setting junit.on-missing expects one of fail,"
                        + " skip"),
                property("backendconfig.staging.env-file", "https://e2e:" + SECRET + "@host/staging.env", "setting"
                        + " staging.env-file names ***@host/staging.env, which does not exist"),
                property("backendconfig.docker.compose-file", "https://e2e:" + SECRET + "@host/compose.yml", "names the"
                        + " compose file ***@host/compose.yml, which does not exist"),
                property("backendconfig.docker.host", SECRET, "expected unix:///path/to/docker.sock,"
                        + " tcp://host:port or ssh://[user@]host[:port], got a value without a scheme"),
                property("backendconfig.docker.host", "unix://relative-" + SECRET + ".sock", "expected"
                        + " unix:///path/to/docker.sock, tcp://host:port or ssh://[user@]host[:port], got a unix address"
                        + " without an absolute path"));
    }

    private static Stream<Case> stagingFiles() {
        String longValue = SECRET + "x".repeat(600_000);
        return Stream.of(
                stagingFile("unterminated single quote", "TEST_USER_PASSWORD='" + SECRET + "\n", 1, "the single quote"
                        + " opened here is never closed"),
                stagingFile("unterminated double quote", "TEST_USER_PASSWORD=\"" + SECRET + "\n", 1, "the double quote"
                        + " opened here is never closed"),
                stagingFile("a value broken over two lines", "TEST_USER_PASSWORD=first-half\n" + SECRET + "\n", 2,
                        "expected NAME=value, got a line without '='" + NOT_SHOWN),
                stagingFile("a continuation starting with a digit", "TEST_USER_PASSWORD=x\n9" + SECRET + "=y\n", 2,
                        "a name must start with a letter or '_'" + NOT_SHOWN),
                stagingFile("a continuation with a space", "TEST_USER_PASSWORD=x\nhalf " + SECRET + "=y\n", 2,
                        "expected '=' after the name, got a space: a name cannot contain spaces" + NOT_SHOWN),
                stagingFile("a required variable", "TOKEN=" + SECRET + "\nA=${VAR:?set VAR, not $TOKEN}\n", 2,
                        "variable VAR is required and must not be empty: set VAR, not $TOKEN"),
                stagingFile("an unclosed ${", "TEST_USER_PASSWORD=" + SECRET + "${x\n", 1, "the '${' at character 15 of"
                        + " the value is never closed"),
                stagingFile("text after a quote", "TEST_USER_PASSWORD='x'" + SECRET + "\n", 1, "unexpected text after"
                        + " the closing quote of TEST_USER_PASSWORD"),
                stagingFile("no name", "=" + SECRET + "\n", 1, "expected a variable name, got '='"),
                stagingFile("a URL that is not one", "STAGING_BASE_URL=https://e2e:" + SECRET + "@not a url\n", 1,
                        URL_EXPECTED + "got a value with a space at character " + at("https://e2e:" + SECRET
                        + "@not a url", ' ')),
                stagingFile("an http WebSocket URL", STAGING + "STAGING_WEBSOCKET_URL=http://e2e:" + SECRET
                        + "@s.example.test/ws\n", 2, WS_EXPECTED + "got scheme 'http'"),
                stagingFile("an empty ${}", "TEST_USER_PASSWORD=" + SECRET + "${}\n", 1, "'${' must be followed by a"
                        + " variable name"),
                stagingFile("an unknown operator", "TEST_USER_PASSWORD=" + SECRET + "${B:x}\n", 1, "the '${' at"
                        + " character 15 of the value has ':' after its name, which is not an interpolation operator"),
                new Case("staging file: one line of literal \\n", input -> input.file(".env.staging.e2e",
                        "# Staging\\nSTAGING_BASE_URL=https://x\\nTEST_USER_PASSWORD=" + SECRET + "\\n"), INVALID,
                        "{dir}/.env.staging.e2e:1: yields no variables: its only line holds literal \\n sequences"),
                new Case("staging file: not UTF-8", input -> input.bytes(".env.staging.e2e",
                        ("TEST_USER_PASSWORD=" + SECRET + "\u00e9\n").getBytes(StandardCharsets.ISO_8859_1)), INVALID,
                        "{dir}/.env.staging.e2e:1: is not UTF-8 text"),
                stagingFile("defaults nested 2,000 deep", "TEST_USER_PASSWORD=" + SECRET + "${A:-".repeat(2000) + "x"
                        + "}".repeat(2000) + "\n", 1, "'${' nests more than 20 levels deep (at character 15 of the"
                        + " value"),
                stagingFile("a value that expands past 1 Mi characters", "TEST_USER_PASSWORD=" + longValue
                        + "\nCOPY=$TEST_USER_PASSWORD$TEST_USER_PASSWORD\n", 2, "interpolation makes the value longer"
                        + " than 1048576 characters"),
                stagingFile("values that expand past 4 Mi characters in all", "TEST_USER_PASSWORD=" + SECRET
                        + "x".repeat(900_000) + "\nA=$TEST_USER_PASSWORD\nB=$TEST_USER_PASSWORD\nC=$TEST_USER_PASSWORD"
                        + "\nD=$TEST_USER_PASSWORD\n", 5, "the values of the file hold more than 4194304 characters in"
                        + " all once interpolated"),
                new Case("staging file: over 1 MiB", input -> input.file(".env.staging.e2e", OVER_ONE_MEBIBYTE), INVALID,
                        "{dir}/.env.staging.e2e: is " + OVER_ONE_MEBIBYTE.length() + " bytes, larger than the limit of"
                        + " 1048576 bytes (not configurable: a dotenv file holds a few dozen variables)"),
                new Case("staging file: a comment cuts a password", input -> input.file(".env.staging.e2e", STAGING
                        + "TEST_USER_PASSWORD=" + SECRET + " #3\n"), FOUND, "note: {dir}/.env.staging.e2e:2: the value"
                        + " of TEST_USER_PASSWORD stops at ' #', which starts a comment"),
                new Case("staging file: an unset $NAME empties part of a password", input -> input.file(
                        ".env.staging.e2e", STAGING + "TEST_USER_PASSWORD=" + SECRET + "$word\n"), FOUND,
                        "note: {dir}/.env.staging.e2e:2: the value of TEST_USER_PASSWORD refers to a variable that is"
                                + " not set, which became empty text"),
                new Case("staging file: a name defined 45,000 times", input -> input.file(".env.staging.e2e", STAGING
                        + ("TOKEN=" + SECRET + "\n").repeat(45_000)), FOUND, "note: TOKEN is defined 45000 times (lines"
                        + " 2, 3, 4, ... 45001); line 45001 wins"));
    }

    /** The file the case reads is a link whose target's path holds the secret: the message names the link only. */
    private static Stream<Case> filesThatAreNotFiles() {
        return Stream.of(
                new Case("staging file: a directory", input -> input.link(".env.staging.e2e", Files.createDirectory(
                        input.directory.resolve(SECRET + ".d"))), INVALID, "{dir}/.env.staging.e2e: is a directory;"
                        + " expected a dotenv file of NAME=value lines"),
                new Case("staging file: a named pipe", input -> input.link(".env.staging.e2e", SpecialFiles.fifo(
                        input.directory.resolve(SECRET + ".fifo"))), INVALID, "{dir}/.env.staging.e2e: is a named pipe"
                        + " (FIFO), not a regular file"),
                new Case("staging file: a link to /dev/zero", input -> input.link(".env.staging.e2e",
                        SpecialFiles.link(input.directory.resolve(SECRET + "-zero"), Path.of("/dev/zero"))), INVALID,
                        "{dir}/.env.staging.e2e: is a character device, not a regular file"),
                new Case("staging.env-file: a link to /dev/zero", input -> input.supportProperty(
                        "backendconfig.staging.env-file", "staging.env").link("staging.env", SpecialFiles.link(
                        input.directory.resolve(SECRET + "-zero"), Path.of("/dev/zero"))), INVALID,
                        "{dir}/staging.env: is a character device, not a regular file"),
                new Case("staging file: a dangling link", input -> input.link(".env.staging.e2e",
                        input.directory.resolve(SECRET + "-gone")), INVALID, "{dir}/.env.staging.e2e: is a symbolic"
                        + " link to a file that does not exist"),
                new Case("compose file: a named pipe", input -> input.link("compose.yaml", SpecialFiles.fifo(
                        input.directory.resolve(SECRET + ".fifo"))).supportFile(".env.staging.e2e", STAGING), INVALID,
                        "{dir}/compose.yaml: is a named pipe (FIFO), not a regular file"),
                new Case("compose file: its .env is a named pipe", input -> input.supportFile("compose.yaml",
                        "services:\n  api:\n    ports: [\"8002:8000\"]\n").link(".env", SpecialFiles.fifo(
                        input.directory.resolve(SECRET + ".fifo"))), INVALID, "{dir}/.env: is a named pipe (FIFO)"),
                new Case("docker config.json: a named pipe", input -> {
                    input.environment.remove("DOCKER_HOST");
                    input.supportEnv("DOCKER_CONFIG", input.directory.resolve(".docker").toString());
                    Files.createDirectories(input.directory.resolve(".docker"));
                    input.link(".docker/config.json", SpecialFiles.fifo(input.directory.resolve(SECRET + ".fifo")));
                }, INVALID, "{dir}/.docker/config.json: is a named pipe (FIFO), not a regular file"),
                new Case("docker context: meta.json links to /dev/zero", input -> {
                    input.environment.remove("DOCKER_HOST");
                    input.supportEnv("DOCKER_CONTEXT", "colima");
                    input.supportEnv("DOCKER_CONFIG", input.directory.resolve(".docker").toString());
                    input.link(COLIMA_META, SpecialFiles.link(input.directory.resolve(SECRET + "-zero"),
                            Path.of("/dev/zero")));
                }, INVALID, "{dir}/" + COLIMA_META + ": is a character device, not a regular file"));
    }

    /**
     * Return a compose file of just under {@code bytes} made of the costliest shapes found (issue 22 item 10): a list
     * of {@code aliasedPorts} interpolated port entries aliased by 100 services (the alias limit), an image
     * interpolated three deep aliased by every one of them, then as many services as fit, each with an image
     * interpolated 19 deep and ports in both syntaxes; service backend (holding the secret) publishes 8000 on
     * {@code backendPort}, on line {@code aliasedPorts + 8}.
     */
    static String worstShapes(int backendPort, int aliasedPorts, int bytes) {
        StringBuilder text = new StringBuilder("x-ports: &ports\n");
        for (int i = 0; i < aliasedPorts; i++) {
            text.append("  - \"127.0.0.1:${PORT_").append(i).append(":-").append(20000 + i % 40000).append("}:")
                    .append(8000 + i % 1000).append("/tcp\"\n");
        }
        text.append("x-image: &image \"${REGISTRY:-${MIRROR:-${CACHE:-registry.example.test}}}/app:${TAG:-latest}\"\n")
                .append("services:\n  backend:\n    image: *image\n").append(SECRET_ENVIRONMENT)
                .append("    ports: [\"").append(backendPort).append(":8000\"]\n");
        for (int i = 0; i < 100; i++) {
            text.append("  alias").append(i).append(":\n    image: *image\n    ports: *ports\n");
        }
        StringBuilder nested = new StringBuilder();
        for (int level = 0; level < 19; level++) {
            nested.append("${V").append(level).append(":-");
        }
        String deep = nested + "x" + "}".repeat(19);
        for (int i = 0; ; i++) {
            String service = "  s" + i + ":\n    image: \"" + deep + i + "\"\n    container_name: c" + i + "\n    ports:\n"
                    + "      - \"" + (1 + i % 60000) + ":80\"\n      - target: 81\n        published: \"${P" + i + ":-"
                    + (1 + (i + 7) % 60000) + "}\"\n";
            if (text.length() + service.length() > bytes - 64) {
                return text.toString();
            }
            text.append(service);
        }
    }

    /** Return services, the first holding the secret, padded with a comment to {@code bytes} bytes. */
    private static String servicesOf(int bytes) {
        StringBuilder text = new StringBuilder("services:\n  api:\n").append(SECRET_ENVIRONMENT);
        for (int i = 0; text.length() < bytes - 200; i++) {
            text.append("  s").append(i).append(":\n    image: x\n");
        }
        String padding = "#" + "x".repeat(bytes - text.length() - 2) + "\n";
        return text.append(padding).toString();
    }

    /** Return a backend (holding the secret) and 100 services aliasing 65 ranges of 1000 ports to expose. */
    private static String exposedRanges(int backendPort) {
        StringBuilder text = new StringBuilder("services:\n  backend:\n").append(SECRET_ENVIRONMENT)
                .append("    ports: [\"").append(backendPort).append(":8000\"]\n    expose: &expose [");
        for (int i = 0; i < 65; i++) {
            text.append('"').append(i * 1000 + 1).append('-').append(i * 1000 + 1000).append("\", ");
        }
        text.append("\"8000\"]\n");
        for (int i = 0; i < 100; i++) {
            text.append("  s").append(i).append(":\n    expose: *expose\n");
        }
        return text.toString();
    }

    private static Stream<Case> composeFiles() {
        int backendPort = LoopbackServers.closedPort();
        String service = "services:\n  api:\n" + SECRET_ENVIRONMENT;
        StringBuilder aliases = new StringBuilder("x-ports: &ports [\"8002:8000\"]\nservices:\n  api:\n"
                + SECRET_ENVIRONMENT);
        for (int i = 1; i <= 101; i++) {
            aliases.append("  s").append(i).append(": {ports: *ports}\n");
        }
        return Stream.of(
                composeFile("not YAML", service + "    ports: [unclosed\n", 5, "is not valid YAML: while parsing a flow"
                        + " sequence opened here (column 12)"),
                composeFile("an unclosed quote", service + "    ports:\n      - \"8002:8000\n", 6, "is not valid YAML:"
                        + " while scanning a quoted scalar opened here (column 9): found unexpected end of stream"),
                composeFile("a missing colon", service + "    ports\n      - \"8002:8000\"\n", 5, "is not valid YAML:"
                        + " while scanning a simple key opened here (column 5): could not find expected ':'"),
                composeFile("a host port that is not one", service + "    ports: [\"abc:8000\"]\n", 5, "ports entry"
                        + " 'abc:8000': the host port 'abc' is not a port from 1 to 65535"),
                new Case("compose file: a secret interpolated into a port", input -> input.env("DB_PASSWORD", SECRET)
                        .supportFile("compose.yaml", "services:\n  api:\n    ports: [\"${DB_PASSWORD}:8000\"]\n")
                        .supportFile(".env.staging.e2e", STAGING), INVALID, "{dir}/compose.yaml:3: ports entry"
                        + " '${DB_PASSWORD}:8000': the host port (from a variable) is not a port from 1 to 65535"),
                composeFile("no container port", service + "    ports: [\"8002:\"]\n", 5, "ports entry '8002:': there is"
                        + " no container port after the last ':'"),
                composeFile("a host port out of range", service + "    ports: [\"70000:8000\"]\n", 5, "ports entry"
                        + " '70000:8000': the host port 70000 is outside 1-65535"),
                composeFile("a required variable unset", service + "    ports:\n      -"
                        + " \"${ALPINE_TEST_BACKEND_PORT:?set it}:8000\"\n", 6, "variable ALPINE_TEST_BACKEND_PORT is"
                        + " required and must not be empty: set it"),
                composeFile("ports that are not a list", service + "    ports: \"8002:8000\"\n", 5, "the ports of service"
                        + " api must be a list"),
                composeFile("an unknown protocol", service + "    ports: [\"8002:8000/http\"]\n", 5, "ports entry"
                        + " '8002:8000/http': the protocol 'http' is not tcp, udp or sctp"),
                composeFile("services as a list", "x-secret: " + SECRET + "\nservices:\n  - api\n", 3, "services must be"
                        + " a mapping"),
                composeFile("a long entry without target", service + "    ports:\n      - published: 8002\n", 6,
                        "ports entry 'target: (missing)': the long syntax needs 'target'"),
                new Case("compose file: a bad .env beside it", input -> input.supportFile("compose.yaml",
                        "services:\n  api:\n    ports: [\"${PORT:-8002}:8000\"]\n").file(".env", "PASSWORD=" + SECRET
                        + "\nPORT='8003\n"), INVALID, "{dir}/.env:2: the single quote opened here is never closed"),
                composeFile("a merge key that refers to itself", "services:\n  api: &api\n" + SECRET_ENVIRONMENT
                        + "    <<: *api\n", 2, "a merge key (<<) refers to the mapping that holds it"),
                composeFile("lists nested 10,000 deep", service + "    ports: " + "[".repeat(10_000) + "\n", 5, "is not"
                        + " read: mappings and lists nest more than 64 levels deep here"),
                composeFile("101 aliases of a list", aliases.toString(), 106, "is not read: more than 100 aliases"),
                composeFile("a host_ip with a space", service + "    ports: [\"127.0.0.1 x:8002:8000\"]\n", 5, "ports"
                        + " entry '127.0.0.1 x:8002:8000': the host address '127.0.0.1 x' is not an IP address"),
                composeFile("a host_ip with a path", service + "    ports:\n      - {target: 8000, published: 8002,"
                        + " host_ip: 127.0.0.1/p}\n", 6, "ports entry 'target: 8000': the host address '127.0.0.1/p' is"
                        + " not an IP address"),
                composeFile("a host_ip with a fragment", service + "    ports:\n      - {target: 8000, published: 8002,"
                        + " host_ip: \"127.0.0.1#x\"}\n", 6, "ports entry 'target: 8000': the host address '127.0.0.1#x'"
                        + " is not an IP address"),
                new Case("compose file: a host_ip from a variable", input -> input.env("HOST_IP", "127.0.0.1 " + SECRET)
                        .supportFile("compose.yaml", "services:\n  api:\n    ports: [\"${HOST_IP}:8002:8000\"]\n")
                        .supportFile(".env.staging.e2e", STAGING), INVALID, "{dir}/compose.yaml:3: ports entry"
                        + " '${HOST_IP}:8002:8000': the host address (from a variable) is not an IP address"),
                new Case("compose file: over 64 KiB", input -> input.file("compose.yaml", OVER_THE_COMPOSE_LIMIT)
                        .supportFile(".env.staging.e2e", STAGING), INVALID, "{dir}/compose.yaml: is "
                        + OVER_THE_COMPOSE_LIMIT.length() + " bytes, larger than the limit of 65536 bytes (setting"
                        + " docker.compose-max-kib, 64 KiB for all the compose files of a project"),
                new Case("compose files: over 64 KiB together", input -> input.file("compose.yaml", servicesOf(40 * 1024))
                        .supportFile("compose.override.yaml", "services:\n  late:\n    image: x\n" + "#".repeat(
                                COMPOSE_LIMIT - 40 * 1024) + "\n").supportFile(".env.staging.e2e", STAGING), INVALID,
                        "{dir}/compose.override.yaml: is " + (COMPOSE_LIMIT - 40 * 1024 + 32) + " bytes, which makes"
                        + " the compose files read for this project " + (COMPOSE_LIMIT + 32) + " bytes, larger than"
                        + " the limit of 65536 bytes in all"),
                new Case("compose file: a value interpolated past 4 Mi characters", input -> input.env("LONG", SECRET
                        + "x".repeat(1024 * 1024 - 100)).supportFile("compose.yaml", "x-big: &big \"${LONG}\"\n"
                        + "services:\n  api:\n    networks:\n      n:\n        aliases: [*big, *big, *big, *big,"
                        + " *big]\n").supportFile(".env.staging.e2e", STAGING), INVALID, "{dir}/compose.yaml:1:"
                        + " interpolation makes the values read from the compose files longer than 4194304"),
                new Case("compose file: 64 KiB of the costliest shapes within every limit", input -> input.file(
                        "compose.yaml", worstShapes(backendPort, 50, COMPOSE_LIMIT)).supportFile(".env.staging.e2e",
                        STAGING), FOUND, "predicted http://localhost:" + backendPort + " for service backend from"
                        + " {dir}/compose.yaml:58, but the protocol is not spoken there"),
                composeFile("64 KiB of the costliest shapes, its aliases repeating more values than the limit",
                        worstShapes(backendPort, 1000, COMPOSE_LIMIT), 173, "the compose files hold, or extends"
                        + " copies, more than 8192 values of the services read (one per 8 bytes of setting"
                        + " docker.compose-max-kib, 64 KiB;"),
                new Case("compose file: 2 MiB of the costliest shapes, docker.compose-max-kib raised to 2048",
                        input -> input.file("compose.yaml", worstShapes(backendPort, 1000, 2 * 1024 * 1024))
                                .supportEnv("BACKENDCONFIG_DOCKER_COMPOSE_MAX_KIB", "2048")
                                .supportFile(".env.staging.e2e", STAGING), FOUND, "predicted http://localhost:"
                                + backendPort + " for service backend from {dir}/compose.yaml:1008, but the protocol is"
                                + " not spoken there"),
                new Case("compose file: 100 aliases of 65 ranges to expose", input -> input.file("compose.yaml",
                        exposedRanges(backendPort)).supportFile(".env.staging.e2e", STAGING), FOUND, "predicted"
                        + " http://localhost:" + backendPort + " for service backend from {dir}/compose.yaml:5, but the"
                        + " protocol is not spoken there"),
                new Case("compose file: named by COMPOSE_FILE, not a path", input -> input.env("COMPOSE_FILE",
                        SECRET + "\u0000.yml"), INVALID, "variable COMPOSE_FILE: expected a file path, got text that"
                        + " cannot be a path on this system"));
    }

    private static Stream<Case> engineReplies() {
        String leakyMessage = "{\"message\":\"cannot pull from https://admin:" + SECRET + "@registry.example.test\"}";
        return Stream.of(
                engineReply("500 with a message", input -> input.engine(engine(input)
                        .answer("/containers/json", 500, input.fed(leakyMessage))), "answered GET /containers/json with"
                        + " 500: cannot pull from https://***@registry.example.test"),
                engineReply("500 with key=value secrets", input -> input.engine(engine(input).answer("/containers/json",
                        500, input.fed("{\"message\":\"login failed: password=" + SECRET + " token: " + SECRET
                                + "\"}"))), "with 500: login failed: password=*** token: ***"),
                engineReply("500 with a '/' in the password", input -> input.engine(engine(input).answer(
                        "/containers/json", 500, input.fed("{\"message\":\"pull https://admin:" + SECRET
                                + "/x@registry.example.test\"}"))), "with 500: pull https://***@registry.example.test"),
                engineReply("malformed JSON", input -> input.engine(engine(input).answer("/containers/json", 200,
                        input.fed("[{\"Id\": \"" + SECRET + "\","))), "answered GET /containers/json with malformed"
                        + " JSON"),
                engineReply("an object instead of a list", input -> input.engine(engine(input).answer(
                        "/containers/json", 200, input.fed("{\"password\":\"" + SECRET + "\"}"))), "answered GET"
                        + " /containers/json with JSON that is not a list"),
                engineReply("a container without Id", input -> input.engine(engine(input).containers(input.fed(
                        "[{\"Names\":[\"/x\"],\"Labels\":{\"com.docker.compose.project\":\"docker\",\"token\":\"" + SECRET
                                + "\"}}]"))), "listed a container without an Id"),
                engineReply("an Id that pipelines a DELETE", input -> input.engine(engine(input).containers(input.fed(
                        container(alpine -> alpine.put("Id", "9dbee0bf1ae0\r\n\r\nDELETE /containers/" + SECRET
                                + " HTTP/1.1\r\nHost: docker\r\n\r\nGET /x"))))), "listed a container whose Id is not"
                        + " a container id"),
                engineReply("an Id that climbs out of the path", input -> input.engine(engine(input).containers(
                        input.fed(container(alpine -> alpine.put("Id", "../../images/" + SECRET))))), "listed a"
                        + " container whose Id is not a container id"),
                engineReply("a PublicPort of 70000", input -> input.engine(engine(input).containers(input.fed(
                        container(alpine -> {
                            firstPort(alpine).put("PublicPort", BigDecimal.valueOf(70000));
                            labels(alpine).put("com.example.token", SECRET);
                        })))),
                        "with PublicPort 70000, which is not a port from 0 to 65535"),
                engineReply("an IP of 127.0.0.1#x", input -> input.engine(engine(input).containers(input.fed(
                        container(alpine -> {
                            firstPort(alpine).put("IP", "127.0.0.1#x");
                            labels(alpine).put("com.example.token", SECRET);
                        })))), "with a port bound to"
                        + " '127.0.0.1#x', which is not an IP address"),
                engineReply("a body over the cap", input -> input.engineWithSecretInTheComposeFile(tcpEngine(input)
                        .answerWithLength("/containers/json", 9L * 1024 * 1024)), "body of 9437184 bytes is larger than"
                        + " the cap of 8388608"),
                engineReply("a container list answered 404 by a proxy", input -> input.engine(engine(input).answer(
                        "/containers/json", 404, input.fed("https://u:" + SECRET + "@proxy.example.test says no, token: "
                        + SECRET))), "answered GET /containers/json with 404: https://***@proxy.example.test says no,"
                        + " token: ***"),
                engineReply("an engine that never answers", input -> {
                    input.engineWithSecretInTheComposeFile(tcpEngine(input)
                            .behave(FakeDockerEngine.Behaviour.NEVER_ANSWER));
                    input.supportProperty("backendconfig.docker.answer-timeout", "200ms");
                }, "did not answer GET /containers/json within 200 ms (setting docker.answer-timeout)"),
                engineReply("an engine that closes at once", input -> input.engineWithSecretInTheComposeFile(tcpEngine(input)
                        .behave(FakeDockerEngine.Behaviour.CLOSE_AT_ONCE)), "closed the connection without answering"),
                engineReply("an inspect of a vanished container", input -> input.engine(engine(input).containers(
                        input.fed(container(alpine -> labels(alpine).put("com.example.token", SECRET))))),
                        "answered GET /containers/" + id(listEntry("alpine-test-backend")) + "/json with 404: No such"
                                + " container"),
                new Case("engine: a secret in the container's environment", input -> {
                    Map<String, Object> alpine = listEntry("alpine-test-backend");
                    Map<String, Object> inspect = inspection("sick");
                    @SuppressWarnings("unchecked")
                    Map<String, Object> config = (Map<String, Object>) inspect.get("Config");
                    config.put("Env", List.of("DB_PASSWORD=" + SECRET));
                    input.engine(engine(input).containers(list(alpine)).inspect(id(alpine),
                            input.fed(Recorded.write(inspect))));
                }, INVALID, "is unhealthy (last check said: database connection refused)"),
                new Case("engine: a secret in the health check's output", input -> {
                    Map<String, Object> alpine = listEntry("alpine-test-backend");
                    Map<String, Object> sick = inspection("sick");
                    @SuppressWarnings("unchecked")
                    Map<String, Object> health = (Map<String, Object>) ((Map<String, Object>) sick.get("State"))
                            .get("Health");
                    health.put("Log", List.of(Map.of("Output", "DB_PASSWORD=" + SECRET + " rejected by postgres://app:"
                            + SECRET + "@db/app\n")));
                    input.engine(engine(input).containers(list(alpine)).inspect(id(alpine),
                            input.fed(Recorded.write(sick))));
                }, INVALID, "is unhealthy (last check said: DB_PASSWORD=*** rejected by postgres://***@db/app)"),
                new Case("engine: a label that forges a report line", input -> {
                    String alpine = container(entry -> {
                        labels(entry).put("com.docker.compose.service", "backend\n[WARN] forged\u001b[2J");
                        labels(entry).put("com.example.token", SECRET);
                    });
                    input.engine(engine(input).containers(input.fed(alpine)).inspect(
                            id(listEntry("alpine-test-backend")), Recorded.text(inspection("alpine"))));
                }, FOUND, "found        compose project docker (named by setting docker.project): service backend\\n[WARN]"
                        + " forged\\u001b[2J publishes 8000 on 0.0.0.0:8002"),
                new Case("engine: project labels holding a token and a URL's password", input -> {
                    // two projects of this checkout (started from its compose file), named with secrets
                    Map<String, Object> first = listEntry("alpine-test-backend");
                    labels(first).put("com.docker.compose.project", "shop token=" + SECRET);
                    Map<String, Object> second = Recorded.renamed(listEntry("alpine-test-backend"), "b".repeat(64),
                            "alpine-test-backend", "other-backend-1");
                    labels(second).put("com.docker.compose.project", "https://deploy:" + SECRET
                            + "@git.example.test/shop");
                    for (Map<String, Object> entry : List.of(first, second)) {
                        labels(entry).put("com.docker.compose.project.working_dir", input.directory.toString());
                        labels(entry).put("com.docker.compose.project.config_files", input.directory
                                .resolve("compose.yml").toString());
                    }
                    input.supportEnv("DOCKER_HOST", engine(input).containers(input.fed(list(first, second)))
                            .dockerHost());
                    input.supportProperty("backendconfig.providers", "docker");
                }, INVALID, "2 compose projects of this checkout ({dir}) run: shop token=*** (started from"),
                new Case("DOCKER_HOST=garbage", input -> input.env("DOCKER_HOST", "garbage-" + SECRET), INVALID,
                        "variable DOCKER_HOST: expected unix:///path/to/docker.sock, tcp://host:port or"
                                + " ssh://[user@]host[:port], got a value without a scheme"),
                new Case("DOCKER_HOST=ftp://x", input -> input.env("DOCKER_HOST", "ftp://e2e:" + SECRET + "@x"),
                        INVALID, "variable DOCKER_HOST: expected unix:///path/to/docker.sock, tcp://host:port or"
                                + " ssh://[user@]host[:port], got scheme 'ftp'"),
                new Case("config.json that is not JSON", input -> {
                    input.environment.remove("DOCKER_HOST");
                    input.supportEnv("DOCKER_CONFIG", input.directory.resolve(".docker").toString());
                    input.file(".docker/config.json", "{\"auths\":{\"x\":{\"auth\":\"" + SECRET + "\"}},");
                }, INVALID, "{dir}/.docker/config.json: is not valid JSON"),
                new Case("a context without meta file", input -> {
                    input.environment.remove("DOCKER_HOST");
                    input.supportEnv("DOCKER_CONFIG", input.directory.resolve(".docker").toString());
                    input.file(".docker/config.json", "{\"currentContext\":\"gone\",\"auths\":{\"x\":{\"auth\":\""
                            + SECRET + "\"}}}");
                }, INVALID, "{dir}/.docker/config.json: context 'gone' has no readable meta file"));
    }

    /** Peers that answer one byte at a time: the resolution still ends with its budget. */
    /** Engines: ssh:// and tcp:// addresses, TLS files, docker contexts, Podman's CONTAINER_HOST. */
    private static Stream<Case> engineAddresses() {
        return Stream.of(
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
                property("backendconfig.docker.tls-verify", "maybe" + SECRET, "setting docker.tls-verify expects one"
                        + " of true, false"),
                new Case("CONTAINER_HOST: a Podman ssh connection", input -> {
                    input.environment.remove("DOCKER_HOST");
                    input.env("CONTAINER_HOST", "ssh://core:" + SECRET + "@localhost:53257/run/podman/podman.sock");
                }, NOT_FOUND, "CONTAINER_HOST names an ssh:// Podman connection, which is not supported"),
                tlsFiles("TLS: DOCKER_CERT_PATH without ca.pem", input -> {
                    clientPair(input, "KEY=" + SECRET + "\n");
                    Files.delete(input.directory.resolve("certs/ca.pem"));
                }, "{dir}/certs/ca.pem: the CA certificate (DOCKER_CERT_PATH {dir}/certs) does"
                        + " not exist"),
                tlsFiles("TLS: a ca.pem holding no certificate", input -> input.file("certs/ca.pem", "# " + SECRET
                        + "\n" + TestPki.pem("PRIVATE KEY", SECRET.getBytes(StandardCharsets.UTF_8))), "{dir}/certs/ca.pem: the CA"
                        + " certificate (DOCKER_CERT_PATH {dir}/certs) holds no certificate (expected a -----BEGIN"
                        + " CERTIFICATE----- block)"),
                tlsFiles("TLS: a key whose base64 is broken", input -> clientPair(input, "-----BEGIN PRIVATE KEY-----\n"
                        + SECRET + "!\n-----END PRIVATE KEY-----\n"), "{dir}/certs/key.pem:1: the client key"
                        + " (DOCKER_CERT_PATH {dir}/certs) is not valid PEM: the base64 text of its BEGIN PRIVATE KEY"
                        + " block is broken"),
                tlsFiles("TLS: a PKCS#1 block holding other DER", input -> clientPair(input, "# " + SECRET + "\n"
                        + TestPki.pem("RSA PRIVATE KEY", TestPki.seq(TestPki.tlv(0x04,
                        SECRET.getBytes(StandardCharsets.UTF_8))))), "{dir}/certs/key.pem:2: the client key (DOCKER_CERT_PATH {dir}/certs): its BEGIN RSA PRIVATE KEY"
                                + " block is not a PKCS#1 RSA private key (expected an INTEGER, got tag 0x4)"),
                tlsFiles("TLS: an encrypted key", input -> clientPair(input, "# password " + SECRET + "\n"
                        + TestPki.encryptedPkcs8(TestPki.keys(TestPki.KeyKind.RSA).getPrivate(), SECRET.toCharArray())),
                        "{dir}/certs/key.pem:2: the client key (DOCKER_CERT_PATH {dir}/certs) is encrypted with a"
                                + " password, which cannot be given here"),
                tlsFiles("TLS: an OpenSSH key", input -> clientPair(input, "# " + SECRET + "\n"
                        + TestPki.pem("OPENSSH PRIVATE KEY", SECRET.getBytes(StandardCharsets.UTF_8))),
                        "{dir}/certs/key.pem:2: the client key"
                        + " (DOCKER_CERT_PATH {dir}/certs) is an OpenSSH key, not a TLS key"),
                tlsFiles("TLS: a key that is not the certificate's", input -> clientPair(input, "# " + SECRET + "\n"
                        + TestPki.pkcs8(TestPki.freshKeys(TestPki.KeyKind.EC).getPrivate())), "{dir}/certs/key.pem: the"
                        + " client key (DOCKER_CERT_PATH {dir}/certs) does not belong to the certificate in"
                        + " {dir}/certs/cert.pem (its public key is another key's)"),
                tlsFiles("TLS: an RSA key with 2,500,000-bit CRT exponents", input -> clientPair(input,
                        "Bag Attributes\n    password: " + SECRET + "\n" + hugeCrtKey()), "{dir}/certs/key.pem:3: the"
                        + " client key (DOCKER_CERT_PATH {dir}/certs) is an RSA key whose first CRT exponent (d mod"
                        + " (p-1)) has 2500000 bits"),
                tlsFiles("TLS: a certificate without its key", input -> {
                    clientPair(input, "KEY=" + SECRET);
                    Files.delete(input.directory.resolve("certs/key.pem"));
                }, "{dir}/certs/cert.pem: the client certificate (DOCKER_CERT_PATH {dir}/certs) has no key beside it:"
                        + " {dir}/certs/key.pem does not exist"),
                new Case("context: an ssh host with a password", input -> context(input, "ssh://admin:" + SECRET
                        + "@build-box"), INVALID, "{dir}/.docker/contexts/meta/" + sha256("bad") + "/meta.json:"
                        + " expected unix:///path/to/docker.sock, tcp://host:port or ssh://[user@]host[:port], got an"
                        + " ssh address with a password (not shown)"),
                new Case("context: a TLS key that is not PEM", input -> {
                    context(input, "tcp://127.0.0.1:9");
                    Path tls = input.directory.resolve(".docker/contexts/tls/" + sha256("bad") + "/docker");
                    TestPki.Issued ca = TestPki.authority("catalogue-ca");
                    TestPki.certPath(tls, ca.certificate(), TestPki.client(ca, TestPki.KeyKind.EC).certificate(),
                            input.fed("key=" + SECRET + "\n"));
                }, INVALID, "{dir}/.docker/contexts/tls/" + sha256("bad") + "/docker/key.pem: the client key (context"
                        + " 'bad' TLS files in {dir}/.docker/contexts/tls/" + sha256("bad") + "/docker) is not PEM: it has"
                        + " no -----BEGIN ...----- line"));
    }

    /** Return {@code count} service names, s0 to s{count-1}, comma-separated. */
    private static String servicesNamed(int count) {
        return String.join(",", java.util.stream.IntStream.range(0, count).mapToObj(i -> "s" + i).toList());
    }

    /**
     * Return a PKCS#1 RSA key of a real 2048-bit key's integers but for CRT exponents of 2,500,000 bits each (under
     * the 1 MiB file limit, and minutes of CPU if any arithmetic were started on it).
     */
    private static String hugeCrtKey() {
        java.security.interfaces.RSAPrivateCrtKey key = (java.security.interfaces.RSAPrivateCrtKey) TestPki.keys(
                TestPki.KeyKind.RSA).getPrivate();
        java.math.BigInteger huge = java.math.BigInteger.ONE.shiftLeft(2_500_000).subtract(java.math.BigInteger.ONE);
        java.math.BigInteger[] integers = {key.getModulus(), key.getPublicExponent(), key.getPrivateExponent(),
            key.getPrimeP(), key.getPrimeQ(), huge, huge, key.getCrtCoefficient()};
        byte[][] fields = new byte[integers.length + 1][];
        fields[0] = TestPki.tlv(0x02, new byte[] {0});
        for (int i = 0; i < integers.length; i++) {
            fields[i + 1] = TestPki.tlv(0x02, integers[i].toByteArray());
        }
        return TestPki.pem("RSA PRIVATE KEY", TestPki.seq(fields));
    }

    private static Case dockerHost(String name, String value, String problem) {
        return new Case("DOCKER_HOST: " + name, input -> input.env("DOCKER_HOST", value), INVALID,
                "variable DOCKER_HOST: expected unix:///path/to/docker.sock, tcp://host:port or"
                        + " ssh://[user@]host[:port], " + problem);
    }

    /** A TLS engine (never reached: the files are read first) with DOCKER_CERT_PATH {dir}/certs, as {@code setup} leaves it. */
    private static Case tlsFiles(String name, Setup setup, String message) {
        return new Case(name, input -> {
            input.supportEnv("DOCKER_HOST", "tcp://127.0.0.1:9").supportEnv("DOCKER_TLS_VERIFY", "1")
                    .supportEnv("DOCKER_CERT_PATH", input.directory.resolve("certs").toString());
            Files.createDirectories(input.directory.resolve("certs"));
            setup.apply(input);
        }, INVALID, message);
    }

    /** Write a CA, a client certificate it signed, and {@code keyPem} (fed: the secret is in it) as key.pem into {dir}/certs. */
    private static void clientPair(Input input, String keyPem) {
        TestPki.Issued ca = TestPki.authority("catalogue-ca");
        TestPki.certPath(input.directory.resolve("certs"), ca.certificate(), TestPki.client(ca, TestPki.KeyKind.EC)
                .certificate(), input.fed(keyPem));
    }

    /** Make context 'bad' the current one, its docker endpoint {@code host} (fed: the secret may be in it). */
    private static void context(Input input, String host) throws IOException {
        input.environment.remove("DOCKER_HOST");
        input.supportEnv("DOCKER_CONFIG", input.directory.resolve(".docker").toString());
        input.supportFile(".docker/config.json", "{\"currentContext\":\"bad\"}");
        input.file(".docker/contexts/meta/" + sha256("bad") + "/meta.json", "{\"Name\":\"bad\",\"Endpoints\":"
                + "{\"docker\":{\"Host\":\"" + host + "\",\"SkipTLSVerify\":false}}}");
    }

    private static Stream<Case> slowPeers() {
        return Stream.of(
                new Case("slow peer: a backend trickling its answer at the predicted port", input -> {
                    TricklingServer server = TricklingServer.httpHead(Duration.ofMillis(50));
                    CLOSEABLES.add(server);
                    input.file("compose.yaml", "services:\n  api:\n" + SECRET_ENVIRONMENT + "    ports:"
                            + " [\"127.0.0.1:" + server.port() + ":8000\"]\n");
                    input.supportProperty("backendconfig.probe", "http");
                    input.supportProperty("backendconfig.probe.timeout", "500ms");
                }, NOT_FOUND, "but the protocol is not spoken there: http GET http://127.0.0.1:"),
                new Case("slow peer: a TLS backend trickling its handshake to explain --probe", input -> {
                    TricklingServer server = TricklingServer.tlsRecord(Duration.ofMillis(50));
                    CLOSEABLES.add(server);
                    input.cli("--probe=http", "--set", "url=https://e2e:" + SECRET + "@127.0.0.1:" + server.port(),
                            "--set", "timeout=1s");
                }, "exit 2", "explain: the backend does not answer: http GET https://***@127.0.0.1:"));
    }

    private static Stream<Case> cliArguments() {
        return Stream.of(
                cli("docker.start given to explain", "--set docker.start: explain never starts a stack, it only says"
                        + " what is there; start it with backend-config up (or wait, or the tests, with"
                        + " docker.start=if-missing)", "--set", "docker.start=" + SECRET),
                cli("an unknown option", "unknown option '--verbose=...' (see --help)", "--verbose=" + SECRET),
                cli("an unknown option holding a URL", "unknown option '--url=...' (see --help)",
                        "--url=http://e2e:" + SECRET + "@host.example.test"),
                cli("a password where an option belongs", "unexpected argument (not shown: it may hold a secret);"
                        + " the commands are explain and wait, and each value follows its option: --dir DIR,"
                        + " --set key=value (see --help)", SECRET),
                cli("--set given a URL without its key", "--set expects key=value (for example --set"
                        + " docker.service=backend), got a value without '='", "--set",
                        "http://e2e:" + SECRET + "@host.example.test"),
                cli("an unknown format", "--format expects text, env or json, got a value that is not one of them (not"
                        + " shown: it may hold a secret)", "--format=" + SECRET),
                cli("an unknown probe", "--probe expects none, tcp, http or websocket, got a value that is not one of"
                        + " them (not shown: it may hold a secret)", "--probe=" + SECRET),
                cli("--set without =", "--set expects key=value (for example --set docker.service=backend), got a value"
                        + " without '='", "--set=" + SECRET),
                cli("a --dir holding user info", "--dir: the directory given does not exist (not shown: it looks like a"
                        + " URL, which may hold a password)", "--dir", "e2e:" + SECRET + "@missing"),
                cli("an option without its value", "--dir needs a value (see --help)", "--set=url=" + SECRET, "--dir"),
                cli("a prefixed key", "--set takes keys without the backendconfig. prefix: --set url=...",
                        "--set", "backendconfig.url=http://u:" + SECRET + "@x"));
    }

    /** A recorded list of one alpine container, changed by {@code change}, as the engine's JSON. */
    private static String container(Consumer<Map<String, Object>> change) {
        Map<String, Object> alpine = listEntry("alpine-test-backend");
        change.accept(alpine);
        return list(alpine);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> firstPort(Map<String, Object> entry) {
        return (Map<String, Object>) ((List<Object>) entry.get("Ports")).get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> labels(Map<String, Object> entry) {
        return (Map<String, Object>) entry.get("Labels");
    }

    /** Start a fake engine on a Unix socket for a case; it is stopped when the case ends. */
    private static FakeDockerEngine engine(Input input) throws IOException {
        FakeDockerEngine engine = FakeDockerEngine.onUnixSocket(input.directory.resolve("engine.sock"));
        CLOSEABLES.add(engine);
        return engine;
    }

    /** Start a fake engine on loopback TCP, so that DOCKER_HOST can carry user info. */
    private static FakeDockerEngine tcpEngine(Input input) throws IOException {
        FakeDockerEngine engine = FakeDockerEngine.onLoopback();
        CLOSEABLES.add(engine);
        return engine;
    }

    private static final List<AutoCloseable> CLOSEABLES = new java.util.concurrent.CopyOnWriteArrayList<>();

    @AfterEach
    void stopEnginesAndServers() throws Exception {
        for (AutoCloseable closeable : CLOSEABLES) {
            closeable.close();
        }
        CLOSEABLES.clear();
    }

    @Test
    void theCatalogueHoldsExactlyItsCasesEachNamedOnce() {
        List<Case> cases = catalogue().toList();
        assertThat(cases).hasSize(CASES);
        assertThat(cases).extracting(Case::name).doesNotHaveDuplicates();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void badInputGetsAClearErrorNamingItsSourceAndNeverTheSecret(Case entry, @TempDir Path directory) throws Exception {
        Input input = new Input(directory);
        entry.setup().apply(input);
        assertThat(input.fed.toString()).as("the input %s feeds must hold its planted secret", entry.name())
                .contains(SECRET);
        RecordingLogs.clear();
        String expected = entry.message().replace("{dir}", directory.toString());
        List<String> shown = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> outputs(entry, input, expected));
        shown.add(RecordingLogs.text());
        assertThat(shown).as("outputs of %s", entry.name()).noneMatch(text -> text.contains(SECRET));
    }

    private static List<String> outputs(Case entry, Input input, String expected) {
        List<String> shown = new ArrayList<>();
        if (!input.cli.isEmpty()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            List<String> arguments = new ArrayList<>(input.cli);
            if (!entry.outcome().equals("exit 64")) {
                arguments.addAll(List.of("--dir", input.directory.toString()));
            }
            int exit = Explain.execute(arguments, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), input.environment, input.properties);
            assertThat("exit " + exit).as("exit code of %s (stderr: %s)", entry.name(), err).isEqualTo(entry.outcome());
            if (entry.outcome().equals("exit 64")) {
                assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo(expected + "\n");
            } else {
                assertThat(err.toString(StandardCharsets.UTF_8) + out.toString(StandardCharsets.UTF_8))
                        .contains(expected);
            }
            shown.add(out.toString(StandardCharsets.UTF_8));
            shown.add(err.toString(StandardCharsets.UTF_8));
            return shown;
        }
        Resolution[] resolution = new Resolution[1];
        Throwable thrown = catchThrowable(() -> resolution[0] = ServiceResolver.create().resolve(ResolutionContext
                .builder().environment(input.environment).systemProperties(new LinkedHashMap<>(input.properties))
                .workingDirectory(input.directory).build()));
        if (entry.outcome().equals(FOUND)) {
            assertThat(thrown).as("outcome of %s", entry.name()).isNull();
            String report = resolution[0].report().render();
            assertThat(report).contains(expected);
            shown.add(report);
            shown.add(resolution[0].endpoint().toString());
            return shown;
        }
        assertThat(thrown).as("outcome of %s", entry.name()).isNotNull();
        assertThat(thrown.getClass().getSimpleName()).as("outcome of %s: %s", entry.name(), thrown)
                .isEqualTo(entry.outcome());
        assertThat(thrown).hasMessageContaining(expected);
        StringWriter trace = new StringWriter();
        thrown.printStackTrace(new PrintWriter(trace));
        shown.add(trace.toString());
        if (thrown instanceof BackendConfigException failure) {
            shown.add(failure.report().render());
        }
        return shown;
    }
}
