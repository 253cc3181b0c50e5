package dev.backendconfig.junit.internal;

import dev.backendconfig.api.spi.Setting;
import dev.backendconfig.api.internal.spi.SettingsContributor;
import dev.backendconfig.junit.OnMissing;
import java.util.List;

/** The settings the JUnit extension reads, declared so that the resolver knows them. */
public final class JunitSettings implements SettingsContributor {

    /** What the JUnit extension does when no backend is found: fail or skip ({@link OnMissing#SETTING} is not a value). */
    public static final Setting<OnMissing> ON_MISSING = Setting.choice("junit.on-missing",
            List.of(OnMissing.FAIL, OnMissing.SKIP), OnMissing.FAIL,
            "What the JUnit extension does when no backend is found: fail the test, or skip"
                    + " (abort) it. Also read as the JUnit configuration parameter backendconfig.junit.on-missing"
                    + " (junit-platform.properties).");

    /** The JUnit configuration parameter that sets {@link #ON_MISSING} when no setting source does. */
    public static final String ON_MISSING_PARAMETER = "backendconfig." + ON_MISSING.key();

    /** Create the contributor, as {@link java.util.ServiceLoader} does. */
    public JunitSettings() {
        // stateless
    }

    @Override
    public String owner() {
        return "junit";
    }

    @Override
    public List<Setting<?>> settings() {
        return List.of(ON_MISSING);
    }
}
