package dev.backendconfig.docker.internal.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Whether a running project's compose labels point at this checkout's compose file, as compose v1 and v2 write them. */
class ProjectChoiceTest {

    private static final List<Path> CHECKOUT = List.of(Path.of("/home/me/shop/docker/compose.yml"));

    private static boolean startedFrom(String workingDirectory, String configFiles) {
        ContainerSummary container = new ContainerSummary("a".repeat(64), List.of("shop-backend-1"), Map.of(
                "com.docker.compose.project", "shop",
                "com.docker.compose.project.working_dir", workingDirectory,
                "com.docker.compose.project.config_files", configFiles), List.of());
        return ProjectChoice.startedFrom(List.of(container), CHECKOUT);
    }

    @ParameterizedTest(name = "working_dir {0}, config_files {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "/home/me/shop | /home/me/shop/docker/compose.yml | true",
        "/home/me/shop | docker/compose.yml | true",
        "/home/me/shop/docker | shop/docker/compose.yml | true",
        "/home/me/shop/docker | docker/compose.yml | true",
        "/home/me/shop/docker | ../shop/docker/compose.yml | false",
        "/srv/other/docker | other/docker/compose.yml | false",
        "/srv/shop/docker | shop/docker/compose.yml | false",
        "/home/me/shop | docker/other.yml | false",
    })
    void labelsOfComposeV1AndV2AreMatchedAgainstTheCheckoutsFile(String workingDirectory, String configFiles,
            boolean expected) {
        assertThat(startedFrom(workingDirectory, configFiles)).isEqualTo(expected);
    }
}
