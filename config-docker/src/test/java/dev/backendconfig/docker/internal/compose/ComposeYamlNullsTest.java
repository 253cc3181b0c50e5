package dev.backendconfig.docker.internal.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A null reads as compose (go-yaml, YAML 1.2's core schema) reads it: {@code ~}, {@code null}, {@code Null},
 * {@code NULL} and nothing, wherever a mapping, a list or a text is expected; quoted, each is text. Merge keys
 * ({@code <<}) are still followed by the project's own rules.
 */
class ComposeYamlNullsTest {

    @TempDir
    Path repository;

    @BeforeEach
    void isARepository() throws IOException {
        Files.createDirectories(repository.resolve(".git"));
    }

    private ComposeProject project(String yaml) throws IOException {
        return Projects.ofFiles(repository, Map.of(), Projects.write(repository, "compose.yaml", yaml));
    }

    @ParameterizedTest(name = "services: [{0}]")
    @ValueSource(strings = {"~", "null", "Null", "NULL", ""})
    void aNullServicesMappingIsAProjectWithoutServices(String nothing) throws IOException {
        assertThat(project("name: shop\nservices: " + nothing + "\n").services()).isEmpty();
    }

    @ParameterizedTest(name = "api: [{0}]")
    @ValueSource(strings = {"~", "null", "Null", "NULL", ""})
    void aNullServiceIsAServiceWithoutFields(String nothing) throws IOException {
        ComposeService api = project("services:\n  api: " + nothing + "\n  web:\n    image: nginx\n")
                .service("api").orElseThrow();

        assertThat(List.of(api.containerName(), api.image(), api.networkMode())).containsOnly("");
        assertThat(api.ports()).isEmpty();
        assertThat(api.profiles()).isEmpty();
    }

    @ParameterizedTest(name = "profiles and expose: [{0}]")
    @ValueSource(strings = {"~", "null", "Null", "NULL", ""})
    void aNullListOfProfilesOrExposedPortsIsAnEmptyList(String nothing) throws IOException {
        ComposeProject project = project("services:\n  api:\n    image: shop/api\n    profiles: " + nothing
                + "\n    expose: " + nothing + "\n");

        ComposeService api = project.service("api").orElseThrow();
        assertThat(api.profiles()).isEmpty();
        assertThat(api.exposed()).isEmpty();
        assertThat(project.inactive()).isEmpty();
    }

    @ParameterizedTest(name = "container_name: [{0}]")
    @ValueSource(strings = {"~", "null", "Null", "NULL", ""})
    void aNullTextIsNoTextAtAll(String nothing) throws IOException {
        ComposeService api = project("services:\n  api:\n    container_name: " + nothing + "\n    image: "
                + nothing + "\n    network_mode: " + nothing + "\n").service("api").orElseThrow();

        assertThat(List.of(api.containerName(), api.image(), api.networkMode())).containsOnly("");
    }

    @ParameterizedTest(name = "container_name: [{0}]")
    @ValueSource(strings = {"\"~\"", "'null'", "\"Null\"", "'NULL'", "\"\""})
    void aQuotedNullFormIsText(String quoted) throws IOException {
        ComposeService api = project("services:\n  api:\n    container_name: " + quoted + "\n")
                .service("api").orElseThrow();

        assertThat(api.containerName()).isEqualTo(quoted.substring(1, quoted.length() - 1));
    }

    @Test
    void theWordsThatOnlyLookLikeNullAreText() throws IOException {
        ComposeService api = project("services:\n  api:\n    container_name: nULL\n    image: ~x\n"
                + "    network_mode: Nil\n").service("api").orElseThrow();

        assertThat(List.of(api.containerName(), api.image(), api.networkMode())).containsExactly("nULL", "~x", "Nil");
    }

    @Test
    void mergeKeysAreStillFollowedWithTheExplicitKeysWinning() throws IOException {
        ComposeProject project = project("""
                x-base: &base
                  image: shop/base
                  container_name: ~
                  profiles: [debug]
                x-ports: &ports
                  ports: ["8080:80"]
                  image: shop/ports
                services:
                  api:
                    <<: [*base, *ports]
                    container_name: shop-api
                  web:
                    <<: *base
                    profiles: ~
                """);

        ComposeService web = project.service("web").orElseThrow();
        assertThat(web.image()).isEqualTo("shop/base");
        assertThat(web.containerName()).isEmpty();
        assertThat(web.profiles()).isEmpty();
        assertThat(project.inactive()).containsOnlyKeys("api");
        ComposeProject withDebug = Projects.load(repository, Map.of(), Map.of("docker.compose-file",
                repository.resolve("compose.yaml").toString(), "docker.profiles", "debug"));
        ComposeService api = withDebug.service("api").orElseThrow();
        assertThat(api.image()).isEqualTo("shop/base");
        assertThat(api.containerName()).isEqualTo("shop-api");
        assertThat(api.ports()).singleElement().satisfies(port -> {
            assertThat(port.published().first()).isEqualTo(8080);
            assertThat(port.target().first()).isEqualTo(80);
        });
    }
}
