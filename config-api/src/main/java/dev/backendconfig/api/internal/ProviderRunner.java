package dev.backendconfig.api.internal;

import dev.backendconfig.api.spi.EndpointProvider;
import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.toolkit.Deadline;
import dev.backendconfig.toolkit.OutsideText;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ask one provider on a thread of its own and wait no longer than the time budget left, so that a provider that
 * hangs cannot hold a test suite hostage. A provider that overruns is interrupted and given a short grace to end;
 * the built-in providers check for interruption as they go, so that no thread of theirs outlives the resolution.
 */
public final class ProviderRunner implements Callable<ProviderResult> {

    /** How long an interrupted provider is given to end before it is reported as still running. */
    static final Duration GRACE = Duration.ofMillis(200);

    /** How long a provider may take before the wait for it is logged. */
    static final Duration QUIET = Duration.ofSeconds(2);
    /** How often a long wait is logged again. */
    static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(ProviderRunner.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    /** What asking produced: a result, an exception the provider threw, or nothing within the budget. */
    public sealed interface Answer {
        /**
         * The provider answered.
         *
         * @param result its result
         */
        record Returned(ProviderResult result) implements Answer {
        }

        /**
         * The provider threw.
         *
         * @param exception what it threw
         */
        record Threw(Throwable exception) implements Answer {
        }

        /**
         * The provider did not answer within the time given.
         *
         * @param waited how long it was waited for
         * @param stopped whether it ended within the grace after being interrupted
         */
        record TimedOut(Duration waited, boolean stopped) implements Answer {
        }
    }

    private final EndpointProvider provider;
    private final ResolutionContext context;

    private ProviderRunner(EndpointProvider provider, ResolutionContext context) {
        this.provider = provider;
        this.context = context;
    }

    /** Resolve, on the provider's own thread. */
    @Override
    public ProviderResult call() {
        return provider.resolve(context);
    }

    /**
     * Ask {@code provider} to resolve, waiting at most what is left of the context's budget.
     *
     * @throws InterruptedException when the calling thread is interrupted while waiting
     */
    public static Answer ask(EndpointProvider provider, ResolutionContext context) throws InterruptedException {
        // a FutureTask on a thread of our own: what the provider returns or throws, without CompletableFuture, whose
        // class initialisation sets up the common ForkJoinPool in every first resolution for nothing; and this class
        // as its task rather than a lambda, whose first call would start the JDK's lambda machinery for this alone
        FutureTask<ProviderResult> answer = new FutureTask<>(new ProviderRunner(provider, context));
        Thread worker = new Thread(answer, "backend-config-" + provider.id() + "-" + THREADS.incrementAndGet());
        worker.setDaemon(true);
        worker.setContextClassLoader(Thread.currentThread().getContextClassLoader());
        Duration wait = context.remaining();
        worker.start();
        try {
            ProviderResult result = await(answer, provider, context);
            worker.join(GRACE.toMillis());
            if (result == null) {
                return new Answer.Threw(new IllegalStateException("resolve() returned null instead of a result"));
            }
            return new Answer.Returned(result);
        } catch (ExecutionException e) {
            worker.join(GRACE.toMillis());
            return new Answer.Threw(e.getCause());
        } catch (TimeoutException e) {
            worker.interrupt();
            worker.join(GRACE.toMillis());
            return new Answer.TimedOut(wait, !worker.isAlive());
        } catch (InterruptedException e) {
            worker.interrupt();
            try {
                worker.join(GRACE.toMillis());
            } catch (InterruptedException again) {
                e.addSuppressed(again);
            }
            throw e;
        }
    }

    /**
     * Wait for the answer at most what is left of the budget — which the provider may extend while it works
     * ({@link ResolutionContext#extendBudget(Duration)}), so it is read again at each step; past {@link #QUIET}, say
     * at INFO every {@link #PROGRESS_EVERY} what is awaited and for how long it may still be, so that a slow
     * resolution is never silent.
     */
    private static ProviderResult await(FutureTask<ProviderResult> answer, EndpointProvider provider,
            ResolutionContext context) throws InterruptedException, ExecutionException, TimeoutException {
        long start = System.nanoTime();
        Deadline quiet = Deadline.after(QUIET);
        while (true) {
            try {
                Duration next = quiet.bound(context.remaining());
                return answer.get(Math.max(1, next.toNanos()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                if (context.remaining().isZero()) {
                    throw e;
                }
                if (quiet.passed()) {
                    LOG.info("still asking provider {}: {} s so far, at most {} s more (what is left of setting"
                            + " timeout)", OutsideText.oneLine(provider.id()),
                            Duration.ofNanos(System.nanoTime() - start).toSeconds(), context.remaining().toSeconds());
                    quiet = Deadline.after(PROGRESS_EVERY);
                }
            }
        }
    }
}
