package dev.backendconfig.docker.internal.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backendconfig.docker.internal.discovery.ContainerSummary.PortEntry;
import dev.backendconfig.docker.internal.json.Json;
import dev.backendconfig.docker.internal.transport.EngineException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The compose files a container's project was started from, as docker compose (v2, absolute paths) and docker-compose
 * (v1, paths as given on its command line) record them in the labels.
 */
class ContainerSummaryTest {

    private static ContainerSummary started(String workingDirectory, String configFiles) {
        return new ContainerSummary("a".repeat(64), List.of("/shop-api-1"), Map.of(
                "com.docker.compose.project", "shop", "com.docker.compose.service", "api",
                "com.docker.compose.project.working_dir", workingDirectory,
                "com.docker.compose.project.config_files", configFiles), List.of(), "running", "Up 1 minute",
                "shop/api", "", "none", 0);
    }

    @Test
    void v2RecordsAbsolutePathsWhichAreTakenAsTheyAre() {
        assertThat(started("/repo", "/repo/compose.yaml,/repo/compose.override.yaml").configFilePaths())
                .containsExactly(Path.of("/repo/compose.yaml"), Path.of("/repo/compose.override.yaml"));
    }

    @Test
    void v1RelativePathsAreResolvedAgainstTheDirectoryItRanInRecoveredFromItsWorkingDirectory() {
        // docker-compose -f docker/compose.yml -f docker/extra.yml up, run in /repo: working_dir is /repo/docker
        assertThat(started("/repo/docker", "docker/compose.yml,docker/extra.yml").configFilePaths())
                .containsExactly(Path.of("/repo/docker/compose.yml"), Path.of("/repo/docker/extra.yml"));
        // run in /repo with the file beside it
        assertThat(started("/repo", "compose.yml,ci/extra.yml").configFilePaths())
                .containsExactly(Path.of("/repo/compose.yml"), Path.of("/repo/ci/extra.yml"));
    }

    @Test
    void aFirstFileThatClimbsLeavesOnlyTheFirstFileKnown() {
        assertThat(started("/infra", "../infra/compose.yml,extra.yml").configFilePaths())
                .containsExactly(Path.of("/infra/compose.yml"));
    }

    @Test
    void dockersStatusTellsHealthOnlyInItsOwnWordsAtItsEnd() {
        assertThat(ContainerSummary.listedHealth("Up 21 seconds (healthy)")).isEqualTo("healthy");
        assertThat(ContainerSummary.listedHealth("Up 4 seconds (unhealthy)")).isEqualTo("unhealthy");
        assertThat(ContainerSummary.listedHealth("Up Less than a second (health: starting)")).isEqualTo("starting");
        assertThat(ContainerSummary.listedHealth("Up 4 seconds")).isEqualTo("none");
        assertThat(ContainerSummary.listedHealth("Up 5 minutes (Paused)")).isEmpty();
        assertThat(ContainerSummary.listedHealth("Restarting (1) 5 seconds ago")).isEmpty();
        assertThat(ContainerSummary.listedHealth("Exited (0) 3 minutes ago")).isEmpty();
        assertThat(ContainerSummary.listedHealth("(healthy)")).isEmpty();
        assertThat(ContainerSummary.listedHealth("")).isEmpty();
    }

    private static final String ID = "0123456789ab".repeat(5) + "cdef";

    private static List<ContainerSummary> listed(String json) throws Exception {
        return ContainerSummary.parseList(Json.parse(json), "unix:///run/docker.sock");
    }

    private static ContainerSummary one(String members) throws Exception {
        return listed("[{\"Id\": \"" + ID + "\"" + (members.isEmpty() ? "" : ", " + members) + "}]").get(0);
    }

