package dev.backendconfig.docker.internal.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backendconfig.docker.internal.transport.EngineClient;
import dev.backendconfig.docker.internal.transport.EngineException;
import dev.backendconfig.testsupport.FakeDockerEngine;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A project's containers and networks as the engine lists them, against a fake engine on a real socket: names, states
 * and services read, ids checked before they go into a request path, and what a start started told from what was
 * there before it.
 */
class ProjectSnapshotTest {

    private static final String A = "a".repeat(64);
    private static final String B = "b".repeat(64);
    private static final String C = "c".repeat(12);
    private static final String NET = "d".repeat(64);
    private static final String NET2 = "e".repeat(64);

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

    private static String container(String id, String name, String service, String state) {
        return "{\"Id\":\"" + id + "\",\"Names\":[" + name + "],\"State\":\"" + state + "\",\"Labels\":{"
                + "\"com.docker.compose.project\":\"shop\",\"com.docker.compose.service\":\"" + service + "\"}}";
    }

    @Test
    void theProjectsContainersAreReadWithNameStateAndServiceAndItsNetworksById() throws EngineException {
        engine.containers("[" + container(A, "\"/shop-backend-1\"", "backend", "running") + ","
                + container(B, "7, \"shop-db-1\"", "db", "exited") + "," + container(C, "", "auth", "running") + ","
                + "{\"Id\":\"" + "f".repeat(64) + "\",\"Names\":[\"/other-1\"],\"State\":\"running\",\"Labels\":{"
                + "\"com.docker.compose.project\":\"other\"}}]")
                .answer("/networks", 200, "[{\"Id\":\"" + NET + "\"}]");

        ProjectSnapshot snapshot = ProjectSnapshot.take(client, "shop");

        assertThat(snapshot.containers()).containsExactly(
                new ProjectSnapshot.Container(A, "shop-backend-1", "backend", true),
                new ProjectSnapshot.Container(B, "shop-db-1", "db", false),
                new ProjectSnapshot.Container(C, "", "auth", true));
        assertThat(snapshot.networks()).containsExactly(NET);
        assertThat(snapshot.runningServices()).containsExactlyInAnyOrder("backend", "auth");
        assertThat(snapshot.ids()).containsExactly(A, B, C);
        assertThat(snapshot.runningIds()).containsExactly(A, C);
        assertThat(snapshot.byId()).containsOnlyKeys(A, B, C);
        assertThat(snapshot.byId().get(B).name()).isEqualTo("shop-db-1");
        assertThat(snapshot.asBefore()).isEqualTo(new LeaseState.Before(List.of(A, B, C), List.of(A, C), List.of(NET)));
        assertThat(engine.requests()).anySatisfy(line -> assertThat(line).startsWith("GET /containers/json?all=1&filters="
                + "%7B%22label%22%3A%5B%22com.docker.compose.project%3Dshop%22%5D%7D"))
                .anySatisfy(line -> assertThat(line).startsWith("GET /networks?filters="
                        + "%7B%22label%22%3A%5B%22com.docker.compose.project%3Dshop%22%5D%7D"));
    }

    @Test
    void whatAStartStartedIsWhatRunsNowAndDidNotRunBeforeCreatedWhenItDidNotExistAtAll() {
        ProjectSnapshot after = new ProjectSnapshot(List.of(new ProjectSnapshot.Container(A, "a", "sa", true),
                new ProjectSnapshot.Container(B, "b", "sb", true), new ProjectSnapshot.Container(C, "c", "sc", true),
                new ProjectSnapshot.Container("9".repeat(12), "n", "sn", false)), List.of(NET, NET2));
        LeaseState.Before before = new LeaseState.Before(List.of(A, B), List.of(A), List.of(NET));

        assertThat(after.startedSince(before)).containsExactly(new LeaseState.Started(B, "b", "sb", false),
                new LeaseState.Started(C, "c", "sc", true));
        assertThat(after.networksSince(before)).containsExactly(NET2);
    }

    @Test
    void anIdThatIsNotAnEngineIdIsRefusedBeforeItCanGoIntoARequestPath() {
        engine.containers("[" + container("../../x", "\"/x\"", "backend", "running") + "]");

        assertThatThrownBy(() -> ProjectSnapshot.take(client, "shop")).isInstanceOf(EngineException.class)
                .hasMessage("engine " + client.address().uri() + " listed an id that is not one (expected 12 to 64"
                        + " lower-case hexadecimal characters); the reply is not used");

        engine.containers("[]").answer("/networks", 200, "[{\"Id\":\"" + "A".repeat(64) + "\"}]");
        assertThatThrownBy(() -> ProjectSnapshot.take(client, "shop")).isInstanceOf(EngineException.class)
                .hasMessageContaining("listed an id that is not one");
    }

    @Test
    void aListThatIsNotAListIsRefusedNamingTheRequest() {
        engine.answer("/networks", 200, "{\"Id\":\"" + NET + "\"}");

        assertThatThrownBy(() -> ProjectSnapshot.take(client, "shop")).isInstanceOf(EngineException.class)
                .hasMessage("engine " + client.address().uri() + " answered GET /networks with JSON that is not a list");
    }
}
