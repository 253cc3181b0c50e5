package dev.backendconfig.docker.internal.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backendconfig.docker.internal.DockerSettings;
import dev.backendconfig.docker.internal.engine.EngineAddress;
import dev.backendconfig.docker.internal.transport.EngineTimeouts;
import dev.backendconfig.docker.internal.transport.SshCommand;
import dev.backendconfig.testkit.RecordingLogs;
import dev.backendconfig.testsupport.FakeDockerEngine;
import dev.backendconfig.toolkit.Origin;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.event.Level;

/**
 * This JVM's hold on a lease given back, against a real lease file and a fake engine on a real socket: the last
 * holder out stops what the lease started (or leaves it running with {@code docker.stop=never}) and empties the lease;
 * a holder that is not the last leaves the rest alone.
 */
class LeaseHoldTest {

    private static final String A = "a".repeat(64);
    private static final String B = "b".repeat(64);
    private static final String NET = "c".repeat(64);
    private static final LeaseState.Holder ME = LeaseState.Holder.current();

    @TempDir
    Path directory;

    private FakeDockerEngine engine;
    private LeaseFile lease;

    @BeforeEach
    void engine() throws IOException {
        engine = FakeDockerEngine.onUnixSocket(directory.resolve("engine.sock"));
        lease = LeaseFile.of(directory.resolve("leases"), "unix:///e", "shop");
        RecordingLogs.clear();
    }

    @AfterEach
    void close() throws IOException {
        engine.close();
    }

    private LeaseHold hold(DockerSettings.Stop stop) {
        return new LeaseHold(lease, ME, EngineAddress.unix(directory.resolve("engine.sock"), "test"), SshCommand.DEFAULT,
                EngineTimeouts.both(Duration.ofSeconds(5)), stop, Origin.other("test"), "shop");
    }

    private void write(LeaseState state) {
        try (LeaseFile.Locked locked = lease.lock(Duration.ofSeconds(5), Origin.other("test"), waited -> { })) {
            locked.write(state);
        }
    }

    private LeaseState read() {
        try (LeaseFile.Locked locked = lease.lock(Duration.ofSeconds(5), Origin.other("test"), waited -> { })) {
            return locked.read();
        }
    }

    private static LeaseState held(List<LeaseState.Holder> holders, List<LeaseState.Started> started,
            List<String> networks) {
        return new LeaseState(holders, Optional.empty(), LeaseState.Before.NOTHING, started, networks);
    }

    private List<String> changes() {
        return engine.requests().stream().filter(line -> line.startsWith("POST") || line.startsWith("DELETE"))
                .toList();
    }

    private List<String> leaseLogs(Level level) {
        return RecordingLogs.events(level).stream().filter(event -> event.logger().equals(LeaseHold.class.getName()))
                .map(RecordingLogs.Event::message).toList();
    }

    private static LeaseState.Holder parent() {
        ProcessHandle parent = ProcessHandle.current().parent().orElseThrow();
        return new LeaseState.Holder(parent.pid(), parent.info().startInstant().map(Object::toString).orElse(""));
    }

    @Test
    void theLastHolderOutStopsAndRemovesWhatTheLeaseStartedAndEmptiesTheFile() throws IOException {
        engine.answer("/containers/" + A + "/stop", 204, "").answer("/containers/" + A, 204, "")
                .answer("/networks/" + NET, 204, "");
        write(held(List.of(ME), List.of(new LeaseState.Started(A, "shop-a-1", "a", true)), List.of(NET)));

        hold(DockerSettings.Stop.STARTED).close();

        assertThat(changes()).containsExactly("POST /containers/" + A + "/stop HTTP/1.1", "DELETE /containers/" + A
                + "?v=0 HTTP/1.1", "DELETE /networks/" + NET + " HTTP/1.1");
        assertThat(lease.path()).isEmptyFile();
        assertThat(leaseLogs(Level.INFO)).containsExactly("docker: the last JVM holding the lease of compose project"
                + " shop leaves: stopped and removed 1 container (shop-a-1) and removed 1 network it created (what the"
                + " lease started; setting docker.stop=started)");
    }

    @Test
    void aHolderLeavingWhileAnotherJvmHoldsTheLeaseStopsNothingAndKeepsTheOthersHold() {
        LeaseState.Started a = new LeaseState.Started(A, "shop-a-1", "a", true);
        write(held(List.of(ME, parent()), List.of(a), List.of(NET)));

        hold(DockerSettings.Stop.STARTED).close();

        assertThat(changes()).isEmpty();
        assertThat(read()).isEqualTo(held(List.of(parent()), List.of(a), List.of(NET)));
    }

