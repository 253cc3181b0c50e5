package dev.backendconfig.testkit;

import static org.apiguardian.api.API.Status.STABLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.backendconfig.api.ServiceEndpoint;
import dev.backendconfig.api.ServiceResolver;
import dev.backendconfig.api.spi.EndpointProvider;
import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.ResolutionContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apiguardian.api.API;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract every {@link EndpointProvider} keeps, as a JUnit Jupiter test to extend. Your test says how to
 * make your provider find something; the tests here check the rest: a short lower-case id and the documented
 * priority, registration for {@link java.util.ServiceLoader}, a reason when nothing is found, a hint for the
 * "nothing found" message, an endpoint whose source is the provider and whose URLs say where they came from, no
 * planted secret shown (nor logged, when log capture is on), the same answer to many threads, and an answer well
 * within the time budget.
 *
 * <pre>{@code
 * class PortFileEndpointProviderContractTest extends EndpointProviderContractTest {
 *     protected EndpointProvider provider() { return new PortFileEndpointProvider(); }
 *     protected int documentedPriority() { return 250; }
 *     protected ResolutionContext foundContext(Path directory) throws IOException {
 *         Files.writeString(Files.createDirectories(directory.resolve("target")).resolve("backend.port"), "8123");
 *         return ResolutionContext.builder().workingDirectory(directory).build();
 *     }
 *     protected String expectedHttp() { return "http://localhost:8123"; }
 * }
 * }</pre>
 *
 * <p>The log check ({@code neverLogsThePlantedSecret}) needs {@link RecordingLogs} to be the SLF4J provider of the
 * test JVM (system property {@code slf4j.provider=dev.backendconfig.testkit.RecordingLogs}); without it, that one
 * test is skipped with the reason, and your own SLF4J binding stays in charge.
 */
@API(status = STABLE, since = "1.0")
public abstract class EndpointProviderContractTest {

    /** A fresh temporary directory for each test, for the files a found context needs. */
    @TempDir
    protected Path directory;

    /** Create the contract test; JUnit does, through your subclass. */
    protected EndpointProviderContractTest() {
        // JUnit fills in the directory before each test
    }

    /** Return a new instance of the provider under test. */
    protected abstract EndpointProvider provider();

    /**
     * Return the priority your documentation gives the provider, written as a literal number ({@code 250}), not as
     * the provider's own constant: the test compares the two, and comparing a constant with itself proves nothing.
     */
    protected abstract int documentedPriority();

    /**
     * Return a context in which the provider finds an endpoint. Real files go under {@code directory}; a secret the
     * provider must never show goes in as {@link #plantedSecret()}, in an input the provider really reads (a
     * password in a URL's user info, a file's credentials line).
     *
     * @param directory the test's temporary directory
     * @return the context to resolve with
     * @throws Exception when the context cannot be prepared
     */
    protected abstract ResolutionContext foundContext(Path directory) throws Exception;

    /**
     * Return the HTTP URL the provider finds in {@link #foundContext(Path)}.
     *
     * @return the URL as {@code URI.toString()} writes it
     */
    protected abstract String expectedHttp();

    /**
     * Return a secret value planted in {@link #foundContext(Path)} that must never be shown.
     *
     * @return the secret; the default is a fixed text no provider would write by itself
     */
    protected String plantedSecret() {
        return "s3cr3t-planted-value";
    }

    /**
     * Return a context with nothing in it, working in an empty directory.
     *
     * @param directory an empty directory, also used as the user's home
     * @return the context to resolve with
     */
    protected ResolutionContext emptyContext(Path directory) {
        return ResolutionContext.builder().workingDirectory(directory)
                .systemProperties(Map.of("user.home", directory.toString())).build();
    }

    @Test
    void idIsShortLowerCaseAndPriorityIsTheDocumentedOne() {
        EndpointProvider provider = provider();
        assertThat(provider.id()).matches("[a-z][a-z0-9-]*");
        assertThat(provider.priority()).isEqualTo(documentedPriority());
    }

