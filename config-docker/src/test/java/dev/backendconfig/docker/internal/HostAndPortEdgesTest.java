package dev.backendconfig.docker.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** The edges of a host and port: the shortest bracketed host, the ends of the port range, and what is shown. */
class HostAndPortEdgesTest {

    @Test
    void onlyAHostWrittenWholeInBracketsLosesThem() {
        assertThat(HostAndPort.unbracketed("[]")).isEmpty();
        assertThat(HostAndPort.unbracketed("[")).isEqualTo("[");
        assertThat(HostAndPort.unbracketed("]")).isEqualTo("]");
        assertThat(HostAndPort.unbracketed("[::1")).isEqualTo("[::1");
        assertThat(HostAndPort.of("[::1]", 8080)).isEqualTo(new HostAndPort("::1", 8080));
    }

    @Test
    void thePortRangeIsZeroForNoneThenOneTo65535() {
        assertThat(new HostAndPort("docker", 0).forUri()).isEqualTo("docker");
        assertThat(new HostAndPort("docker", 1).forUri()).isEqualTo("docker:1");
        assertThat(new HostAndPort("docker", 65535).forUri()).isEqualTo("docker:65535");
        assertThatThrownBy(() -> new HostAndPort(null, 1)).isInstanceOf(NullPointerException.class).hasMessage("host");
    }

    @Test
    void aRefusedHostIsShownWithItsControlCharactersReplaced() {
        assertThatThrownBy(() -> new HostAndPort("a\u0007b\nc", 1)).hasMessage("a host is a name or an IP address"
                + " without brackets, got 'a?b?c'");
    }

    @Test
    void anHttpUriAndTheTextAreTheAuthority() {
        HostAndPort ipv6 = new HostAndPort("fd00::5", 8002);
        assertThat(ipv6.isIpv6()).isTrue();
        assertThat(ipv6.hostForUri()).isEqualTo("[fd00::5]");
        assertThat(ipv6.http()).isEqualTo(URI.create("http://[fd00::5]:8002"));
        assertThat(ipv6).hasToString("[fd00::5]:8002");
        HostAndPort name = new HostAndPort("backend", 8002);
        assertThat(name.isIpv6()).isFalse();
        assertThat(name.hostForUri()).isEqualTo("backend");
        assertThat(name.http()).isEqualTo(URI.create("http://backend:8002"));
    }

    @Test
    void anIpLiteralIsExactlyAnAddressAndNothingMore() {
        for (String valid : new String[] {"0.0.0.0", "255.255.255.255", "10.0.0.1", "::", "::1", "fe80::1",
            "::ffff:192.0.2.1"}) {
            assertThat(IpLiteral.isValid(valid)).as(valid).isTrue();
        }
        for (String invalid : new String[] {"256.0.0.1", "01.0.0.1", "1.2.3", "127.0.0.1#x", "127.0.0.1 x", "localhost",
            ":", "fe80::1%eth0", "::1/128", "[::1]", "1:2:3:4:5:6:7:8:9", "gggg::1"}) {
            assertThat(IpLiteral.isValid(invalid)).as(invalid).isFalse();
        }
    }
}