    @Test
    void theLastHolderOfALeaseThatStartedNothingEmptiesItWithoutAskingTheEngineOrSayingSo() throws IOException {
        write(held(List.of(ME), List.of(), List.of()));

        hold(DockerSettings.Stop.STARTED).close();

        assertThat(engine.requests()).isEmpty();
        assertThat(lease.path()).isEmptyFile();
        assertThat(leaseLogs(Level.INFO)).isEmpty();
    }

    @Test
    void aNetworkTheLeaseCreatedIsRemovedByTheLastHolderEvenWhenNoContainerIsLeft() throws IOException {
        engine.answer("/networks/" + NET, 204, "");
        write(held(List.of(ME), List.of(), List.of(NET)));

        hold(DockerSettings.Stop.STARTED).close();

        assertThat(changes()).containsExactly("DELETE /networks/" + NET + " HTTP/1.1");
        assertThat(lease.path()).isEmptyFile();
    }

    @Test
    void withStopNeverTheLastHolderLeavesEverythingRunningNamesItAndEmptiesTheLease() throws IOException {
        write(held(List.of(ME), List.of(new LeaseState.Started(A, "shop-a-1", "a", true),
                new LeaseState.Started(B, "shop-b-1", "b", false)), List.of(NET)));

        hold(DockerSettings.Stop.NEVER).close();

        assertThat(engine.requests()).isEmpty();
        assertThat(lease.path()).isEmptyFile();
        assertThat(leaseLogs(Level.INFO)).containsExactly("docker: the last JVM holding the lease of compose project"
                + " shop leaves; what it started stays running (setting docker.stop=never): shop-a-1, shop-b-1");
    }

    @Test
    void aContainerTheEngineWouldNotStopStaysInTheLeaseForTheNextJvmToStop() {
        engine.answer("/containers/" + A + "/stop", 500, "{\"message\":\"boom\"}").answer("/networks/" + NET, 204, "");
        LeaseState.Started a = new LeaseState.Started(A, "shop-a-1", "a", true);
        write(held(List.of(ME), List.of(a), List.of(NET)));

        hold(DockerSettings.Stop.STARTED).close();

        assertThat(read()).isEqualTo(held(List.of(), List.of(a), List.of()));
    }

    @Test
    void aStartCutShortIsForgottenWithWhatItStartedOnceTheLastHolderStoppedIt() throws IOException {
        engine.answer("/containers/" + A + "/stop", 204, "").answer("/containers/" + A, 204, "");
        LeaseState.Holder gone = new LeaseState.Holder(ME.pid(), "2000-01-01T00:00:00Z");
        write(new LeaseState(List.of(ME), Optional.of(gone), new LeaseState.Before(List.of(B), List.of(), List.of()),
                List.of(new LeaseState.Started(A, "shop-a-1", "a", true)), List.of()));

        hold(DockerSettings.Stop.STARTED).close();

        assertThat(changes()).containsExactly("POST /containers/" + A + "/stop HTTP/1.1", "DELETE /containers/" + A
                + "?v=0 HTTP/1.1");
        assertThat(lease.path()).as("no start left for the next JVM to adopt").isEmptyFile();
    }

    @Test
    void aHoldClosedTwiceLeavesOnlyOnceSoALaterJoinOfThisJvmStaysHeld() {
        LeaseHold hold = hold(DockerSettings.Stop.STARTED);
        write(held(List.of(ME), List.of(), List.of()));
        hold.close();
        LeaseState rejoined = held(List.of(ME), List.of(new LeaseState.Started(A, "shop-a-1", "a", true)), List.of());
        write(rejoined);

        hold.close();

        assertThat(changes()).isEmpty();
        assertThat(read()).isEqualTo(rejoined);
    }

    @Test
    void aHolderWhoseProcessIsGoneDoesNotKeepTheStackRunningWhenTheLastLiveHolderLeaves() throws IOException {
        engine.answer("/containers/" + A + "/stop", 204, "").answer("/containers/" + A, 204, "");
        LeaseState.Holder gone = new LeaseState.Holder(ME.pid(), "2000-01-01T00:00:00Z");
        write(held(List.of(gone, ME), List.of(new LeaseState.Started(A, "shop-a-1", "a", true)), List.of()));

        hold(DockerSettings.Stop.STARTED).close();

        assertThat(changes()).containsExactly("POST /containers/" + A + "/stop HTTP/1.1", "DELETE /containers/" + A
                + "?v=0 HTTP/1.1");
        assertThat(lease.path()).isEmptyFile();
    }
}
