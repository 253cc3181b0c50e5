package dev.backendconfig.junit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backendconfig.testsupport.ReadmeSettings;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The manual (docs/settings.md): its table of the JUnit extension's settings is the one the extension declares. */
class ReadmeSettingsTest {

    @Test
    void theReadmeTableOfTheJunitExtensionsSettingsIsTheDeclaredOne() throws IOException {
        assertThat(ReadmeSettings.rows("config-junit")).containsExactlyElementsOf(
                ReadmeSettings.expected(new JunitSettings().settings()));
    }
}
