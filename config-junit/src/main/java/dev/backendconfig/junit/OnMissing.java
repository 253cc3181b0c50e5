package dev.backendconfig.junit;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * What a test does when no backend is found: the choice of {@link BackendTest#onMissing()}, of the extension's builder,
 * and, as {@code fail} or {@code skip}, of setting {@code junit.on-missing}.
 */
@API(status = STABLE, since = "1.0")
public enum OnMissing {
    /** Follow setting {@code junit.on-missing} (default {@code fail}); not a value of the setting itself. */
    SETTING,
    /** Fail, with the whole report as the message: a suite that silently skips everything is the worst outcome. */
    FAIL,
    /** Abort (skip) the test, with the whole report as the reason. */
    SKIP
}
