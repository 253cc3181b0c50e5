package dev.backendconfig.api.internal.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backendconfig.api.ProbeKind;
import dev.backendconfig.api.ServiceEndpoint;
import dev.backendconfig.api.spi.ProbeResult;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.api.spi.Settings;
import dev.backendconfig.toolkit.Deadline;
import dev.backendconfig.toolkit.Origin;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the HTTP and WebSocket probes send, and how they judge what a real loopback server answers. */
class ProbeRequestsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private ServerSocket server;
    /** The request head the server read, then the bytes it read after answering (a close frame). */
    private final CompletableFuture<String> head = new CompletableFuture<>();
    private final CompletableFuture<byte[]> after = new CompletableFuture<>();

    @AfterEach
    void close() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    /** Serve one connection: read the head, answer what {@code answer} makes of it, read what follows. */
    private int serveOnce(Function<String, String> answer) throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(() -> {
            try (Socket socket = server.accept()) {
                socket.setSoTimeout(5000);
                InputStream in = socket.getInputStream();
                ByteArrayOutputStream read = new ByteArrayOutputStream();
                while (!read.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                    int b = in.read();
                    if (b < 0) {
                        break;
                    }
                    read.write(b);
                }
                String request = read.toString(StandardCharsets.ISO_8859_1);
                head.complete(request);
                socket.getOutputStream().write(answer.apply(request).getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
                after.complete(in.readNBytes(8));
            } catch (IOException e) {
                head.completeExceptionally(e);
                after.completeExceptionally(e);
            }
        }, "probe-requests-test-server");
        thread.setDaemon(true);
        thread.start();
        return server.getLocalPort();
    }

    private static ServiceEndpoint at(String http) {
        return ServiceEndpoint.builder("test").http(URI.create(http), Origin.other("test")).build();
    }

    private static String status(int code) {
        return "HTTP/1.1 " + code + " X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
    }

    private static String header(String request, String name) {
        return request.lines().filter(line -> line.startsWith(name + ": ")).findFirst().orElseThrow()
                .substring(name.length() + 2);
    }

    @Test
    void aBlankHttpPathAsksForTheRootWithTheHostAndPort() throws Exception {
        int port = serveOnce(request -> status(204));
        ProbeResult result = new HttpProbe(" ").check(at("http://127.0.0.1:" + port + "/api"), TIMEOUT);
        assertThat(result.ready()).isTrue();
        assertThat(head.get(5, TimeUnit.SECONDS)).startsWith("GET / HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n");
        assertThat(new HttpProbe(null).check(at("http://127.0.0.1:" + port), Duration.ofMillis(300)).ready()).isFalse();
    }

    @Test
    void theHostHeaderLeavesOutADefaultPort() {
        assertThat(HttpProbe.hostHeader(URI.create("http://backend.example.test/x"))).isEqualTo("backend.example.test");
        assertThat(HttpProbe.hostHeader(URI.create("http://backend.example.test:8002/x")))
                .isEqualTo("backend.example.test:8002");
    }

    @Test
    void http499IsReadyAnd500IsNot() throws Exception {
        int port = serveOnce(request -> status(499));
        assertThat(new HttpProbe("/health").check(at("http://127.0.0.1:" + port), TIMEOUT).description())
                .isEqualTo("http GET http://127.0.0.1:" + port + "/health: answered 499");
        close();
        int other = serveOnce(request -> status(500));
        ProbeResult result = new HttpProbe("/health").check(at("http://127.0.0.1:" + other), TIMEOUT);
        assertThat(result.ready()).isFalse();
        assertThat(result.description()).isEqualTo("http GET http://127.0.0.1:" + other
                + "/health: answered 500 (a server error: not ready)");
    }

    @Test
    void aWebSocketHandshakeWithTheRightAcceptIsReadyAndEndsWithAMaskedCloseFrame() throws Exception {
        int port = serveOnce(request -> "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Accept: "
                + WebSocketProbe.expectedAccept(header(request, "Sec-WebSocket-Key")) + "\r\n\r\n");
        ProbeResult result = new WebSocketProbe(null).check(at("http://127.0.0.1:" + port + "/ws"), TIMEOUT);
        assertThat(result.ready()).isTrue();
        assertThat(result.description()).isEqualTo("websocket ws://127.0.0.1:" + port + "/ws: handshake accepted (101)");
        String request = head.get(5, TimeUnit.SECONDS);
        assertThat(request).startsWith("GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n")
                .contains("Upgrade: websocket\r\n", "Sec-WebSocket-Version: 13\r\n");
        assertThat(header(request, "Sec-WebSocket-Key")).hasSize(24).isNotEqualTo("AAAAAAAAAAAAAAAAAAAAAA==");
        byte[] frame = after.get(5, TimeUnit.SECONDS);
        assertThat(frame).hasSize(8);
        assertThat(frame[0]).isEqualTo((byte) 0x88); // FIN and close
        assertThat(frame[1]).isEqualTo((byte) 0x82); // masked, two bytes of payload
        byte[] mask = {frame[2], frame[3], frame[4], frame[5]};
        assertThat(mask).isNotEqualTo(new byte[4]);
        assertThat(new byte[] {(byte) (frame[6] ^ mask[0]), (byte) (frame[7] ^ mask[1])})
                .containsExactly(0x03, 0xE8); // 1000, a normal closure
    }

    @Test
    void aWebSocketPathIsJoinedOntoTheUrl() throws Exception {
        int port = serveOnce(request -> status(404));
        ProbeResult result = new WebSocketProbe("chat").check(at("http://127.0.0.1:" + port + "/ws"), TIMEOUT);
        assertThat(result.description()).isEqualTo("websocket ws://127.0.0.1:" + port
                + "/ws/chat: answered 404 instead of 101 Switching Protocols");
        assertThat(head.get(5, TimeUnit.SECONDS)).startsWith("GET /ws/chat HTTP/1.1\r\n");
    }

    @Test
    void a101WithAWrongAcceptIsNotReady() throws Exception {
        int port = serveOnce(request -> "HTTP/1.1 101 Switching Protocols\r\nSec-WebSocket-Accept: wrong\r\n\r\n");
        ProbeResult result = new WebSocketProbe("").check(at("http://127.0.0.1:" + port), TIMEOUT);
        assertThat(result.ready()).isFalse();
        assertThat(result.description()).isEqualTo("websocket ws://127.0.0.1:" + port
                + ": answered 101 with a wrong Sec-WebSocket-Accept");
    }

    private static Settings settings(Map<String, String> values) {
        return ResolutionContext.builder().environment(Map.of()).systemProperties(Map.of()).settings(values).build()
                .settings();
    }

    @Test
    void thePolicyProbesWithTheConfiguredKindAndPath() throws Exception {
        ProbePolicy none = new ProbePolicy(settings(Map.of("probe", "none")),
                new AtomicReference<>(Deadline.after(TIMEOUT)));
        assertThat(none.kind()).isEqualTo(ProbeKind.NONE);
        assertThat(none.probing()).isFalse();
        int port = serveOnce(request -> status(200));
        ProbePolicy http = new ProbePolicy(settings(Map.of("probe", "http", "probe.http-path", "/ready")),
                new AtomicReference<>(Deadline.after(TIMEOUT)));
        assertThat(http.probing()).isTrue();
        assertThat(http.probe(at("http://127.0.0.1:" + port)).description())
                .isEqualTo("http GET http://127.0.0.1:" + port + "/ready: answered 200");
    }

    @Test
    void aUsedUpBudgetProbesNothing() {
        ProbePolicy policy = new ProbePolicy(settings(Map.of("probe", "http")),
                new AtomicReference<>(Deadline.after(Duration.ZERO)));
        assertThat(policy.probe(at("http://127.0.0.1:1")))
                .isEqualTo(new ProbeResult(false, "not probed: the time budget (setting timeout) is used up",
                        Duration.ZERO));
    }
}
