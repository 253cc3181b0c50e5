package dev.backendconfig.docker.internal.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.toolkit.Origin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The variables compose reads for a project: the environment over the env files, the earlier env file over the later
 * one, blank values as unset when a variable decides something, and {@code COMPOSE_DISABLE_ENV_FILE} as Go's
 * {@code strconv.ParseBool} reads it.
 */
class ComposeVariablesTest {

    @TempDir
    Path directory;

    private Path write(String name, String text) throws IOException {
        return Projects.write(directory, name, text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "t", "T", "TRUE", "true", "True"})
    void composeDisableEnvFileIsTrueInEveryWayGoSpellsTrue(String value) {
        assertThat(ComposeVariables.envFileDisabled(Map.of("COMPOSE_DISABLE_ENV_FILE", value))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "f", "F", "FALSE", "false", "False", ""})
    void composeDisableEnvFileIsFalseInEveryWayGoSpellsFalseAndWhenEmpty(String value) {
        assertThat(ComposeVariables.envFileDisabled(Map.of("COMPOSE_DISABLE_ENV_FILE", value))).isFalse();
    }

    @Test
    void anUnsetComposeDisableEnvFileLeavesTheEnvFileOn() {
        assertThat(ComposeVariables.envFileDisabled(Map.of())).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "on", "tRUE", " true", "2"})
    void anyOtherComposeDisableEnvFileIsAnErrorNamingTheVariable(String value) {
        assertThatThrownBy(() -> ComposeVariables.envFileDisabled(Map.of("COMPOSE_DISABLE_ENV_FILE", value)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("variable COMPOSE_DISABLE_ENV_FILE: expected true or false (also 1, 0, t, f, TRUE, FALSE,"
                        + " True, False), as docker compose reads it; got another value");
    }

    @Test
    void aBlankVariableOfTheEnvironmentCountsAsUnsetAndTheEnvFileDecides() throws IOException {
        Path env = write(".env", "# names\nCOMPOSE_PROJECT_NAME=from-file\n");
        ComposeVariables variables = ComposeVariables.of(Map.of("COMPOSE_PROJECT_NAME", "  ")).with(env);
        assertThat(variables.find("COMPOSE_PROJECT_NAME")).hasValueSatisfying(variable -> {
            assertThat(variable.value()).isEqualTo("from-file");
            assertThat(variable.origin().describe()).isEqualTo(env + ":2");
        });
        assertThat(ComposeVariables.of(Map.of("COMPOSE_PROJECT_NAME", "real")).with(env).find("COMPOSE_PROJECT_NAME"))
                .hasValueSatisfying(variable -> {
                    assertThat(variable.value()).isEqualTo("real");
                    assertThat(variable.origin()).isEqualTo(Origin.variable("COMPOSE_PROJECT_NAME"));
                });
    }

    @Test
    void aBlankValueInTheFirstEnvFileLeavesTheChoiceToTheNextOne() throws IOException {
        Path first = write("a/.env", "COMPOSE_FILE=\nCOMPOSE_PROFILES=\"  \"\n");
        Path second = write("b/.env", "COMPOSE_FILE=second.yaml\n");
        ComposeVariables variables = ComposeVariables.of(Map.of()).with(first).with(second);
        assertThat(variables.find("COMPOSE_FILE")).map(ComposeFiles.Variable::value).contains("second.yaml");
        assertThat(variables.find("COMPOSE_PROFILES")).isEmpty();
        assertThat(variables.find("UNSET")).isEmpty();
    }

    @Test
    void theEarlierEnvFileWinsOverTheLaterOne() throws IOException {
        Path first = write("a/.env", "PORT=1\n");
        Path second = write("b/.env", "PORT=2\nONLY_LATER=3\n");
        ComposeVariables variables = ComposeVariables.of(Map.of()).with(first).with(second);
        assertThat(variables.find("PORT")).map(ComposeFiles.Variable::value).contains("1");
        assertThat(variables.lookup().apply("PORT")).contains("1");
        assertThat(variables.lookup().apply("ONLY_LATER")).contains("3");
        assertThat(variables.files()).containsExactly(first, second);
    }

    @Test
    void interpolationTakesAnEmptyEnvironmentValueAsUnsetButABlankOneAsSet() throws IOException {
        Path env = write(".env", "EMPTY_HERE=from-file\nBLANK_HERE=from-file\nEMPTY_IN_FILE=\n");
        Map<String, String> environment = Map.of("EMPTY_HERE", "", "BLANK_HERE", " ", "REAL", "r");
        ComposeVariables variables = ComposeVariables.of(environment).with(env);
        assertThat(variables.lookup().apply("EMPTY_HERE")).contains("from-file");
        assertThat(variables.lookup().apply("BLANK_HERE")).contains(" ");
        assertThat(variables.lookup().apply("REAL")).contains("r");
        // an empty value written in the file is set (compose's ${X-default} keeps it), unlike for find
        assertThat(variables.lookup().apply("EMPTY_IN_FILE")).contains("");
        assertThat(variables.find("EMPTY_IN_FILE")).isEmpty();
        assertThat(variables.lookup().apply("NOWHERE")).isEqualTo(Optional.empty());
    }

    @Test
    void anEnvFileNamedTwiceIsReadOnce() throws IOException {
        Path env = write(".env", "A=1\nA=2\n");
        ComposeVariables once = ComposeVariables.of(Map.of()).with(env);
        ComposeVariables twice = once.with(directory.resolve("sub/../.env"));
        assertThat(twice).isSameAs(once);
        assertThat(twice.files()).containsExactly(env);
        assertThat(twice.notes()).hasSize(1);
    }

    @Test
    void aDotEnvThatIsADirectoryOrMissingIsNoEnvFile() throws IOException {
        Files.createDirectories(directory.resolve("dir/.env"));
        ComposeVariables none = ComposeVariables.of(Map.of());
        assertThat(none.withDotEnvOf(directory.resolve("dir"))).isSameAs(none);
        assertThat(none.withDotEnvOf(directory)).isSameAs(none);
    }

    @Test
    void aDotEnvThatIsADanglingLinkIsReadAndItsErrorNamesIt() throws IOException {
        Path link = Files.createSymbolicLink(directory.resolve(".env"), directory.resolve("gone"));
        assertThatThrownBy(() -> ComposeVariables.of(Map.of()).withDotEnvOf(directory))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(link.toString());
    }

    @Test
    void eachNoteOfAnEnvFileNamesItsFileOnce() throws IOException {
        Path env = write(".env", "A=1\nA=2\nB=x #y\n");
        assertThat(ComposeVariables.of(Map.of()).with(env).notes()).containsExactlyInAnyOrder(
                env + ": A is defined on lines 1 and 2; line 2 wins",
                env + ":3: the value of B stops at ' #', which starts a comment: the rest of the line is not part of"
                        + " it (quote the value if the '#' is)");
    }

    @Test
    void theEnvironmentIsReadAsItIsWhenTheFilesAreRead() throws IOException {
        Path env = write(".env", "URL=http://${HOST}:1\n");
        Map<String, String> environment = new HashMap<>(Map.of("HOST", "h"));
        ComposeVariables variables = ComposeVariables.of(environment).with(env);
        assertThat(variables.find("URL")).map(ComposeFiles.Variable::value).contains("http://h:1");
    }
}
