package dev.backendconfig.docker.internal.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A container's log body as the engine sends it: multiplexed frames (an 8-byte header each: stream, three zero bytes,
 * a big-endian size) read for their payloads, a terminal's plain text as it is.
 */
class ContainerLogsTest {

    private static byte[] frame(int stream, byte[] payload, int declaredSize) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(stream);
        out.write(0);
        out.write(0);
        out.write(0);
        out.write(declaredSize >>> 24);
        out.write(declaredSize >>> 16);
        out.write(declaredSize >>> 8);
        out.write(declaredSize);
        out.writeBytes(payload);
        return out.toByteArray();
    }

    private static byte[] frame(int stream, String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        return frame(stream, payload, payload.length);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    @Test
    void framesOfStandardInputOutputAndErrorAreJoinedWithoutTheirHeaders() {
        assertThat(ContainerLogs.demultiplex(concat(frame(0, "in\n"), frame(1, "out\n"), frame(2, "err\n"))))
                .isEqualTo("in\nout\nerr\n");
        assertThat(ContainerLogs.demultiplex(frame(2, "only errors\n"))).isEqualTo("only errors\n");
        assertThat(ContainerLogs.demultiplex(frame(1, "only output\n"))).isEqualTo("only output\n");
    }

    @Test
    void aFrameLargerThanTheBodyIsCutAtItsEndAndATrailingPartialHeaderIgnored() {
        assertThat(ContainerLogs.demultiplex(concat(frame(1, "ready\n"), frame(2, "cut".getBytes(
                StandardCharsets.UTF_8), 1000)))).isEqualTo("ready\ncut");
        assertThat(ContainerLogs.demultiplex(concat(frame(1, "ready\n"), new byte[] {2, 0, 0, 0, 0, 0, 0})))
                .isEqualTo("ready\n");
    }

    @Test
    void aSizeIsReadFromAllFourBytesUnsigned() {
        byte[] payload = "y".repeat(0x1_02_03).getBytes(StandardCharsets.UTF_8);
        assertThat(ContainerLogs.demultiplex(concat(frame(1, payload, payload.length), frame(1, "z"))))
                .isEqualTo("y".repeat(0x1_02_03) + "z");
        byte[] big = "w".repeat(0x80).getBytes(StandardCharsets.UTF_8);
        assertThat(ContainerLogs.demultiplex(concat(frame(1, big, 0x80), frame(2, "v")))).isEqualTo("w".repeat(0x80)
                + "v");
        // a size with its top byte set is larger than any body: the frame runs to the end
        assertThat(ContainerLogs.demultiplex(frame(1, "all".getBytes(StandardCharsets.UTF_8), 0x8000_0000)))
                .isEqualTo("all");
    }

    @Test
    void aBodyThatDoesNotStartWithAFrameHeaderIsATerminalsTextAsItIs() {
        for (byte[] body : List.of("plain log line\n".getBytes(StandardCharsets.UTF_8), new byte[] {3, 0, 0, 0, 0, 0, 0,
            1, 'x'}, new byte[] {1, 1, 0, 0, 0, 0, 0, 1, 'x'}, new byte[] {1, 0, 1, 0, 0, 0, 0, 1, 'x'},
            new byte[] {1, 0, 0, 1, 0, 0, 0, 1, 'x'}, new byte[] {-1, 0, 0, 0, 0, 0, 0, 1, 'x'},
            new byte[] {1, 0, 0, 0, 0, 0, 0})) {
            assertThat(ContainerLogs.demultiplex(body)).isEqualTo(new String(body, StandardCharsets.UTF_8));
        }
        assertThat(ContainerLogs.demultiplex(new byte[] {1, 0, 0, 0, 0, 0, 0, 1, 'x'})).isEqualTo("x");
        assertThat(ContainerLogs.demultiplex(new byte[] {0, 0, 0, 0, 0, 0, 0, 0})).isEmpty();
    }

    @Test
    void theLinesJoinIntoOneClauseAndNoLinesIntoNone() {
        assertThat(ContainerLogs.clause(List.of("a", "b"))).isEqualTo("; its last log lines: a | b");
        assertThat(ContainerLogs.clause(List.of())).isEmpty();
    }
}
