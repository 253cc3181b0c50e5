package dev.backendconfig.api.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backendconfig.api.BackendEndpoint;
import dev.backendconfig.api.BackendResolver;
import dev.backendconfig.api.spi.BackendEndpointProvider;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract every provider keeps. A provider module's test extends this class and says how to make its
 * provider find something; the tests here check the rest.
 */
public abstract class BackendEndpointProviderContractTest {

    @TempDir
    protected Path directory;

    /** Return a new instance of the provider under test. */
    protected abstract BackendEndpointProvider provider();

    /** Return the priority the provider is documented to have. */
    protected abstract int documentedPriority();

    /**
     * Return a context in which the provider finds an endpoint. Real files go under {@code directory}; a
     * secret the provider must never show goes in as {@link #plantedSecret()}.
     */
    protected abstract ResolutionContext foundContext(Path directory) throws Exception;

    /** Return the HTTP URL the provider finds in {@link #foundContext(Path)}. */
    protected abstract String expectedHttp();

    /** Return a secret value planted in {@link #foundContext(Path)} that must never be shown. */
    protected String plantedSecret() {
        return "s3cr3t-planted-value";
    }

    /** Return a context with nothing in it, working in an empty directory. */
    protected ResolutionContext emptyContext(Path directory) {
        return ResolutionContext.builder().workingDirectory(directory)
                .systemProperties(Map.of("user.home", directory.toString())).build();
    }

    @Test
    void idIsShortLowerCaseAndPriorityIsTheDocumentedOne() {
        BackendEndpointProvider provider = provider();
        assertThat(provider.id()).matches("[a-z][a-z0-9-]*");
        assertThat(provider.priority()).isEqualTo(documentedPriority());
    }

    @Test
    void isRegisteredForServiceLoader() {
        Class<?> type = provider().getClass();
        assertThat(BackendResolver.create(type.getClassLoader()).providers())
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
    void giveAHintForTheNothingFoundMessage() {
        assertThat(provider().hint()).isNotBlank();
    }

    @Test
    void foundEndpointNamesTheProviderAsSourceAndTellsWhereEachUrlCameFrom() throws Exception {
        ProviderResult result = provider().resolve(foundContext(directory));
        assertThat(result).isInstanceOf(ProviderResult.Found.class);
        BackendEndpoint endpoint = ((ProviderResult.Found) result).endpoint();
        assertThat(endpoint.source()).isEqualTo(provider().id());
        assertThat(endpoint.http()).hasToString(expectedHttp());
        assertThat(endpoint.origin(BackendEndpoint.HTTP)).isPresent();
        assertThat(endpoint.origin(BackendEndpoint.WEBSOCKET)).isPresent();
    }

    @Test
    void neverShowsThePlantedSecret() throws Exception {
        RecordingLogs.clear();
        ProviderResult result = provider().resolve(foundContext(directory));
        BackendEndpoint endpoint = ((ProviderResult.Found) result).endpoint();
        List<String> shown = new ArrayList<>(List.of(endpoint.toString(), result.reason(), RecordingLogs.text()));
        shown.addAll(result.notes());
        shown.addAll(endpoint.maskedDetails().values());
        assertThat(shown).noneMatch(text -> text.contains(plantedSecret()));
    }

    @Test
    void answersTheSameToManyThreadsAtOnce() throws Exception {
        ResolutionContext context = foundContext(directory);
        BackendEndpointProvider provider = provider();
        ExecutorService threads = Executors.newFixedThreadPool(16);
        try {
            List<Callable<BackendEndpoint>> calls = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                calls.add(() -> ((ProviderResult.Found) provider.resolve(context)).endpoint());
            }
            List<BackendEndpoint> endpoints = new ArrayList<>();
            for (Future<BackendEndpoint> future : threads.invokeAll(calls, 30, TimeUnit.SECONDS)) {
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
