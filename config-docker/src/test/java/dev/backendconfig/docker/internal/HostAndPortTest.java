package dev.backendconfig.docker.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** One host-and-port value, as a URL's authority writes it: IPv6 in brackets, names and IPv4 as they are. */
class HostAndPortTest {

    @ParameterizedTest
    @CsvSource({
        "127.0.0.1, 8002, 127.0.0.1:8002",
        "localhost, 8002, localhost:8002",
        "build-box.example.test, 2376, build-box.example.test:2376",
        "::1, 8002, [::1]:8002",
        "fd00::5, 22, [fd00::5]:22",
        "::ffff:192.0.2.1, 80, [::ffff:192.0.2.1]:80",
        "fe80::1%25eth0, 2375, [fe80::1%25eth0]:2375"
    })
    void aUrlWritesIpv6InBracketsAndEverythingElseAsItIs(String host, int port, String authority) {
        HostAndPort address = new HostAndPort(host, port);
        assertThat(address.forUri()).isEqualTo(authority);
        assertThat(address).hasToString(authority);
        assertThat(address.http()).isEqualTo(URI.create("http://" + authority));
        assertThat(address.http().getPort()).isEqualTo(port);
    }

    @Test
    void noPortLeavesItOutSoThatSshChoosesIt() {
        assertThat(new HostAndPort("fd00::5", 0).forUri()).isEqualTo("[fd00::5]");
        assertThat(new HostAndPort("build-box", 0).forUri()).isEqualTo("build-box");
    }

    @Test
    void theHostIsHeldWithoutBracketsHoweverItWasWritten() {
        assertThat(HostAndPort.of("[::1]", 8002)).isEqualTo(new HostAndPort("::1", 8002));
        assertThat(HostAndPort.of("::1", 8002).host()).isEqualTo("::1");
        assertThat(HostAndPort.of("[::1]", 8002).hostForUri()).isEqualTo("[::1]");
        assertThat(HostAndPort.of("localhost", 8002).hostForUri()).isEqualTo("localhost");
        assertThat(HostAndPort.unbracketed("[fd00::5]")).isEqualTo("fd00::5");
        assertThat(HostAndPort.unbracketed("[")).isEqualTo("[");
        assertThat(HostAndPort.unbracketed("docker")).isEqualTo("docker");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "127.0.0.1#x", "127.0.0.1 x", "evil.test/path", "evil.test?q", "user@evil.test",
        "[::1", "::1]", "[::1]:80", "line\nbreak", "tab\there", "esc\u001b[31m", "b\u00fccher.test"})
    void textThatWouldChangeWhatAUrlMeansIsRefused(String hostile) {
        assertThatThrownBy(() -> new HostAndPort(hostile, 8002)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("a host is a name or an IP address without brackets, got '")
                .hasMessageNotContaining("\n").hasMessageNotContaining("\u001b");
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 65536, Integer.MAX_VALUE})
    void aPortOutsideItsRangeIsRefused(int port) {
        assertThatThrownBy(() -> new HostAndPort("localhost", port)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a port is 1-65535, or 0 for none, got " + port);
    }

    @ParameterizedTest
    @CsvSource({"localhost, true", "LOCALHOST, true", "app.localhost, true", "127.0.0.1, true", "127.8.9.10, true",
        "::1, true", "0:0:0:0:0:0:0:1, true", "localhost.evil.test, false", "128.0.0.1, false", "docker, false",
        "fd00::5, false", "0.0.0.0, false"})
    void loopbackIsLocalhostTheLoopbackNetworkAndIpv6One(String host, boolean loopback) {
        assertThat(HostAndPort.isLoopback(host)).isEqualTo(loopback);
    }
}
