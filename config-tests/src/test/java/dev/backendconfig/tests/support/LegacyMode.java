package dev.backendconfig.tests.support;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Reads the switch {@code -Dbackendconfig.tests.legacy=true} once, when the test run starts, and removes it from
 * the system properties: it is a switch of this test module, not a setting of the library, which would rightly
 * report it as an unknown setting under its prefix.
 */
public final class LegacyMode implements LauncherSessionListener {

    /** The system property that switches the suite's context to the pre-fix one. */
    public static final String PROPERTY = "backendconfig.tests.legacy";

    private static volatile boolean legacy = Boolean.getBoolean(PROPERTY);

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        legacy = Boolean.getBoolean(PROPERTY);
        System.clearProperty(PROPERTY);
    }

    /** Tell whether this run tests the pre-fix context. */
    public static boolean active() {
        return legacy;
    }
}
