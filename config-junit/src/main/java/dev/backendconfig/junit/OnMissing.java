package dev.backendconfig.junit;

/** What a test does when no backend is found. */
public enum OnMissing {
    /** Follow setting {@code junit.on-missing} (default {@code fail}). */
    SETTING,
    /** Fail, with the whole report as the message: a suite that silently skips everything is the worst outcome. */
    FAIL,
    /** Abort (skip) the test, with the whole report as the reason. */
    SKIP
}
