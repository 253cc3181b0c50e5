package dev.backendconfig.testsupport;

import dev.backendconfig.api.spi.ServiceSetting;
import dev.backendconfig.api.spi.Setting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The manual's settings tables ({@code docs/settings.md}), one per module, each after a line
 * {@code <!-- settings: MODULE -->}: what a module's test compares with the settings its code declares, so that the
 * user's manual cannot drift from the code.
 */
public final class ReadmeSettings {

    /** The manual's page of settings, seen from a module directory (where Surefire runs the tests). */
    public static final Path SETTINGS_PAGE = Path.of("../docs/settings.md");

    private ReadmeSettings() {
    }

    /**
     * Return the body rows of the table that follows {@code <!-- settings: module -->} in the settings page.
     *
     * @throws IllegalStateException when the settings page has no such marker, or no table after it
     */
    public static List<String> rows(String module) throws IOException {
        List<String> lines = Files.readAllLines(SETTINGS_PAGE);
        int marker = lines.indexOf("<!-- settings: " + module + " -->");
        if (marker < 0) {
            throw new IllegalStateException(SETTINGS_PAGE + " has no line <!-- settings: " + module + " -->");
        }
        List<String> rows = new ArrayList<>();
        int line = marker + 1;
        while (line < lines.size() && lines.get(line).isBlank()) {
            line++;
        }
        for (; line < lines.size() && lines.get(line).startsWith("|"); line++) {
            rows.add(lines.get(line));
        }
        if (rows.size() < 2) {
            throw new IllegalStateException(SETTINGS_PAGE + ": no table after <!-- settings: " + module + " -->");
        }
        return rows.subList(2, rows.size());
    }

    /** Return the rows the settings page must show for these settings: key, default (or "(none)") and description. */
    public static List<String> expected(List<Setting<?>> settings) {
        return expected(settings, List.of());
    }

    /**
     * Return the rows the settings page must show for these settings, then for these per-service settings (key
     * {@code services.<name>.<suffix>}, the default with {@code <NAME>} in it).
     */
    public static List<String> expected(List<Setting<?>> settings, List<ServiceSetting<?>> serviceSettings) {
        List<String> rows = new ArrayList<>(settings.stream().map(setting -> "| `" + setting.key() + "` | "
                + setting.defaultValue().map(value -> "`" + value + "`").orElse("(none)") + " | "
                + setting.description() + " |").toList());
        serviceSettings.forEach(setting -> rows.add("| `" + setting.keyPattern() + "` | "
                + setting.defaultTemplate().map(value -> "`" + value + "`").orElse("(none)") + " | "
                + setting.description() + setting.backendSetting().map(backend -> " The backend reads `"
                        + backend.key() + "`.").orElse("") + " |"));
        return rows;
    }
}
