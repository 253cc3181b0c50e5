package dev.backendconfig.testsupport;

import dev.backendconfig.api.ServiceEndpoint;
import dev.backendconfig.api.spi.EndpointProvider;
import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.toolkit.Origin;
import java.net.URI;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A provider that counts resolutions across all its instances and takes a little time, so that concurrent callers
 * really overlap. Tests register it through a services file; while {@link #ACTIVE} is false it skips (for modules
 * that register it for every test).
 */
public final class CountingProvider implements EndpointProvider {

    /** Resolutions so far, across instances. */
    public static final AtomicInteger RESOLUTIONS = new AtomicInteger();

    /** Whether it answers; when false it skips without counting. */
    public static final AtomicBoolean ACTIVE = new AtomicBoolean(true);

    @Override
    public String id() {
        return "counting";
    }

    @Override
    public int priority() {
        return 150;
    }

    @Override
    public ProviderResult resolve(ResolutionContext context) {
        if (!ACTIVE.get()) {
            return ProviderResult.skipped("CountingProvider.ACTIVE is false");
        }
        int number = RESOLUTIONS.incrementAndGet();
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ProviderResult.found(ServiceEndpoint.builder(id())
                .http(URI.create("http://localhost:" + (9000 + number)), Origin.other("resolution " + number)).build(),
                "resolution number " + number);
    }
}
