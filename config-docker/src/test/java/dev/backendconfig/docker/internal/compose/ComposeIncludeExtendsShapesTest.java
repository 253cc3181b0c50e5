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

/** The shapes {@code include} and {@code extends} may take, each malformed one an error naming its line. */
class ComposeIncludeExtendsShapesTest {

    @TempDir
    Path repository;

    @BeforeEach
    void isARepository() throws IOException {
        Files.createDirectories(repository.resolve(".git"));
    }

    private Path write(String name, String text) throws IOException {
        return Projects.write(repository, name, text);
    }

    private ComposeProject load() {
        return Projects.load(repository, Map.of(), Map.of());
    }

    @Test
    void aNullIncludeIncludesNothing() throws IOException {
        write("compose.yaml", "include:\nservices:\n  api:\n    image: x\n");
        assertThat(load().services()).containsOnlyKeys("api");
    }

    @Test
    void malformedIncludesAreErrorsNamingTheirLine() throws IOException {
        Path file = write("compose.yaml", "services:\n  api:\n    image: x\ninclude: lib.yaml\n");
        assertThatThrownBy(this::load).isInstanceOf(InvalidInputException.class)
                .hasMessage(file + ":4: include must be a list of files (or of mappings with path, project_directory"
                        + " and env_file)");
        write("compose.yaml", "include:\n  - project_directory: lib\n");
        assertThatThrownBy(this::load).hasMessage(file + ":2: an include entry needs path, the compose file(s) to"
                + " include");
        write("compose.yaml", "include:\n  - [lib.yaml]\n");
        assertThatThrownBy(this::load).hasMessage(file + ":2: an include entry is a file path or a mapping with"
                + " path, project_directory and env_file");
        write("compose.yaml", "include:\n  - path: []\n");
        assertThatThrownBy(this::load).hasMessage(file + ":2: an include entry's path names no file");
        write("lib.yaml", "services:\n  db:\n    image: postgres\n");
        write("compose.yaml", "include:\n  - path: lib.yaml\n    project_directory: [a]\n");
        assertThatThrownBy(this::load).hasMessage(file + ":3: an include entry's project_directory must be a path");
        write("compose.yaml", "include:\n  - path: {a: b}\n");
        assertThatThrownBy(this::load).hasMessage(file + ":2: an include entry's path must be a path or a list of"
                + " paths");
        write("compose.yaml", "include:\n  - path: lib.yaml\n    env_file: missing.env\n");
        assertThatThrownBy(this::load).hasMessage(file + ":3: the include entry's env_file "
                + repository.resolve("missing.env") + " does not exist");
    }

    @Test
    void anIncludeEnvFileOfDevNullIsNoEnvFileAndTheIncludedDirectorysDotEnvIsThenNotRead() throws IOException {
        write("compose.yaml", "include:\n  - path: lib/compose.yaml\n    env_file: /dev/null\n");
        write("lib/compose.yaml", "services:\n  db:\n    ports: [\"${DB_PORT:-5432}:5432\"]\n");
        write("lib/.env", "DB_PORT=6000\n");
        assertThat(load().service("db").orElseThrow().ports().get(0).hostPortFor(5432)).contains(5432);
        write("compose.yaml", "include:\n  - path: lib/compose.yaml\n");
        assertThat(load().service("db").orElseThrow().ports().get(0).hostPortFor(5432)).contains(6000);
    }

    @Test
    void anIncludedProjectWithoutServicesAddsNoneAndKeepsTheOwnOnes() throws IOException {
        write("compose.yaml", "include: [lib.yaml]\nservices:\n  api:\n    image: x\n");
        write("lib.yaml", "name: lib\n");
        assertThat(load().services()).containsOnlyKeys("api");
        write("compose.yaml", "include: [lib.yaml]\n");
        write("lib.yaml", "services:\n  db:\n    image: postgres\n");
        assertThat(load().services()).containsOnlyKeys("db");
    }

    @Test
    void malformedExtendsAreErrorsNamingTheirLine() throws IOException {
        Path file = write("compose.yaml", "services:\n  base:\n    image: x\n  api:\n    extends: [base]\n");
        assertThatThrownBy(this::load).isInstanceOf(InvalidInputException.class)
                .hasMessage(file + ":5: extends must be a service name or a mapping with service and file");
        write("compose.yaml", "services:\n  base:\n    image: x\n  api:\n    extends: {file: other.yaml}\n");
        assertThatThrownBy(this::load).hasMessage(file + ":5: extends of service api needs service, the service to"
                + " extend");
        write("compose.yaml", "services:\n  base:\n    image: x\n  api:\n    extends:\n      service: [base]\n");
        assertThatThrownBy(this::load).hasMessage(file + ":6: extends.service must be a service name");
        write("compose.yaml", "services:\n  base:\n    image: x\n  api:\n    extends:\n      service: base\n"
                + "      file: [a]\n");
        assertThatThrownBy(this::load).hasMessage(file + ":7: extends.file must be a path");
    }

    @Test
    void extendingAServiceOfAFileWithoutServicesSaysSoWithoutAList() throws IOException {
        Path file = write("compose.yaml", "services:\n  api:\n    extends: {service: base, file: empty.yaml}\n");
        Path empty = write("empty.yaml", "name: x\n");
        assertThatThrownBy(this::load).isInstanceOf(InvalidInputException.class)
                .hasMessage(file + ":3: service api extends service base, which " + empty + " does not define");
    }

    @Test
    void aResetInTheExtendingServiceRemovesWhatTheBaseSetAndOnlyThere() throws IOException {
        write("compose.yaml", """
                services:
                  base:
                    image: x
                    ports: ["8002:8000"]
                    container_name: base-1
                  api:
                    extends: base
                    ports: !reset []
                    container_name: !override api-1
                  web:
                    extends: base
                """);
        ComposeProject project = load();
        assertThat(project.service("api").orElseThrow().ports()).isEmpty();
        assertThat(project.service("api").orElseThrow().containerName()).isEqualTo("api-1");
        assertThat(project.service("api").orElseThrow().image()).isEqualTo("x");
        assertThat(project.service("web").orElseThrow().ports()).hasSize(1);
        assertThat(project.service("web").orElseThrow().containerName()).isEqualTo("base-1");
    }
}
