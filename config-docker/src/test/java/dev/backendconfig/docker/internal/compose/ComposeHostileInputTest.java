package dev.backendconfig.docker.internal.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.backendconfig.testsupport.SpecialFiles;
import dev.backendconfig.toolkit.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Compose files built to hurt the reader: recursion, expansion, depth, size, files that are not files, bad hosts. */
class ComposeHostileInputTest {

    /** Far above the time the work takes: proves it ends, not how fast. */
    private static final Duration DOES_NOT_HANG = Duration.ofSeconds(30);

    @TempDir
    Path directory;

    @org.junit.jupiter.api.BeforeEach
    void repository() throws IOException {
        Files.createDirectories(directory.resolve(".git"));
    }

    private Path write(String text) throws IOException {
        return Files.writeString(directory.resolve("compose.yaml"), text);
    }

    private ComposeProject load(Path file, Map<String, String> environment) {
        return assertTimeoutPreemptively(DOES_NOT_HANG, () -> Projects.ofFiles(directory, environment, file));
    }

    private ComposeProject load(Path file) {
        return load(file, Map.of());
    }

    @Test
    void aMergeKeyThatRefersToItsOwnMappingIsAnErrorWithItsLine() throws IOException {
        Path file = write("services:\n  api: &api\n    image: x\n    <<: *api\n    ports: [\"8002:8000\"]\n");
        assertThatThrownBy(() -> load(file))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(file + ":2: a merge key (<<) refers to the mapping that holds it (directly or through other"
                        + " merges), which would never end");
    }

    @Test
    void mergeKeysThatReferToEachOtherAreAnErrorToo() throws IOException {
        Path file = write("services:\n  api: &a\n    inner: &b\n      <<: *a\n    <<: *b\n");
        assertThatThrownBy(() -> load(file)).hasMessageEndingWith(": a merge key (<<) refers to the mapping that holds"
                + " it (directly or through other merges), which would never end");
    }

    @Test
    void mergesThatDoubleAtEveryLevelAreReadOnceEachInsteadOfExponentially() throws IOException {
        StringBuilder text = new StringBuilder("x-0: &l0 {ports: [\"8002:8000\"]}\n");
        for (int level = 1; level <= 40; level++) {
            text.append("x-").append(level).append(": &l").append(level).append(" {<<: [*l").append(level - 1)
                    .append(", *l").append(level - 1).append("]}\n");
        }
        text.append("services:\n  api:\n    <<: *l40\n");
        ComposeProject model = load(write(text.toString()));
        assertThat(model.services().get("api").ports()).singleElement()
                .satisfies(port -> assertThat(port.hostPortFor(8000)).contains(8002));
    }

    @Test
    void moreThanAHundredAliasesOfMappingsOrListsAreRefusedAtTheLineOfTheOneTooMany() throws IOException {
        StringBuilder text = new StringBuilder("x-ports: &ports [\"8002:8000\"]\nservices:\n");
        for (int i = 1; i <= 101; i++) {
            text.append("  s").append(i).append(": {ports: *ports}\n");
        }
        Path file = write(text.toString());
        assertThatThrownBy(() -> load(file)).hasMessage(file + ":103: is not read: more than 100 aliases (*name) of"
                + " mappings or lists (not configurable: a compose file reuses a few shared blocks)");
    }

    @Test
    void aHundredAliasesOfPlainValuesAndOneHundredOfListsAreFine() throws IOException {
        StringBuilder text = new StringBuilder("x-name: &name backend\nx-ports: &ports [\"8002:8000\"]\nservices:\n");
        for (int i = 1; i <= 100; i++) {
            text.append("  s").append(i).append(": {container_name: *name, ports: *ports}\n");
        }
        assertThat(load(write(text.toString())).services()).hasSize(100);
    }

