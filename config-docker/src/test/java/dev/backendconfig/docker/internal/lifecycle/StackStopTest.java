package dev.backendconfig.docker.internal.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backendconfig.docker.internal.transport.EngineClient;
import dev.backendconfig.testsupport.FakeDockerEngine;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stopping what a lease started against a fake engine on a real socket: which engine answers count as stopped, removed
 * or a problem, in which order, and how the outcome reads.
 */
class StackStopTest {

    private static final String A = "a".repeat(64);
    private static final String B = "b".repeat(64);
    private static final String NET = "c".repeat(64);
    private static final String NET2 = "d".repeat(64);

    @TempDir
    Path directory;

    private EngineOnSocket onSocket;
    private FakeDockerEngine engine;
    private EngineClient client;

    @BeforeEach
    void engine() throws IOException {
        onSocket = EngineOnSocket.in(directory);
        engine = onSocket.engine();
        client = onSocket.client();
    }

    @AfterEach
    void close() throws IOException {
        onSocket.close();
    }

    private List<String> changes() {
        return engine.requests().stream().filter(line -> line.startsWith("POST") || line.startsWith("DELETE"))
                .toList();
    }

    @Test
    void theNewestContainerIsStoppedFirstACreatedOneIsRemovedWithItsVolumesKeptAndAnOnlyStartedOneIsOnlyStopped() {
        engine.answer("/containers/" + A + "/stop", 204, "").answer("/containers/" + B + "/stop", 304, "")
                .answer("/containers/" + A, 204, "");
        List<LeaseState.Started> started = List.of(new LeaseState.Started(A, "shop-a-1", "a", true),
                new LeaseState.Started(B, "shop-b-1", "b", false));

        StackStop.Outcome outcome = StackStop.stop(client, started, List.of());

        assertThat(changes()).containsExactly("POST /containers/" + B + "/stop HTTP/1.1",
                "POST /containers/" + A + "/stop HTTP/1.1", "DELETE /containers/" + A + "?v=0 HTTP/1.1");
        assertThat(outcome.stopped()).extracting(LeaseState.Started::id).containsExactly(B, A);
        assertThat(outcome.problems()).isEmpty();
        assertThat(outcome.describe()).isEqualTo("stopped and removed 1 container (shop-a-1) and stopped 1 container"
                + " it had only started (shop-b-1)");
    }

    @Test
    void aContainerAlreadyGoneCountsAsStoppedAndIsNotRemovedAgain() {
        engine.answer("/containers/" + A + "/stop", 404, "{\"message\":\"No such container\"}");

        StackStop.Outcome outcome = StackStop.stop(client, List.of(new LeaseState.Started(A, "shop-a-1", "a", true)),
                List.of());

        assertThat(changes()).containsExactly("POST /containers/" + A + "/stop HTTP/1.1");
        assertThat(outcome.stopped()).extracting(LeaseState.Started::id).containsExactly(A);
        assertThat(outcome.describe()).isEqualTo("stopped and removed 1 container (shop-a-1)");
    }

    @Test
    void aContainerTheEngineWouldNotStopIsLeftInTheLeaseAndNamedWithTheEnginesAnswer() {
        engine.answer("/containers/" + A + "/stop", 500, "{\"message\":\"boom\"}");

        StackStop.Outcome outcome = StackStop.stop(client, List.of(new LeaseState.Started(A, "shop-a-1", "a", true)),
                List.of());

        assertThat(changes()).containsExactly("POST /containers/" + A + "/stop HTTP/1.1");
        assertThat(outcome.stopped()).isEmpty();
        assertThat(outcome.describe()).isEqualTo("nothing was left to stop; container shop-a-1 was not stopped (engine"
                + " answered 500)");
    }

    @Test
    void aStoppedContainerTheEngineWouldNotRemoveCountsAsStoppedAndIsNamedAsNotRemoved() {
        engine.answer("/containers/" + A + "/stop", 204, "").answer("/containers/" + A, 409, "{\"message\":\"x\"}")
                .answer("/containers/" + B + "/stop", 204, "").answer("/containers/" + B, 404, "");

        StackStop.Outcome outcome = StackStop.stop(client, List.of(new LeaseState.Started(A, "shop-a-1", "a", true),
                new LeaseState.Started(B, "shop-b-1", "b", true)), List.of());

        assertThat(outcome.stopped()).extracting(LeaseState.Started::id).containsExactly(B, A);
        assertThat(outcome.problems()).containsExactly("container shop-a-1 was stopped but not removed (engine answered"
                + " 409)");
        assertThat(outcome.describe()).isEqualTo("stopped and removed 2 containers (shop-b-1, shop-a-1); container"
                + " shop-a-1 was stopped but not removed (engine answered 409)");
    }

    @Test
    void networksAreRemovedWhenTheEngineSaysSoOrTheyAreGoneAndOneInUseIsNamedByItsShortId() {
        String net3 = "e".repeat(64);
        engine.answer("/networks/" + NET, 200, "").answer("/networks/" + NET2, 404, "")
                .answer("/networks/" + net3, 403, "{\"message\":\"in use\"}");

        StackStop.Outcome outcome = StackStop.stop(client, List.of(), List.of(NET, NET2, net3));

        assertThat(changes()).containsExactly("DELETE /networks/" + NET + " HTTP/1.1", "DELETE /networks/" + NET2
                + " HTTP/1.1", "DELETE /networks/" + net3 + " HTTP/1.1");
        assertThat(outcome.networks()).containsExactly(NET, NET2);
        assertThat(outcome.describe()).isEqualTo("removed 2 networks it created; network eeeeeeeeeeee was not removed"
                + " (engine answered 403; something else may use it)");
    }

    @Test
    void oneNetworkRemovedIsCountedInTheSingular() {
        engine.answer("/networks/" + NET, 204, "");

        assertThat(StackStop.stop(client, List.of(), List.of(NET)).describe())
                .isEqualTo("removed 1 network it created");
    }

    @Test
    void anEngineThatCannotBeAskedLeavesEverythingInTheLeaseAndSaysWhy() {
        engine.behave(FakeDockerEngine.Behaviour.CLOSE_AT_ONCE);

        StackStop.Outcome outcome = StackStop.stop(client, List.of(new LeaseState.Started(A, "shop-a-1", "a", true)),
                List.of(NET));

        assertThat(outcome.stopped()).isEmpty();
        assertThat(outcome.networks()).isEmpty();
        assertThat(outcome.problems()).hasSize(2);
        assertThat(outcome.problems().get(0)).startsWith("container shop-a-1: ").contains("closed the connection");
        assertThat(outcome.problems().get(1)).startsWith("network cccccccccccc: ").contains("closed the connection");
    }

    @Test
    void twoContainersOnlyStartedAreCountedInThePlural() {
        StackStop.Outcome outcome = new StackStop.Outcome(List.of(new LeaseState.Started(A, "x", "a", false),
                new LeaseState.Started(B, "y", "b", false)), List.of(), List.of());

        assertThat(outcome.describe()).isEqualTo("stopped 2 containers it had only started (x, y)");
    }
}
