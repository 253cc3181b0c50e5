package dev.backendconfig.junit.internal;

import dev.backendconfig.api.spi.Setting;
import dev.backendconfig.api.spi.SettingsOwner;
import dev.backendconfig.junit.OnMissing;
import java.util.List;

/**
 * The settings the JUnit extension reads, declared so that the resolver knows them: the extension is not a provider,
 * so it declares them as a {@link SettingsOwner} of its own
 * ({@code META-INF/services/dev.backendconfig.api.spi.SettingsOwner}).
 */
public final class JunitSettings implements SettingsOwner {

    /** What the JUnit extension does when no backend is found: fail or skip ({@link OnMissing#SETTING} is not a value). */
    public static final Setting<OnMissing> ON_MISSING = Setting.choice("junit.on-missing",
            List.of(OnMissing.FAIL, OnMissing.SKIP), OnMissing.FAIL,
            "What the JUnit extension does when no backend is found: fail the test, or skip"
                    + " (abort) it. Also read as the JUnit configuration parameter backendconfig.junit.on-missing"
                    + " (junit-platform.properties).");

    /** The JUnit configuration parameter that sets {@link #ON_MISSING} when no setting source does. */
    public static final String ON_MISSING_PARAMETER = "backendconfig." + ON_MISSING.key();

    /** Create the declaration, as {@link java.util.ServiceLoader} does. */
    public JunitSettings() {
        // stateless
    }

    @Override
    public String id() {
        return "junit";
    }

    @Override
    public List<Setting<?>> settings() {
        return List.of(ON_MISSING);
    }
}