    @Test
    void isRegisteredForServiceLoader() {
        Class<?> type = provider().getClass();
        assertThat(ServiceResolver.create(type.getClassLoader()).providers())
                .anySatisfy(loaded -> assertThat(loaded).isInstanceOf(type));
    }

    @Test
    void findsNothingInAnEmptyContextAndSaysWhy() throws Exception {
        Path empty = Files.createDirectories(directory.resolve("empty"));
        ProviderResult result = provider().resolve(emptyContext(empty));
        assertThat(result).isNotInstanceOf(ProviderResult.Found.class);
        assertThat(result.reason()).isNotBlank();
    }

    @Test
    void givesAHintForTheNothingFoundMessage() {
        assertThat(provider().hint()).isNotBlank();
    }

    @Test
    void foundEndpointNamesTheProviderAsSourceAndTellsWhereEachUrlCameFrom() throws Exception {
        ProviderResult result = provider().resolve(foundContext(directory));
        assertThat(result).isInstanceOf(ProviderResult.Found.class);
        ServiceEndpoint endpoint = ((ProviderResult.Found) result).endpoint();
        assertThat(endpoint.source()).isEqualTo(provider().id());
        assertThat(endpoint.http()).hasToString(expectedHttp());
        assertThat(endpoint.origins()).containsKey(ServiceEndpoint.HTTP);
        assertThat(endpoint.origins()).containsKey(ServiceEndpoint.WEBSOCKET);
    }

    @Test
    void neverShowsThePlantedSecret() throws Exception {
        ProviderResult result = provider().resolve(foundContext(directory));
        assertThat(result).as("the result in the found context").isInstanceOf(ProviderResult.Found.class);
        assertNeverShown(result);
    }

    @Test
    void neverLogsThePlantedSecret() throws Exception {
        assumeTrue(RecordingLogs.isActive(), "log capture is off: system property slf4j.provider does not name "
                + RecordingLogs.PROVIDER + " (another SLF4J binding, or none, is in charge), so what the provider logs"
                + " cannot be checked here; set it in the test JVM to run this check");
        RecordingLogs.clear();
        provider().resolve(foundContext(directory));
        assertThat(RecordingLogs.text()).doesNotContain(plantedSecret());
    }

    /**
     * Check that nothing a person can see of a result shows {@link #plantedSecret()}: the endpoint's
     * {@code toString()}, the reason, the notes, the masked details and the origins. Use it for further contexts of
     * your own.
     *
     * @param result what the provider answered
     */
    protected final void assertNeverShown(ProviderResult result) {
        List<String> shown = new ArrayList<>(List.of(result.reason()));
        shown.addAll(result.notes());
        if (result instanceof ProviderResult.Found found) {
            ServiceEndpoint endpoint = found.endpoint();
            shown.add(endpoint.toString());
            shown.addAll(endpoint.maskedDetails().values());
            endpoint.origins().values().forEach(origin -> shown.add(origin.describe()));
        }
        assertThat(shown).noneMatch(text -> text.contains(plantedSecret()));
    }

    @Test
    void answersTheSameToManyThreadsAtOnce() throws Exception {
        ResolutionContext context = foundContext(directory);
        EndpointProvider provider = provider();
        ExecutorService threads = Executors.newFixedThreadPool(16);
        try {
            List<Callable<ServiceEndpoint>> calls = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                calls.add(() -> ((ProviderResult.Found) provider.resolve(context)).endpoint());
            }
            List<ServiceEndpoint> endpoints = new ArrayList<>();
            for (Future<ServiceEndpoint> future : threads.invokeAll(calls, 30, TimeUnit.SECONDS)) {
                endpoints.add(future.get());
            }
            assertThat(endpoints).hasSize(16).allSatisfy(endpoint -> assertThat(endpoint).isEqualTo(endpoints.get(0)));
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void answersWellWithinItsBudget() throws Exception {
        ResolutionContext context = foundContext(directory).withSettings(
                foundContext(directory).settings().withOverrides(Map.of("timeout", "5s"), "contract test"));
        long start = System.nanoTime();
        provider().resolve(context);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
}
