package dev.backendconfig.api.internal.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.backendconfig.api.ProbeKind;
import dev.backendconfig.api.ServiceEndpoint;
import dev.backendconfig.api.spi.ProbeResult;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.testsupport.Leftovers;
import dev.backendconfig.testsupport.TricklingServer;
import dev.backendconfig.toolkit.Origin;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A peer that sends one byte every 50 ms keeps every per-read timeout from firing; a probe must still end at its one
 * deadline for the whole exchange — the TLS handshake included — and close its socket.
 */
class ProbeDeadlineTest {

    private static final Duration TICK = Duration.ofMillis(50);
    private static final Duration TIMEOUT = Duration.ofMillis(600);
    /** Far above the deadline: proves the probe ended, not how fast. */
    private static final Duration DOES_NOT_HANG = Duration.ofSeconds(15);

    @TempDir
    Path directory;

    private static ServiceEndpoint endpoint(String url) {
        URI uri = URI.create(url);
        ServiceEndpoint.Builder builder = ServiceEndpoint.builder("test");
        return (uri.getScheme().startsWith("ws") ? builder.webSocket(uri, Origin.other("test"))
                : builder.http(uri, Origin.other("test"))).build();
    }

    @ParameterizedTest(name = "{0} against a peer that trickles {1}")
    @CsvSource({
        "HTTP,      head, http://127.0.0.1:{port}/health",
        "WEBSOCKET, head, ws://127.0.0.1:{port}/ws",
        "HTTP,      tls,  https://127.0.0.1:{port}/health",
        "WEBSOCKET, tls,  wss://127.0.0.1:{port}/ws",
        "TCP,       tls,  https://127.0.0.1:{port}",
    })
    void aProbeEndsAtItsDeadlineHoweverSlowlyThePeerTricklesAndClosesItsSocket(ProbeKind kind, String trickle,
            String url) throws Exception {
        ProbeResult result;
        Leftovers leftovers;
        try (TricklingServer server = trickle.equals("tls") ? TricklingServer.tlsRecord(TICK)
                : TricklingServer.httpHead(TICK)) {
            leftovers = Leftovers.snapshot(directory);
            ServiceEndpoint candidate = endpoint(url.replace("{port}", Integer.toString(server.port())));
            Probe probe = ProbePolicy.builtIn(kind, "");
            result = assertTimeoutPreemptively(DOES_NOT_HANG, () -> probe.check(candidate, TIMEOUT));
            assertThat(server.accepted()).isEqualTo(1);
        }
        assertThat(result.ready()).isEqualTo(kind == ProbeKind.TCP);
        if (kind != ProbeKind.TCP) {
            assertThat(result.description()).endsWith(": no answer within 600 ms");
            assertThat(result.elapsed()).isGreaterThanOrEqualTo(TIMEOUT.minusMillis(50));
        }
        assertThat(leftovers.newDescriptors()).as("sockets left open").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"HTTP, http://127.0.0.1:{port}/", "WEBSOCKET, wss://127.0.0.1:{port}/ws"})
    void aProbeThroughTheContextNeverOutlastsWhatIsLeftOfTheBudget(ProbeKind kind, String url) throws Exception {
        try (TricklingServer server = url.startsWith("wss") ? TricklingServer.tlsRecord(TICK)
                : TricklingServer.httpHead(TICK)) {
            ResolutionContext context = ResolutionContext.builder()
                    .settings(Map.of("timeout", "700ms", "probe.timeout", "1h")).build();
            ServiceEndpoint candidate = endpoint(url.replace("{port}", Integer.toString(server.port())));
            ProbeResult result = assertTimeoutPreemptively(DOES_NOT_HANG, () -> context.probe(candidate, kind, ""));
            assertThat(result.ready()).isFalse();
            assertThat(result.description()).matches(".*: no answer within [0-9]{3} ms");
            assertThat(result.elapsed()).isLessThan(Duration.ofSeconds(5));
        }
    }
}
