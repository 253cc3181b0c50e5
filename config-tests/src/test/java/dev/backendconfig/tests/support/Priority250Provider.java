package dev.backendconfig.tests.support;

import dev.backendconfig.api.BackendEndpoint;
import dev.backendconfig.api.spi.BackendEndpointProvider;
import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.Origin;
import dev.backendconfig.api.spi.ResolutionContext;
import java.net.URI;

/**
 * A custom provider registered through this module's test {@code META-INF/services}, as a user registers theirs:
 * priority 250, between env and docker; it answers when variable {@code FIXTURE_250_URL} is set.
 */
public final class Priority250Provider implements BackendEndpointProvider {

    /** The provider's id. */
    public static final String ID = "fixture-250";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int priority() {
        return 250;
    }

    @Override
    public ProviderResult resolve(ResolutionContext context) {
        return context.variable("FIXTURE_250_URL")
                .<ProviderResult>map(url -> ProviderResult.found(BackendEndpoint.builder(ID)
                        .http(URI.create(url), Origin.variable("FIXTURE_250_URL")).build(), "FIXTURE_250_URL is set"))
                .orElseGet(() -> ProviderResult.skipped("FIXTURE_250_URL is not set"));
    }

    @Override
    public String hint() {
        return "set FIXTURE_250_URL (a test provider of config-tests)";
    }
}
