package dev.backendconfig.tests.support;

import dev.backendconfig.testsupport.FixedProvider;

/**
 * A custom provider registered through this module's test {@code META-INF/services}, as a user registers theirs:
 * priority 250, between env and docker; it answers when variable {@code FIXTURE_250_URL} is set.
 */
public final class Priority250Provider extends FixedProvider {

    /** The provider's id. */
    public static final String ID = "fixture-250";

    /** Create it, as ServiceLoader does. */
    public Priority250Provider() {
        super(ID, 250, urlFromVariable(ID, "FIXTURE_250_URL"));
    }
}
