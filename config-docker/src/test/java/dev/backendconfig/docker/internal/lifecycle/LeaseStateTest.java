package dev.backendconfig.docker.internal.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LeaseStateTest {

    private static final String A = "a".repeat(64);
    private static final String B = "b".repeat(64);
    private static final String NET = "c".repeat(64);

    @Test
    void aLeaseIsWrittenAndReadBackWithItsHoldersAndWhatItStarted() {
        LeaseState.Holder me = LeaseState.Holder.current();
        LeaseState state = LeaseState.empty().withHolder(me).starting(me, new LeaseState.Before(List.of(A), List.of(),
                List.of())).afterStart(List.of(new LeaseState.Started(A, "shop_backend_1", "backend", false),
                new LeaseState.Started(B, "shop_auth_1", "auth", true)), List.of(NET));

        LeaseState read = LeaseState.fromJson(state.toJson("unix:///var/run/docker.sock", "shop"));

        assertThat(read).isEqualTo(state);
        assertThat(read.holders()).containsExactly(me);
        assertThat(read.starter()).isEmpty();
        assertThat(read.started()).extracting(LeaseState.Started::created).containsExactly(false, true);
        assertThat(read.networks()).containsExactly(NET);
    }

    @Test
    void anEmptyFileIsAnEmptyLease() {
        assertThat(LeaseState.fromJson("")).isEqualTo(LeaseState.empty());
        assertThat(LeaseState.empty().isEmpty()).isTrue();
    }

    @Test
    void aLeaseFileNamingSomethingOtherThanAnEngineIdIsRefusedSoThatNoRequestPathCanBeForged() {
        String forged = "{\"version\":1,\"holders\":[],\"started\":[{\"id\":\"../../containers/other\",\"name\":\"x\","
                + "\"service\":\"x\",\"created\":true}],\"networks\":[]}";
        assertThatThrownBy(() -> LeaseState.fromJson(forged)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("it names an id that is not an engine id (12 to 64 lower-case hexadecimal characters)");
        assertThatThrownBy(() -> LeaseState.fromJson("{\"version\":7}")).hasMessage("it is not a lease file of"
                + " version 1");
        assertThatThrownBy(() -> LeaseState.fromJson("{\"version\":1,\"holders\":[{\"pid\":-4}]}"))
                .hasMessage("a holder has no valid process id");
        assertThatThrownBy(() -> LeaseState.fromJson("not json")).hasMessageStartingWith("it is not JSON");
    }

    @Test
    void aHolderWhoseProcessEndedIsGoneAndThisJvmIsAlive() throws Exception {
        Process finished = new ProcessBuilder("true").start();
        assertThat(finished.waitFor(10, TimeUnit.SECONDS)).isTrue();
        LeaseState.Holder gone = new LeaseState.Holder(finished.pid(), "");
        assertThat(gone.alive()).isFalse();
        assertThat(LeaseState.Holder.current().alive()).isTrue();
        assertThat(new LeaseState.Holder(ProcessHandle.current().pid(), "1999-01-01T00:00:00Z").alive())
                .as("same pid, another start time: the pid was reused").isFalse();
    }

    @Test
    void forgettingStoppedContainersKeepsTheOthers() {
        LeaseState state = LeaseState.empty().afterStart(List.of(new LeaseState.Started(A, "a", "a", true),
                new LeaseState.Started(B, "b", "b", true)), List.of(NET));
        LeaseState rest = state.forgetting(List.of(new LeaseState.Started(A, "a", "a", true)), List.of(NET));
        assertThat(rest.started()).extracting(LeaseState.Started::id).containsExactly(B);
        assertThat(rest.networks()).isEmpty();
        assertThat(rest.starter()).isEqualTo(Optional.empty());
    }
}
