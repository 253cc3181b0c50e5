package dev.backendconfig.docker.internal.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backendconfig.toolkit.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * A warm resolution reuses the YAML tree of a compose file whose text did not change, and gives a fresh answer at
 * once when any input changes: the file's text (even with the same size and modification time), the env file, a
 * variable, a setting.
 */
class ComposeYamlKeptTest {

    @TempDir
    Path repository;

    @BeforeEach
    void isARepository() throws IOException {
        Files.createDirectories(repository.resolve(".git"));
    }

    private ComposeProject load(Map<String, String> environment, Map<String, String> settings) {
        return Projects.load(repository, environment, settings);
    }

    private String image(ComposeProject project) {
        return project.service("api").orElseThrow().image();
    }

    @Test
    void theSameTextIsParsedOnceAndItsTreeReused() throws IOException {
        Path file = Files.writeString(repository.resolve("compose.yaml"), "services:\n  api:\n    image: kept\n");
        assertThat(image(load(Map.of(), Map.of()))).isEqualTo("kept");
        String text = Files.readString(file);
        assertThat(ComposeYamlKept.keeps(text, file.toString())).isTrue();
        Optional<Node> first = ComposeYamlKept.compose(text, file.toString());
        assertThat(ComposeYamlKept.compose(new String(text.toCharArray()), file.toString())).isSameAs(first);
        assertThat(image(load(Map.of(), Map.of()))).isEqualTo("kept");
    }

    @Test
    void aFileEditedWithTheSameSizeAndModificationTimeGivesTheNewAnswerAtOnce() throws IOException {
        Path file = Files.writeString(repository.resolve("compose.yaml"), "services:\n  api:\n    image: one\n");
        FileTime written = Files.getLastModifiedTime(file);
        long size = Files.size(file);
        assertThat(image(load(Map.of(), Map.of()))).isEqualTo("one");
        Files.writeString(file, "services:\n  api:\n    image: two\n");
        Files.setLastModifiedTime(file, written);
        assertThat(Files.size(file)).isEqualTo(size);
        assertThat(Files.getLastModifiedTime(file)).isEqualTo(written);
        assertThat(image(load(Map.of(), Map.of()))).isEqualTo("two");
    }

    @Test
    void aChangedEnvFileOrVariableIsInterpolatedAtOnce() throws IOException {
        Files.writeString(repository.resolve("compose.yaml"), "services:\n  api:\n    image: ${IMAGE:-none}\n");
        Path env = Files.writeString(repository.resolve(".env"), "IMAGE=from-env-one\n");
        assertThat(image(load(Map.of(), Map.of()))).isEqualTo("from-env-one");
        Files.writeString(env, "IMAGE=from-env-two\n");
        assertThat(image(load(Map.of(), Map.of()))).isEqualTo("from-env-two");
        assertThat(image(load(Map.of("IMAGE", "variable"), Map.of()))).isEqualTo("variable");
        assertThat(image(load(Map.of(), Map.of()))).isEqualTo("from-env-two");
    }

    @Test
    void aChangedSettingGivesTheNewAnswerAtOnce() throws IOException {
        String padding = "#" + "x".repeat(20 * 1024) + "\n";
        Files.writeString(repository.resolve("compose.yaml"), padding + "services:\n  api:\n    image: big\n"
                + "    profiles: [extra]\n");
        assertThat(load(Map.of(), Map.of()).services()).isEmpty();
        assertThat(image(load(Map.of(), Map.of("docker.profiles", "extra")))).isEqualTo("big");
        assertThatThrownBy(() -> load(Map.of(), Map.of("docker.compose-max-kib", "16")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("larger than the limit of 16384");
    }

    @Test
    void aKeptTreeHoldsTheTextAsWrittenNeverAnInterpolatedSecret() throws IOException {
        Path file = Files.writeString(repository.resolve("compose.yaml"), "services:\n  api:\n    image: x\n"
                + "    environment:\n      DB_PASSWORD: ${DB_PASSWORD}\n");
        load(Map.of("DB_PASSWORD", "s3cret-in-the-environment"), Map.of());
        Optional<Node> kept = ComposeYamlKept.compose(Files.readString(file), file.toString());
        List<String> scalars = new ArrayList<>();
        kept.ifPresent(node -> scalars(node, scalars));
        assertThat(scalars).contains("${DB_PASSWORD}").noneMatch(text -> text.contains("s3cret"));
    }

    @Test
    void theKeptTreesStayWithinTheirBounds() {
        for (int i = 0; i < ComposeYamlKept.MAX_FILES + 5; i++) {
            ComposeYamlKept.compose("services:\n  s" + i + ":\n    image: x\n", repository.resolve("f" + i).toString());
        }
        assertThat(ComposeYamlKept.files()).isEqualTo(ComposeYamlKept.MAX_FILES);
        assertThat(ComposeYamlKept.keeps("services:\n  s0:\n    image: x\n", repository.resolve("f0").toString()))
                .isFalse();
        String large = "services:\n  big:\n    image: x\n#" + "x".repeat(ComposeYamlKept.MAX_CHARS_PER_FILE) + "\n";
        ComposeYamlKept.compose(large, repository.resolve("large").toString());
        assertThat(ComposeYamlKept.keeps(large, repository.resolve("large").toString())).isFalse();
        String near = "services:\n  near:\n    image: x\n#" + "x".repeat(ComposeYamlKept.MAX_CHARS_PER_FILE - 40) + "\n";
        for (int i = 0; i < 6; i++) {
            ComposeYamlKept.compose(near, repository.resolve("near" + i).toString());
        }
        assertThat(ComposeYamlKept.chars()).isLessThanOrEqualTo(ComposeYamlKept.MAX_CHARS);
        assertThat(ComposeYamlKept.keeps(near, repository.resolve("near5").toString())).isTrue();
        assertThat(ComposeYamlKept.keeps(near, repository.resolve("near0").toString())).isFalse();
    }

    @Test
    void aTextThatIsNotYamlIsRefusedEveryTimeAndNeverKept() {
        String broken = "services:\n  api: [\n";
        String file = repository.resolve("broken.yaml").toString();
        assertThatThrownBy(() -> ComposeYamlKept.compose(broken, file)).isInstanceOf(InvalidInputException.class);
        assertThat(ComposeYamlKept.keeps(broken, file)).isFalse();
        assertThatThrownBy(() -> ComposeYamlKept.compose(broken, file)).isInstanceOf(InvalidInputException.class);
    }

    private static void scalars(Node node, List<String> into) {
        if (node instanceof ScalarNode scalar) {
            into.add(scalar.getValue());
        } else if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                scalars(tuple.getKeyNode(), into);
                scalars(tuple.getValueNode(), into);
            }
        } else if (node instanceof SequenceNode sequence) {
            sequence.getValue().forEach(item -> scalars(item, into));
        }
    }
}
