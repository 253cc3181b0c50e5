package dev.backendconfig.api.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backendconfig.api.ServiceEndpoint;
import dev.backendconfig.toolkit.Origin;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a provider's answer accepts and how it is copied: the rules every provider's result is held to. */
class ProviderResultTest {

    private static final ServiceEndpoint BACKEND = ServiceEndpoint.builder("test")
            .http(URI.create("http://localhost:8002"), Origin.other("a test")).build();

    @Test
    void aFoundResultWithoutAnyEndpointIsRefused() {
        assertThatThrownBy(() -> new ProviderResult.Found(Map.of(), Map.of(), "looked", Map.of(), List.of(), ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a found result needs at least one endpoint");
    }

    @Test
    void aNullNextStepReadsAsNoNextStepForEveryKindOfResult() {
        assertThat(new ProviderResult.Found(Map.of("backend", BACKEND), Map.of(), "found", Map.of(), List.of(), null)
                .nextStep()).isEmpty();
        assertThat(new ProviderResult.Skipped("nothing set", List.of(), null).nextStep()).isEmpty();
        assertThat(new ProviderResult.Unavailable("engine down", List.of(), null).nextStep()).isEmpty();
    }

    @Test
    void aMissingOrBlankReasonIsRefusedWithWhatAReasonIsFor() {
        assertThatThrownBy(() -> ProviderResult.skipped(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a provider result needs a reason a person can read");
        assertThatThrownBy(() -> ProviderResult.unavailable(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a provider result needs a reason a person can read");
    }

    @Test
    void aNextStepAddedToAResultKeepsItsKindReasonAndNotes() {
        ProviderResult skipped = ProviderResult.skipped("nothing set").withNextStep("set TEST_BACKEND_URL");
        assertThat(skipped).isEqualTo(new ProviderResult.Skipped("nothing set", List.of(), "set TEST_BACKEND_URL"));
        ProviderResult unavailable = ProviderResult.unavailable("engine down").withNextStep("start it");
        assertThat(unavailable).isEqualTo(new ProviderResult.Unavailable("engine down", List.of(), "start it"));
        ProviderResult found = ProviderResult.found(BACKEND, "set").withNextStep("nothing");
        assertThat(found).isInstanceOf(ProviderResult.Found.class);
        assertThat(found.nextStep()).isEqualTo("nothing");
        assertThat(((ProviderResult.Found) found).endpoint()).isEqualTo(BACKEND);
    }

    @Test
    void theBackendsEndpointOfAResultThatFoundOnlyOtherServicesIsRefusedNamingWhatWasFound() {
        ProviderResult.Found auth = new ProviderResult.Found(Map.of("auth", BACKEND), Map.of("backend", "not set"),
                "found auth", Map.of(), List.of(), "");
        assertThatThrownBy(auth::endpoint).isInstanceOf(java.util.NoSuchElementException.class)
                .hasMessage("no endpoint for service backend (found: [auth])");
        assertThat(auth.endpoints()).containsEntry("auth", BACKEND);
    }
}
