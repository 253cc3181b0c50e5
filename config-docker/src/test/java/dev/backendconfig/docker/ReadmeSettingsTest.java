package dev.backendconfig.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backendconfig.testsupport.ReadmeSettings;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The user's manual (docs/settings.md): its table of provider docker's settings is the one the provider declares. */
class ReadmeSettingsTest {

    @Test
    void theReadmeTableOfProviderDockersSettingsIsTheDeclaredOne() throws IOException {
        assertThat(ReadmeSettings.rows("config-docker"))
                .containsExactlyElementsOf(ReadmeSettings.expected(new DockerEndpointProvider().settings(),
                        new DockerEndpointProvider().serviceSettings()));
    }
}
