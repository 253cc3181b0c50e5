package dev.backendconfig.testsupport;

import dev.backendconfig.api.ServiceEndpoint;
import dev.backendconfig.api.spi.EndpointProvider;
import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.toolkit.Origin;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A provider for resolver tests: an id, a priority, and a function that answers; it counts its calls. To register
 * one through {@code META-INF/services}, as a user registers a provider, subclass it with a public no-argument
 * constructor, for example answering with {@link #urlFromVariable(String, String)}.
 */
public class FixedProvider implements EndpointProvider {

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

    /**
     * Return an answer that finds the URL in variable {@code variable} when it is set, and skips when it is not.
     *
     * @param id the id of the provider that answers (the endpoint's source)
     * @param variable the variable to read
     */
    public static Function<ResolutionContext, ProviderResult> urlFromVariable(String id, String variable) {
        return context -> context.variable(variable)
                .<ProviderResult>map(url -> ProviderResult.found(ServiceEndpoint.builder(id)
                        .http(URI.create(url), Origin.variable(variable)).build(), variable + " is set"))
                .orElseGet(() -> ProviderResult.skipped(variable + " is not set"));
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
