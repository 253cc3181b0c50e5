package dev.backendconfig.docker.internal.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The rules of a lease's state: who holds it, when it is empty (and its file emptied), what a start adds, and what a
 * lease file must hold to be read at all.
 */
class LeaseStateRulesTest {

    private static final String A = "a".repeat(64);
    private static final String B = "b".repeat(12);
    private static final String NET = "c".repeat(64);
    private static final LeaseState.Holder ONE = new LeaseState.Holder(11, "2026-01-01T00:00:00Z");
    private static final LeaseState.Holder TWO = new LeaseState.Holder(22, "");

    @Test
    void aJvmJoiningTwiceHoldsTheLeaseOnce() {
        LeaseState state = LeaseState.empty().withHolder(ONE).withHolder(TWO).withHolder(ONE);

        assertThat(state.holders()).containsExactly(ONE, TWO);
        assertThat(state.without(ONE::equals).holders()).containsExactly(TWO);
    }

    @Test
    void aLeaseIsEmptyOnlyWithNoHolderNoStartNothingStartedAndNoNetwork() {
        LeaseState.Before nothing = LeaseState.Before.NOTHING;
        assertThat(LeaseState.empty().withHolder(ONE).isEmpty()).isFalse();
        assertThat(new LeaseState(List.of(), Optional.of(ONE), nothing, List.of(), List.of()).isEmpty()).isFalse();
        assertThat(new LeaseState(List.of(), Optional.empty(), nothing, List.of(new LeaseState.Started(A, "a", "a",
                true)), List.of()).isEmpty()).isFalse();
        assertThat(new LeaseState(List.of(), Optional.empty(), nothing, List.of(), List.of(NET)).isEmpty()).isFalse();
        assertThat(new LeaseState(List.of(), Optional.empty(), new LeaseState.Before(List.of(A), List.of(A),
                List.of()), List.of(), List.of()).isEmpty()).as("what existed before is no record of its own").isTrue();
    }

    @Test
    void aStartUnderWayIsRecordedWithWhatExistedBeforeAndEndsAddingOnlyWhatIsNew() {
        LeaseState.Before before = new LeaseState.Before(List.of(B), List.of(), List.of(NET));
        LeaseState starting = LeaseState.empty().withHolder(ONE).afterStart(List.of(new LeaseState.Started(A, "a",
                "sa", true)), List.of(NET)).starting(TWO, before);

        assertThat(starting.starter()).contains(TWO);
        assertThat(starting.before()).isEqualTo(before);
        assertThat(LeaseState.fromJson(starting.toJson("e", "shop"))).isEqualTo(starting);

        LeaseState after = starting.afterStart(List.of(new LeaseState.Started(A, "again", "sa", false),
                new LeaseState.Started(B, "b", "sb", false)), List.of(NET, NET));
        assertThat(after.starter()).isEmpty();
        assertThat(after.before()).isEqualTo(LeaseState.Before.NOTHING);
        assertThat(after.started()).containsExactly(new LeaseState.Started(A, "a", "sa", true),
                new LeaseState.Started(B, "b", "sb", false));
        assertThat(after.networks()).containsExactly(NET);
        assertThat(after.holders()).containsExactly(ONE);
    }

    @Test
    void forgettingKeepsTheStartAndTheNetworksNotRemoved() {
        String net2 = "d".repeat(64);
        LeaseState state = LeaseState.empty().afterStart(List.of(new LeaseState.Started(A, "a", "a", true)),
                List.of(NET, net2)).starting(ONE, LeaseState.Before.NOTHING);

        LeaseState rest = state.forgetting(List.of(), List.of(NET));

        assertThat(rest.networks()).containsExactly(net2);
        assertThat(rest.started()).extracting(LeaseState.Started::id).containsExactly(A);
        assertThat(rest.starter()).contains(ONE);
    }

    @Test
    void theFileNamesItsVersionEngineProjectAndEveryHolder() {
        String json = LeaseState.empty().withHolder(ONE).toJson("unix:///run/docker.sock", "shop");

        assertThat(json).isEqualTo("{\"version\":1,\"engine\":\"unix:///run/docker.sock\",\"project\":\"shop\","
                + "\"holders\":[{\"pid\":11,\"started\":\"2026-01-01T00:00:00Z\"}],\"before\":{\"containers\":[],"
                + "\"running\":[],\"networks\":[]},\"started\":[],\"networks\":[]}");
    }

