package dev.backendconfig.docker.internal.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backendconfig.api.spi.Service;
import dev.backendconfig.docker.internal.discovery.ContainerSummary.PortEntry;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The container port of a service's chosen container: the one a setting names (published), else the backend's 8000,
 * else the one port the container publishes; a container on the host's network by its setting or compose file.
 */
class PortChoiceTest {

    private static final Service BACKEND = new Service("backend", true);
    private static final Service AUTH = new Service("auth", true);

    private static ContainerSummary publishing(String networkMode, Integer... containerPorts) {
        List<PortEntry> ports = Arrays.stream(containerPorts).map(port -> new PortEntry("0.0.0.0", port,
                40_000 + port % 1000, "tcp")).toList();
        return new ContainerSummary("a".repeat(64), List.of("shop-api-1"), Map.of("com.docker.compose.project",
                "shop", "com.docker.compose.service", "api"), ports, "running", "", "", networkMode, "none", 0);
    }

    private static PortChoice.Outcome choose(ContainerSummary container, Service service, Integer explicit,
            Integer... composePorts) {
        return PortChoice.choose(container, service, Optional.ofNullable(explicit), "docker.container-port",
                List.of(composePorts));
    }

    @Test
    void aPortTheSettingNamesIsChosenOnlyWhenTheContainerPublishesIt() {
        assertThat(choose(publishing("", 8000, 9000), BACKEND, 9000)).isEqualTo(new PortChoice.Outcome(9000, "", ""));
        PortChoice.Outcome notPublished = choose(publishing("", 8000), BACKEND, 9000);
        assertThat(notPublished).isEqualTo(new PortChoice.Outcome(0, "", "service api (project shop, container"
                + " shop-api-1) does not publish container port 9000 (setting docker.container-port) on a host port;"
                + " it publishes 40000->8000/tcp"));
        assertThat(notPublished.chosen()).isFalse();
    }

    @Test
    void theBackendTakes8000AmongOthersAndAnotherServiceDoesNot() {
        PortChoice.Outcome backend = choose(publishing("", 8000, 9000), BACKEND, null);
        assertThat(backend).isEqualTo(new PortChoice.Outcome(8000, "", ""));
        assertThat(backend.chosen()).isTrue();
        assertThat(choose(publishing("", 8000, 9000), AUTH, null)).isEqualTo(new PortChoice.Outcome(0, "",
                "service api (project shop, container shop-api-1) publishes 40000->8000/tcp, 40000->9000/tcp; set"
                        + " docker.container-port to say which port the service listens on"));
    }

    @Test
    void theOnePortAContainerPublishesIsTakenWithANoteOnlyForTheBackend() {
        assertThat(choose(publishing("", 9000), BACKEND, null)).isEqualTo(new PortChoice.Outcome(9000, "service api"
                + " (project shop, container shop-api-1) does not publish the default container port 8000; using 9000,"
                + " the one port it publishes (set docker.container-port=9000 to say so)", ""));
        assertThat(choose(publishing("", 9000), AUTH, null)).isEqualTo(new PortChoice.Outcome(9000, "", ""));
        assertThat(new PortChoice.Outcome(1, "", "").chosen()).isTrue();
    }

    @Test
    void aContainerPublishingNothingOrSeveralPortsButNot8000HasNoPortAndSaysWhatToSet() {
        assertThat(choose(publishing(""), AUTH, null)).isEqualTo(new PortChoice.Outcome(0, "", "service api (project"
                + " shop, container shop-api-1) publishes no port on the host (add ports: to its compose service)"));
        assertThat(choose(publishing("", 9000, 9001), BACKEND, null)).isEqualTo(new PortChoice.Outcome(0, "",
                "service api (project shop, container shop-api-1) publishes 40000->9000/tcp, 40001->9001/tcp but not"
                        + " the default container port 8000; set docker.container-port to say which port the service"
                        + " listens on"));
    }

    @Test
    void aContainerOnTheHostsNetworkListensAtTheSettingsPortElseTheBackendsElseItsComposeFilesOne() {
        ContainerSummary host = publishing("host");
        assertThat(choose(host, AUTH, 7000)).isEqualTo(new PortChoice.Outcome(7000, "", ""));
        assertThat(choose(host, BACKEND, null)).isEqualTo(new PortChoice.Outcome(8000, "", ""));
        assertThat(choose(host, BACKEND, null, 9000, 8000)).isEqualTo(new PortChoice.Outcome(8000, "", ""));
        assertThat(choose(host, BACKEND, null, 9000)).isEqualTo(new PortChoice.Outcome(9000, "", ""));
        assertThat(choose(host, AUTH, null, 8000)).isEqualTo(new PortChoice.Outcome(8000, "", ""));
        assertThat(choose(host, AUTH, null)).isEqualTo(new PortChoice.Outcome(0, "", "service api (project shop,"
                + " container shop-api-1) uses the host's network (network_mode: host), so it publishes no port that"
                + " would say where it listens; set docker.container-port"));
        assertThat(choose(host, BACKEND, null, 9000, 9001)).isEqualTo(new PortChoice.Outcome(0, "", "service api"
                + " (project shop, container shop-api-1) uses the host's network (network_mode: host), so it publishes"
                + " no port that would say where it listens; its compose file names [9000, 9001]; set"
                + " docker.container-port"));
    }
}
