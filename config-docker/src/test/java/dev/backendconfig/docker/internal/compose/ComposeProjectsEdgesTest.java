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

/**
 * This checkout's project at the edges of compose's rules: names that normalise to nothing, which env files were read
 * and why none was, and profiles written with spaces and empty parts.
 */
class ComposeProjectsEdgesTest {

    @TempDir
    Path repository;

    @BeforeEach
    void isARepository() throws IOException {
        Files.createDirectories(repository.resolve(".git"));
    }

    private Path write(String name, String text) throws IOException {
        return Projects.write(repository, name, text);
    }

    @Test
    void aLastNameThatNormalisesToNothingLeavesTheNameToTheFileBeforeIt() throws IOException {
        Path first = write("compose.yaml", "name: shop\nservices:\n  api:\n    image: x\n");
        write("compose.override.yaml", "name: \"...\"\n");
        ComposeProject project = Projects.load(repository, Map.of(), Map.of());
        assertThat(project.name()).isEqualTo("shop");
        assertThat(project.nameSource()).isEqualTo(ComposeProject.NameSource.FILE);
        assertThat(project.nameReason()).isEqualTo("name: in " + first + ":1");
    }

    @Test
    void anEmptyNameInTheFilesIsNoNameAndTheDirectoryNamesTheProject() throws IOException {
        Path checkout = repository.resolve("shop");
        write("shop/compose.yaml", "name: ${UNSET_NAME:-}\nservices:\n  api:\n    image: x\n");
        ComposeProject project = Projects.load(checkout, Map.of(), Map.of());
        assertThat(project.name()).isEqualTo("shop");
        assertThat(project.nameSource()).isEqualTo(ComposeProject.NameSource.DIRECTORY);
        assertThat(project.nameReason()).isEqualTo("the name of the project directory " + checkout);
    }

    @Test
    void theNameOfAnIncludedFileNamesNothing() throws IOException {
        Path checkout = repository.resolve("shop");
        write("shop/compose.yaml", "include: [lib/compose.yaml]\nservices:\n  api:\n    image: x\n");
        write("shop/lib/compose.yaml", "name: library\nservices:\n  db:\n    image: postgres\n");
        ComposeProject project = Projects.load(checkout, Map.of(), Map.of());
        assertThat(project.name()).isEqualTo("shop");
        assertThat(project.services()).containsOnlyKeys("api", "db");
    }

