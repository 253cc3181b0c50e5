package dev.backendconfig.toolkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectFilesTest {

    @TempDir
    Path directory;

    @Test
    void findsAFileTwoLevelsUpWithinTheRepository() throws IOException {
        Path repository = Files.createDirectories(directory.resolve("repo"));
        Files.createDirectory(repository.resolve(".git"));
        Path file = Files.writeString(repository.resolve(".env.staging.e2e"), "A=1\n");
        Path start = Files.createDirectories(repository.resolve("e2e/tests"));
        ProjectFiles.Search search = ProjectFiles.findUpward(start, List.of(".env.staging.e2e"));
        assertThat(search.found()).contains(file);
        assertThat(search.stop()).isEqualTo(repository);
    }

    @Test
    void stopsAtTheRepositoryRootEvenWhenAParentHasTheFile() throws IOException {
        Files.writeString(directory.resolve(".env.staging.e2e"), "A=1\n");
        Path repository = Files.createDirectories(directory.resolve("repo"));
        Files.writeString(repository.resolve(".git"), "gitdir: /elsewhere/worktrees/repo\n");
        Path start = Files.createDirectories(repository.resolve("module"));
        ProjectFiles.Search search = ProjectFiles.findUpward(start, List.of(".env.staging.e2e"));
        assertThat(search.found()).isEmpty();
        assertThat(search.range()).isEqualTo("from " + start + " up to " + repository);
    }

    @Test
    void prefersTheNearestDirectoryThenTheOrderOfNames() throws IOException {
        Path repository = Files.createDirectories(directory.resolve("repo"));
        Files.createDirectory(repository.resolve(".git"));
        Files.writeString(repository.resolve("compose.yaml"), "");
        Path module = Files.createDirectories(repository.resolve("module"));
        Files.writeString(module.resolve("docker-compose.yml"), "");
        Files.writeString(module.resolve("compose.yml"), "");
        assertThat(ProjectFiles.findUpward(module, List.of("compose.yaml", "compose.yml", "docker-compose.yml")).found())
                .contains(module.resolve("compose.yml"));
    }

    @Test
    void withoutARepositorySearchesUpToTheFileSystemRoot() throws IOException {
        Path start = Files.createDirectories(directory.resolve("no-repo/deeper"));
        ProjectFiles.Search search = ProjectFiles.findUpward(start, List.of("surely-not-there-" + System.nanoTime()));
        assertThat(search.found()).isEmpty();
        assertThat(search.repositoryRoot()).isFalse();
        assertThat(search.stop()).isEqualTo(start.getRoot());
        assertThat(search.range()).endsWith(" (no .git found)");
    }

    @Test
    void aSymbolicLinkWhoseTargetIsGoneIsFoundSoThatItsReaderCanSayWhatIsWrong() throws IOException {
        Path repository = Files.createDirectories(directory.resolve("repo"));
        Files.createDirectory(repository.resolve(".git"));
        Path link = Files.createSymbolicLink(repository.resolve(".env.staging.e2e"), repository.resolve("gone"));
        assertThat(ProjectFiles.findUpward(repository, List.of(".env.staging.e2e")).found()).contains(link);
    }

    @Test
    void theRangeSaysWhereTheSearchLookedInEachOfItsThreeShapes() {
        Path start = Path.of("/repo/app");
        assertThat(new ProjectFiles.Search(Optional.empty(), start, start, true).range()).isEqualTo("in /repo/app");
        assertThat(new ProjectFiles.Search(Optional.empty(), start, Path.of("/repo"), true).range())
                .isEqualTo("from /repo/app up to /repo");
        assertThat(new ProjectFiles.Search(Optional.empty(), start, Path.of("/"), false).range())
                .isEqualTo("from /repo/app up to / (no .git found)");
    }
}
