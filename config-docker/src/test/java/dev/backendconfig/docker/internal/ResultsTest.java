package dev.backendconfig.docker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backendconfig.api.ServiceEndpoint;
import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.toolkit.Origin;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The engine's line leads a result's notes, whatever the result, which keeps everything else it says. */
class ResultsTest {

    @Test
    void aFoundResultKeepsItsEndpointsMissingServicesReasonsAndNextStep() {
        ServiceEndpoint backend = ServiceEndpoint.builder("docker").http(URI.create("http://localhost:8002"),
                Origin.other("test")).build();
        ProviderResult.Found found = new ProviderResult.Found(Map.of("backend", backend), Map.of("auth", "stopped"),
                "found", Map.of("backend", "its name"), List.of("later"), "start auth");
        assertThat(Results.withFirstNote(found, "engine: docker")).isEqualTo(new ProviderResult.Found(
                Map.of("backend", backend), Map.of("auth", "stopped"), "found", Map.of("backend", "its name"),
                List.of("engine: docker", "later"), "start auth"));
    }

    @Test
    void aSkippedOrUnavailableResultKeepsItsReasonAndNextStep() {
        assertThat(Results.withFirstNote(new ProviderResult.Skipped("no compose", List.of("a"), "set x"), "engine"))
                .isEqualTo(new ProviderResult.Skipped("no compose", List.of("engine", "a"), "set x"));
        assertThat(Results.withFirstNote(new ProviderResult.Unavailable("down", List.of(), "start it"), "engine"))
                .isEqualTo(new ProviderResult.Unavailable("down", List.of("engine"), "start it"));
    }
}
