package dev.backendconfig.docker.internal.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backendconfig.docker.internal.compose.ComposeTree.Empty;
import dev.backendconfig.docker.internal.compose.ComposeTree.Mapping;
import dev.backendconfig.docker.internal.compose.ComposeTree.Scalar;
import dev.backendconfig.docker.internal.compose.ComposeTree.Sequence;
import dev.backendconfig.docker.internal.compose.ComposeTree.Value;
import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.toolkit.Origin;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Compose's merge rules on the tree, and the services built from a merged tree: what a later file does to an earlier
 * one's values, what {@code !reset} removes, and the shapes a service's fields may have.
 */
class ComposeMergeRulesTest {

    private static final Origin EARLY = Origin.file("/repo/compose.yaml", 3);
    private static final Origin LATE = Origin.file("/repo/compose.override.yaml", 7);

    private static Scalar scalar(String text, Origin origin) {
        return new Scalar(text, text, origin);
    }

    private static final List<String> PORTS = List.of("services", "api", "ports");

    @Test
    void aLaterNullOrMissingValueKeepsTheEarlierOneAndAnEarlierNullTakesTheLaterOne() {
        Scalar early = scalar("a", EARLY);
        Scalar late = scalar("b", LATE);
        assertThat(ComposeMerge.merge(early, new Empty(LATE), PORTS)).isSameAs(early);
        assertThat(ComposeMerge.merge(early, null, PORTS)).isSameAs(early);
        assertThat(ComposeMerge.merge(new Empty(EARLY), late, PORTS)).isSameAs(late);
        assertThat(ComposeMerge.merge(null, late, PORTS)).isSameAs(late);
        assertThat(ComposeMerge.merge(early, late, List.of("services", "api", "image"))).isSameAs(late);
    }

    @Test
    void sequencesAreAppendedTheLaterOnesOriginKept() {
        Value merged = ComposeMerge.merge(new Sequence(List.of(scalar("1", EARLY)), EARLY),
                new Sequence(List.of(scalar("2", LATE)), LATE), PORTS);
        assertThat(merged).isEqualTo(new Sequence(List.of(scalar("1", EARLY), scalar("2", LATE)), LATE));
    }

    @Test
    void mappingsAreMergedEntryByEntryTheEarlierOriginAndKeyOrderKept() {
        Mapping early = new Mapping(Map.of("image", scalar("a", EARLY)), EARLY);
        Mapping late = new Mapping(new java.util.LinkedHashMap<>(Map.of("image", scalar("b", LATE))), LATE)
                .with("container_name", scalar("c", LATE));
        Value merged = ComposeMerge.merge(early, late, List.of("services", "api"));
        assertThat(merged).isEqualTo(new Mapping(Map.of("image", scalar("b", LATE), "container_name",
                scalar("c", LATE)), EARLY));
        assertThat(((Mapping) merged).entries().keySet()).containsExactly("image", "container_name");
    }

    @Test
    void valuesOfDifferentShapesAreAnErrorNamingThePathBothShapesAndTheEarlierPlace() {
        assertThatThrownBy(() -> ComposeMerge.merge(new Sequence(List.of(), EARLY), new Mapping(Map.of(), LATE),
                PORTS)).isInstanceOf(InvalidInputException.class)
                .hasMessage("/repo/compose.override.yaml:7: services.api.ports is a mapping here but a list in"
                        + " /repo/compose.yaml:3, so compose cannot merge them (write both the same way, or tag this"
                        + " one !override)");
        assertThatThrownBy(() -> ComposeMerge.merge(scalar("x", EARLY), new Sequence(List.of(), LATE), PORTS))
                .hasMessageContaining("is a list here but a single value in");
        assertThatThrownBy(() -> ComposeMerge.merge(new Mapping(Map.of(), EARLY), scalar("x", LATE), PORTS))
                .hasMessageContaining("is a single value here but a mapping in");
    }

