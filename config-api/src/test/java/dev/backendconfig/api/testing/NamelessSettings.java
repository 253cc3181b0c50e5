package dev.backendconfig.api.testing;

import dev.backendconfig.api.spi.Setting;
import dev.backendconfig.api.spi.SettingsOwner;
import java.util.List;

/** A settings owner whose id() throws, as a broken one of a user's own module would. */
public final class NamelessSettings implements SettingsOwner {

    @Override
    public String id() {
        throw new IllegalStateException("no id today");
    }

    @Override
    public List<Setting<?>> settings() {
        return List.of(Setting.text("nameless.key", null, "Never known."));
    }
}
