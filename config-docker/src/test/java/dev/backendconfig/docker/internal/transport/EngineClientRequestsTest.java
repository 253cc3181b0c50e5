package dev.backendconfig.docker.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backendconfig.docker.internal.engine.EngineAddress;
import dev.backendconfig.docker.internal.engine.EngineIdentity;
import dev.backendconfig.testsupport.FakeDockerEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The requests the client writes, byte for byte, and how it reads the engine's answers to them. */
class EngineClientRequestsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    Path directory;

    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
    }

    private RawEngine raw(RawEngine.Script script) throws IOException {
        RawEngine engine = RawEngine.on(directory.resolve("raw.sock"), script);
        closeables.add(engine);
        return engine;
    }

    private EngineClient client(Path socket) {
        return new EngineClient(EngineAddress.unix(socket, "test"), TIMEOUT);
    }

    private static String answer(int status, String headers, String body) {
        return "HTTP/1.1 " + status + " X\r\n" + headers + "Content-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    @Test
    void aGetAsksForJsonAndToCloseTheConnectionWithoutABodyLength() throws Exception {
        RawEngine engine = raw(RawEngine.replying(answer(200, "", "[]")));

        assertThat(client(engine.socket()).getJson("/containers/json?all=1")).isEqualTo(List.of());

        assertThat(engine.heads()).containsExactly("GET /containers/json?all=1 HTTP/1.1\r\nHost: docker\r\n"
                + "User-Agent: backend-config\r\nAccept: application/json\r\nConnection: close\r\n\r\n");
    }

    @Test
    void aPostOrDeleteSaysItsBodyIsEmptyAndReturnsWhateverStatusCame() throws Exception {
        RawEngine engine = raw(RawEngine.replying(answer(304, "", "")));
        EngineClient client = client(engine.socket());

        EngineClient.Reply stopped = client.send("POST", "/containers/abc/stop", TIMEOUT);
        EngineClient.Reply removed = client.send("DELETE", "/containers/abc", TIMEOUT);
        EngineClient.Reply got = client.send("GET", "/_ping", TIMEOUT);

        assertThat(stopped.status()).isEqualTo(304);
        assertThat(removed.status()).isEqualTo(304);
        assertThat(got.status()).isEqualTo(304);
        assertThat(engine.heads()).containsExactly(
                "POST /containers/abc/stop HTTP/1.1\r\nHost: docker\r\nUser-Agent: backend-config\r\n"
                        + "Accept: application/json\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                "DELETE /containers/abc HTTP/1.1\r\nHost: docker\r\nUser-Agent: backend-config\r\n"
                        + "Accept: application/json\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                "GET /_ping HTTP/1.1\r\nHost: docker\r\nUser-Agent: backend-config\r\n"
                        + "Accept: application/json\r\nConnection: close\r\n\r\n");
    }

    @Test
    void onlyGetPostAndDeleteAreSent() throws IOException {
        RawEngine engine = raw(RawEngine.replying(answer(200, "", "")));
        EngineClient client = client(engine.socket());
        for (String method : List.of("PUT", "PATCH", "get", "HEAD")) {
            assertThatThrownBy(() -> client.send(method, "/containers/abc", TIMEOUT))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("the engine client sends GET, POST or DELETE, not " + method);
        }
        assertThat(engine.heads()).isEmpty();
    }

    @Test
    void aSendWaitsForItsAnswerAtMostItsOwnLimit() throws IOException {
        RawEngine engine = raw(RawEngine.replyingAndStaying(""));
        EngineClient client = client(engine.socket());
        long start = System.nanoTime();

        assertThatThrownBy(() -> client.send("POST", "/containers/abc/stop", Duration.ofMillis(300)))
                .isInstanceOf(EngineException.class).hasMessage("engine unix://" + engine.socket() + " did not answer"
                        + " POST /containers/abc/stop within 300 ms (setting docker.answer-timeout)");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void anErrorStatusWhoseBodyIsNotJsonShowsTheBodyAndOneWithoutAMessageOnlyTheStatus() throws IOException {
        RawEngine engine = raw(new RawEngine.Script() {
            private final AtomicInteger calls = new AtomicInteger();

            @Override
            public void serve(java.nio.channels.SocketChannel channel, java.io.InputStream in, String head)
                    throws IOException {
                RawEngine.send(channel, calls.getAndIncrement() == 0 ? answer(502, "", "  bad gateway\n")
                        : answer(500, "", "{\"message\":\" \"}"));
            }
        });
        EngineClient client = client(engine.socket());

        assertThatThrownBy(() -> client.getJson("/containers/json")).hasMessage("engine unix://" + engine.socket()
                + " answered GET /containers/json with 502: bad gateway");
        assertThatThrownBy(() -> client.getJson("/containers/json")).hasMessage("engine unix://" + engine.socket()
                + " answered GET /containers/json with 500");
    }

    @Test
    void anEngineMessageIsShortenedToTwoHundredCharacters() throws IOException {
        RawEngine engine = raw(RawEngine.replying(answer(500, "", "{\"message\":\"" + "m".repeat(300) + "\"}")));

        assertThatThrownBy(() -> client(engine.socket()).getJson("/containers/json")).hasMessage("engine unix://"
                + engine.socket() + " answered GET /containers/json with 500: " + "m".repeat(200) + "...");
    }

    @Test
    void theEnginesIdentityIsTakenFromItsFirstReplyAndKept() throws Exception {
        FakeDockerEngine engine = FakeDockerEngine.onUnixSocket(directory.resolve("engine.sock"))
                .identifyAs("Server: Libpod/4.3.1 (linux)", "Api-Version: 1.41");
        closeables.add(engine);
        EngineClient client = client(directory.resolve("engine.sock"));
        assertThat(client.identity()).isEqualTo(EngineIdentity.UNKNOWN);

        client.get("/_ping");
        engine.identifyAs("Server: Docker/24.0.7 (linux)", "Api-Version: 1.43");
        client.get("/_ping");

        assertThat(client.identity().describe()).isEqualTo("Podman 4.3.1 (API 1.41)");
        assertThat(client.address()).isEqualTo(EngineAddress.unix(directory.resolve("engine.sock"), "test"));
        assertThat(client.reachedOver()).isEqualTo("a unix socket");
    }

    @Test
    void aRequestPathHoldsVisibleAsciiOnly() throws Exception {
        RawEngine engine = raw(RawEngine.replying(answer(200, "", "[]")));
        EngineClient client = client(engine.socket());
        for (char invisible : new char[] {' ', '\u001f', '\u007f', '\u00e9', '\t'}) {
            assertThatThrownBy(() -> client.get("/containers/a" + invisible + "b"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("a request path holds visible ASCII only, got character " + (int) invisible + " at 13");
        }
        client.get("/containers/!~");
        assertThat(engine.heads()).singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING).startsWith("GET /containers/!~ HTTP/1.1\r\n");
    }

    @Test
    void aRequestPathHasNoEmptyDotOrDotDotSegmentButItsQueryMay() throws Exception {
        RawEngine engine = raw(RawEngine.replying(answer(200, "", "[]")));
        EngineClient client = client(engine.socket());
        for (String path : List.of("/containers/..", "/containers/.", "/containers//json", "/../x", "/./x")) {
            assertThatThrownBy(() -> client.get(path)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("a request path has no empty, '.' or '..' segment");
        }
        assertThatThrownBy(() -> client.get("containers/json")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a request path starts with '/'");

        client.get("/containers/json?filters=/../x/./y//z/..");
        client.get("/containers/..x/.y");
        assertThat(engine.heads()).hasSize(2);
    }

    @Test
    void aPathSegmentIsAWordOfAtMostOneHundredAndTwentyEightCharacters() {
        assertThat(EngineClient.path("a".repeat(128), "_.-")).isEqualTo("/" + "a".repeat(128) + "/_.-");
        assertThat(EngineClient.path()).isEmpty();
        assertThatThrownBy(() -> EngineClient.path("a".repeat(129))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a request path segment must be a word of letters, digits, _ . -, got '"
                        + "a".repeat(40) + "...'");
    }

    @Test
    void anEventStreamEndsByTheShorterOfItsLimitAndWhatIsLeftOfTheBudget() throws Exception {
        RawEngine engine = raw(RawEngine.replyingAndStaying("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"));
        EngineClient budgeted = new EngineClient(EngineAddress.unix(engine.socket(), "test"),
                EngineTimeouts.both(TIMEOUT), SshCommand.DEFAULT, () -> Duration.ofMillis(400));
        long start = System.nanoTime();
        try (EngineEvents events = budgeted.followEvents("{\"type\":[\"container\"]}", Duration.ofMinutes(1))) {
            while (!(events.poll(Duration.ofSeconds(10)).orElseThrow() instanceof EngineEvents.Item.Ended)) {
                // until it ends
            }
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(engine.heads()).singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .startsWith("GET /events?filters=%7B%22type%22%3A%5B%22container%22%5D%7D HTTP/1.1\r\n");

        EngineClient unbudgeted = new EngineClient(EngineAddress.unix(engine.socket(), "test"), TIMEOUT);
        start = System.nanoTime();
        try (EngineEvents events = unbudgeted.followEvents("{}", Duration.ofMillis(400))) {
            while (!(events.poll(Duration.ofSeconds(10)).orElseThrow() instanceof EngineEvents.Item.Ended)) {
                // until it ends
            }
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void anExchangeThatFailsLeavesNoConnectionOpen() throws Exception {
        RawEngine engine = raw(RawEngine.replyingAndStaying("garbage\r\n\r\n"));
        EngineClient client = client(engine.socket());
        dev.backendconfig.testsupport.Leftovers leftovers = dev.backendconfig.testsupport.Leftovers.snapshot(directory);

        assertThatThrownBy(() -> client.getJson("/containers/json")).isInstanceOf(EngineException.class)
                .hasMessageContaining("not a usable HTTP response");

        assertThat(leftovers.newDescriptors()).as("our end of the connection, and so the engine's").isEmpty();
    }
}
