package dev.backendconfig.api.internal.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How a probe names the host it connects to and words a failed connection. */
class ConnectionsTest {

    @Test
    void anIpv6HostLosesItsBracketsAndOtherHostsAreKeptAsWritten() {
        assertThat(Connections.host(URI.create("http://[::1]:8002/health"))).isEqualTo("::1");
        assertThat(Connections.host(URI.create("https://api.example.test:8443"))).isEqualTo("api.example.test");
        assertThat(Connections.host(URI.create("ws://127.0.0.2:9000"))).isEqualTo("127.0.0.2");
    }

    @Test
    void aConnectFailureWithoutAMessageIsStillDescribed() {
        assertThat(Connections.describe(new ConnectException(), Duration.ofSeconds(2)))
                .startsWith("cannot connect");
        assertThat(Connections.describe(new ConnectException("Connection refused"), Duration.ofSeconds(2)))
                .isEqualTo("connection refused");
    }
}
