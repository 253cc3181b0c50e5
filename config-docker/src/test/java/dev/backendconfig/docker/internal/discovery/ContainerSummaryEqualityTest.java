package dev.backendconfig.docker.internal.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backendconfig.docker.internal.discovery.ContainerSummary.PortEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * ContainerSummary's and PortEntry's equals and hashCode, written out rather than a record's own (which spin method
 * handles at their first call): the same meaning, every component equal, so that a container keys a map as before.
 */
class ContainerSummaryEqualityTest {

    private static final PortEntry PORT = new PortEntry("0.0.0.0", 8000, 8002, "tcp");

    private static ContainerSummary summary(String id, List<String> names, Map<String, String> labels,
            List<PortEntry> ports, String state, String status, String image, String networkMode, String health,
            long created) {
        return new ContainerSummary(id, names, labels, ports, state, status, image, networkMode, health, created);
    }

    private static ContainerSummary base() {
        return summary("a".repeat(64), List.of("shop-api-1"), Map.of("com.docker.compose.service", "api"),
                List.of(PORT), "running", "Up 1 minute (healthy)", "shop/api", "shop_default", "healthy", 100);
    }

    @Test
    void summariesWithEveryComponentEqualAreEqualWithOneHash() {
        ContainerSummary copy = summary(new String("a".repeat(64)), new ArrayList<>(List.of("shop-api-1")),
                new java.util.HashMap<>(Map.of("com.docker.compose.service", "api")),
                List.of(new PortEntry("0.0.0.0", 8000, 8002, "tcp")), "running", "Up 1 minute (healthy)", "shop/api",
                "shop_default", "healthy", 100);

        assertThat(copy).isEqualTo(base()).hasSameHashCodeAs(base());
        assertThat(base()).isEqualTo(base()).isNotEqualTo(null).isNotEqualTo("a".repeat(64));
    }

    @Test
    void summariesThatDifferInAnyOneComponentAreNotEqual() {
        ContainerSummary base = base();
        List<ContainerSummary> others = List.of(
                summary("b".repeat(64), base.names(), base.labels(), base.ports(), "running", base.status(),
                        base.image(), base.networkMode(), "healthy", 100),
                summary(base.id(), List.of("shop-api-2"), base.labels(), base.ports(), "running", base.status(),
                        base.image(), base.networkMode(), "healthy", 100),
                summary(base.id(), base.names(), Map.of(), base.ports(), "running", base.status(), base.image(),
                        base.networkMode(), "healthy", 100),
                summary(base.id(), base.names(), base.labels(), List.of(), "running", base.status(), base.image(),
                        base.networkMode(), "healthy", 100),
                summary(base.id(), base.names(), base.labels(), base.ports(), "exited", base.status(), base.image(),
                        base.networkMode(), "healthy", 100),
                summary(base.id(), base.names(), base.labels(), base.ports(), "running", "Up 2 minutes", base.image(),
                        base.networkMode(), "healthy", 100),
                summary(base.id(), base.names(), base.labels(), base.ports(), "running", base.status(), "shop/web",
                        base.networkMode(), "healthy", 100),
                summary(base.id(), base.names(), base.labels(), base.ports(), "running", base.status(), base.image(),
                        "host", "healthy", 100),
                summary(base.id(), base.names(), base.labels(), base.ports(), "running", base.status(), base.image(),
                        base.networkMode(), "starting", 100),
                summary(base.id(), base.names(), base.labels(), base.ports(), "running", base.status(), base.image(),
                        base.networkMode(), "healthy", 101));

        for (ContainerSummary other : others) {
            assertThat(other).isNotEqualTo(base);
            assertThat(base).isNotEqualTo(other);
            assertThat(other.hashCode()).as("%s", other).isNotEqualTo(base.hashCode());
        }
    }

    @Test
    void portEntriesAreEqualExactlyWhenEveryComponentIs() {
        assertThat(new PortEntry("0.0.0.0", 8000, 8002, "tcp")).isEqualTo(PORT).hasSameHashCodeAs(PORT)
                .isNotEqualTo(null).isNotEqualTo("0.0.0.0");
        for (PortEntry other : List.of(new PortEntry("::", 8000, 8002, "tcp"), new PortEntry("0.0.0.0", 8001, 8002,
                "tcp"), new PortEntry("0.0.0.0", 8000, 8003, "tcp"), new PortEntry("0.0.0.0", 8000, 8002, "udp"),
                new PortEntry(null, 8000, 8002, "tcp"))) {
            assertThat(other).isNotEqualTo(PORT);
            assertThat(PORT).isNotEqualTo(other);
            assertThat(other.hashCode()).as("%s", other).isNotEqualTo(PORT.hashCode());
        }
        assertThat(new PortEntry(null, 1, 2, null)).isEqualTo(new PortEntry(null, 1, 2, null))
                .hasSameHashCodeAs(new PortEntry(null, 1, 2, null));
    }
}