    @Test
    void aReplyThatIsNoListOrAContainerWithoutAnIdIsRefusedNamingTheEngine() {
        assertThatThrownBy(() -> listed("{}")).isInstanceOf(EngineException.class).hasMessage("engine"
                + " unix:///run/docker.sock answered GET /containers/json with JSON that is not a list");
        assertThatThrownBy(() -> listed("[{\"Names\": [\"/a\"]}]")).isInstanceOf(EngineException.class)
                .hasMessage("engine unix:///run/docker.sock listed a container without an Id");
        assertThatThrownBy(() -> listed("[{\"Id\": \"" + ID.toUpperCase(java.util.Locale.ROOT) + "\"}]"))
                .isInstanceOf(EngineException.class).hasMessage("engine unix:///run/docker.sock listed a container"
                        + " whose Id is not a container id (expected 12 to 64 lower-case hexadecimal characters); the"
                        + " reply is not used");
    }

    @Test
    void aPortBoundToSomethingOtherThanAnIpAddressOrOfAnotherTypeThanTcpUdpOrSctpIsRefused() {
        assertThatThrownBy(() -> one("\"Ports\": [{\"IP\": \"evil.example\", \"PrivatePort\": 80}]"))
                .isInstanceOf(EngineException.class).hasMessage("engine unix:///run/docker.sock listed container"
                        + " 0123456789ab with a port bound to 'evil.example', which is not an IP address; the reply is"
                        + " not used");
        assertThatThrownBy(() -> one("\"Ports\": [{\"PrivatePort\": 80, \"Type\": \"HTTP\"}]"))
                .isInstanceOf(EngineException.class).hasMessage("engine unix:///run/docker.sock listed container"
                        + " 0123456789ab with a port of type 'HTTP', which is not tcp, udp or sctp; the reply is not used");
        assertThatThrownBy(() -> one("\"Ports\": [{\"PrivatePort\": 80, \"Type\": \"udp6\"}]"))
                .hasMessageContaining("of type 'udp6'");
        assertThatThrownBy(() -> one("\"Ports\": [{\"PrivatePort\": 80, \"Type\": \"sctpx\"}]"))
                .hasMessageContaining("of type 'sctpx'");
        assertThatThrownBy(() -> one("\"Ports\": [{\"PrivatePort\": 80, \"Type\": \"tcp \"}]"))
                .hasMessageContaining("of type 'tcp '");
    }

    @Test
    void aContainerIsReadAsTheEngineListsItNamesWithoutTheirSlashLabelsAndPortsThatAreText() throws Exception {
        ContainerSummary container = one("\"Names\": [\"/shop-api-1\", 7, \"alias\"], \"Labels\": {"
                + "\"com.docker.compose.project\": \"shop\", \"com.docker.compose.service\": \"api\", \"n\": 1},"
                + " \"Ports\": [{\"IP\": \"::\", \"PrivatePort\": 8000, \"PublicPort\": 49153, \"Type\": \"TCP\"},"
                + " {\"PrivatePort\": 9000, \"PublicPort\": null}], \"State\": \"exited\", \"Status\": \"Exited (0)"
                + " 2 hours ago\", \"Image\": \"shop/api:1\", \"HostConfig\": {\"NetworkMode\": \"bridge\"},"
                + " \"Created\": 1700000000");
        assertThat(container).isEqualTo(new ContainerSummary(ID, List.of("shop-api-1", "alias"), Map.of(
                "com.docker.compose.project", "shop", "com.docker.compose.service", "api"), List.of(
                new PortEntry("::", 8000, 49153, "tcp"), new PortEntry("", 9000, 0, "tcp")), "exited",
                "Exited (0) 2 hours ago", "shop/api:1", "bridge", "", 1_700_000_000L));
        assertThat(container.running()).isFalse();
        assertThat(container.describeState()).isEqualTo("exited (Exited (0) 2 hours ago)");
    }

