package dev.backendconfig.docker.internal.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.toolkit.Origin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files compose would read when none is named: a note only when a directory holds two default names or two
 * override names, the compose files below the repository listed in order of their path and at most five, and a
 * named file that is a directory refused.
 */
class ComposeFilesChoiceTest {

    @TempDir
    Path repository;

    @BeforeEach
    void isARepository() throws IOException {
        Files.createDirectories(repository.resolve(".git"));
    }

    private ComposeFiles.Chosen search() {
        return ComposeFiles.choose(List.of(), Origin.other("test"), Optional.empty(), Optional.empty(), repository);
    }

    private void write(String... names) throws IOException {
        for (String name : names) {
            Projects.write(repository, name, "services: {}\n");
        }
    }

    @Test
    void oneDefaultFileAndOneOverrideAreReadWithoutANote() throws IOException {
        write("compose.yaml", "compose.override.yml");

        ComposeFiles.Chosen chosen = search();

        assertThat(chosen.files()).extracting(ComposeFile::path).containsExactly(repository.resolve("compose.yaml"),
                repository.resolve("compose.override.yml"));
        assertThat(chosen.notes()).isEmpty();
    }

    @Test
    void twoOverrideFilesAreANoteNamingTheOneComposeReads() throws IOException {
        write("compose.yaml", "compose.override.yml", "docker-compose.override.yaml");

        ComposeFiles.Chosen chosen = search();

        assertThat(chosen.files()).extracting(ComposeFile::path).containsExactly(repository.resolve("compose.yaml"),
                repository.resolve("compose.override.yml"));
        assertThat(chosen.notes()).containsExactly(repository + " holds compose.override.yml and"
                + " docker-compose.override.yaml; docker compose reads compose.override.yml (docker-compose v1 refuses"
                + " several); remove the others");
    }

    @Test
    void theComposeFilesBelowAreListedInTheOrderOfTheirPaths() throws IOException {
        write("web/compose.yaml", "api/docker-compose.yml", "docker/compose.dev.yml", "api/compose.test.yaml");

        assertThat(ComposeFiles.below(repository)).containsExactly(repository.resolve("api/compose.test.yaml"),
                repository.resolve("api/docker-compose.yml"), repository.resolve("docker/compose.dev.yml"),
                repository.resolve("web/compose.yaml"));
    }

    @Test
    void fourFilesBelowAreAllListedAndFiveEndWithAnEllipsis() throws IOException {
        write("d/a-compose.yml", "c/b-compose.yml", "b/c-compose.yml", "a/d-compose.yml");

        assertThat(search().searched()).isEqualTo("in " + repository + " (compose files"
                + " below it: a/d-compose.yml, b/c-compose.yml, c/b-compose.yml, d/a-compose.yml; set"
                + " docker.compose-file, or COMPOSE_FILE, to the one that starts the stack)");

        write("e/e-compose.yml", "f/f-compose.yml");

        assertThat(search().searched()).contains(" (compose files below it: ").endsWith(", ...; set"
                + " docker.compose-file, or COMPOSE_FILE, to the one that starts the stack)");
    }

    @Test
    void aNamedComposeFileThatIsADirectoryIsRefused() throws IOException {
        Files.createDirectories(repository.resolve("docker/compose.yaml"));

        assertThatThrownBy(() -> ComposeFiles.existing(repository, "docker/compose.yaml", Origin.other("test")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageEndingWith("names the compose file " + repository.resolve("docker/compose.yaml")
                        + ", which is a directory");
    }
}
