package dev.backendconfig.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.testsupport.BackendCheckout;
import dev.backendconfig.testsupport.FakeComposeCli;
import dev.backendconfig.testsupport.FakeDockerEngine;
import dev.backendconfig.testsupport.Recorded;
import dev.backendconfig.toolkit.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link StackLease}, a build tool's hold on this checkout's stack, against a fake engine on a real socket and fake
 * compose programs on PATH: it starts what is missing whatever the settings say, holds the lease until it is closed,
 * and says what it found.
 */
class StackLeaseTest {

    private static final String ID = "e".repeat(64);
    private static final String NETWORK = "f".repeat(64);

    @TempDir
    Path directory;
    @TempDir
    Path bin;

    private FakeDockerEngine engine;

    @BeforeEach
    void engineAndComposeFile() throws IOException {
        engine = BackendCheckout.withEngine(directory);
    }

    @AfterEach
    void stop() throws IOException {
        engine.close();
    }

    private Path program(String name, String script) throws IOException {
        return FakeComposeCli.program(bin, name, script);
    }

    private ResolutionContext context(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(settings);
        all.put("docker.host", engine.dockerHost());
        all.put("docker.project", "shop");
        all.put("docker.lease-dir", directory.resolve("leases").toString());
        all.put("probe", "none");
        return ResolutionContext.builder().workingDirectory(directory).environment(Map.of("PATH", bin.toString()))
                .settings(all).build();
    }

    private static String runningBackend() {
        return Recorded.write(List.of(BackendCheckout.shopContainer(ID, "backend", "healthy")));
    }

    private Path leaseFile() throws IOException {
        try (Stream<Path> files = Files.list(directory.resolve("leases"))) {
            return files.findFirst().orElseThrow();
        }
    }

    @Test
    void aRunningStackIsHeldEvenWhenTheSettingsSayNeverAndLeftWhenTheLeaseIsClosed() throws IOException {
        engine.containers(runningBackend()).inspect(ID, Recorded.text(Recorded.inspection("alpine")));
        Path log = directory.resolve("compose.log");
        program("docker-compose", "echo \"$*\" >> '" + log + "'");

        StackLease lease = StackLease.acquire(context(Map.of("docker.start", "never")));
        try {
            assertThat(lease.ready()).isTrue();
            assertThat(lease.result()).isInstanceOf(ProviderResult.Found.class);
            assertThat(lease.describe()).isEqualTo(lease.result().reason() + "\n" + String.join("\n",
                    lease.result().notes()));
            assertThat(lease.result().notes()).anySatisfy(note -> assertThat(note).startsWith("docker.start=if-missing:"
                    + " every required service of compose project shop runs; attached (lease "));
            assertThat(Files.readString(leaseFile())).contains("\"holders\":[{\"pid\":" + ProcessHandle.current().pid());
        } finally {
            lease.close();
        }
        assertThat(leaseFile()).isEmptyFile();
        assertThat(log).doesNotExist();
    }

    @Test
    void whatTheLeaseStartedIsStoppedWhenItIsClosedAsTheLastHolder() throws Exception {
        engine.answer("/containers/" + ID + "/stop", 204, "").answer("/containers/" + ID, 204, "")
                .answer("/networks/" + NETWORK, 204, "");
        Path upRan = directory.resolve("up-ran");
        program("docker-compose", "[ \"$1\" = version ] && exit 0\n: > '" + upRan + "'\ni=0\nwhile [ ! -e '"
                + directory.resolve("engine-ready") + "' ] && [ $i -lt 200 ]; do /bin/sleep 0.05; i=$((i+1)); done");
        var engineSide = java.util.concurrent.CompletableFuture.runAsync(() -> {
            try {
                long until = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
                while (!Files.exists(upRan) && System.nanoTime() < until) {
                    Thread.sleep(10);
                }
                engine.containers(runningBackend()).inspect(ID, Recorded.text(Recorded.inspection("alpine")))
                        .answer("/networks", 200, "[{\"Id\":\"" + NETWORK + "\",\"Name\":\"shop_default\"}]");
                Files.createFile(directory.resolve("engine-ready"));
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });

        StackLease lease = StackLease.acquire(context(Map.of()));
        engineSide.get(5, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(lease.ready()).as(lease.describe()).isTrue();
        assertThat(lease.describe()).contains("\ndocker.start=if-missing: started backend of compose project shop");
        assertThat(engine.requests()).noneMatch(line -> line.startsWith("POST") || line.startsWith("DELETE"));
        lease.close();
        assertThat(engine.requests()).filteredOn(line -> line.startsWith("POST") || line.startsWith("DELETE"))
                .containsExactly("POST /containers/" + ID + "/stop HTTP/1.1", "DELETE /containers/" + ID
                        + "?v=0 HTTP/1.1", "DELETE /networks/" + NETWORK + " HTTP/1.1");
        assertThat(leaseFile()).isEmptyFile();
    }

    @Test
    void anEngineThatDoesNotAnswerIsNotReadyAndHoldsNothing() throws IOException {
        engine.behave(FakeDockerEngine.Behaviour.CLOSE_AT_ONCE);

        try (StackLease lease = StackLease.acquire(context(Map.of()))) {
            assertThat(lease.ready()).isFalse();
            assertThat(lease.result()).isInstanceOf(ProviderResult.Unavailable.class);
            assertThat(lease.describe()).startsWith(lease.result().reason());
        }
        assertThat(directory.resolve("leases")).doesNotExist();
    }

    @Test
    void aStartThatFailsIsThrownAndTheLeaseIsNotKept() throws IOException {
        program("docker-compose", "[ \"$1\" = version ] && exit 0\necho 'no such image'\nexit 3");

        assertThatThrownBy(() -> StackLease.acquire(context(Map.of()))).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).code()).isEqualTo("BCFG03005"))
                .hasMessageContaining(" up -d --no-recreate backend exited with code 3: no such image; what it started"
                        + " was stopped again: nothing was left to stop");
        assertThat(leaseFile()).isEmptyFile();
    }

    @Test
    void aNullContextIsRefused() {
        assertThatThrownBy(() -> StackLease.acquire(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("context");
    }
}