    @Test
    void aContainerWithoutAStateRunsAndOneWithoutAStatusIsDescribedByItsStateAlone() throws Exception {
        ContainerSummary container = one("\"State\": \"\", \"Status\": \"\"");
        assertThat(container.state()).isEqualTo("running");
        assertThat(container.running()).isTrue();
        assertThat(container.describeState()).isEqualTo("running");
        assertThat(container.listedHealth()).isEmpty();
        assertThat(container.name()).isEqualTo("0123456789ab");
        assertThat(container.hostNetwork()).isFalse();
        assertThat(one("\"HostConfig\": {\"NetworkMode\": \"host\"}").hostNetwork()).isTrue();
    }

    @Test
    void theCreationTimeIsKeptOnlyWhenItIsAWholePositiveNumberOfSecondsUpToTheYear9999() throws Exception {
        assertThat(one("\"Created\": 1").createdSeconds()).isEqualTo(1);
        assertThat(one("\"Created\": 253402300799").createdSeconds()).isEqualTo(253_402_300_799L);
        assertThat(one("\"Created\": 253402300800").createdSeconds()).isZero();
        assertThat(one("\"Created\": 0").createdSeconds()).isZero();
        assertThat(one("\"Created\": -5").createdSeconds()).isZero();
        assertThat(one("\"Created\": 1700000000.5").createdSeconds()).isZero();
        assertThat(one("\"Created\": \"1700000000\"").createdSeconds()).isZero();
        assertThat(one("").createdSeconds()).isZero();
    }

    @Test
    void portsAtTheEdgesOfTheRangeAreKeptAndOnePastThemIsRefused() throws Exception {
        assertThat(one("\"Ports\": [{\"PrivatePort\": 65535, \"PublicPort\": 0, \"Type\": \"udp\"}]").ports())
                .containsExactly(new PortEntry("", 65535, 0, "udp"));
        assertThat(one("\"Ports\": [{\"PrivatePort\": 1, \"PublicPort\": 65535, \"Type\": \"sctp\"}]").ports())
                .containsExactly(new PortEntry("", 1, 65535, "sctp"));
        assertThatThrownBy(() -> one("\"Ports\": [{\"PrivatePort\": 65536}]")).isInstanceOf(EngineException.class)
                .hasMessage("engine unix:///run/docker.sock listed container 0123456789ab with PrivatePort 65536,"
                        + " which is not a port from 0 to 65535; the reply is not used");
        assertThatThrownBy(() -> one("\"Ports\": [{\"PrivatePort\": -1}]")).hasMessageContaining("with PrivatePort"
                + " -1, which is not a port from 0 to 65535");
        // a number too long to show is not shown: neither by its digits nor by its fraction
        assertThatThrownBy(() -> one("\"Ports\": [{\"PublicPort\": 123456789012}]")).hasMessageContaining("with"
                + " PublicPort that is not a number, which is not a port");
        assertThatThrownBy(() -> one("\"Ports\": [{\"PublicPort\": 12345678901}]")).hasMessageContaining("with"
                + " PublicPort 12345678901, which is not a port");
        assertThatThrownBy(() -> one("\"Ports\": [{\"PublicPort\": 0.000000000001}]")).hasMessageContaining("with"
                + " PublicPort that is not a number, which is not a port");
        assertThatThrownBy(() -> one("\"Ports\": [{\"PublicPort\": 0.00000000001}]")).hasMessageContaining("with"
                + " PublicPort 0.00000000001, which is not a port");
    }

    @Test
    void theContainerNumberIsItsLabelsAndTheFirstWhenTheLabelIsNoNumber() {
        assertThat(labelled(Map.of("com.docker.compose.container-number", "3")).containerNumber()).isEqualTo(3);
        assertThat(labelled(Map.of("com.docker.compose.container-number", "three")).containerNumber()).isEqualTo(1);
        assertThat(labelled(Map.of()).containerNumber()).isEqualTo(1);
        assertThat(labelled(Map.of()).service()).isEmpty();
        assertThat(labelled(Map.of()).project()).isEmpty();
    }