    @Test
    void aBlankFileIsAnEmptyLeaseAndAFileWithoutVersionIsNotALease() {
        assertThat(LeaseState.fromJson(" \n\t")).isEqualTo(LeaseState.empty());
        assertThatThrownBy(() -> LeaseState.fromJson("{\"holders\":[]}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("it is not a lease file of version 1");
    }

    @Test
    void aStartedEntryWithoutCreatedTrueOnlyStartedItsContainer() {
        LeaseState state = LeaseState.fromJson("{\"version\":1,\"started\":[{\"id\":\"" + A + "\",\"name\":\"a\","
                + "\"service\":\"sa\"},{\"id\":\"" + B + "\",\"name\":\"b\",\"service\":\"sb\",\"created\":\"true\"}]}");

        assertThat(state.started()).containsExactly(new LeaseState.Started(A, "a", "sa", false),
                new LeaseState.Started(B, "b", "sb", false));
        assertThat(state.holders()).isEmpty();
        assertThat(state.starter()).isEmpty();
    }

    @Test
    void aHolderNeedsAWholePositiveProcessIdOfAtMostEighteenDigits() {
        assertThat(LeaseState.fromJson("{\"version\":1,\"holders\":[{\"pid\":1},{\"pid\":999999999999999999,"
                + "\"started\":\"x\"}]}").holders()).containsExactly(new LeaseState.Holder(1, ""),
                new LeaseState.Holder(999_999_999_999_999_999L, "x"));
        for (String pid : List.of("0", "-1", "1.5", "1000000000000000000", "\"12\"", "null")) {
            assertThatThrownBy(() -> LeaseState.fromJson("{\"version\":1,\"holders\":[{\"pid\":" + pid + "}]}"))
                    .as(pid).isInstanceOf(IllegalArgumentException.class).hasMessage("a holder has no valid process id");
        }
        assertThatThrownBy(() -> LeaseState.fromJson("{\"version\":1,\"holders\":[12]}"))
                .hasMessage("a holder has no valid process id");
        assertThatThrownBy(() -> LeaseState.fromJson("{\"version\":1,\"starter\":{\"pid\":0}}"))
                .hasMessage("a holder has no valid process id");
    }

    @Test
    void everyIdOfWhatExistedBeforeAndOfTheNetworksIsCheckedAndOneThatIsNotTextIsRefused() {
        String ok = "{\"version\":1,\"before\":{\"containers\":[\"" + A + "\"],\"running\":[\"" + B + "\"],"
                + "\"networks\":[\"" + NET + "\"]},\"networks\":[\"" + NET + "\"]}";
        LeaseState state = LeaseState.fromJson(ok);
        assertThat(state.before()).isEqualTo(new LeaseState.Before(List.of(A), List.of(B), List.of(NET)));
        assertThat(state.networks()).containsExactly(NET);
        for (String bad : List.of(ok.replace("[\"" + A + "\"]", "[12]"), ok.replace("[\"" + B + "\"]", "[\"B"
                + "b".repeat(11) + "\"]"), ok.replace("\"networks\":[\"" + NET + "\"]}", "\"networks\":[\"x\"]}"),
                ok.replace("]},\"networks\":[\"" + NET + "\"]}", "]},\"networks\":[\"" + "c".repeat(11) + "\"]}"),
                ok.replace("[\"" + A + "\"]", "[\"" + "a".repeat(65) + "\"]"))) {
            assertThatThrownBy(() -> LeaseState.fromJson(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("it names an id that is not an engine id (12 to 64 lower-case hexadecimal characters)");
        }
    }

    @Test
    void aHolderIsShownByItsProcessIdAndIsAliveWhenTheSystemDoesNotTellItsStartTime() {
        assertThat(ONE).hasToString("pid 11");
        assertThat(new LeaseState.Holder(ProcessHandle.current().pid(), "").alive()).isTrue();
        assertThat(new LeaseState.Holder(ProcessHandle.current().pid(), ProcessHandle.current().info().startInstant()
                .orElseThrow().toString()).alive()).isTrue();
    }
}
