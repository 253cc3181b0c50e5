package dev.backendconfig.api;

import static org.apiguardian.api.API.Status.STABLE;

import dev.backendconfig.api.spi.ResolutionContext;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * What tests use: the backend's URLs, resolved once per JVM.
 *
 * <pre>{@code
 * URI api = TestContext.get().backendUrl();
 * URI chat = TestContext.get().webSocketUrl("/ws/chat");
 * }</pre>
 *
 * <p>{@link #get()} resolves lazily on first use, once, however many threads ask at the same time, and keeps
 * that one outcome, found or not, so that a thousand tests do not each wait out a probe. {@link #reset()}
 * forgets it. {@link #resolve(Map)} makes an isolated context that is not shared.
 */
@API(status = STABLE, since = "1.0")
public final class TestContext {

    private static final Object LOCK = new Object();
    private static volatile Shared shared;

    private final Resolution resolution;

    /** The one outcome {@link #get()} keeps, and the context made of it when it is a resolution (else null). */
    private record Shared(ResolutionOutcome outcome, TestContext context) {
        static Shared of(ResolutionOutcome outcome) {
            return new Shared(outcome, outcome.fold(TestContext::new, notFound -> null, invalid -> null,
                    broken -> null));
        }

        TestContext contextOrThrow() {
            outcome.orElseThrow();
            return context;
        }
    }

    private TestContext(Resolution resolution) {
        this.resolution = Objects.requireNonNull(resolution, "resolution");
    }

    /**
     * Return the JVM's shared context, resolving it on first use.
     *
     * @throws ServiceNotFoundException when no provider found the backend (every call, until {@link #reset()})
     * @throws InvalidConfigurationException when explicit configuration is wrong (likewise)
     * @throws ProviderFailedException when a provider broke (likewise)
     */
    public static TestContext get() {
        return shared().contextOrThrow();
    }

    /**
     * Return the JVM's shared outcome, resolving it on first use, without throwing: the outcome {@link #get()} keeps,
     * for a caller that handles a failure itself (the JUnit extension, which fails or skips its tests).
     */
    public static ResolutionOutcome outcome() {
        return shared().outcome();
    }

    private static Shared shared() {
        Shared kept = shared;
        if (kept == null) {
            synchronized (LOCK) {
                kept = shared;
                if (kept == null) {
                    kept = Shared.of(ServiceResolver.create().outcome());
                    shared = kept;
                }
            }
        }
        return kept;
    }

    /** Forget the shared outcome, so that the next {@link #get()} resolves again. */
    public static void reset() {
        synchronized (LOCK) {
            shared = null;
        }
    }

    /**
     * Resolve an isolated context from the real process with some settings overridden (keys without prefix,
     * for example {@code Map.of("providers", "staging")}); the shared context is not touched.
     */
    public static TestContext resolve(Map<String, String> settings) {
        ResolutionContext context = ResolutionContext.systemBuilder().settings(settings, "TestContext.resolve").build();
        return new TestContext(ServiceResolver.create().resolve(context));
    }


    /** Wrap a resolution made elsewhere (by a {@link ServiceResolver} with chosen providers, say). */
    public static TestContext of(Resolution resolution) {
        return new TestContext(resolution);
    }

    /** Return the backend's HTTP base URL. */
    public URI backendUrl() {
        return resolution.endpoint().http();
    }

    /** Return the backend's WebSocket URL. */
    public URI webSocketUrl() {
        return resolution.endpoint().webSocket();
    }

    /** Return the WebSocket URL with {@code path} joined by URI rules (see {@link ServiceEndpoint#webSocket(String)}). */
    public URI webSocketUrl(String path) {
        return resolution.endpoint().webSocket(path);
    }

    /** Return the whole endpoint, details included. */
    public ServiceEndpoint endpoint() {
        return resolution.endpoint();
    }

    /**
     * Return the endpoint of a service declared with setting {@code services} (or {@code backend}), found by the same
     * provider as the backend: {@code TestContext.get().service("auth").http()}.
     *
     * @throws IllegalArgumentException when no service of that name is declared (the message lists those that are)
     * @throws IllegalStateException when the service is optional and was not found (the message says why)
     */
    public ServiceEndpoint service(String name) {
        return resolution.service(name);
    }

    /**
     * Return the endpoint of a declared service; empty when it is optional and was not found.
     *
     * @throws IllegalArgumentException when no service of that name is declared
     */
    public Optional<ServiceEndpoint> findService(String name) {
        return resolution.findService(name);
    }

    /** Return the resolution behind this context. */
    public Resolution resolution() {
        return resolution;
    }

    /** Return the report explaining where the endpoint came from. */
    public ResolutionReport report() {
        return resolution.report();
    }

    @Override
    public String toString() {
        return "TestContext[" + resolution.endpoint() + "]";
    }

}
