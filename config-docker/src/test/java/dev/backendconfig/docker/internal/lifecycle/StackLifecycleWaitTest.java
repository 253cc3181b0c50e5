package dev.backendconfig.docker.internal.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.docker.StackLease;
import dev.backendconfig.testsupport.BackendCheckout;
import dev.backendconfig.testsupport.FakeDockerEngine;
import dev.backendconfig.testsupport.Recorded;
import dev.backendconfig.toolkit.Origin;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A resolution that must wait for the lease while another start holds it: the wait is bounded by
 * {@code docker.start-timeout}, not by setting {@code timeout}, and the report says how long it waited.
 */
class StackLifecycleWaitTest {

    private static final String ID = "e".repeat(64);

    @TempDir
    Path directory;

    private FakeDockerEngine engine;

    @BeforeEach
    void engine() throws IOException {
        engine = BackendCheckout.withEngine(directory);
    }

    @AfterEach
    void stop() throws IOException {
        engine.close();
    }

    @SuppressWarnings("unchecked")
    private static String runningBackend() {
        Map<String, Object> entry = Recorded.listedWithHealth(Recorded.renamed(Recorded.listEntry(
                "alpine-test-backend"), ID, "backend", "shop-backend-1"), "healthy");
        ((Map<String, Object>) entry.get("Labels")).put("com.docker.compose.project", "shop");
        return Recorded.write(java.util.List.of(entry));
    }

    @Test
    void aResolutionThatWaitedLongerThanSettingTimeoutForAnotherStartStillAttachesAndSaysHowLongItWaited()
            throws Exception {
        engine.containers(runningBackend()).inspect(ID, Recorded.text(Recorded.inspection("alpine")));
        LeaseFile lease = LeaseFile.of(directory.resolve("leases"), "unix://" + directory.resolve("engine.sock")
                .toRealPath(), "shop");
        CountDownLatch held = new CountDownLatch(1);
        CompletableFuture<Void> otherStart = CompletableFuture.runAsync(() -> {
            try (LeaseFile.Locked locked = lease.lock(Duration.ofSeconds(5), Origin.other("test"), waited -> { })) {
                held.countDown();
                long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (engine.requests().isEmpty() && System.nanoTime() < until) {
                    Thread.sleep(5);
                }
                Thread.sleep(2_600); // from the resolution's first request to the engine, before it joins the lease
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();

        ProviderResult result;
        try (StackLease stack = StackLease.acquire(ResolutionContext.builder().workingDirectory(directory)
                .environment(Map.of("PATH", directory.resolve("bin").toString())).settings(Map.of("docker.host",
                        engine.dockerHost(), "docker.project", "shop", "docker.lease-dir", directory.resolve("leases")
                                .toString(), "probe", "none", "timeout", "500ms")).build())) {
            result = stack.result();
        }
        otherStart.get(10, TimeUnit.SECONDS);

        assertThat(result).as(result.reason()).isInstanceOf(ProviderResult.Found.class);
        assertThat(result.notes()).anySatisfy(note -> assertThat(note).matches("docker.start=if-missing: every"
                + " required service of compose project shop runs; attached after waiting [2-9] s for another JVM's"
                + " start \\(lease " + java.util.regex.Pattern.quote(lease.path().toString()) + ", held by 1 JVM\\)"));
    }
}
