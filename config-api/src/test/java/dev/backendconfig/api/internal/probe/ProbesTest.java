package dev.backendconfig.api.internal.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.backendconfig.api.BackendEndpoint;
import dev.backendconfig.api.spi.Origin;
import dev.backendconfig.api.spi.Probe;
import dev.backendconfig.api.spi.ProbeKind;
import dev.backendconfig.api.spi.ProbeResult;
import dev.backendconfig.testkit.LoopbackServers;
import dev.backendconfig.testkit.LoopbackWebSocketServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProbesTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final List<AutoCloseable> servers = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeServers() throws Exception {
        for (AutoCloseable server : servers) {
            server.close();
        }
    }

    private static BackendEndpoint at(String http) {
        return BackendEndpoint.builder("test").http(URI.create(http), Origin.other("test")).build();
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

    @Test
    void tcpIsReadyWhenTheConnectionStaysOpen() throws IOException {
        int port = holding();
        ProbeResult result = new TcpProbe().check(at("http://127.0.0.1:" + port), TIMEOUT);
        assertThat(result.ready()).isTrue();
        assertThat(result.description()).isEqualTo("tcp 127.0.0.1:" + port + ": accepted and kept the connection open");
    }

    @Test
    void tcpIsNotFooledByAPortProxyThatClosesAtOnce() throws IOException {
        int port = closingAtOnce();
        ProbeResult result = new TcpProbe().check(at("http://127.0.0.1:" + port), TIMEOUT);
        assertThat(result.ready()).isFalse();
        assertThat(result.description()).startsWith("tcp 127.0.0.1:" + port + ": accepted, then ");
    }

    @Test
    void tcpReportsARefusedConnection() throws IOException {
        int port = LoopbackServers.closedPort();
        ProbeResult result = new TcpProbe().check(at("http://127.0.0.1:" + port), TIMEOUT);
        assertThat(result.ready()).isFalse();
        assertThat(result.description()).isEqualTo("tcp 127.0.0.1:" + port + ": connection refused");
    }

    @Test
    void httpIsReadyBelow500AndNotAt503() throws IOException {
        int ok = httpServer(200);
        int notFound = httpServer(404);
        int unavailable = httpServer(503);
        Probe probe = Probe.of(ProbeKind.HTTP, "/health");
        assertThat(probe.check(at("http://127.0.0.1:" + ok), TIMEOUT))
                .extracting(ProbeResult::ready, ProbeResult::description)
                .containsExactly(true, "http GET http://127.0.0.1:" + ok + "/health: answered 200");
        assertThat(probe.check(at("http://127.0.0.1:" + notFound), TIMEOUT).ready()).isTrue();
        assertThat(probe.check(at("http://127.0.0.1:" + unavailable), TIMEOUT))
                .extracting(ProbeResult::ready, ProbeResult::description)
                .containsExactly(false, "http GET http://127.0.0.1:" + unavailable
                        + "/health: answered 503 (a server error: not ready)");
    }

    @Test
    void httpGivesUpWithinTheTimeoutWhenTheServerNeverAnswers() throws IOException {
        int port = holding();
        ProbeResult result = Probe.of(ProbeKind.HTTP, "/").check(at("http://127.0.0.1:" + port), Duration.ofMillis(300));
        assertThat(result.ready()).isFalse();
        assertThat(result.description()).endsWith(": no answer within 300 ms");
        assertThat(result.elapsed()).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void webSocketPerformsARealHandshake() throws IOException {
        LoopbackWebSocketServer server = LoopbackWebSocketServer.startAccepting("/ws");
        servers.add(server);
        BackendEndpoint endpoint = BackendEndpoint.builder("test")
                .webSocket(URI.create("ws://127.0.0.1:" + server.port() + "/ws"), Origin.other("t")).build();
        ProbeResult result = new WebSocketProbe("").check(endpoint, TIMEOUT);
        assertThat(result.ready()).isTrue();
        assertThat(result.description()).isEqualTo("websocket ws://127.0.0.1:" + server.port() + "/ws: handshake accepted (101)");
        assertThat(server.handshakePaths()).containsExactly("/ws");
    }

    @Test
    void webSocketIsNotReadyWhenThePathIsNotAWebSocket() throws IOException {
        LoopbackWebSocketServer server = LoopbackWebSocketServer.startAccepting("/ws");
        servers.add(server);
        BackendEndpoint endpoint = BackendEndpoint.builder("test")
                .webSocket(URI.create("ws://127.0.0.1:" + server.port() + "/other"), Origin.other("t")).build();
        ProbeResult result = new WebSocketProbe("").check(endpoint, TIMEOUT);
        assertThat(result.ready()).isFalse();
        assertThat(result.description()).endsWith("/other: answered 404 instead of 101 Switching Protocols");
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
        ProbeResult result = Probe.of(ProbeKind.NONE, "/").check(at("http://127.0.0.1:1"), TIMEOUT);
        assertThat(result.ready()).isTrue();
        assertThat(result.description()).isEqualTo("not probed (probe=none)");
    }

    @Test
    void probeDescriptionsNeverShowUserInfo() throws IOException {
        int port = LoopbackServers.closedPort();
        ProbeResult result = Probe.of(ProbeKind.HTTP, "/").check(at("http://u:hunter2@127.0.0.1:" + port), TIMEOUT);
        assertThat(result.description()).doesNotContain("hunter2").contains("http://***@127.0.0.1:" + port);
    }
}
