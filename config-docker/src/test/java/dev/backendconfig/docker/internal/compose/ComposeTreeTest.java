package dev.backendconfig.docker.internal.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backendconfig.docker.internal.compose.ComposeTree.Budget;
import dev.backendconfig.docker.internal.compose.ComposeTree.Empty;
import dev.backendconfig.docker.internal.compose.ComposeTree.FileTree;
import dev.backendconfig.docker.internal.compose.ComposeTree.Mapping;
import dev.backendconfig.docker.internal.compose.ComposeTree.Scalar;
import dev.backendconfig.docker.internal.compose.ComposeTree.Sequence;
import dev.backendconfig.docker.internal.compose.ComposeTree.Value;
import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.toolkit.Origin;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * One compose file read into the tree the model works on: only the parts the model reads, each value with its line,
 * interpolated; merge keys followed; {@code !reset} and {@code !override} recorded; and the budget's limits, each
 * reached exactly and then crossed by one.
 */
class ComposeTreeTest {

    private static final Path FILE = Path.of("/repo/compose.yaml");

    private static FileTree read(String yaml, Map<String, String> variables, Budget budget) {
        return ComposeTree.read(FILE, ComposeYaml.compose(yaml, FILE.toString()),
                name -> Optional.ofNullable(variables.get(name)), budget);
    }

    private static FileTree read(String yaml) {
        return read(yaml, Map.of(), new Budget(64 * 1024));
    }

    private static Mapping service(FileTree tree, String name) {
        return (Mapping) ((Mapping) tree.top().get("services").orElseThrow()).get(name).orElseThrow();
    }

    private static String text(Value value) {
        return ((Scalar) value).text();
    }

    @Test
    void onlyTheNameIncludeAndServicesAreKeptAndOfAServiceOnlyTheFieldsTheModelReads() {
        FileTree tree = read("""
                version: "3"
                x-common: {a: 1}
                networks: {front: {}}
                name: shop
                include: [lib.yaml]
                services:
                  api:
                    image: x
                    environment: {A: "1"}
                    healthcheck: {test: [CMD, x]}
                    container_name: api-1
                """);
        assertThat(tree.top().entries()).containsOnlyKeys("name", "include", "services");
        assertThat(tree.top().entries().keySet()).containsExactly("name", "include", "services");
        assertThat(service(tree, "api").entries()).containsOnlyKeys("image", "container_name");
        assertThat(tree.file()).isEqualTo(FILE);
    }

    @Test
    void everyValueKeepsItsLineAndScalarsAreInterpolatedWhileTheWrittenTextIsKept() {
        FileTree tree = read("services:\n  api:\n    image: ${IMAGE:-x}\n    ports:\n      - \"${PORT}:8000\"\n",
                Map.of("PORT", "8002"), new Budget(64 * 1024));
        Mapping api = service(tree, "api");
        assertThat(api.origin()).isEqualTo(Origin.file(FILE.toString(), 3));
        Scalar image = (Scalar) api.get("image").orElseThrow();
        assertThat(image).isEqualTo(new Scalar("x", "${IMAGE:-x}", Origin.file(FILE.toString(), 3)));
        Sequence ports = (Sequence) api.get("ports").orElseThrow();
        assertThat(ports.origin().line()).isEqualTo(5);
        assertThat(ports.items()).containsExactly(new Scalar("8002:8000", "${PORT}:8000",
                Origin.file(FILE.toString(), 5)));
        assertThat(tree.top().origin()).isEqualTo(Origin.file(FILE.toString(), 1));
    }

    @Test
    void anEmptyFileIsAnEmptyTopLevelAtLineOne() {
        FileTree tree = read("");
        assertThat(tree.top()).isEqualTo(new Mapping(Map.of(), Origin.file(FILE.toString(), 1)));
        assertThat(tree.resets()).isEmpty();
        assertThat(tree.overrides()).isEmpty();
    }

    @Test
    void nullServicesAndANullServiceAreReadAsNothingAndAsAServiceWithoutFields() {
        assertThat(read("services: null\n").top().get("services")).containsInstanceOf(Empty.class);
        FileTree tree = read("services:\n  api:\n  web: null\n");
        assertThat(service(tree, "api")).isEqualTo(new Mapping(Map.of(), Origin.file(FILE.toString(), 2)));
        assertThat(service(tree, "web").entries()).isEmpty();
        assertThat(read("name:\n").top().get("name")).containsInstanceOf(Empty.class);
    }

