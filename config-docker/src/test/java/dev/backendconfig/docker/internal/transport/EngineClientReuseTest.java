package dev.backendconfig.docker.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backendconfig.docker.internal.engine.EngineAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When a kept connection (here an ssh process, with a shell script in ssh's place) carries the next request: after a
 * reply framed by its length or chunks, or one that has no body by its status (1xx, 204, 304), unless the engine said
 * {@code Connection: close}; a reply read to the end of the stream ends it. A request over it never asks to close it.
 * The next request is a POST, which is never tried twice: sent over a connection that should have been given up, it
 * would fail.
 */
class EngineClientReuseTest {

    @TempDir
    Path directory;

    /** Each test starts without an interrupt flag a test before it on this thread may have left. */
    @BeforeEach
    void startUninterrupted() {
        Thread.interrupted();
    }

    /**
     * A stand-in for ssh that counts its starts, writes the header lines it is sent to {@code heads}, and answers
     * its n-th request with the file {@code reply-n}, then exits when there is a file {@code end-n}.
     */
    private SshCommand script() throws IOException {
        String dir = directory.toString();
        Path script = Files.writeString(directory.resolve("ssh.sh"), """
                dir='%s'
                echo start >> "$dir/starts"
                cr=$(printf '\\r')
                n=0
                while IFS= read -r line; do
                  line=${line%%"$cr"}
                  if [ -n "$line" ]; then echo "$line" >> "$dir/heads"; continue; fi
                  n=$((n + 1))
                  cat "$dir/reply-$n"
                  [ -e "$dir/end-$n" ] && exit 0
                done
                """.formatted(dir));
        return new SshCommand(List.of("/bin/sh", script.toString()), Map.of("PATH", "/usr/bin:/bin"));
    }

    private int starts() throws IOException {
        return Files.readAllLines(directory.resolve("starts")).size();
    }

    /** GET a reply {@code first} (after which the script exits when {@code ends}), then POST; return the starts. */
    private int startsFor(String first, boolean ends) throws Exception {
        Files.writeString(directory.resolve("reply-1"), first);
        Files.writeString(directory.resolve("reply-2"), "HTTP/1.1 204 No Content\r\n\r\n");
        if (ends) {
            Files.writeString(directory.resolve("end-1"), "");
        }
        try (EngineClient client = new EngineClient(EngineAddress.ssh("", "box", 0, "test"),
                new EngineTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(10)), script(),
                () -> Duration.ofMinutes(1))) {
            assertThat(client.get("/_ping").status()).isBetween(100, 399);
            if (ends) {
                // a new ssh answers its first request with the POST's reply
                Files.copy(directory.resolve("reply-2"), directory.resolve("reply-1"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                Files.delete(directory.resolve("end-1"));
            }
            assertThat(client.send("POST", "/containers/x/stop", Duration.ofSeconds(10)).status()).isEqualTo(204);
            return starts();
        }
    }

    @Test
    void aReplyFramedByItsLengthKeepsTheConnection() throws Exception {
        assertThat(startsFor("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nOK", false)).isEqualTo(1);
    }

    @Test
    void aChunkedReplyKeepsTheConnection() throws Exception {
        assertThat(startsFor("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nOK\r\n0\r\n\r\n", false))
                .isEqualTo(1);
    }

    @Test
    void repliesWithoutABodyByTheirStatusKeepTheConnection() throws Exception {
        assertThat(startsFor("HTTP/1.1 204 No Content\r\n\r\n", false)).as("204").isEqualTo(1);
        Files.delete(directory.resolve("starts"));
        assertThat(startsFor("HTTP/1.1 304 Not Modified\r\n\r\n", false)).as("304").isEqualTo(1);
        Files.delete(directory.resolve("starts"));
        assertThat(startsFor("HTTP/1.1 102 Processing\r\n\r\n", false)).as("1xx").isEqualTo(1);
    }

    @Test
    void aConnectionHeaderOtherThanCloseKeepsTheConnection() throws Exception {
        assertThat(startsFor("HTTP/1.1 200 OK\r\nConnection: keep-alive\r\nContent-Length: 2\r\n\r\nOK", false))
                .isEqualTo(1);
    }

    @Test
    void anEngineThatSaysConnectionCloseInAnyCaseEndsTheConnection() throws Exception {
        assertThat(startsFor("HTTP/1.1 200 OK\r\nConnection: Close\r\nContent-Length: 2\r\n\r\nOK", true))
                .isEqualTo(2);
    }

    @Test
    void aReplyReadToTheEndOfTheStreamEndsTheConnection() throws Exception {
        assertThat(startsFor("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nOK", true)).isEqualTo(2);
    }

    @Test
    void aRequestOverAKeptConnectionNeverAsksToCloseIt() throws Exception {
        startsFor("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nOK", false);
        assertThat(Files.readAllLines(directory.resolve("heads"))).containsExactly("GET /_ping HTTP/1.1",
                "Host: docker", "User-Agent: backend-config", "Accept: application/json",
                "POST /containers/x/stop HTTP/1.1", "Host: docker", "User-Agent: backend-config",
                "Accept: application/json", "Content-Length: 0");
    }
}
