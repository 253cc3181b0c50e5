package dev.backendconfig.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.api.spi.Setting;
import dev.backendconfig.testsupport.FixedProvider;
import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.toolkit.Origin;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report lists the settings that are set, never a value that may be a password. */
class ReportSettingNotesTest {

    private static final Setting<String> TOKEN = Setting.text("acme.api-token", null, "Token.");
    private static final Setting<Integer> PORT = Setting.integer("acme.port", null, 1, 10, "Port.");
    private static final Setting<String> NAME = Setting.text("acme.name", null, "Name.");

    /** Declares the settings; refuses the value of acme.name when {@code refusesName}, as a provider may. */
    static final class AcmeProvider extends FixedProvider {
        AcmeProvider(boolean refusesName) {
            super("acme", 100, context -> {
                if (refusesName) {
                    throw new InvalidInputException(context.settings().origin(NAME), "no such shop");
                }
                return ProviderResult.found(ServiceEndpoint.builder("acme")
                        .http(URI.create("http://localhost:8002"), Origin.other("test")).build(), "fixed");
            });
        }

        @Override
        public List<Setting<?>> settings() {
            return List.of(TOKEN, PORT, NAME);
        }
    }

    private static ResolutionContext context(Map<String, String> settings) {
        return ResolutionContext.builder().environment(Map.of()).systemProperties(Map.of())
                .settings(settings, "the test").build();
    }

    @Test
    void aSecretNamedSettingIsMasked() {
        Resolution resolution = ServiceResolver.of(List.of(new AcmeProvider(false)))
                .resolve(context(Map.of("acme.api-token", "s3cr3t", "acme.port", "7", "acme.name", "shop")));
        assertThat(resolution.report().notes()).containsExactlyInAnyOrder(
                "setting acme.api-token=*** (given to the test)",
                "setting acme.name=shop (given to the test)",
                "setting acme.port=7 (given to the test)");
        assertThat(resolution.report().render()).doesNotContain("s3cr3t");
    }

    @Test
    void theValueAResolutionStoppedOnIsNotShown() {
        InvalidConfigurationException stopped = catchThrowableOfType(() -> ServiceResolver.of(
                List.of(new AcmeProvider(true))).resolve(context(Map.of("acme.name", "hunter2", "acme.port", "7"))),
                InvalidConfigurationException.class);
        assertThat(stopped.report().notes()).containsExactlyInAnyOrder(
                "setting acme.name=(the value found invalid; not shown) (given to the test)",
                "setting acme.port=7 (given to the test)");
        assertThat(stopped.getMessage() + stopped.report().render()).doesNotContain("hunter2");
    }

    @Test
    void aSecretNamedSettingsPassphraseOfSeveralWordsIsMaskedWhole() {
        Resolution resolution = ServiceResolver.of(List.of(new AcmeProvider(false)))
                .resolve(context(Map.of("acme.api-token", "correct horse battery staple")));
        assertThat(resolution.report().notes()).containsExactly("setting acme.api-token=*** (given to the test)");
        assertThat(resolution.report().render()).doesNotContain("horse").doesNotContain("staple");
    }
}