    @Test
    void resetPathsAreRecordedAndLeftOutAtEveryLevel() {
        FileTree tree = read("""
                name: !reset x
                services:
                  api:
                    image: !reset x
                    ports:
                      - "1:1"
                      - !reset "2:2"
                    networks:
                      front:
                        aliases: !reset [a]
                  gone: !reset {}
                """);
        assertThat(tree.resets()).containsExactly(List.of("name"), List.of("services", "api", "image"),
                List.of("services", "api", "networks", "front", "aliases"), List.of("services", "gone"));
        assertThat(tree.top().entries()).containsOnlyKeys("services");
        Mapping api = service(tree, "api");
        assertThat(api.entries()).containsOnlyKeys("ports", "networks");
        assertThat(((Sequence) api.get("ports").orElseThrow()).items()).extracting(ComposeTreeTest::text)
                .containsExactly("1:1");
        assertThat(((Mapping) ((Mapping) api.get("networks").orElseThrow()).get("front").orElseThrow()).entries())
                .isEmpty();
        assertThat(((Mapping) tree.top().get("services").orElseThrow()).entries()).containsOnlyKeys("api");
        assertThat(tree.overrides()).isEmpty();
    }

    @Test
    void overridePathsAreRecordedAndTheirValuesKept() {
        FileTree tree = read("""
                services: !override
                  api:
                    ports: !override ["1:1"]
                    networks:
                      front: !override {aliases: [a]}
                  web: !override
                    image: y
                """);
        assertThat(tree.overrides()).containsExactly(List.of("services"), List.of("services", "api", "ports"),
                List.of("services", "api", "networks", "front"), List.of("services", "web"));
        assertThat(tree.resets()).isEmpty();
        assertThat(((Sequence) service(tree, "api").get("ports").orElseThrow()).items()).hasSize(1);
        assertThat(service(tree, "web").get("image").map(ComposeTreeTest::text)).contains("y");
    }

    @Test
    void aResetTopLevelServicesLeavesNoServices() {
        FileTree tree = read("services: !reset {}\n");
        assertThat(tree.top().entries()).isEmpty();
        assertThat(tree.resets()).containsExactly(List.of("services"));
    }

    @Test
    void explicitKeysWinOverMergedOnesWhereverTheMergeKeyStandsAndTheFirstMergedMappingWins() {
        FileTree tree = read("""
                x-a: &a {image: from-a, container_name: a, network_mode: a}
                x-b: &b {image: from-b, container_name: b, network_mode: b, expose: ["1"]}
                services:
                  before:
                    image: own
                    <<: *a
                  after:
                    <<: [*a, *b]
                    container_name: own
                """);
        Mapping before = service(tree, "before");
        assertThat(before.get("image").map(ComposeTreeTest::text)).contains("own");
        assertThat(before.get("container_name").map(ComposeTreeTest::text)).contains("a");
        Mapping after = service(tree, "after");
        assertThat(after.get("image").map(ComposeTreeTest::text)).contains("from-a");
        assertThat(after.get("network_mode").map(ComposeTreeTest::text)).contains("a");
        assertThat(after.get("container_name").map(ComposeTreeTest::text)).contains("own");
        assertThat(after.entries()).containsKey("expose");
    }

