package dev.backendconfig.api.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backendconfig.api.internal.ProviderRunner.Answer;
import dev.backendconfig.api.spi.EndpointProvider;
import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.ResolutionContext;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** How a provider is run: on a daemon thread of its own, with the caller's class loader, never outliving its wait. */
class ProviderRunnerTest {

    private static ResolutionContext context(String timeout) {
        return ResolutionContext.builder().environment(Map.of()).systemProperties(Map.of())
                .settings(Map.of("timeout", timeout)).build();
    }

    private static EndpointProvider provider(Function<ResolutionContext, ProviderResult> resolve) {
        return new EndpointProvider() {
            @Override
            public String id() {
                return "probe-test";
            }

            @Override
            public int priority() {
                return 0;
            }

            @Override
            public ProviderResult resolve(ResolutionContext context) {
                return resolve.apply(context);
            }
        };
    }

    @Test
    void theProviderRunsOnADaemonThreadWithTheCallersContextClassLoaderThatHasEndedWhenAskReturns() throws Exception {
        AtomicReference<Thread> worker = new AtomicReference<>();
        AtomicReference<ClassLoader> loader = new AtomicReference<>();
        ClassLoader callers = new URLClassLoader(new URL[0], null);
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        Answer answer;
        Thread.currentThread().setContextClassLoader(callers);
        try {
            answer = ProviderRunner.ask(provider(context -> {
                worker.set(Thread.currentThread());
                loader.set(Thread.currentThread().getContextClassLoader());
                return ProviderResult.skipped("nothing here");
            }), context("5s"));
        } finally {
            Thread.currentThread().setContextClassLoader(before);
        }
        assertThat(answer).isInstanceOfSatisfying(Answer.Returned.class,
                returned -> assertThat(returned.result().reason()).isEqualTo("nothing here"));
        assertThat(worker.get()).isNotSameAs(Thread.currentThread());
        assertThat(worker.get().isDaemon()).isTrue();
        assertThat(worker.get().getName()).startsWith("backend-config-probe-test-");
        assertThat(loader.get()).isSameAs(callers);
        assertThat(worker.get().isAlive()).isFalse();
    }

    @Test
    void aProviderThatReturnsNullIsAnsweredAsThrowing() throws Exception {
        Answer answer = ProviderRunner.ask(provider(context -> null), context("5s"));
        assertThat(answer).isInstanceOfSatisfying(Answer.Threw.class, threw -> assertThat(threw.exception())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("resolve() returned null instead of a result"));
    }

    @Test
    void whatAProviderThrowsIsItsAnswerAndItsThreadHasEnded() throws Exception {
        AtomicReference<Thread> worker = new AtomicReference<>();
        IllegalArgumentException thrown = new IllegalArgumentException("broken");
        Answer answer = ProviderRunner.ask(provider(context -> {
            worker.set(Thread.currentThread());
            throw thrown;
        }), context("5s"));
        assertThat(answer).isEqualTo(new Answer.Threw(thrown));
        assertThat(worker.get().isAlive()).isFalse();
    }

    @Test
    void aProviderPastTheBudgetIsInterruptedAndReportedStoppedWhenItEnds() throws Exception {
        CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
        Answer answer = ProviderRunner.ask(provider(context -> {
            try {
                Thread.sleep(TimeUnit.HOURS.toMillis(1));
                interrupted.complete(false);
            } catch (InterruptedException e) {
                interrupted.complete(true);
            }
            return ProviderResult.skipped("too late");
        }), context("100ms"));
        assertThat(answer).isInstanceOfSatisfying(Answer.TimedOut.class, timedOut -> {
            assertThat(timedOut.waited()).isPositive().isLessThanOrEqualTo(Duration.ofMillis(100));
            assertThat(timedOut.stopped()).isTrue();
        });
        assertThat(interrupted.get(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aProviderThatIgnoresTheInterruptIsReportedStillRunning() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try {
            Answer answer = ProviderRunner.ask(provider(context -> {
                while (true) {
                    try {
                        if (release.await(10, TimeUnit.SECONDS)) {
                            return ProviderResult.skipped("released");
                        }
                    } catch (InterruptedException ignored) {
                        // a provider that does not stop when told to
                    }
                }
            }), context("100ms"));
            assertThat(answer).isInstanceOfSatisfying(Answer.TimedOut.class,
                    timedOut -> assertThat(timedOut.stopped()).isFalse());
        } finally {
            release.countDown();
        }
    }

    @Test
    void aCallerInterruptedWhileWaitingIsThrownAtAndTheProviderInterruptedToo() throws Exception {
        CompletableFuture<Boolean> providerInterrupted = new CompletableFuture<>();
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<Throwable> callerSaw = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            try {
                ProviderRunner.ask(provider(context -> {
                    started.countDown();
                    try {
                        Thread.sleep(TimeUnit.HOURS.toMillis(1));
                        providerInterrupted.complete(false);
                    } catch (InterruptedException e) {
                        providerInterrupted.complete(true);
                    }
                    return ProviderResult.skipped("interrupted");
                }), context("1h"));
                callerSaw.complete(null);
            } catch (Throwable e) {
                callerSaw.complete(e);
            }
        });
        caller.start();
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        caller.interrupt();
        assertThat(callerSaw.get(10, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
        assertThat(providerInterrupted.get(10, TimeUnit.SECONDS)).isTrue();
        caller.join(10_000);
    }
}
