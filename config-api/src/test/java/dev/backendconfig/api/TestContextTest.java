package dev.backendconfig.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backendconfig.api.testing.ServiceFiles;
import dev.backendconfig.testsupport.CallerEnvironment;
import dev.backendconfig.testsupport.CountingProvider;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import uk.org.webcompere.systemstubs.environment.EnvironmentVariables;
import uk.org.webcompere.systemstubs.jupiter.SystemStub;
import uk.org.webcompere.systemstubs.jupiter.SystemStubsExtension;

/** The shared context resolves from the real process: the caller's variables (a BACKENDCONFIG_TIMEOUT, say) are removed. */
@ExtendWith(SystemStubsExtension.class)
class TestContextTest {

    @TempDir
    Path directory;

    @SystemStub
    private EnvironmentVariables variables = new EnvironmentVariables();

    private ClassLoader previous;

    @BeforeEach
    void useAClassLoaderWithTheCountingProvider() throws Exception {
        CallerEnvironment.present().forEach(variables::remove);
        previous = Thread.currentThread().getContextClassLoader();
        CountingProvider.RESOLUTIONS.set(0);
        TestContext.reset();
    }

    @AfterEach
    void restore() {
        Thread.currentThread().setContextClassLoader(previous);
        TestContext.reset();
    }

    @Test
    void thirtyTwoThreadsAtOnceCauseExactlyOneResolution() throws Exception {
        ClassLoader loader = ServiceFiles.loaderListing(directory, CountingProvider.class.getName());
        ExecutorService threads = Executors.newFixedThreadPool(32);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<URI>> urls = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                urls.add(threads.submit(() -> {
                    Thread.currentThread().setContextClassLoader(loader);
                    start.await();
                    return TestContext.get().backendUrl();
                }));
            }
            start.countDown();
            for (Future<URI> url : urls) {
                assertThat(url.get(30, TimeUnit.SECONDS)).isEqualTo(URI.create("http://localhost:9001"));
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(CountingProvider.RESOLUTIONS).hasValue(1);
    }

    @Test
    void resetResolvesAgain() throws Exception {
        Thread.currentThread().setContextClassLoader(ServiceFiles.loaderListing(directory, CountingProvider.class.getName()));
        assertThat(TestContext.get().backendUrl()).isEqualTo(URI.create("http://localhost:9001"));
        assertThat(TestContext.get().backendUrl()).isEqualTo(URI.create("http://localhost:9001"));
        TestContext.reset();
        assertThat(TestContext.get().backendUrl()).isEqualTo(URI.create("http://localhost:9002"));
        assertThat(TestContext.get().webSocketUrl("/ws/chat")).isEqualTo(URI.create("ws://localhost:9002/ws/chat"));
        assertThat(TestContext.get().report().line("counting").orElseThrow().reason()).isEqualTo("resolution number 2");
    }

    @Test
    void keepsAFailureTooSoThatTestsDoNotEachWaitItOut() throws Exception {
        Thread.currentThread().setContextClassLoader(ServiceFiles.loaderListing(directory, "# nothing registered"));
        Throwable first = org.assertj.core.api.Assertions.catchThrowable(TestContext::get);
        assertThat(first).isInstanceOf(ServiceNotFoundException.class)
                .hasMessageStartingWith("No backend found.\nbackend: none found (0 providers asked, ");
        assertThatThrownBy(TestContext::get).isSameAs(first);
    }

    @Test
    void anIsolatedContextDoesNotTouchTheSharedOne() throws Exception {
        Thread.currentThread().setContextClassLoader(ServiceFiles.loaderListing(directory, CountingProvider.class.getName()));
        TestContext isolated = TestContext.resolve(java.util.Map.of("timeout", "10s"));
        assertThat(isolated.backendUrl()).isEqualTo(URI.create("http://localhost:9001"));
        assertThat(TestContext.get().backendUrl()).isEqualTo(URI.create("http://localhost:9002"));
        assertThat(isolated.report().notes())
                .contains("setting timeout=10s (given to TestContext.resolve)");
    }

    @Test
    void theSharedOutcomeIsTheOneGetKeepsAndAskingItThrowsNothing() throws Exception {
        Thread.currentThread().setContextClassLoader(ServiceFiles.loaderListing(directory, "# nothing registered"));
        ResolutionOutcome outcome = TestContext.outcome();
        assertThat(outcome).isInstanceOf(ServiceNotFoundException.class);
        assertThatThrownBy(TestContext::get).isSameAs(outcome);
        assertThat(TestContext.outcome()).isSameAs(outcome);
        TestContext.reset();
        Thread.currentThread().setContextClassLoader(ServiceFiles.loaderListing(directory, CountingProvider.class.getName()));
        assertThat(TestContext.outcome()).isInstanceOfSatisfying(Resolution.class, found -> assertThat(found.endpoint()
                .http()).isEqualTo(URI.create("http://localhost:9001")));
        assertThat(TestContext.get().resolution()).isSameAs(TestContext.outcome());
        assertThat(CountingProvider.RESOLUTIONS).hasValue(1);
    }
}
