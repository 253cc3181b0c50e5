package dev.backendconfig.api.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README is the user's manual: every core setting is in its table, with its real default. */
class ReadmeSettingsTest {

    @Test
    void everyBuiltInSettingIsListedWithItsDefault() throws IOException {
        List<String> rows = Files.readAllLines(Path.of("../README.md")).stream()
                .filter(line -> line.startsWith("| `")).toList();
        for (Setting<?> setting : CoreSettings.ALL) {
            String start = "| `" + setting.key() + "` | "
                    + setting.defaultValue().map(value -> "`" + value + "` |").orElse("(");
            assertThat(rows).as("README row for setting %s", setting.key()).anyMatch(row -> row.startsWith(start));
        }
    }
}
