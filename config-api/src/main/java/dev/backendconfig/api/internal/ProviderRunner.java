package dev.backendconfig.api.internal;

import dev.backendconfig.api.spi.BackendEndpointProvider;
import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.ResolutionContext;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ask one provider on a worker thread and wait no longer than the time budget left, so that a provider that
 * hangs cannot hold a test suite hostage. Workers are daemon threads; a provider that overruns is interrupted
 * and left to finish on its own.
 */
public final class ProviderRunner {

    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ThreadFactory FACTORY = runnable -> {
        Thread thread = new Thread(runnable, "backend-config-provider-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    };
    private static final ExecutorService WORKERS = Executors.newCachedThreadPool(FACTORY);

    /** What asking produced: a result, an exception the provider threw, or nothing within the budget. */
    public sealed interface Answer {
        /** The provider answered. */
        record Returned(ProviderResult result) implements Answer {
        }

        /** The provider threw. */
        record Threw(Throwable exception) implements Answer {
        }

        /** The provider did not answer within the time given. */
        record TimedOut(Duration waited) implements Answer {
        }
    }

    private ProviderRunner() {
    }

    /**
     * Ask {@code provider} to resolve, waiting at most what is left of the context's budget.
     *
     * @throws InterruptedException when the calling thread is interrupted while waiting
     */
    public static Answer ask(BackendEndpointProvider provider, ResolutionContext context) throws InterruptedException {
        ClassLoader callerLoader = Thread.currentThread().getContextClassLoader();
        Callable<ProviderResult> task = () -> {
            Thread worker = Thread.currentThread();
            ClassLoader previous = worker.getContextClassLoader();
            worker.setContextClassLoader(callerLoader);
            try {
                return provider.resolve(context);
            } finally {
                worker.setContextClassLoader(previous);
            }
        };
        Duration wait = context.remaining();
        Future<ProviderResult> future = WORKERS.submit(task);
        try {
            ProviderResult result = future.get(Math.max(1, wait.toNanos()), TimeUnit.NANOSECONDS);
            if (result == null) {
                return new Answer.Threw(new IllegalStateException("resolve() returned null instead of a result"));
            }
            return new Answer.Returned(result);
        } catch (ExecutionException e) {
            return new Answer.Threw(e.getCause());
        } catch (TimeoutException e) {
            future.cancel(true);
            return new Answer.TimedOut(wait);
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        }
    }
}
