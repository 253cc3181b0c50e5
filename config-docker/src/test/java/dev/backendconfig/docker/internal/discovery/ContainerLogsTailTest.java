package dev.backendconfig.docker.internal.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backendconfig.docker.internal.engine.EngineAddress;
import dev.backendconfig.docker.internal.transport.EngineClient;
import dev.backendconfig.testsupport.FakeDockerEngine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A container's last log lines as a fake engine's real {@code /containers/{id}/logs} serves them: both streams
 * asked for, the last lines kept, blank ones dropped, each masked and cut; nothing when the engine keeps no logs.
 */
class ContainerLogsTailTest {

    private static final String ID = "c".repeat(64);
    private static final String LOGS = "/containers/" + ID + "/logs";

    @TempDir
    Path directory;

    private FakeDockerEngine engine;
    private EngineClient client;

    @BeforeEach
    void startEngine() throws IOException {
        engine = FakeDockerEngine.onUnixSocket(directory.resolve("engine.sock"));
        client = new EngineClient(EngineAddress.unix(directory.resolve("engine.sock"), "test"), Duration.ofSeconds(5));
    }

    @AfterEach
    void stopEngine() throws IOException {
        client.close();
        engine.close();
    }

    private static String frames(String... lines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int stream = 1;
        for (String line : lines) {
            byte[] payload = line.getBytes(StandardCharsets.UTF_8);
            out.writeBytes(new byte[] {(byte) stream, 0, 0, 0, 0, 0, (byte) (payload.length >>> 8),
                (byte) payload.length});
            out.writeBytes(payload);
            stream = 3 - stream; // standard output and error in turn
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void theLastLinesOfBothStreamsAreKeptWithoutBlankOnesEachMaskedAndCut() throws Exception {
        engine.answer(LOGS, 200, frames("starting\n", "  \n", "trailing spaces   \r\n", "db password=hunter2 refused\n",
                "ready\n", "\n", "last words\n"));

        List<String> lines = ContainerLogs.tail(client, ID, 3);

        assertThat(lines).containsExactly("db password=*** refused", "ready", "last words");
        assertThat(engine.requests()).contains("GET " + LOGS + "?stdout=1&stderr=1&timestamps=0&tail=3 HTTP/1.1");
        assertThat(ContainerLogs.tail(client, ID, 10)).containsExactly("starting", "trailing spaces",
                "db password=*** refused", "ready", "last words");
    }

    @Test
    void aTerminalsPlainLogIsReadAsItIsEachLineCutAtThreeHundredCharacters() throws Exception {
        engine.answer(LOGS, 200, "one\r\n" + "x".repeat(400) + "\ntwo\n");

        assertThat(ContainerLogs.tail(client, ID, 5)).containsExactly("one", "x".repeat(300) + "...", "two");
        assertThat(ContainerLogs.tail(client, ID, 1)).containsExactly("two");
    }

    @Test
    void anEngineThatKeepsNoLogsGivesNoLines() throws Exception {
        engine.answer(LOGS, 501, "{\"message\":\"configured logging driver does not support reading\"}");
        assertThat(ContainerLogs.tail(client, ID, 5)).isEmpty();

        engine.answer(LOGS, 200, "");
        assertThat(ContainerLogs.tail(client, ID, 5)).isEmpty();
    }
}
