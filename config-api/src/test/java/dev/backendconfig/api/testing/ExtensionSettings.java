package dev.backendconfig.api.testing;

import dev.backendconfig.api.spi.Setting;
import dev.backendconfig.api.spi.SettingsOwner;
import java.util.List;

/** A module that reads a setting but is not a provider, as the JUnit extension is: it declares its setting alone. */
public final class ExtensionSettings implements SettingsOwner {

    /** The one setting it reads. */
    public static final Setting<String> MODE = Setting.text("extension.mode", "quiet", "How the extension talks.");

    @Override
    public String id() {
        return "extension";
    }

    @Override
    public List<Setting<?>> settings() {
        return List.of(MODE);
    }
}
