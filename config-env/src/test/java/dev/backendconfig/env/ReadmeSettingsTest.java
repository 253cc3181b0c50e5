package dev.backendconfig.env;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backendconfig.testsupport.ReadmeSettings;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The user's manual (docs/settings.md): its table of provider env's settings is the one the provider declares. */
class ReadmeSettingsTest {

    @Test
    void theReadmeTableOfProviderEnvsSettingsIsTheDeclaredOne() throws IOException {
        assertThat(ReadmeSettings.rows("config-env"))
                .containsExactlyElementsOf(ReadmeSettings.expected(new EnvEndpointProvider().settings(),
                        new EnvEndpointProvider().serviceSettings()));
    }
}
