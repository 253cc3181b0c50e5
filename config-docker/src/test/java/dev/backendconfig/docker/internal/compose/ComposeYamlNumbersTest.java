package dev.backendconfig.docker.internal.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backendconfig.toolkit.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A port written as a plain number that compose (go-yaml) reads otherwise than its digits say — 010 is octal 8,
 * 0x1F40 is 8000, 8_000 is 8000, +8000 is 8000 — is refused with what to write instead, never read as another port;
 * quoted, or tagged {@code !!str}, it is the text Docker parses; elsewhere such numbers are left alone.
 */
class ComposeYamlNumbersTest {

    @TempDir
    Path repository;

    @BeforeEach
    void isARepository() throws IOException {
        Files.createDirectories(repository.resolve(".git"));
    }

    private Path file;

    private ComposeProject project(String yaml) throws IOException {
        file = Projects.write(repository, "compose.yaml", yaml);
        return Projects.ofFiles(repository, Map.of(), file);
    }

    @Test
    void anOctalPortIsRefusedSayingWhatToWrite() {
        assertThatThrownBy(() -> project("services:\n  api:\n    ports:\n      - 010\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(file + ":4: services.api.ports: 010 is a number that compose reads otherwise than its"
                        + " digits say (YAML takes a sign, a leading 0 as octal, 0x, 0o, 0b and _); write the port in"
                        + " plain decimal, such as 8000, or quote it");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ports: [0x1F40]", "ports: [0o17500]", "ports: [0b1]", "ports: [8_000]", "ports: [+8000]",
        "ports: [-8000]", "ports: [08000]", "expose: [010]", "ports: [{target: 010}]",
        "ports: [{target: 80, published: 0x1F40}]", "ports: [!!int 010]"})
    void aPortNumberNotWrittenInDecimalIsRefused(String field) {
        assertThatThrownBy(() -> project("services:\n  api:\n    " + field + "\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(" is a number that compose reads otherwise than its digits say");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"\"010\"", "'010'", "!!str 010"})
    void aQuotedPortIsTheTextDockerParses(String written) throws IOException {
        ComposeService api = project("services:\n  api:\n    ports:\n      - " + written + "\n    expose: [" + written
                + "]\n").service("api").orElseThrow();

        assertThat(api.ports()).singleElement().satisfies(port -> assertThat(port.target().first()).isEqualTo(10));
        assertThat(api.exposed()).containsExactly(10);
    }

    @Test
    void decimalPortsAndNumbersOutsideThePortsAreReadAsWritten() throws IOException {
        ComposeService api = project("""
                services:
                  api:
                    container_name: "007"
                    image: shop/api
                    ports: [8000, {target: 8001, published: 9001}]
                    expose: [3000]
                    networks:
                      front:
                        priority: 010
                    x-other: 0x10
                """).service("api").orElseThrow();

        assertThat(api.ports()).extracting(port -> port.target().first()).containsExactly(8000, 8001);
        assertThat(api.ports().get(1).hostPortFor(8001)).contains(9001);
        assertThat(api.exposed()).containsExactly(3000);
    }
}
