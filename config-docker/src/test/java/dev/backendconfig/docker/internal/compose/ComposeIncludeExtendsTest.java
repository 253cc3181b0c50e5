package dev.backendconfig.docker.internal.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.backendconfig.toolkit.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code include} (compose 2.20+, which docker-compose v1 does not know: checked against the compose specification,
 * 14-include.md, and compose-go's loader) and {@code extends} (same file and another; v1 knows it, and
 * {@code ComposeConfigIT} compares with it), each bounded: cycles and depth are errors that end fast.
 */
class ComposeIncludeExtendsTest {

    private static final Duration ENDS = Duration.ofSeconds(30);

    @TempDir
    Path repository;

    @BeforeEach
    void isARepository() throws IOException {
        Files.createDirectories(repository.resolve(".git"));
    }

    private Path write(String name, String text) throws IOException {
        return Projects.write(repository, name, text);
    }

    private ComposeProject load(Map<String, String> environment) {
        return assertTimeoutPreemptively(ENDS, () -> Projects.load(repository, environment, Map.of()));
    }

    // --- include ------------------------------------------------------------------------------------------------

    @Test
    void anIncludedFileBringsItsServicesReadInItsOwnDirectoryWithItsOwnEnvFile() throws IOException {
        // 14-include.md: each path is loaded as its own Compose application, its project directory its folder, its
        // variables from the .env there, overridden by the local project's environment.
        write("compose.yaml", "include:\n  - auth/compose.yaml\nservices:\n  api:\n    ports: [\"8002:8000\"]\n");
        Path included = write("auth/compose.yaml", "services:\n  keycloak:\n    ports: [\"${KC_PORT}:8080\"]\n");
        write("auth/.env", "KC_PORT=8180\n");
        ComposeProject project = load(Map.of());
        assertThat(project.services()).containsOnlyKeys("api", "keycloak");
        assertThat(project.service("keycloak").orElseThrow().ports().get(0).hostPortFor(8080)).contains(8180);
        assertThat(project.alsoRead()).singleElement().satisfies(file -> {
            assertThat(file.path()).isEqualTo(included);
            assertThat(file.reason()).isEqualTo("included by " + repository.resolve("compose.yaml") + ":2");
        });
        assertThat(project.configFiles()).containsExactly(repository.resolve("compose.yaml"));
        assertThat(load(Map.of("KC_PORT", "8280")).service("keycloak").orElseThrow().ports().get(0)
                .hostPortFor(8080)).as("the local environment overrides the included .env").contains(8280);
    }

    @Test
    void theLongSyntaxTakesSeveralPathsAProjectDirectoryAndEnvFiles() throws IOException {
        write("compose.yaml", """
                include:
                  - path: [infra/base.yaml, infra/ports.yaml]
                    env_file: infra/ci.env
                services: {}
                """);
        write("infra/base.yaml", "services:\n  db:\n    image: postgres:16\n");
        write("infra/ports.yaml", "services:\n  db:\n    ports: [\"${DB_PORT}:5432\"]\n");
        write("infra/ci.env", "DB_PORT=15432\n");
        ComposeService db = load(Map.of()).service("db").orElseThrow();
        assertThat(db.image()).isEqualTo("postgres:16");
        assertThat(db.ports().get(0).hostPortFor(5432)).contains(15432);
        assertThat(db.looksLikeDatabase()).isTrue();
    }

    @Test
    void aServiceDefinedLocallyAndIncludedIsMergedTheLocalOneWinning() throws IOException {
        write("compose.yaml", "include: [lib.yaml]\nservices:\n  api:\n    image: local\n");
        write("lib.yaml", "services:\n  api:\n    image: shared\n    ports: [\"8002:8000\"]\n");
        ComposeService api = load(Map.of()).service("api").orElseThrow();
        assertThat(api.image()).isEqualTo("local");
        assertThat(api.ports()).hasSize(1);
    }

    @Test
    void anIncludeCycleIsAnErrorNamingTheChain() throws IOException {
        Path main = write("compose.yaml", "include: [a.yaml]\nservices: {}\n");
        Path a = write("a.yaml", "include: [b.yaml]\n");
        Path b = write("b.yaml", "include: [a.yaml]\n");
        assertThatThrownBy(() -> load(Map.of())).isInstanceOf(InvalidInputException.class)
                .hasMessage(b + ":1: include cycle: " + main + " includes " + a + " includes " + b + " includes " + a
                        + "; compose refuses it");
    }

    @Test
    void includesNestedDeeperThanTheLimitAreAnError() throws IOException {
        write("compose.yaml", "include: [i1.yaml]\n");
        for (int i = 1; i <= 12; i++) {
            write("i" + i + ".yaml", "include: [i" + (i + 1) + ".yaml]\n");
        }
        write("i13.yaml", "services: {}\n");
        assertThatThrownBy(() -> load(Map.of())).hasMessage(repository.resolve("i10.yaml") + ":1: include nests more"
                + " than 10 files deep here (not configurable: a project includes a few files, which rarely include"
                + " others)");
    }

