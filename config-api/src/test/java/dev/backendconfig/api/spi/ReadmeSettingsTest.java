package dev.backendconfig.api.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backendconfig.api.internal.CoreSettings;
import dev.backendconfig.testsupport.ReadmeSettings;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The user's manual (docs/settings.md): its table of the core's settings is the one the code declares. */
class ReadmeSettingsTest {

    @Test
    void theReadmeTableOfTheCoreSettingsIsTheDeclaredOne() throws IOException {
        assertThat(ReadmeSettings.rows("config-api")).containsExactlyElementsOf(ReadmeSettings.expected(CoreSettings.ALL,
                        CoreSettings.SERVICE_SETTINGS));
    }
}