    @Test
    void aDirectoryWhoseNameNormalisesToNothingIsAnErrorThatSaysHowToNameTheProject() throws IOException {
        Path checkout = repository.resolve("___");
        write("___/compose.yaml", "services:\n  api:\n    image: x\n");
        assertThatThrownBy(() -> Projects.load(checkout, Map.of(), Map.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("project directory " + checkout + ": compose names a project after its directory when"
                        + " nothing else names it, and nothing is left of this directory's name once compose keeps"
                        + " only a-z, 0-9, _ and -; set docker.project (or COMPOSE_PROJECT_NAME), or give the compose"
                        + " file a top-level name:");
        assertThat(Projects.load(checkout, Map.of("COMPOSE_PROJECT_NAME", "named"), Map.of()).name())
                .isEqualTo("named");
    }

    @Test
    void aComposeProjectNameWithNothingCompose1WouldKeepSaysNoV1Name() throws IOException {
        write("compose.yaml", "services:\n  api:\n    image: x\n");
        assertThatThrownBy(() -> Projects.load(repository, Map.of("COMPOSE_PROJECT_NAME", "Ü.!"), Map.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("variable COMPOSE_PROJECT_NAME: COMPOSE_PROJECT_NAME is not a compose project name"
                        + " (lower-case letters, digits, - and _): docker compose refuses it, and docker-compose (v1)"
                        + " would use it lower-cased with the other characters dropped; write the name the project"
                        + " runs under");
    }

    @Test
    void normalisingKeepsLettersDigitsUnderscoreAndDashAtTheEdgesOfTheirRanges() {
        assertThat(ComposeProjects.normalise("az09_-AZ")).isEqualTo("az09_-az");
        assertThat(ComposeProjects.normalise("`{/:@[")).isEmpty();
        assertThat(ComposeProjects.normalise("-_-x-_")).isEqualTo("x-_");
        assertThat(ComposeProjects.normalise("")).isEmpty();
    }

    @Test
    void withoutAnyEnvFileTheReasonNamesTheProjectAndWorkingDirectories() throws IOException {
        Path file = write("compose.yaml", "services:\n  api:\n    image: x\n");
        Path module = Files.createDirectories(repository.resolve("module"));
        ComposeProject fromModule = Projects.load(module, Map.of(), Map.of());
        assertThat(fromModule.envFiles()).isEmpty();
        assertThat(fromModule.envFileReason()).isEqualTo("no .env in " + repository + " or " + module);
        assertThat(fromModule.describe()).contains("env file: none (no .env in " + repository + " or " + module + ")");
        ComposeProject fromRoot = Projects.load(repository, Map.of(), Map.of());
        assertThat(fromRoot.envFileReason()).isEqualTo("no .env in " + repository);
        assertThat(fromRoot.configFiles()).containsExactly(file);
    }

    @Test
    void anEnvFileOfTheWorkingDirectoryAloneIsNamedSo() throws IOException {
        write("compose.yaml", "services:\n  api:\n    ports: [\"${API_PORT:-1}:8000\"]\n");
        Path env = write("module/.env", "API_PORT=8011\n");
        ComposeProject project = Projects.load(env.getParent(), Map.of(), Map.of());
        assertThat(project.envFiles()).containsExactly(env);
        assertThat(project.envFileReason()).isEqualTo(".env of the working directory");
        assertThat(project.service("api").orElseThrow().ports().get(0).hostPortFor(8000)).contains(8011);
    }

    @Test
    void envFilesOfBothDirectoriesAreNamedSoAndOneInBothIsReadOnce() throws IOException {
        write("compose.yaml", "services:\n  api:\n    image: x\n");
        Path root = write(".env", "A=1\n");
        Path module = write("module/.env", "A=2\n");
        assertThat(Projects.load(module.getParent(), Map.of(), Map.of()).envFileReason())
                .isEqualTo(".env of the working and project directories");
        ComposeProject same = Projects.load(repository, Map.of(), Map.of());
        assertThat(same.envFiles()).containsExactly(root);
        assertThat(same.envFileReason()).isEqualTo(".env of the project directory");
    }

    @Test
    void aDisabledEnvFileIsNotReadFromTheWorkingDirectoryEither() throws IOException {
        write("compose.yaml", "services:\n  api:\n    ports: [\"${API_PORT:-1}:8000\"]\n");
        Path module = write("module/.env", "API_PORT=8011\n").getParent();
        ComposeProject project = Projects.load(module, Map.of("COMPOSE_DISABLE_ENV_FILE", "1"), Map.of());
        assertThat(project.envFiles()).isEmpty();
        assertThat(project.service("api").orElseThrow().ports().get(0).hostPortFor(8000)).contains(1);
    }

    @Test
    void anExplicitEnvFileIsReadEvenWhenComposeDisableEnvFileIsSet() throws IOException {
        write("compose.yaml", "services:\n  api:\n    ports: [\"${API_PORT:-1}:8000\"]\n");
        Path ci = write("ci.env", "API_PORT=8020\n");
        ComposeProject project = Projects.load(repository, Map.of("COMPOSE_DISABLE_ENV_FILE", "true"),
                Map.of("docker.env-file", "ci.env"));
        assertThat(project.envFiles()).containsExactly(ci);
        assertThat(project.envFileReason()).isEqualTo("setting docker.env-file given to"
                + " ResolutionContext.Builder.settings");
        assertThat(project.service("api").orElseThrow().ports().get(0).hostPortFor(8000)).contains(8020);
    }

    @Test
    void composeProfilesIsSplitOnCommasWithSpacesAndEmptyPartsDropped() throws IOException {
        write("compose.yaml", "services:\n  a:\n    image: x\n    profiles: [one]\n  b:\n    image: x\n"
                + "    profiles: [two]\n  c:\n    image: x\n    profiles: [three]\n");
        Path env = write(".env", "COMPOSE_PROFILES= one , ,two,\n");
        ComposeProject project = Projects.load(repository, Map.of(), Map.of());
        assertThat(project.profiles()).containsExactly("one", "two");
        assertThat(project.profilesReason()).isEqualTo("COMPOSE_PROFILES (" + env + ":1)");
        assertThat(project.services()).containsOnlyKeys("a", "b");
        assertThat(project.inactive()).containsOnlyKeys("c");
        assertThat(project.cliOptions()).containsSequence("--profile", "one", "--profile", "two");
    }

    @Test
    void aCheckoutWithoutFilesOrNameIsNoneSayingWhereItLookedWithTheEnvFilesNotes() throws IOException {
        Path env = write(".env", "A=1\nA=2\n");
        ComposeProjects.Loaded loaded = Projects.loaded(repository, Map.of(), Map.of());
        assertThat(loaded).isInstanceOfSatisfying(ComposeProjects.Loaded.None.class, none -> {
            assertThat(none.searched()).contains(repository.toString());
            assertThat(none.notes()).containsExactly(env + ": A is defined on lines 1 and 2; line 2 wins");
        });
        assertThat(loaded.found()).isEmpty();
    }

    @Test
    void theProjectsNotesGatherTheFileChoiceTheEnvFilesAndTheReading() throws IOException {
        write("compose.yaml", "services:\n  api:\n    image: x\n");
        write("compose.yml", "services:\n  other:\n    image: x\n");
        Path env = write(".env", "A=1\nA=2\n");
        ComposeProject project = Projects.load(repository, Map.of(), Map.of());
        assertThat(project.notes()).containsExactly(
                repository + " holds compose.yaml and compose.yml; docker compose reads compose.yaml; remove the"
                        + " others",
                env + ": A is defined on lines 1 and 2; line 2 wins");
        assertThat(project.services()).containsOnlyKeys("api");
    }

    @Test
    void filesReadThroughIncludeAndExtendsAreListedOnceWithWhy() throws IOException {
        Path file = write("compose.yaml", """
                include:
                  - lib/compose.yaml
                services:
                  api:
                    extends: {service: base, file: common.yaml}
                  worker:
                    extends: {service: base, file: common.yaml}
                """);
        Path included = write("lib/compose.yaml", "services:\n  db:\n    image: postgres\n");
        Path common = write("common.yaml", "services:\n  base:\n    image: shared\n");
        ComposeProject project = Projects.load(repository, Map.of(), Map.of());
        assertThat(project.alsoRead()).containsExactly(
                new ComposeFile(included, "included by " + file + ":2"),
                new ComposeFile(common, "extended by " + file + ":5"));
        assertThat(project.service("worker").orElseThrow().image()).isEqualTo("shared");
    }
}
