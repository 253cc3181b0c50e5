package dev.backendconfig.docker.internal.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backendconfig.docker.internal.HostAndPort;
import dev.backendconfig.docker.internal.discovery.ContainerSummary.PortEntry;
import dev.backendconfig.docker.internal.engine.EngineAddress;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where a published port is reached from here, for local and remote engines. */
class PublishedAddressTest {

    private static final EngineAddress LOCAL = EngineAddress.unix(Path.of("/var/run/docker.sock"), "test");
    private static final EngineAddress REMOTE_TCP = EngineAddress.tcp("docker", 2376, "test");
    private static final EngineAddress REMOTE_SSH = EngineAddress.ssh("me", "fd00::5", 0, "test");
    private static final EngineAddress LOOPBACK_SSH = EngineAddress.ssh("me", "127.0.0.1", 22022, "test");

    private static PortEntry entry(String ip, int port) {
        return new PortEntry(ip, 8000, port, "tcp");
    }

    @Test
    void allInterfacesAreReachedAtLocalhostForALocalEngineAndAtTheEnginesHostForARemoteOne() {
        List<PortEntry> both = List.of(entry("0.0.0.0", 8002), entry("::", 8002));
        assertThat(PublishedAddress.from(both, LOCAL)).isEqualTo(new PublishedAddress(new HostAndPort("localhost", 8002), "0.0.0.0:8002",
                List.of(), ""));
        assertThat(PublishedAddress.from(both, REMOTE_TCP).address().forUri()).isEqualTo("docker:8002");
        assertThat(PublishedAddress.from(both, REMOTE_SSH).address().forUri()).isEqualTo("[fd00::5]:8002");
        assertThat(PublishedAddress.from(both, LOOPBACK_SSH).address().forUri()).isEqualTo("localhost:8002");
    }

    @Test
    void podmansEntryWithoutAnAddressMeansAllInterfaces() {
        assertThat(PublishedAddress.from(List.of(entry("", 18002)), REMOTE_TCP)).isEqualTo(new PublishedAddress(
                new HostAndPort("docker", 18002), "0.0.0.0:18002", List.of(), ""));
    }

    @Test
    void aLoopbackBindingOfARemoteEngineIsUnreachableAndSaysWhatToChange() {
        PublishedAddress address = PublishedAddress.from(List.of(entry("127.0.0.1", 8021)), REMOTE_TCP);
        assertThat(address.unreachable()).isEqualTo("publishes 8000 only on 127.0.0.1:8021 of engine tcp://docker:2376,"
                + " another machine, whose loopback cannot be reached from here; publish it on all interfaces"
                + " (\"8021:8000\" instead of \"127.0.0.1:8021:8000\"), or run the tests on the engine's machine");
        assertThat(PublishedAddress.from(List.of(entry("::1", 8021)), REMOTE_SSH).unreachable())
                .startsWith("publishes 8000 only on [::1]:8021 of engine ssh://***@[fd00::5], another machine");
    }

    @Test
    void aLoopbackBindingOfALocalEngineIsUsedAsItIs() {
        assertThat(PublishedAddress.from(List.of(entry("127.0.0.1", 8021)), LOOPBACK_SSH))
                .isEqualTo(new PublishedAddress(new HostAndPort("127.0.0.1", 8021), "127.0.0.1:8021", List.of(), ""));
    }

    @Test
    void aRemoteEnginePrefersAnyReachableBindingToLoopback() {
        PublishedAddress address = PublishedAddress.from(List.of(entry("127.0.0.1", 8021), entry("192.168.5.7", 8022)),
                REMOTE_TCP);
        assertThat(address.address()).isEqualTo(new HostAndPort("192.168.5.7", 8022));
        assertThat(address.unreachable()).isEmpty();
        assertThat(address.notes()).containsExactly("the container port is also published on 127.0.0.1:8021; using"
                + " 192.168.5.7:8022");
    }

    @Test
    void allInterfacesComeFirstThenIpv6sAllThenASpecificIpv4ThenASpecificIpv6Address() {
        assertThat(PublishedAddress.from(List.of(entry("192.168.5.7", 8001), entry("::", 8002)), LOCAL))
                .isEqualTo(new PublishedAddress(new HostAndPort("localhost", 8002), "[::]:8002", List.of(
                        "the container port is also published on 192.168.5.7:8001; using [::]:8002"), ""));
        assertThat(PublishedAddress.from(List.of(entry("::", 8002), entry("0.0.0.0", 8001)), LOCAL).address())
                .isEqualTo(new HostAndPort("localhost", 8001));
        assertThat(PublishedAddress.from(List.of(entry("fd00::7", 8003), entry("10.0.0.5", 8004)), LOCAL).address())
                .isEqualTo(new HostAndPort("10.0.0.5", 8004));
        assertThat(PublishedAddress.from(List.of(entry("fd00::7", 8003)), LOCAL).binding()).isEqualTo("[fd00::7]:8003");
    }

    @Test
    void aRemoteEnginesLoopbackComesAfterEverySpecificAddressIpv4LoopbackBeforeIpv6s() {
        assertThat(PublishedAddress.from(List.of(entry("127.0.0.1", 8001), entry("fd00::7", 8002)), REMOTE_TCP)
                .address()).isEqualTo(new HostAndPort("fd00::7", 8002));
        assertThat(PublishedAddress.from(List.of(entry("::1", 8001), entry("127.0.0.1", 8002)), REMOTE_TCP)
                .address()).isEqualTo(new HostAndPort("127.0.0.1", 8002));
        // on a local engine loopback is one specific address among others
        assertThat(PublishedAddress.from(List.of(entry("fd00::7", 8001), entry("127.0.0.1", 8002)), LOCAL)
                .address()).isEqualTo(new HostAndPort("127.0.0.1", 8002));
    }

    @Test
    void eachOtherHostPortIsNotedOnceAndTheSamePortOnAnotherFamilyNotAtAll() {
        PublishedAddress address = PublishedAddress.from(List.of(entry("0.0.0.0", 8001), entry("::", 8001),
                entry("127.0.0.1", 8005), entry("127.0.0.1", 8005)), LOCAL);
        assertThat(address.notes()).containsExactly("the container port is also published on 127.0.0.1:8005; using"
                + " 0.0.0.0:8001");
    }

    @Test
    void aContainerOnTheHostsNetworkIsReachedAtTheEnginesHostAtItsContainerPort() {
        assertThat(PublishedAddress.hostNetwork(8000, REMOTE_TCP)).isEqualTo(new PublishedAddress(new HostAndPort(
                "docker", 8000), "the host's network (network_mode: host) at 8000", List.of(), ""));
    }
}