    @Test
    void tenThousandNestedListsAreAnErrorWithTheLineNotAStackOverflow() throws IOException {
        Path file = write("services:\n  api:\n    ports: " + "[".repeat(10_000) + "\n");
        assertThatThrownBy(() -> load(file)).hasMessage(file + ":3: is not read: mappings and lists nest more than 64"
                + " levels deep here (not configurable: a compose file nests about six)");
    }

    @Test
    void blockMappingsNestedTooDeeplyAreAnErrorAtTheLineWhereTheLimitIsCrossed() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int level = 0; level < 200; level++) {
            text.append("  ".repeat(level)).append("k:\n");
        }
        Path file = write(text.toString());
        assertThatThrownBy(() -> load(file)).hasMessage(file + ":65: is not read: mappings and lists nest more than 64"
                + " levels deep here (not configurable: a compose file nests about six)");
    }

    @Test
    void valuesThatInterpolateBeyondTheLimitInAllAreAnError() throws IOException {
        Path file = write("x-big: &big \"${LONG}\"\nservices:\n  api:\n    networks:\n      n:\n"
                + "        aliases: [*big, *big, *big, *big, *big]\n");
        assertThatThrownBy(() -> load(file, Map.of("LONG", "x".repeat(1024 * 1024 - 1))))
                .hasMessage(file + ":1: interpolation makes the values read from the compose files longer than 4194304"
                        + " characters in all (not configurable: names and ports are short; does a value refer to a"
                        + " long variable?)");
    }

    /** What the size errors say to do, at the default limit of 64 KiB. */
    private static final String WHAT_TO_DO = "setting docker.compose-max-kib, 64 KiB for all the compose files of a"
            + " project: real ones are tens of KB; name the files that start the stack with docker.compose-file, or"
            + " raise the setting, up to 2048, for a larger generated file";

    @Test
    void aFileOverTheLimitIsRefusedBeforeItIsRead() throws IOException {
        Path file = SpecialFiles.sparse(directory.resolve("compose.yaml"), 50L * 1024 * 1024);
        assertThatThrownBy(() -> load(file)).hasMessage(file + ": is 52428800 bytes, larger than the limit of 65536"
                + " bytes (" + WHAT_TO_DO + ")");
    }

    /** Return services, each publishing a port, padded with a comment to exactly {@code bytes} bytes. */
    private static String servicesOf(int bytes) {
        StringBuilder text = new StringBuilder("services:\n");
        for (int i = 0; text.length() < bytes - 200; i++) {
            text.append("  s").append(i).append(":\n    image: x\n    ports: [\"").append(1 + i % 60000)
                    .append(":8000\"]\n");
        }
        String padding = "#" + "x".repeat(bytes - text.length() - 2) + "\n";
        return text.append(padding).toString();
    }

    @Test
    void aFileOfExactlyTheLimitIsReadAndOneByteMoreIsRefusedNamingItsSizeTheLimitAndWhatToDo() throws IOException {
        Path file = write(servicesOf(64 * 1024));
        assertThat(Files.size(file)).isEqualTo(65536);
        assertThat(load(file).services()).containsKey("s1000");
        Files.writeString(file, servicesOf(64 * 1024 + 1));
        assertThatThrownBy(() -> load(file)).isInstanceOf(InvalidInputException.class)
                .hasMessage(file + ": is 65537 bytes, larger than the limit of 65536 bytes (" + WHAT_TO_DO + ")");
    }

    @Test
    void theLimitHoldsForAllTheFilesOfAProjectTogetherNamingTheFileThatCrossesIt() throws IOException {
        Path first = write(servicesOf(40 * 1024));
        Path second = Files.writeString(directory.resolve("compose.override.yaml"), servicesOf(24 * 1024));
        assertThat(Projects.ofFiles(directory, Map.of(), first, second).services()).containsKey("s10");
        Files.writeString(second, servicesOf(24 * 1024 + 1));
        assertThatThrownBy(() -> Projects.ofFiles(directory, Map.of(), first, second))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(second + ": is 24577 bytes, which makes the compose files read for this project 65537"
                        + " bytes, larger than the limit of 65536 bytes in all (" + WHAT_TO_DO + ")");
    }

    @Test
    void settingComposeMaxKibRaisesTheLimitForALargerGeneratedFile() throws IOException {
        Path file = write(servicesOf(200 * 1024));
        assertThatThrownBy(() -> load(file)).hasMessageStartingWith(file + ": is 204800 bytes, larger than the limit"
                + " of 65536 bytes");
        assertThat(Projects.load(directory, Map.of(), Map.of("docker.compose-file", file.toString(),
                "docker.compose-max-kib", "200")).services()).containsKey("s3000");
    }

    @Test
    void settingComposeMaxKibIsBoundedAt2048() {
        assertThatThrownBy(() -> Projects.load(directory, Map.of(), Map.of("docker.compose-max-kib", "2049")))
                .hasMessageContaining("docker.compose-max-kib").hasMessageContaining("2048");
    }

    @Test
    void aFileJustUnderTheLimitIsReadWithoutQuadraticCost() throws IOException {
        String text = servicesOf(64 * 1024 - 1);
        assertThat(load(write(text)).services()).hasSize((int) text.lines().filter(line -> line.startsWith("  s"))
                .count());
    }

    @Test
    void aliasesOfAListOfLongPortRangesToExposeAreReadInLinearTimeKeepingTheFirstThousandPorts() throws IOException {
        StringBuilder ranges = new StringBuilder("x-expose: &expose [");
        for (int i = 0; i < 65; i++) {
            ranges.append('"').append(i * 1000 + 1).append('-').append(i * 1000 + 1000).append("\", ");
        }
        StringBuilder text = new StringBuilder(ranges).append("\"8000\"]\nservices:\n");
        for (int i = 0; i < 100; i++) {
            text.append("  s").append(i).append(":\n    image: x\n    expose: *expose\n");
        }
        ComposeProject project = load(write(text.toString()));
        assertThat(project.services()).hasSize(100);
        assertThat(project.services().get("s99").exposed()).hasSize(1000).startsWith(1, 2, 3).endsWith(999, 1000);
        assertThat(project.services().get("s99").containerPorts()).hasSize(1000);
    }

    @Test
    void aComposeFileOrItsEnvFileThatIsANamedPipeIsRefusedWithoutBlocking() throws IOException {
        Path fifo = SpecialFiles.fifo(directory.resolve("docker-compose.yml"));
        assertThatThrownBy(() -> load(fifo)).hasMessageStartingWith(fifo + ": is a named pipe (FIFO), not a regular"
                + " file; expected a compose file (YAML)");
        Path file = write("services:\n  api:\n    ports: [\"8002:8000\"]\n");
        Path env = SpecialFiles.fifo(directory.resolve(".env"));
        assertThatThrownBy(() -> load(file)).hasMessageStartingWith(env + ": is a named pipe (FIFO), not a regular"
                + " file; expected a dotenv file");
    }

    @Test
    void readingStopsWhenTheThreadIsInterrupted() throws IOException {
        Path file = write("services:\n  api:\n    ports: [\"8002:8000\"]\n");
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> Projects.ofFiles(directory, Map.of(), file))
                    .isInstanceOf(CancellationException.class)
                    .hasMessage("interrupted while reading " + file);
        } finally {
            assertThat(Thread.interrupted()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "127.0.0.1 x:8002:8000  | ports entry '127.0.0.1 x:8002:8000': the host address '127.0.0.1 x' is not an IP"
                + " address such as 127.0.0.1 or ::1 (a host name or anything after the address cannot be bound)",
        "127.0.0.1#x:8002:8000  | ports entry '127.0.0.1#x:8002:8000': the host address '127.0.0.1#x' is not an IP"
                + " address",
        "localhost:8002:8000    | ports entry 'localhost:8002:8000': the host address 'localhost' is not an IP address",
        "999.0.0.1:8002:8000    | ports entry '999.0.0.1:8002:8000': the host address '999.0.0.1' is not an IP address",
        "127.1:8002:8000        | ports entry '127.1:8002:8000': the host address '127.1' is not an IP address",
        "[::1%eth0]:8002:8000   | ports entry '[::1%eth0]:8002:8000': the host address '::1%eth0' is not an IP address",
        "[::1]x:8002:8000       | ports entry '[::1]x:8002:8000': an IPv6 host address in brackets must be followed"
                + " by ':' and the host port",
    })
    void aShortEntrysHostAddressMustBeAnIpAddress(String entry, String problem) throws IOException {
        Path file = write("services:\n  api:\n    ports:\n      - \"" + entry + "\"\n");
        assertThatThrownBy(() -> load(file)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(file + ":4: " + problem);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"127.0.0.1/p", "127.0.0.1 x", "127.0.0.1#x", "evil.example.test", "1.2.3.4:80", "::1]"})
    void aLongEntrysHostIpMustBeAnIpAddress(String hostIp) throws IOException {
        Path file = write("services:\n  api:\n    ports:\n      - target: 8000\n        published: 8002\n"
                + "        host_ip: \"" + hostIp + "\"\n");
        assertThatThrownBy(() -> load(file)).hasMessageStartingWith(file + ":4: ports entry 'target: 8000': the host"
                + " address '" + hostIp + "' is not an IP address");
    }

    @Test
    void aHostIpFromAVariableIsNeverQuoted() throws IOException {
        Path file = write("services:\n  api:\n    ports: [\"${HOST_IP}:8002:8000\"]\n");
        assertThatThrownBy(() -> load(file, Map.of("HOST_IP", "127.0.0.1 hunter2")))
                .hasMessageStartingWith(file + ":3: ports entry '${HOST_IP}:8002:8000': the host address (from a"
                        + " variable) is not an IP address")
                .hasMessageNotContaining("hunter2");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"127.0.0.1", "0.0.0.0", "::", "::1", "fe80::1", "::ffff:127.0.0.1", "[::1]"})
    void realAddressesAreAccepted(String hostIp) throws IOException {
        Path file = write("services:\n  api:\n    ports:\n      - target: 8000\n        published: 8002\n"
                + "        host_ip: \"" + hostIp + "\"\n");
        assertThat(load(file).services().get("api").ports().get(0).hostIp()).isEqualTo(hostIp.replace("[", "")
                .replace("]", ""));
    }

    @Test
    void yamlErrorsNameTheLineWhereTheOffendingNodeStarts() throws IOException {
        Path missingColon = write("services:\n  api:\n    image: x\n    ports\n      - \"8002:8000\"\n");
        assertThatThrownBy(() -> load(missingColon)).hasMessage(missingColon + ":4: is not valid YAML: while scanning a"
                + " simple key opened here (column 5): could not find expected ':' (line 6, column 1)");
        Path unclosedQuote = write("services:\n  api:\n    image: x\n    ports:\n      - \"8002:8000\n");
        assertThatThrownBy(() -> load(unclosedQuote)).hasMessage(unclosedQuote + ":5: is not valid YAML: while"
                + " scanning a quoted scalar opened here (column 9): found unexpected end of stream (line 6, column 1)");
    }

    @ParameterizedTest(name = "{index}")
    @ValueSource(strings = {
        "services: {api: {ports: [\"8002:8000\"]}}\n---\nservices: {}\n",
        "%YAML 1.2\n%YAML 1.2\n---\nservices: {}\n",
        "services:\n\tapi: {}\n",
        "services: {api: \u0001}\n",
        "services: *undefined\n",
        "? [a, b]\n: x\n",
        "services: {api: {ports: [\"8002:8000\"]}\n",
        "services: !!binary 'not base64'\n",
        "services: {api: &a {<<: [*a]}}\n",
    })
    void anythingTheParserRefusesIsAnInvalidConfigurationNamingTheFile(String text) throws IOException {
        Path file = write(text);
        assertThatThrownBy(() -> load(file).services().values().forEach(service -> service.ports().size()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(file.toString());
    }
}