    @Test
    void aServicesNetworksListMergesWithAMappingButOnlyAtAServicesNetworks() {
        Sequence names = new Sequence(List.of(scalar("front", EARLY)), EARLY);
        Mapping options = new Mapping(Map.of("back", new Mapping(Map.of(), LATE)), LATE);
        Value merged = ComposeMerge.merge(names, options, List.of("services", "api", "networks"));
        assertThat(((Mapping) merged).entries()).containsOnlyKeys("front", "back");
        assertThat(((Mapping) merged).entries().get("front")).isEqualTo(new Empty(EARLY));
        assertThatThrownBy(() -> ComposeMerge.merge(names, options, List.of("networks", "api", "networks")))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> ComposeMerge.merge(names, options, List.of("services", "api", "networks", "x")))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> ComposeMerge.merge(names, options, List.of("services", "networks")))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void networksAreAListOfNamesAMappingOrNothing() {
        assertThat(ComposeMerge.networks(new Empty(EARLY))).isEqualTo(new Mapping(Map.of(), EARLY));
        Mapping mapping = new Mapping(Map.of("front", new Empty(EARLY)), EARLY);
        assertThat(ComposeMerge.networks(mapping)).isSameAs(mapping);
        assertThatThrownBy(() -> ComposeMerge.networks(new Sequence(List.of(new Sequence(List.of(), LATE)), EARLY)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("/repo/compose.override.yaml:7: a list of networks holds network names, not a list");
        assertThatThrownBy(() -> ComposeMerge.networks(scalar("front", LATE)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("/repo/compose.override.yaml:7: networks must be a list of network names or a mapping of"
                        + " networks");
    }

    @Test
    void resetRemovesAPathThroughMappingsAndLeavesAnythingElseAlone() {
        Mapping api = new Mapping(Map.of("image", scalar("x", EARLY), "ports", new Sequence(List.of(), EARLY)),
                EARLY);
        Mapping top = new Mapping(Map.of("services", new Mapping(Map.of("api", api), EARLY), "name",
                scalar("n", EARLY)), EARLY);
        Mapping removed = ComposeMerge.remove(top, List.of("services", "api", "image"));
        assertThat(((Mapping) ((Mapping) removed.get("services").orElseThrow()).get("api").orElseThrow()).entries())
                .containsOnlyKeys("ports");
        assertThat(ComposeMerge.remove(top, List.of())).isSameAs(top);
        assertThat(ComposeMerge.remove(top, List.of("name", "deeper"))).isSameAs(top);
        assertThat(ComposeMerge.remove(top, List.of("missing", "deeper"))).isSameAs(top);
        assertThat(ComposeMerge.remove(top, List.of("name")).entries()).containsOnlyKeys("services");
    }

    @Test
    void eachKindOfValueIsNamedInMessages() {
        assertThat(ComposeMerge.kind(new Mapping(Map.of(), EARLY))).isEqualTo("a mapping");
        assertThat(ComposeMerge.kind(new Sequence(List.of(), EARLY))).isEqualTo("a list");
        assertThat(ComposeMerge.kind(new Empty(EARLY))).isEqualTo("null");
        assertThat(ComposeMerge.kind(scalar("x", EARLY))).isEqualTo("a single value");
    }

    private static Mapping top(Map<String, Value> services) {
        return new Mapping(Map.of("services", new Mapping(services, EARLY)), EARLY);
    }

    private static ComposeService built(Map<String, Value> fields) {
        return ComposeServices.build(top(Map.of("api", new Mapping(fields, EARLY)))).get(0);
    }

    @Test
    void aProjectWithoutServicesOrWithNullServicesHasNone() {
        assertThat(ComposeServices.build(new Mapping(Map.of(), EARLY))).isEmpty();
        assertThat(ComposeServices.build(new Mapping(Map.of("services", new Empty(EARLY)), EARLY))).isEmpty();
        assertThatThrownBy(() -> ComposeServices.build(new Mapping(Map.of("services", scalar("x", LATE)), EARLY)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("/repo/compose.override.yaml:7: services must be a mapping");
        assertThatThrownBy(() -> ComposeServices.build(top(Map.of("api", scalar("x", LATE)))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("/repo/compose.override.yaml:7: service api must be a mapping");
    }

    @Test
    void exposeKeepsTcpPortsInAnyCaseAndSkipsOthers() {
        ComposeService api = built(Map.of("expose", new Sequence(List.of(scalar(" 3000-3002/TCP ", EARLY),
                scalar("53/udp", EARLY), scalar("4000/tcp", EARLY), scalar("5000", EARLY), scalar("3001", EARLY)),
                EARLY)));
        assertThat(api.exposed()).containsExactly(3000, 3001, 3002, 4000, 5000);
        assertThat(built(Map.of("expose", new Empty(EARLY))).exposed()).isEmpty();
    }

    @Test
    void profilesAreKeptOnceInTheirOrder() {
        ComposeService api = built(Map.of("profiles", new Sequence(List.of(scalar("b", EARLY), scalar("a", EARLY),
                scalar("b", LATE)), EARLY)));
        assertThat(api.profiles()).containsExactly("b", "a");
    }

    @Test
    void aServicesFieldsMustHaveTheirShapes() {
        assertThatThrownBy(() -> built(Map.of("ports", scalar("8000", LATE)))).isInstanceOf(InvalidInputException.class)
                .hasMessage("/repo/compose.override.yaml:7: the ports of service api must be a list");
        assertThatThrownBy(() -> built(Map.of("ports", new Sequence(List.of(new Sequence(List.of(), LATE)), EARLY))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("/repo/compose.override.yaml:7: a ports entry is \"8002:8000\" or a mapping with target"
                        + " and published");
        assertThatThrownBy(() -> built(Map.of("image", new Sequence(List.of(), LATE))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("/repo/compose.override.yaml:7: expected a single value here");
        assertThatThrownBy(() -> built(Map.of("profiles", scalar("debug", LATE))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("/repo/compose.override.yaml:7: the profiles of service api must be a list");
        assertThatThrownBy(() -> built(Map.of("profiles", new Sequence(List.of(new Mapping(Map.of(), LATE)), EARLY))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("/repo/compose.override.yaml:7: the profiles of service api must be a list of single"
                        + " values");
    }

    @Test
    void aNullFieldIsUnsetAndALongPortWithoutTargetSaysItIsMissing() {
        ComposeService api = built(Map.of("image", new Empty(EARLY), "container_name", scalar("c", EARLY)));
        assertThat(api.image()).isEmpty();
        assertThat(api.containerName()).isEqualTo("c");
        assertThatThrownBy(() -> built(Map.of("ports", new Sequence(List.of(new Mapping(Map.of("published",
                scalar("8002", LATE)), LATE)), EARLY)))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("(missing)");
    }

    @Test
    void equalPortEntriesAreKeptOnceTheLaterInTheEarliersPlace() {
        ComposeService api = built(Map.of("ports", new Sequence(List.of(scalar("8002:8000", EARLY),
                scalar("9000:9000", EARLY), scalar("8002:8000", LATE), scalar("8002:8000/udp", LATE)), EARLY)));
        assertThat(api.ports()).hasSize(3);
        assertThat(api.ports().get(0).origin()).isEqualTo(LATE);
        assertThat(api.ports().get(1).hostPortFor(9000)).contains(9000);
        assertThat(api.ports().get(2).protocol()).isEqualTo("udp");
    }

    @Test
    void aServicesContainerPortsAreItsTcpTargetsAndExposedPortsEachOnceAtMostAThousandFromPorts() {
        ComposeService api = built(Map.of("ports", new Sequence(List.of(scalar("8000-8002:8000-8002", EARLY),
                scalar("53:53/udp", EARLY), scalar("10000-12000", EARLY)), EARLY), "expose",
                new Sequence(List.of(scalar("8001", EARLY), scalar("7000", EARLY)), EARLY)));
        List<Integer> ports = api.containerPorts();
        assertThat(ports).startsWith(8000, 8001, 8002, 10000).doesNotContain(53).endsWith(10996, 7000);
        assertThat(ports).hasSize(1001);
        assertThat(api.hostNetwork()).isFalse();
        assertThat(built(Map.of("network_mode", scalar("host", EARLY))).hostNetwork()).isTrue();
        assertThat(built(Map.of("image", scalar("postgres:16", EARLY))).looksLikeDatabase()).isTrue();
        assertThat(built(Map.of("image", scalar("shop-api", EARLY))).looksLikeDatabase()).isFalse();
    }
}
