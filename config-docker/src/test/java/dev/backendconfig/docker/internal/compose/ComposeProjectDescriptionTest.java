package dev.backendconfig.docker.internal.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report's lines on this checkout's project: the name alone for a project without files here; else each file
 * (those read through include too), the env file, and the profiles with the services they leave out.
 */
class ComposeProjectDescriptionTest {

    @TempDir
    Path repository;

    @BeforeEach
    void isARepository() throws IOException {
        Files.createDirectories(repository.resolve(".git"));
    }

    @Test
    void aProjectNamedBySettingWithoutFilesHereIsDescribedByItsNameAlone() {
        ComposeProject project = Projects.load(repository, Map.of(), Map.of("docker.project", "shop"));

        assertThat(project.hasFiles()).isFalse();
        assertThat(project.describe()).containsExactly("this checkout's compose project: shop (setting docker.project given to"
                + " ResolutionContext.Builder.settings)");
    }

    @Test
    void aProjectWithFilesListsThemTheIncludedOnesTheEnvFileAndWhatProfilesLeaveOut() throws IOException {
        Path file = Projects.write(repository, "compose.yaml", "name: shop\ninclude:\n  - lib/compose.yaml\n"
                + "services:\n  api:\n    image: shop/api\n  debug:\n    image: shop/debug\n    profiles: [debug]\n");
        Path included = Projects.write(repository, "lib/compose.yaml", "services:\n  db:\n    image: postgres\n");
        Projects.write(repository, ".env", "TAG=1\n");

        ComposeProject project = Projects.load(repository, Map.of(), Map.of());

        assertThat(project.hasFiles()).isTrue();
        assertThat(project.describe()).containsExactly(
                "this checkout's compose project: shop (name: in " + file + ":1)",
                "compose file " + file + " (found in " + repository + ")",
                "compose file " + included + " (included by " + file + ":3)",
                "env file: " + repository.resolve(".env") + " (.env of the project directory)",
                "profiles: none (neither setting docker.profiles nor COMPOSE_PROFILES is set); left out by profiles:"
                        + " debug");
    }

    @Test
    void profilesThatLeaveNothingOutSayNoMore() throws IOException {
        Projects.write(repository, "compose.yaml", "services:\n  api:\n    image: shop/api\n");

        assertThat(Projects.load(repository, Map.of(), Map.of("docker.profiles", "debug")).describe())
                .last().asString().startsWith("profiles: debug (setting docker.profiles").doesNotContain("left out");
    }
}
