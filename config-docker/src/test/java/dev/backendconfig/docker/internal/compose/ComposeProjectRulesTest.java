package dev.backendconfig.docker.internal.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backendconfig.toolkit.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * This checkout's project as docker compose (v2, the compose specification) builds it: the name, the files, the env
 * file and the profiles. Where docker-compose v1 behaves the same, {@code ComposeConfigIT} checks the same cases
 * against the real {@code docker-compose config}.
 */
class ComposeProjectRulesTest {

    @TempDir
    Path repository;

    @BeforeEach
    void isARepository() throws IOException {
        Files.createDirectories(repository.resolve(".git"));
    }

    private Path write(String name, String text) throws IOException {
        return Projects.write(repository, name, text);
    }

    private ComposeProject load(Path directory, Map<String, String> environment, Map<String, String> settings) {
        return Projects.load(directory, environment, settings);
    }

    private ComposeProject load(Map<String, String> environment) {
        return load(repository, environment, Map.of());
    }

    // --- the name -----------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "Shop,           shop",
        "My.App_2-x,     myapp_2-x",
        "__-lead,        lead",
        "shop (copy),    shopcopy",
        "Über-Service,   ber-service",
    })
    void aProjectNamedAfterItsDirectoryIsNormalisedAsComposeDoes(String directoryName, String expected)
            throws IOException {
        Path checkout = repository.resolve(directoryName);
        write(directoryName + "/compose.yaml", "services:\n  api:\n    image: x\n");
        ComposeProject project = load(checkout, Map.of(), Map.of());
        assertThat(project.name()).isEqualTo(expected);
        assertThat(project.nameSource()).isEqualTo(ComposeProject.NameSource.DIRECTORY);
        assertThat(project.directory()).isEqualTo(checkout);
        assertThat(project.nameReason()).startsWith("the name of the project directory " + checkout);
    }

    @Test
    void theTopLevelNameWinsOverTheDirectoryAndIsInterpolatedAndNormalised() throws IOException {
        Path file = write("compose.yaml", "name: ${PRODUCT:-Shop}.Web\nservices:\n  api:\n    image: x\n");
        ComposeProject project = load(Map.of());
        assertThat(project.name()).isEqualTo("shopweb");
        assertThat(project.nameSource()).isEqualTo(ComposeProject.NameSource.FILE);
        assertThat(project.nameReason()).isEqualTo("name: in " + file + ":1, as compose normalises it");
        assertThat(load(Map.of("PRODUCT", "holdvar")).name()).isEqualTo("holdvarweb");
    }

    @Test
    void theLastFileThatSetsANameWins() throws IOException {
        write("compose.yaml", "name: first\nservices:\n  api:\n    image: x\n");
        Path override = write("compose.override.yaml", "name: second\n");
        assertThat(load(Map.of()).nameReason()).isEqualTo("name: in " + override + ":1");
    }

    @Test
    void composeProjectNameWinsOverTheFileAndCanComeFromTheEnvFile() throws IOException {
        write("compose.yaml", "name: fromfile\nservices:\n  api:\n    image: x\n");
        Path env = write(".env", "# ours\nCOMPOSE_PROJECT_NAME=fromenvfile\n");
        ComposeProject fromFile = load(Map.of());
        assertThat(fromFile.name()).isEqualTo("fromenvfile");
        assertThat(fromFile.nameSource()).isEqualTo(ComposeProject.NameSource.ENV_FILE);
        assertThat(fromFile.nameReason()).isEqualTo("COMPOSE_PROJECT_NAME in " + env + ":2");
        ComposeProject fromVariable = load(Map.of("COMPOSE_PROJECT_NAME", "fromvariable"));
        assertThat(fromVariable.name()).isEqualTo("fromvariable");
        assertThat(fromVariable.nameSource()).isEqualTo(ComposeProject.NameSource.VARIABLE);
        assertThat(fromVariable.nameReason()).isEqualTo("variable COMPOSE_PROJECT_NAME");
    }

    @Test
    void aNameFromTheEnvFileBesideComposeFilesIsTheCheckoutsDefaultAndOnlyAVariableOrSettingIsAChoice()
            throws IOException {
        write("compose.yaml", "services:\n  api:\n    image: x\n");
        write(".env", "COMPOSE_PROJECT_NAME=shop\n");
        assertThat(load(Map.of()).namedExplicitly()).as("a committed .env names every worktree alike").isFalse();
        assertThat(load(Map.of("COMPOSE_PROJECT_NAME", "shop")).namedExplicitly()).isTrue();
        assertThat(load(repository, Map.of(), Map.of("docker.project", "shop")).namedExplicitly()).isTrue();
        assertThat(load(repository, Map.of(), Map.of("docker.env-file", ".env")).namedExplicitly()).isFalse();
        Files.delete(repository.resolve("compose.yaml"));
        ComposeProject withoutFiles = load(Map.of());
        assertThat(withoutFiles.name()).isEqualTo("shop");
        assertThat(withoutFiles.namedExplicitly()).as("without compose files the stack it names runs elsewhere")
                .isTrue();
    }

    @Test
    void settingDockerProjectWinsOverEverything() throws IOException {
        write("compose.yaml", "name: fromfile\nservices:\n  api:\n    image: x\n");
        ComposeProject project = load(repository, Map.of("COMPOSE_PROJECT_NAME", "fromvariable"),
                Map.of("docker.project", "chosen"));
        assertThat(project.name()).isEqualTo("chosen");
        assertThat(project.nameSource()).isEqualTo(ComposeProject.NameSource.SETTING);
        assertThat(project.nameReason()).isEqualTo("setting docker.project given to"
                + " ResolutionContext.Builder.settings");
    }

    @Test
    void aComposeProjectNameComposeWouldRefuseIsAnErrorThatSaysWhatV1WouldMakeOfIt() throws IOException {
        write("compose.yaml", "services:\n  api:\n    image: x\n");
        assertThatThrownBy(() -> load(Map.of("COMPOSE_PROJECT_NAME", "My.App")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("variable COMPOSE_PROJECT_NAME: COMPOSE_PROJECT_NAME is not a compose project name"
                        + " (lower-case letters, digits, - and _): docker compose refuses it, and docker-compose (v1)"
                        + " would use it lower-cased with the other characters dropped (myapp); write the name the"
                        + " project runs under");
    }

    @Test
    void aCheckoutWithoutComposeFileHasAProjectOnlyWhenSomethingNamesIt() {
        assertThat(Projects.loaded(repository, Map.of(), Map.of())).isInstanceOf(ComposeProjects.Loaded.None.class);
        ComposeProject named = load(Map.of("COMPOSE_PROJECT_NAME", "elsewhere"));
        assertThat(named.name()).isEqualTo("elsewhere");
        assertThat(named.hasFiles()).isFalse();
        assertThat(named.directory()).isEqualTo(repository);
    }

    // --- the files ----------------------------------------------------------------------------------------------

    @Test
    void theDefaultFileIsFoundUpwardsWithTheOverrideFileBesideIt() throws IOException {
        Path file = write("compose.yaml", "services:\n  api:\n    image: x\n");
        Path override = write("compose.override.yml", "services:\n  api:\n    ports: [\"8002:8000\"]\n");
        Files.createDirectories(repository.resolve("module/src"));
        ComposeProject project = load(repository.resolve("module/src"), Map.of(), Map.of());
        assertThat(project.configFiles()).containsExactly(file, override);
        assertThat(project.files().get(0).reason()).isEqualTo("found from " + repository.resolve("module/src")
                + " up to " + repository);
        assertThat(project.files().get(1).reason()).isEqualTo("the override file beside compose.yaml, which compose"
                + " reads with it");
        assertThat(project.service("api").orElseThrow().ports()).hasSize(1);
        assertThat(project.directory()).isEqualTo(repository);
    }

    @Test
    void composeYamlWinsOverDockerComposeYmlAndTheReportSaysV1ReadsTheOther() throws IOException {
        Path preferred = write("compose.yaml", "services:\n  api:\n    image: x\n");
        write("docker-compose.yml", "services:\n  other:\n    image: x\n");
        ComposeProject project = load(Map.of());
        assertThat(project.configFiles()).containsExactly(preferred);
        assertThat(project.notes()).contains(repository + " holds compose.yaml and docker-compose.yml; docker compose"
                + " reads compose.yaml, docker-compose (v1) reads docker-compose.yml; remove the others");
    }

    @Test
    void filesNamedBySettingOrComposeFileDropTheOverrideFileAsComposeDoes() throws IOException {
        Path file = write("compose.yaml", "services:\n  api:\n    image: x\n");
        write("compose.override.yaml", "services:\n  api:\n    ports: [\"8002:8000\"]\n");
        ComposeProject bySetting = load(repository, Map.of(), Map.of("docker.compose-file", "compose.yaml"));
        assertThat(bySetting.configFiles()).containsExactly(file);
        assertThat(bySetting.service("api").orElseThrow().ports()).isEmpty();
        ComposeProject byVariable = load(Map.of("COMPOSE_FILE", "compose.yaml"));
        assertThat(byVariable.configFiles()).containsExactly(file);
        assertThat(byVariable.files().get(0).reason()).isEqualTo("COMPOSE_FILE (variable COMPOSE_FILE)");
    }

    @Test
    void composeFileIsSplitOnThePathSeparatorAndMayComeFromTheEnvFile() throws IOException {
        Path base = write("compose.yaml", "services:\n  api:\n    image: x\n");
        Path extra = write("ci/extra.yaml", "services:\n  api:\n    ports: [\"8002:8000\"]\n");
        Path env = write(".env", "COMPOSE_FILE=compose.yaml;ci/extra.yaml\nCOMPOSE_PATH_SEPARATOR=;\n");
        ComposeProject project = load(Map.of());
        assertThat(project.configFiles()).containsExactly(base, extra);
        assertThat(project.files().get(1).reason()).isEqualTo("COMPOSE_FILE (" + env + ":1)");
        assertThat(project.service("api").orElseThrow().ports()).hasSize(1);
    }

    @Test
    void theComposeFileSettingIsAListLikeRepeatedDashF() throws IOException {
        Path base = write("docker/base.yaml", "services:\n  api:\n    image: x\n");
        Path ports = write("docker/ports.yaml", "services:\n  api:\n    ports: [\"8002:8000\"]\n");
        ComposeProject project = load(repository, Map.of(), Map.of("docker.compose-file",
                "docker/base.yaml,docker/ports.yaml"));
        assertThat(project.configFiles()).containsExactly(base, ports);
        assertThat(project.directory()).isEqualTo(repository.resolve("docker"));
        assertThat(project.name()).isEqualTo("docker");
        assertThat(project.cliOptions()).containsExactly("--project-name", "docker", "--project-directory",
                repository.resolve("docker").toString(), "--file", base.toString(), "--file", ports.toString());
    }

    // --- merging ------------------------------------------------------------------------------------------------

    @Test
    void laterFilesAppendPortsKeepEqualOnesOnceAndReplaceScalars() throws IOException {
        Path base = write("compose.yaml", """
                services:
                  api:
                    image: shop/api:1
                    container_name: first
                    ports: ["8002:8000", "9000:9000"]
                """);
        write("compose.override.yaml", """
                services:
                  api:
                    image: shop/api:2
                    ports: ["8002:8000", "127.0.0.1:9100:9100"]
                """);
        ComposeService api = load(Map.of()).service("api").orElseThrow();
        assertThat(api.image()).isEqualTo("shop/api:2");
        assertThat(api.containerName()).isEqualTo("first");
        assertThat(api.ports()).extracting(port -> port.hostIp() + ":" + port.published() + ":" + port.target())
                .containsExactly(":8002:8000", ":9000:9000", "127.0.0.1:9100:9100");
        assertThat(api.origin().location()).isEqualTo(base.toString());
    }

    @Test
    void resetRemovesWhatEarlierFilesSetAndOverrideReplacesIt() throws IOException {
        // compose specification, 13-merge.md, "Reset value" and "Replace value": !reset sets the attribute to its
        // type's default (here: no ports, no container name); !override replaces instead of merging. docker-compose
        // v1 does not know either tag, so this is checked against the specification, not the v1 CLI.
        write("compose.yaml", """
                services:
                  api:
                    image: x
                    container_name: api-1
                    ports: ["8002:8000"]
                    networks:
                      default:
                        aliases: [backend]
                  web:
                    image: x
                    ports: ["8080:80", "8443:443"]
                """);
        write("compose.override.yaml", """
                services:
                  api:
                    ports: !reset []
                    container_name: !reset null
                  web:
                    ports: !override ["9443:443"]
                """);
        ComposeProject project = load(Map.of());
        ComposeService api = project.service("api").orElseThrow();
        assertThat(api.ports()).isEmpty();
        assertThat(api.containerName()).isEmpty();
        assertThat(api.aliases()).containsExactly("backend");
        assertThat(project.service("web").orElseThrow().ports()).singleElement()
                .satisfies(port -> assertThat(port.hostPortFor(443)).contains(9443));
    }

    @Test
    void aWholeServiceCanBeReset() throws IOException {
        write("compose.yaml", "services:\n  api:\n    image: x\n  debug:\n    image: y\n");
        write("compose.override.yaml", "services:\n  debug: !reset {}\n");
        assertThat(load(Map.of()).services()).containsOnlyKeys("api");
    }

    @Test
    void aListOfNetworksMergesWithAMappingOfNetworksAndAliasesAreKeptOnce() throws IOException {
        write("compose.yaml", "services:\n  api:\n    networks: [front]\n");
        write("compose.override.yaml", """
                services:
                  api:
                    networks:
                      front:
                        aliases: [backend, api]
                      back:
                        aliases: [backend]
                """);
        assertThat(load(Map.of()).service("api").orElseThrow().aliases()).containsExactly("backend", "api");
    }

    @Test
    void portsThatAreAMappingInOneFileAndAListInAnotherAreAnErrorNamingBoth() throws IOException {
        Path base = write("compose.yaml", "services:\n  api:\n    ports: [\"8002:8000\"]\n");
        Path override = write("compose.override.yaml", "services:\n  api:\n    ports:\n      x: 1\n");
        assertThatThrownBy(() -> load(Map.of())).isInstanceOf(InvalidInputException.class)
                .hasMessage(override + ":4: services.api.ports is a mapping here but a list in " + base + ":3, so"
                        + " compose cannot merge them (write both the same way, or tag this one !override)");
    }

    @Test
    void networkModeHostAndExposeAreRead() throws IOException {
        write("compose.yaml", """
                services:
                  api:
                    network_mode: host
                    expose: ["8000", "9000-9001", "53/udp"]
                """);
        ComposeService api = load(Map.of()).service("api").orElseThrow();
        assertThat(api.hostNetwork()).isTrue();
        assertThat(api.containerPorts()).containsExactly(8000, 9000, 9001);
    }

    // --- profiles -----------------------------------------------------------------------------------------------

    @Test
    void servicesWithProfilesAreOffUntilAProfileOfTheirsIsActive() throws IOException {
        // compose specification, 15-profiles.md: services without profiles are always enabled; a service is
        // ignored when none of its profiles is active. docker-compose v1's "config" lists every service whatever
        // the profiles, so this is checked against the specification.
        write("compose.yaml", """
                services:
                  api:
                    image: x
                  debug:
                    image: x
                    profiles: [debug]
                  ui:
                    image: x
                    profiles: [ui, full]
                """);
        ComposeProject none = load(Map.of());
        assertThat(none.services()).containsOnlyKeys("api");
        assertThat(none.inactive()).containsEntry("debug", List.of("debug")).containsEntry("ui", List.of("ui", "full"));
        assertThat(none.profilesReason()).isEqualTo("neither setting docker.profiles nor COMPOSE_PROFILES is set");
        ComposeProject fromVariable = load(Map.of("COMPOSE_PROFILES", "full, debug"));
        assertThat(fromVariable.services()).containsOnlyKeys("api", "debug", "ui");
        assertThat(fromVariable.profiles()).containsExactly("full", "debug");
        ComposeProject fromSetting = load(repository, Map.of("COMPOSE_PROFILES", "debug"),
                Map.of("docker.profiles", "ui"));
        assertThat(fromSetting.services()).containsOnlyKeys("api", "ui");
        assertThat(fromSetting.profilesReason()).isEqualTo("setting docker.profiles given to"
                + " ResolutionContext.Builder.settings");
        assertThat(load(Map.of("COMPOSE_PROFILES", "*")).services()).containsOnlyKeys("api", "debug", "ui");
    }

    // --- the env file -------------------------------------------------------------------------------------------

    @Test
    void theEnvFileOfTheProjectDirectoryInterpolatesUnlessComposeDisableEnvFileIsTrue() throws IOException {
        write("compose.yaml", "services:\n  api:\n    ports: [\"${API_PORT:-8002}:8000\"]\n");
        Path env = write(".env", "API_PORT=8010\n");
        ComposeProject project = load(Map.of());
        assertThat(project.envFiles()).containsExactly(env);
        assertThat(project.envFileReason()).isEqualTo(".env of the project directory");
        assertThat(project.service("api").orElseThrow().ports().get(0).hostPortFor(8000)).contains(8010);
        ComposeProject disabled = load(Map.of("COMPOSE_DISABLE_ENV_FILE", "true"));
        assertThat(disabled.envFiles()).isEmpty();
        assertThat(disabled.envFileReason()).isEqualTo("turned off by COMPOSE_DISABLE_ENV_FILE");
        assertThat(disabled.service("api").orElseThrow().ports().get(0).hostPortFor(8000)).contains(8002);
        assertThatThrownBy(() -> load(Map.of("COMPOSE_DISABLE_ENV_FILE", "yes")))
                .hasMessageStartingWith("variable COMPOSE_DISABLE_ENV_FILE: expected true or false");
    }

    @Test
    void settingDockerEnvFileReplacesTheDotEnvLikeDashDashEnvFile() throws IOException {
        write("compose.yaml", "services:\n  api:\n    ports: [\"${API_PORT:-8002}:8000\"]\n");
        write(".env", "API_PORT=8010\n");
        Path ci = write("ci.env", "API_PORT=8020\n");
        ComposeProject project = load(repository, Map.of(), Map.of("docker.env-file", "ci.env"));
        assertThat(project.envFiles()).containsExactly(ci);
        assertThat(project.service("api").orElseThrow().ports().get(0).hostPortFor(8000)).contains(8020);
        assertThat(project.cliOptions()).containsSequence("--env-file", ci.toString());
    }

    @Test
    void theWorkingDirectorysEnvFileIsReadBeforeTheProjectDirectorysAndWins() throws IOException {
        write("compose.yaml", "services:\n  api:\n    ports: [\"${API_PORT}:8000\", \"${ADMIN_PORT}:9000\"]\n");
        write(".env", "API_PORT=8010\nADMIN_PORT=9010\n");
        Path module = write("module/.env", "API_PORT=8011\n").getParent();
        ComposeProject project = load(module, Map.of(), Map.of());
        assertThat(project.envFiles()).containsExactly(module.resolve(".env"), repository.resolve(".env"));
        assertThat(project.service("api").orElseThrow().ports()).extracting(port -> port.published().first())
                .containsExactly(8011, 9010);
    }

    @Test
    void theReportNamesTheProjectEachFileTheEnvFileAndTheProfiles() throws IOException {
        Path file = write("compose.yaml", "services:\n  api:\n    image: x\n  debug:\n    profiles: [debug]\n");
        Path env = write(".env", "X=1\n");
        assertThat(load(Map.of()).describe()).containsExactly(
                "this checkout's compose project: " + repository.getFileName().toString().toLowerCase()
                        .replaceAll("[^a-z0-9_-]", "").replaceAll("^[_-]+", "") + " (the name of the project directory "
                        + repository + (ComposeProjects.normalise(repository.getFileName().toString())
                                .equals(repository.getFileName().toString()) ? "" : ", as compose normalises it") + ")",
                "compose file " + file + " (found in " + repository + ")",
                "env file: " + env + " (.env of the project directory)",
                "profiles: none (neither setting docker.profiles nor COMPOSE_PROFILES is set); left out by profiles:"
                        + " debug");
    }

    // --- several env files: compose lets a later one override an earlier one ------------------------------------

    @Test
    void ofSeveralEnvFilesNamedByTheSettingTheLastNamedWinsAsWithComposesRepeatedEnvFile() throws IOException {
        write("compose.yaml", "services:\n  api:\n    ports: [\"${API_PORT}:8000\", \"${ADMIN_PORT}:9000\"]\n");
        Path base = write("base.env", "API_PORT=8010\nADMIN_PORT=9010\nCOMPOSE_PROJECT_NAME=base\n");
        Path local = write("local.env", "API_PORT=8011\nCOMPOSE_PROJECT_NAME=local\n");
        ComposeProject project = load(repository, Map.of(), Map.of("docker.env-file", "base.env,local.env"));
        assertThat(project.service("api").orElseThrow().ports()).extracting(port -> port.published().first())
                .containsExactly(8011, 9010);
        assertThat(project.name()).isEqualTo("local");
        assertThat(project.envFiles()).containsExactly(local, base);
        assertThat(project.composeEnvFiles()).containsExactly(base, local);
        assertThat(project.cliOptions()).containsSubsequence("--env-file", base.toString(), "--env-file",
                local.toString());
        assertThat(project.describe()).contains("env file: " + local + ", " + base
                + " (setting docker.env-file given to ResolutionContext.Builder.settings; the first wins)");
    }

    @Test
    void theWorkingDirectorysEnvFileIsNamedToComposeAfterTheProjectDirectorysSoThatItStillWins() throws IOException {
        write("compose.yaml", "services:\n  api:\n    image: x\n");
        write(".env", "X=1\n");
        Path module = write("module/.env", "X=2\n").getParent();
        ComposeProject project = load(module, Map.of(), Map.of());
        assertThat(project.composeEnvFiles()).containsExactly(repository.resolve(".env"), module.resolve(".env"));
        assertThat(project.cliOptions()).containsSubsequence("--env-file", repository.resolve(".env").toString(),
                "--env-file", module.resolve(".env").toString());
    }
}
