package dev.backendconfig.api.testing;

import dev.backendconfig.api.spi.EndpointProvider;
import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.ResolutionContext;

/** A provider whose constructor throws, as one with a missing optional dependency would. */
public final class ThrowingConstructorProvider implements EndpointProvider {

    /** Fail as a provider does whose optional dependency is missing. */
    public ThrowingConstructorProvider() {
        throw new IllegalStateException("optional dependency com.example.Missing is not on the classpath");
    }

    @Override
    public String id() {
        return "throwing";
    }

    @Override
    public int priority() {
        return 1;
    }

    @Override
    public ProviderResult resolve(ResolutionContext context) {
        return ProviderResult.skipped("never constructed");
    }
}
