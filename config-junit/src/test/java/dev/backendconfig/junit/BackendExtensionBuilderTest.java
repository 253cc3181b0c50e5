package dev.backendconfig.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backendconfig.api.ProbeKind;
import dev.backendconfig.api.ServiceResolver;
import dev.backendconfig.junit.internal.JunitSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The builder of {@code @RegisterExtension} chains on one builder and refuses nulls by name. */
class BackendExtensionBuilderTest {

    @Test
    void everyStepReturnsTheSameBuilderAndBuildGivesAnExtension() {
        BackendExtension.Builder builder = BackendExtension.builder();
        assertThat(builder.onMissing(OnMissing.SKIP)).isSameAs(builder);
        assertThat(builder.setting("providers", "env")).isSameAs(builder);
        assertThat(builder.requireReachable(ProbeKind.TCP, "")).isSameAs(builder);
        assertThat(builder.build()).isInstanceOf(BackendExtension.class).isNotSameAs(builder.build());
        assertThat(BackendExtension.builder()).isNotSameAs(builder);
    }

    @Test
    void nullsAreRefusedByName() {
        BackendExtension.Builder builder = BackendExtension.builder();
        assertThatThrownBy(() -> builder.onMissing(null)).hasMessage("onMissing");
        assertThatThrownBy(() -> builder.setting(null, "x")).hasMessage("key");
        assertThatThrownBy(() -> builder.setting("providers", null)).hasMessage("value");
        assertThatThrownBy(() -> builder.requireReachable(null, "")).hasMessage("kind");
        assertThatThrownBy(() -> builder.requireReachable(ProbeKind.HTTP, null)).hasMessage("path");
    }

    @Test
    void theJunitSettingsAreOwnedByTheJunitModule() {
        assertThat(new JunitSettings().id()).isEqualTo("junit");
        assertThat(new JunitSettings().settings()).containsExactly(JunitSettings.ON_MISSING);
        assertThat(ServiceResolver.create().settingsByOwner()).as("the settings the resolver knows, by owner")
                .containsEntry("junit", List.of(JunitSettings.ON_MISSING));
    }
}
