package dev.backendconfig.testsupport;

import dev.backendconfig.api.spi.BackendEndpointProvider;
import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.ResolutionContext;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** A provider for resolver tests: an id, a priority, and a function that answers; it counts its calls. */
public final class FixedProvider implements BackendEndpointProvider {

    private final String id;
    private final int priority;
    private final Function<ResolutionContext, ProviderResult> answer;
    private final AtomicInteger calls = new AtomicInteger();

    /** Create a provider that answers with {@code answer}. */
    public FixedProvider(String id, int priority, Function<ResolutionContext, ProviderResult> answer) {
        this.id = id;
        this.priority = priority;
        this.answer = answer;
    }

    /** Return how often {@link #resolve} was called. */
    public int calls() {
        return calls.get();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public int priority() {
        return priority;
    }

    @Override
    public ProviderResult resolve(ResolutionContext context) {
        calls.incrementAndGet();
        return answer.apply(context);
    }

    @Override
    public String hint() {
        return "configure " + id;
    }
}
