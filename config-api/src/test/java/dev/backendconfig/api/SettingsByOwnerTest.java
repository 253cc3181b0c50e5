package dev.backendconfig.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backendconfig.api.internal.CoreSettings;
import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.api.spi.Setting;
import dev.backendconfig.api.spi.SettingsOwner;
import dev.backendconfig.api.testing.ExtensionSettings;
import dev.backendconfig.api.testing.NamelessSettings;
import dev.backendconfig.api.testing.ServiceFiles;
import dev.backendconfig.testkit.RecordingLogs;
import dev.backendconfig.testsupport.CountingProvider;
import dev.backendconfig.testsupport.FixedProvider;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.event.Level;

/**
 * The settings the resolver knows, by owner: its own, each provider's, and those of a module that is not a provider
 * (the JUnit extension), declared through {@code META-INF/services/dev.backendconfig.api.spi.SettingsOwner}.
 */
class SettingsByOwnerTest {

    @TempDir
    Path directory;

    private static FixedProvider declaring(String id, int priority, Setting<?> setting) {
        return new FixedProvider(id, priority, context -> ProviderResult.skipped("not asked here")) {
            @Override
            public List<Setting<?>> settings() {
                return List.of(setting);
            }
        };
    }

    private ClassLoader providerAndOwners(String... owners) throws Exception {
        ServiceFiles.loaderListing(directory, SettingsOwner.class, owners);
        return ServiceFiles.loaderListing(directory, CountingProvider.class.getName());
    }

    @Test
    void theCoreComesFirstThenEachProviderHighestPriorityFirst() {
        Setting<String> low = Setting.text("low.key", null, "Low.");
        Setting<String> high = Setting.text("high.key", null, "High.");
        ServiceResolver resolver = ServiceResolver.of(List.of(declaring("low", 100, low), declaring("high", 300, high)));
        assertThat(resolver.settingsByOwner()).containsExactly(Map.entry("core", CoreSettings.ALL),
                Map.entry("high", List.of(high)), Map.entry("low", List.of(low)));
    }

    @Test
    void aModuleThatIsNotAProviderDeclaresItsSettingsThroughItsServicesFileAndComesLast() throws Exception {
        ServiceResolver resolver = ServiceResolver.create(providerAndOwners(ExtensionSettings.class.getName()));
        assertThat(resolver.settingsByOwner()).containsExactly(Map.entry("core", CoreSettings.ALL),
                Map.entry("counting", List.of()), Map.entry("extension", List.of(ExtensionSettings.MODE)));
        assertThat(resolver.providers()).extracting(provider -> provider.id()).containsExactly("counting");
    }

    @Test
    void aSettingOfAModuleThatIsNotAProviderIsKnownToTheResolver() throws Exception {
        ResolutionContext context = ResolutionContext.builder().settings(Map.of("extension.mode", "loud")).build();
        assertThat(ServiceResolver.create(providerAndOwners(ExtensionSettings.class.getName())).resolve(context)
                .endpoint().source()).isEqualTo("counting");
        assertThatThrownBy(() -> ServiceResolver.create(providerAndOwners()).resolve(context))
                .isInstanceOfSatisfying(InvalidConfigurationException.class,
                        e -> assertThat(e.code()).isEqualTo("BCFG00010"))
                .hasMessageContaining("extension.mode");
    }

    @Test
    void anOwnerWithoutAnIdIsLoggedAndLeftOutAndTheOthersStayKnown() throws Exception {
        RecordingLogs.clear();
        ServiceResolver resolver = ServiceResolver.create(providerAndOwners(NamelessSettings.class.getName(),
                ExtensionSettings.class.getName()));
        assertThat(resolver.settingsByOwner()).containsOnlyKeys("core", "counting", "extension");
        assertThat(RecordingLogs.events(Level.WARN)).extracting(RecordingLogs.Event::message)
                .contains(NamelessSettings.class.getName() + " could not give its id: IllegalStateException:"
                        + " no id today");
    }

    @Test
    void theSettingsByOwnerCannotBeChanged() {
        Map<String, List<Setting<?>>> owners = ServiceResolver.of(List.of()).settingsByOwner();
        assertThatThrownBy(() -> owners.put("mine", List.of())).isInstanceOf(UnsupportedOperationException.class);
    }
}