    @Test
    void aDiamondOfIncludesThatWouldReadTooManyFilesEndsWithTheFileLimit() throws IOException {
        write("compose.yaml", "include: [d1.yaml, d1.yaml]\n");
        for (int i = 1; i <= 9; i++) {
            write("d" + i + ".yaml", "include: [d" + (i + 1) + ".yaml, d" + (i + 1) + ".yaml]\n");
        }
        write("d10.yaml", "services: {}\n");
        assertThatThrownBy(() -> load(Map.of())).hasMessageContaining("would make more than 64 compose files read for"
                + " one project through include and extends");
    }

    @Test
    void anIncludedFileThatDoesNotExistIsAnError() throws IOException {
        Path main = write("compose.yaml", "include:\n  - missing.yaml\n");
        assertThatThrownBy(() -> load(Map.of())).hasMessage(main + ":2: names the compose file "
                + repository.resolve("missing.yaml") + ", which does not exist");
    }

    // --- extends ------------------------------------------------------------------------------------------------

    @Test
    void aServiceExtendsAnotherOfTheSameFileItsOwnValuesWinningAndSequencesAppended() throws IOException {
        write("compose.yaml", """
                services:
                  base:
                    image: shop/api
                    container_name: base-1
                    ports: ["9000:9000"]
                    networks:
                      default:
                        aliases: [shared]
                  api:
                    extends: base
                    container_name: api-1
                    ports: ["8002:8000"]
                  worker:
                    extends:
                      service: api
                """);
        ComposeProject project = load(Map.of());
        ComposeService api = project.service("api").orElseThrow();
        assertThat(api.image()).isEqualTo("shop/api");
        assertThat(api.containerName()).isEqualTo("api-1");
        assertThat(api.ports()).extracting(port -> port.target().first()).containsExactly(9000, 8000);
        assertThat(api.aliases()).containsExactly("shared");
        assertThat(project.service("worker").orElseThrow().ports()).hasSize(2);
    }

    @Test
    void aServiceExtendsOneOfAnotherFileRelativeToTheProjectDirectory() throws IOException {
        write("compose.yaml", "services:\n  api:\n    extends:\n      file: common/base.yaml\n      service: web\n");
        Path common = write("common/base.yaml", "services:\n  web:\n    extends:\n      file: root.yaml\n"
                + "      service: root\n    ports: [\"8002:8000\"]\n");
        Path root = write("common/root.yaml", "services:\n  root:\n    image: shop/root\n");
        ComposeProject project = load(Map.of());
        ComposeService api = project.service("api").orElseThrow();
        assertThat(api.image()).isEqualTo("shop/root");
        assertThat(api.ports()).hasSize(1);
        assertThat(project.alsoRead()).extracting(ComposeFile::path).containsExactly(common, root);
    }

    @Test
    void anExtendsCycleIsAnErrorNamingIt() throws IOException {
        Path file = write("compose.yaml", "services:\n  a:\n    extends: b\n  b:\n    extends: a\n");
        assertThatThrownBy(() -> load(Map.of())).isInstanceOf(InvalidInputException.class)
                .hasMessage(file + ":3: extends cycle: " + file + " service a extends " + file + " service b extends "
                        + file + " service a; compose refuses it");
    }

    @Test
    void extendingAServiceThatDoesNotExistIsAnErrorListingTheOnesThatDo() throws IOException {
        Path file = write("compose.yaml", "services:\n  api:\n    extends: bsae\n  base:\n    image: x\n");
        assertThatThrownBy(() -> load(Map.of())).hasMessage(file + ":3: service api extends service bsae, which "
                + file + " does not define (it defines api, base)");
    }

    @Test
    void aLongChainOfExtendsIsAnErrorNotAStackOverflow() throws IOException {
        StringBuilder text = new StringBuilder("services:\n");
        for (int i = 0; i < 30; i++) {
            text.append("  s").append(i).append(":\n    extends: s").append(i + 1).append('\n');
        }
        text.append("  s30:\n    image: x\n");
        write("compose.yaml", text.toString());
        assertThatThrownBy(() -> load(Map.of())).hasMessageContaining("extends chains more than 20 services here");
    }

    @Test
    void extendsThatWouldCopyMoreThanTheLimitEndFast() throws IOException {
        StringBuilder text = new StringBuilder("services:\n  s0:\n    ports:\n");
        for (int i = 0; i < 2000; i++) {
            text.append("      - \"").append(10000 + i).append(":").append(10000 + i).append("\"\n");
        }
        for (int i = 1; i <= 300; i++) {
            text.append("  s").append(i).append(":\n    extends: s0\n");
        }
        write("compose.yaml", text.toString());
        assertThatThrownBy(() -> load(Map.of())).hasMessageContaining("the compose files hold, or extends copies,"
                + " more than 8192 values of the services read (one per 8 bytes of setting docker.compose-max-kib, 64"
                + " KiB; a project with hundreds of services holds a fraction of this: does an alias of a long list"
                + " repeat it?)");
    }
}
