package dev.backendconfig.api.internal.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.backendconfig.api.ProbeKind;
import dev.backendconfig.api.ServiceEndpoint;
import dev.backendconfig.api.spi.ProbeResult;
import dev.backendconfig.testkit.LoopbackServers;
import dev.backendconfig.testkit.LoopbackWebSocketServer;
import dev.backendconfig.toolkit.Origin;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ProbesTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final List<AutoCloseable> servers = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeServers() throws Exception {
        for (AutoCloseable server : servers) {
            server.close();
        }
    }

    private static ServiceEndpoint at(String http) {
        return ServiceEndpoint.builder("test").http(URI.create(http), Origin.other("test")).build();
    }

    private int holding() throws IOException {
        return closeLater(LoopbackServers.holding()).port();
    }

    private int closingAtOnce() throws IOException {
        return closeLater(LoopbackServers.closingAtOnce()).port();
    }

    private <T extends AutoCloseable> T closeLater(T server) {
        servers.add(server);
        return server;
    }

    private int httpServer(int status) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        servers.add(() -> server.stop(0));
        return server.getAddress().getPort();
    }

    /** What listens on the port a probe checks. */
    private interface Listener {
        int start(ProbesTest test) throws IOException;
    }

    static Stream<Arguments> tcpCases() {
        return Stream.of(
                Arguments.of("a backend that keeps the connection open", (Listener) ProbesTest::holding, true,
                        "accepted and kept the connection open"),
                Arguments.of("a port proxy that closes at once", (Listener) ProbesTest::closingAtOnce, false,
                        "accepted, then closed the connection at once (a port proxy with no app listening behind it)"),
                Arguments.of("nothing", (Listener) test -> LoopbackServers.closedPort(), false, "connection refused"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tcpCases")
    void tcpIsReadyOnlyWhenTheConnectionStaysOpen(String listening, Listener listener, boolean ready,
            String description) throws IOException {
        int port = listener.start(this);
        ProbeResult result = new TcpProbe().check(at("http://127.0.0.1:" + port), TIMEOUT);
        assertThat(result.ready()).isEqualTo(ready);
        assertThat(result.description()).isEqualTo("tcp 127.0.0.1:" + port + ": " + description);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "200 | true  | answered 200",
        "404 | true  | answered 404",
        "503 | false | answered 503 (a server error: not ready)",
    })
    void httpIsReadyBelow500AndNotAt503(int status, boolean ready, String description) throws IOException {
        int port = httpServer(status);
        assertThat(ProbePolicy.builtIn(ProbeKind.HTTP, "/health").check(at("http://127.0.0.1:" + port), TIMEOUT))
                .extracting(ProbeResult::ready, ProbeResult::description)
                .containsExactly(ready, "http GET http://127.0.0.1:" + port + "/health: " + description);
    }

    @Test
    void httpGivesUpWithinTheTimeoutWhenTheServerNeverAnswers() throws IOException {
        int port = holding();
        ProbeResult result = ProbePolicy.builtIn(ProbeKind.HTTP, "/").check(at("http://127.0.0.1:" + port), Duration.ofMillis(300));
        assertThat(result.ready()).isFalse();
        assertThat(result.description()).endsWith(": no answer within 300 ms");
        assertThat(result.elapsed()).isLessThan(Duration.ofSeconds(2));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "/ws    | true  | handshake accepted (101)",
        "/other | false | answered 404 instead of 101 Switching Protocols",
    })
    void webSocketPerformsARealHandshakeOnlyWhereTheServerSpeaksWebSocket(String path, boolean ready,
            String description) throws IOException {
        LoopbackWebSocketServer server = closeLater(LoopbackWebSocketServer.startAccepting("/ws"));
        URI webSocket = URI.create("ws://127.0.0.1:" + server.port() + path);
        ServiceEndpoint endpoint = ServiceEndpoint.builder("test").webSocket(webSocket, Origin.other("t")).build();
        ProbeResult result = new WebSocketProbe("").check(endpoint, TIMEOUT);
        assertThat(result.ready()).isEqualTo(ready);
        assertThat(result.description()).isEqualTo("websocket " + webSocket + ": " + description);
        assertThat(server.handshakePaths()).as("handshakes completed").isEqualTo(ready ? List.of(path) : List.of());
    }

    @Test
    void webSocketAgainstAPlainHttpServerIsNotReady() throws IOException {
        int port = httpServer(200);
        ProbeResult result = new WebSocketProbe("").check(at("http://127.0.0.1:" + port), TIMEOUT);
        assertThat(result.ready()).isFalse();
        assertThat(result.description()).isEqualTo("websocket ws://127.0.0.1:" + port
                + ": answered 200 instead of 101 Switching Protocols");
    }

    @Test
    void probeNoneTrustsTheCandidate() {
        ProbeResult result = ProbePolicy.builtIn(ProbeKind.NONE, "/").check(at("http://127.0.0.1:1"), TIMEOUT);
        assertThat(result.ready()).isTrue();
        assertThat(result.description()).isEqualTo("not probed (probe=none)");
    }

    @Test
    void probeDescriptionsNeverShowUserInfo() throws IOException {
        int port = LoopbackServers.closedPort();
        ProbeResult result = ProbePolicy.builtIn(ProbeKind.HTTP, "/").check(at("http://u:hunter2@127.0.0.1:" + port), TIMEOUT);
        assertThat(result.description()).doesNotContain("hunter2").contains("http://***@127.0.0.1:" + port);
    }
}