    @Test
    void partsOfTheWrongShapeAreErrorsNamingWhatAndTheLine() {
        assertThatThrownBy(() -> read("- a\n- b\n")).isInstanceOf(InvalidInputException.class)
                .hasMessage(FILE + ":1: the top level of a compose file must be a mapping");
        assertThatThrownBy(() -> read("services: [a]\n")).isInstanceOf(InvalidInputException.class)
                .hasMessage(FILE + ":1: services must be a mapping");
        assertThatThrownBy(() -> read("services:\n  api: x\n")).isInstanceOf(InvalidInputException.class)
                .hasMessage(FILE + ":2: service api must be a mapping");
        assertThatThrownBy(() -> read("x: &x [1]\nservices:\n  api:\n    <<: *x\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(FILE + ":1: a merged mapping must be a mapping");
    }

    @Test
    void theSizeOfATreeCountsEveryValue() {
        Origin at = Origin.other("here");
        Scalar one = new Scalar("1", "1", at);
        assertThat(ComposeTree.size(one)).isEqualTo(1);
        assertThat(ComposeTree.size(new Empty(at))).isEqualTo(1);
        assertThat(ComposeTree.size(new Sequence(List.of(one, one), at))).isEqualTo(3);
        assertThat(ComposeTree.size(new Mapping(Map.of("a", one, "b", new Sequence(List.of(one), at)), at)))
                .isEqualTo(4);
    }

    @Test
    void theBudgetOfValuesHoldsExactlyOnePerEightBytesOfTheLimit() {
        Budget budget = new Budget(800);
        budget.values(99, Origin.other("here"));
        budget.values(1, Origin.other("here"));
        assertThatThrownBy(() -> budget.values(1, Origin.file("/repo/compose.yaml", 7)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("/repo/compose.yaml:7: the compose files hold, or extends copies, more than 100 values of"
                        + " the services read (one per 8 bytes of setting docker.compose-max-kib, 0 KiB; a project"
                        + " with hundreds of services holds a fraction of this: does an alias of a long list repeat"
                        + " it?)");
    }

    @Test
    void aFileWithMoreValuesThanTheBudgetIsAnErrorAtTheValueTooMany() {
        // 8 values for 64 bytes: the top level's services (1), api (no count: a service), image (1), ports (1), 2 items
        String yaml = "services:\n  api:\n    image: x\n    ports:\n      - \"1:1\"\n      - \"2:2\"\n";
        assertThat(read(yaml, Map.of(), new Budget(4 * 8)).top().entries()).containsKey("services");
        assertThatThrownBy(() -> read(yaml, Map.of(), new Budget(3 * 8))).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(FILE + ":6: the compose files hold, or extends copies, more than 3 values");
    }

    @Test
    void theBudgetOfBytesHoldsExactlyTheLimitForAllFilesTogether() {
        Budget budget = new Budget(100);
        budget.bytes(Path.of("/repo/a.yaml"), 60);
        budget.bytes(Path.of("/repo/b.yaml"), 40);
        assertThatThrownBy(() -> budget.bytes(Path.of("/repo/c.yaml"), 1)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("/repo/c.yaml: is 1 bytes, which makes the compose files read for this"
                        + " project 101 bytes, larger than the limit of 100 bytes in all (");
        assertThat(budget.fileLimit().maxBytes()).isEqualTo(100);
    }

    @Test
    void theBudgetOfFilesHoldsExactlySixtyFour() {
        Budget budget = new Budget(100);
        for (int i = 0; i < Budget.MAX_FILES; i++) {
            budget.file(Path.of("/repo/" + i + ".yaml"), Origin.other("here"));
        }
        assertThatThrownBy(() -> budget.file(Path.of("/repo/65.yaml"), Origin.file("/repo/compose.yaml", 3)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("/repo/compose.yaml:3: reading /repo/65.yaml would make more than 64 compose files read"
                        + " for one project through include and extends (not configurable: a project reads a"
                        + " handful)");
    }

    @Test
    void interpolationMayMakeExactlyTheLimitOfCharactersAndNotOneMore() {
        String big = "x".repeat(1024 * 1024);
        Budget budget = new Budget(64 * 1024);
        FileTree tree = read("services:\n  api:\n    image: ${BIG}\n    container_name: ${BIG}\n"
                + "    network_mode: ${BIG}\n    expose: [\"${BIG}\"]\n", Map.of("BIG", big), budget);
        assertThat(service(tree, "api").entries()).hasSize(4);
        assertThatThrownBy(() -> read("services:\n  api:\n    image: z\n", Map.of(), budget))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(FILE + ":3: interpolation makes the values read from the compose files longer than 4194304"
                        + " characters in all (not configurable: names and ports are short; does a value refer to a"
                        + " long variable?)");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"services:\n  api:\n", "name: x\n", "x: &x {a: 1}\n<<: *x\n"})
    void readingAServiceAValueOrAMergeStopsWhenTheThreadIsInterrupted(String yaml) {
        Optional<Node> root = ComposeYaml.compose(yaml, FILE.toString());
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> ComposeTree.read(FILE, root, name -> Optional.empty(), new Budget(1024)))
                    .isInstanceOf(CancellationException.class)
                    .hasMessage("interrupted while reading " + FILE);
        } finally {
            Thread.interrupted();
        }
    }

    /** A file whose {@code services} each merge the same mapping of {@code keys} entries. */
    private static String mergingServices(int services, int keys) {
        StringBuilder text = new StringBuilder("x-big: &big\n");
        for (int k = 0; k < keys; k++) {
            text.append("  k").append(k).append(": 1\n");
        }
        text.append("services:\n");
        for (int s = 0; s < services; s++) {
            text.append("  s").append(s).append(":\n    <<: *big\n    image: x\n");
        }
        return text.toString();
    }

    @Test
    void mergeKeysMayBringExactlyAHundredThousandEntriesAndNotOneMore() {
        FileTree tree = read(mergingServices(100, 1000));
        assertThat(((Mapping) tree.top().get("services").orElseThrow()).entries()).hasSize(100);
        assertThatThrownBy(() -> read(mergingServices(100, 1001))).isInstanceOf(InvalidInputException.class)
                .hasMessage(FILE + ":" + (1001 + 3 + 99 * 3 + 1) + ": merge keys (<<) bring more than 100000 entries"
                        + " into mappings in all (not configurable: a compose file merges a few shared blocks)");
    }
}
