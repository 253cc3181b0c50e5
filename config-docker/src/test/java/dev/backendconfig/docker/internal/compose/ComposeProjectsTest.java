package dev.backendconfig.docker.internal.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.testsupport.AlpineStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComposeProjectsTest {

    private static final String ALPINE = AlpineStack.COMPOSE_FILE;

    @TempDir
    Path directory;

    private Path write(String name, String text) throws IOException {
        return Projects.write(directory, name, text);
    }

    @org.junit.jupiter.api.BeforeEach
    void repository() throws IOException {
        Files.createDirectories(directory.resolve(".git"));
    }

    private ComposeService service(ComposeProject model, String name) {
        return model.services().get(name);
    }

    @Test
    void readsTheAlpineTestStackWithTheDefaultPort() throws IOException {
        Path file = write("docker/docker-compose.alpine-test.yml", ALPINE);
        ComposeService backend = service(Projects.ofFiles(directory, Map.of(), file), "alpine-test-backend");
        assertThat(backend.containerName()).isEqualTo("alpine-test-backend");
        assertThat(backend.aliases()).containsExactly("backend");
        assertThat(backend.ports()).singleElement().satisfies(port -> {
            assertThat(port.hostPortFor(8000)).contains(8002);
            assertThat(port.origin().describe()).isEqualTo(file + ":6");
        });
    }

    @Test
    void theRealEnvironmentBeatsTheEnvFileBesideTheComposeFile() throws IOException {
        Path file = write("docker/docker-compose.alpine-test.yml", ALPINE);
        write("docker/.env", "ALPINE_TEST_BACKEND_PORT=8009\n");
        assertThat(service(Projects.ofFiles(directory, Map.of(), file), "alpine-test-backend").ports().get(0)
                .hostPortFor(8000)).contains(8009);
        assertThat(service(Projects.ofFiles(directory, Map.of("ALPINE_TEST_BACKEND_PORT", "8010"), file),
                "alpine-test-backend").ports().get(0).hostPortFor(8000)).contains(8010);
    }

    @Test
    void unquotedColonValuesStayTextAsYaml12Says() throws IOException {
        Path file = write("compose.yaml", "services:\n  ssh:\n    ports:\n      - 22:22\n      - 8002:8000\n");
        ComposeService ssh = service(Projects.ofFiles(directory, Map.of(), file), "ssh");
        assertThat(ssh.ports().get(0).hostPortFor(22)).contains(22);
        assertThat(ssh.ports().get(1).hostPortFor(8000)).contains(8002);
    }

    @Test
    void readsTheLongSyntaxWithNumbersAndStrings() throws IOException {
        Path file = write("compose.yaml", """
                services:
                  api:
                    ports:
                      - target: 8000
                        published: "${API_PORT:-8004}"
                        host_ip: 127.0.0.1
                        protocol: tcp
                        mode: host
                      - target: 9000
                        published: 9000-9001
                """);
        ComposeService api = service(Projects.ofFiles(directory, Map.of(), file), "api");
        assertThat(api.ports().get(0).hostPortFor(8000)).contains(8004);
        assertThat(api.ports().get(0).hostIp()).isEqualTo("127.0.0.1");
        assertThat(api.ports().get(1).maps(9000)).isTrue();
        assertThat(api.ports().get(1).hostPortFor(9000)).as("Docker picks a free port in the range").isEmpty();
    }

    @Test
    void followsAnchorsAndMergeKeys() throws IOException {
        Path file = write("compose.yaml", """
                x-backend: &backend
                  image: backend
                  ports: ["8002:8000"]
                services:
                  first:
                    <<: *backend
                  second:
                    <<: *backend
                    ports: ["8003:8000"]
                """);
        ComposeProject model = Projects.ofFiles(directory, Map.of(), file);
        assertThat(service(model, "first").ports().get(0).hostPortFor(8000)).contains(8002);
        assertThat(service(model, "second").ports().get(0).hostPortFor(8000)).contains(8003);
    }

    @Test
    void laterFilesAddPortsToEarlierServices() throws IOException {
        Path base = write("compose.yaml", "services:\n  api:\n    image: x\n");
        Path override = write("compose.override.yaml", "services:\n  api:\n    ports: [\"8005:8000\"]\n");
        assertThat(service(Projects.ofFiles(directory, Map.of(), base, override), "api").ports()).hasSize(1);
    }

    @Test
    void aRequiredVariableThatIsUnsetIsAnErrorWithItsMessage() throws IOException {
        Path file = write("compose.yaml", "services:\n  api:\n    ports:\n      - \"${ALPINE_TEST_BACKEND_PORT:?set it}:8000\"\n");
        assertThatThrownBy(() -> Projects.ofFiles(directory, Map.of(), file))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(file + ":4: variable ALPINE_TEST_BACKEND_PORT is required and must not be empty: set it");
    }

    @Test
    void aFileThatIsNotYamlIsAnErrorAtTheLineWhereTheUnclosedNodeOpens() throws IOException {
        Path file = write("compose.yaml", "services:\n  api:\n    ports: [\"8002:8000\"\n  other: {\n");
        assertThatThrownBy(() -> Projects.ofFiles(directory, Map.of(), file))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(file + ":3: is not valid YAML: while parsing a flow sequence opened here (column 12):"
                        + " expected ',' or ']', but got <scalar> (line 4, column 3)");
    }

    @Test
    void aBadPortEntryIsAnErrorWithItsLine() throws IOException {
        Path file = write("compose.yaml", "services:\n  api:\n    ports:\n      - \"8002:8000\"\n      - \"abc:8000\"\n");
        assertThatThrownBy(() -> Projects.ofFiles(directory, Map.of(), file))
                .hasMessage(file + ":5: ports entry 'abc:8000': the host port 'abc' is not a port from 1 to 65535");
    }

    @Test
    void portsThatAreNotAListAreAnError() throws IOException {
        Path file = write("compose.yaml", "services:\n  api:\n    ports: \"8002:8000\"\n");
        assertThatThrownBy(() -> Projects.ofFiles(directory, Map.of(), file))
                .hasMessage(file + ":3: the ports of service api must be a list");
    }

    @Test
    void anEmptyFileHasNoServices() throws IOException {
        Path file = write("compose.yaml", "# nothing yet\n");
        assertThat(Projects.ofFiles(directory, Map.of(), file).services()).isEmpty();
    }
}