    private static ContainerSummary labelled(Map<String, String> labels) {
        return new ContainerSummary("abcdef012345", List.of(), labels, List.of(), "running", "", "", "", "none", 0);
    }

    @Test
    void aContainerWithoutANameIsNamedByItsIdAsDockerPsShowsIt() {
        assertThat(labelled(Map.of()).name()).isEqualTo("abcdef012345");
        assertThat(labelled(Map.of()).shortId()).isEqualTo("abcdef012345");
    }

    @Test
    void onlyTcpPortsPublishedOnAHostPortCountEachContainerPortOnceInAscendingOrder() {
        ContainerSummary container = new ContainerSummary(ID, List.of("shop-api-1"), Map.of(), List.of(
                new PortEntry("0.0.0.0", 9000, 49001, "tcp"), new PortEntry("::", 9000, 49001, "tcp"),
                new PortEntry("0.0.0.0", 8000, 49000, "tcp"), new PortEntry("0.0.0.0", 7000, 49002, "udp"),
                new PortEntry("", 6000, 0, "tcp"), new PortEntry("0.0.0.0", 5000, 1, "sctp")), "running", "", "",
                "", "none", 0);
        assertThat(container.publishedContainerPorts()).containsExactly(5000, 8000, 9000);
        assertThat(container.published(9000)).containsExactly(new PortEntry("0.0.0.0", 9000, 49001, "tcp"),
                new PortEntry("::", 9000, 49001, "tcp"));
        assertThat(container.published(7000)).isEmpty();
        assertThat(container.published(6000)).isEmpty();
        assertThat(container.published(5000)).containsExactly(new PortEntry("0.0.0.0", 5000, 1, "sctp"));
        assertThat(container.describePorts()).isEqualTo("49001->9000/tcp, 49000->8000/tcp, 49002->7000/udp,"
                + " 1->5000/sctp");
        assertThat(labelled(Map.of()).describePorts()).isEqualTo("nothing");
    }

    @Test
    void blankAndEmptyConfigFileEntriesAreLeftOutAndTheOthersStripped() {
        assertThat(started("/repo", " ").configFiles()).isEmpty();
        assertThat(started("/repo", " /repo/a.yaml , ,/repo/b.yaml").configFiles())
                .containsExactly("/repo/a.yaml", "/repo/b.yaml");
    }

    @Test
    void relativeFilesOfAContainerWithoutAnAbsoluteWorkingDirectoryAreLeftOut() {
        assertThat(started("", "compose.yml,/repo/extra.yml").configFilePaths())
                .containsExactly(Path.of("/repo/extra.yml"));
        assertThat(started("repo", "compose.yml").configFilePaths()).isEmpty();
        // a working directory that does not end with the first file's folder says nothing of where v1 ran
        assertThat(started("/repo/other", "docker/compose.yml,docker/extra.yml").configFilePaths())
                .containsExactly(Path.of("/repo/other/compose.yml"));
        // the first file absolute and the others relative: the directory v1 ran in is not known
        assertThat(started("/repo", "/repo/compose.yml,extra.yml").configFilePaths())
                .containsExactly(Path.of("/repo/compose.yml"));
        assertThat(started("/repo/a/b", "a/b/compose.yml,c.yml").configFilePaths())
                .containsExactly(Path.of("/repo/a/b/compose.yml"), Path.of("/repo/c.yml"));
    }

    @Test
    void theReportNamesAContainerByServiceProjectAndNameOnOneLine() {
        ContainerSummary container = new ContainerSummary(ID, List.of("shop-api-1"), Map.of(
                "com.docker.compose.project", "shop\nX", "com.docker.compose.service", "api"), List.of(), "running",
                "", "", "", "none", 0);
        assertThat(container.describe()).isEqualTo("service api (project shop\\nX, container shop-api-1)");
    }
}
