package dev.backendconfig.staging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backendconfig.testsupport.ReadmeSettings;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The user's manual (docs/settings.md): its table of provider staging's settings is the one the provider declares. */
class ReadmeSettingsTest {

    @Test
    void theReadmeTableOfProviderStagingsSettingsIsTheDeclaredOne() throws IOException {
        assertThat(ReadmeSettings.rows("config-staging"))
                .containsExactlyElementsOf(ReadmeSettings.expected(new StagingEndpointProvider().settings(),
                        new StagingEndpointProvider().serviceSettings()));
    }
}
