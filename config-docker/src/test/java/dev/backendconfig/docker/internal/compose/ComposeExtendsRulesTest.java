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
 * {@code extends} as compose applies it: the extending service's own {@code !reset} and {@code !override} fields
 * replace what the base gives (another service's do not), and a chain of exactly twenty is followed while one more is
 * refused.
 */
class ComposeExtendsRulesTest {

    @TempDir
    Path repository;

    @BeforeEach
    void isARepository() throws IOException {
        Files.createDirectories(repository.resolve(".git"));
    }

    private ComposeProject project(String yaml) throws IOException {
        Projects.write(repository, "compose.yaml", yaml);
        return Projects.load(repository, Map.of(), Map.of());
    }

    private static String ports(ComposeService service) {
        return String.join(" ", service.ports().stream().map(port -> port.published().first() + ":"
                + port.target().first()).toList());
    }

    @Test
    void anOverrideInTheExtendingServiceReplacesTheBasesValueAndAnotherServicesOverrideDoesNot() throws IOException {
        ComposeProject project = project("""
                services:
                  base:
                    ports: ["8001:80"]
                  api:
                    extends: base
                    ports: !override ["9001:90"]
                  web:
                    extends: base
                    ports: ["9002:91"]
                """);

        assertThat(ports(project.service("api").orElseThrow())).isEqualTo("9001:90");
        assertThat(ports(project.service("web").orElseThrow())).isEqualTo("8001:80 9002:91");
    }

    @Test
    void aResetInTheExtendingServiceRemovesTheBasesValueAndAnotherServicesResetDoesNot() throws IOException {
        ComposeProject project = project("""
                services:
                  base:
                    image: shop/base
                    ports: ["8001:80"]
                  api:
                    extends: base
                    ports: !reset []
                  web:
                    extends: base
                """);

        assertThat(project.service("api").orElseThrow().ports()).isEmpty();
        assertThat(project.service("api").orElseThrow().image()).isEqualTo("shop/base");
        assertThat(ports(project.service("web").orElseThrow())).isEqualTo("8001:80");
    }

    private static String chain(int links) {
        StringBuilder text = new StringBuilder("services:\n");
        for (int i = 0; i < links; i++) {
            text.append("  s").append(i).append(":\n    extends: s").append(i + 1).append('\n');
        }
        return text.append("  s").append(links).append(":\n    image: shop/end\n").toString();
    }

    @Test
    void aChainOfTwentyExtendsIsFollowedAndOneMoreIsRefused() throws IOException {
        assertThat(project(chain(20)).service("s0").orElseThrow().image()).isEqualTo("shop/end");

        assertThatThrownBy(() -> project(chain(21))).isInstanceOf(InvalidInputException.class)
                .hasMessage(repository.resolve("compose.yaml") + ":43: extends chains more than 20 services here (not"
                        + " configurable: a service extends one or two others)");
    }
}
