package dev.backendconfig.docker.internal.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.toolkit.Origin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeaseFileTest {

    @TempDir
    Path directory;

    private final Origin origin = Origin.other("test");

    @Test
    void everyJvmFindsTheSameFileForAnEngineAndProjectAndAnotherForAnotherEngine() {
        Path one = LeaseFile.of(directory, "unix:///var/run/docker.sock", "shop").path();
        assertThat(one).isEqualTo(LeaseFile.of(directory, "unix:///var/run/docker.sock", "shop").path());
        assertThat(one.getFileName().toString()).matches("shop-[0-9a-f]{16}\\.lease");
        assertThat(LeaseFile.of(directory, "tcp://10.0.0.5:2376", "shop").path()).isNotEqualTo(one);
        assertThat(LeaseFile.of(directory, "unix:///x", "../../etc/passwd").path().getParent()).isEqualTo(directory);
    }

    @Test
    void whatIsWrittenWhileLockedIsReadByTheNextAndAnEmptyLeaseEmptiesTheFile() {
        LeaseFile lease = LeaseFile.of(directory.resolve("leases"), "unix:///e", "shop");
        LeaseState held = LeaseState.empty().withHolder(LeaseState.Holder.current());
        try (LeaseFile.Locked locked = lease.lock(Duration.ofSeconds(5), origin, waited -> { })) {
            locked.write(held);
        }
        try (LeaseFile.Locked locked = lease.lock(Duration.ofSeconds(5), origin, waited -> { })) {
            assertThat(locked.read()).isEqualTo(held);
            locked.write(LeaseState.empty());
        }
        assertThat(lease.path()).isEmptyFile();
    }

    @Test
    void aSecondLockWaitsForTheFirstAndGivesUpAtItsBoundNamingTheFile() throws Exception {
        LeaseFile lease = LeaseFile.of(directory, "unix:///e", "shop");
        List<Duration> waits = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (LeaseFile.Locked first = lease.lock(Duration.ofSeconds(5), origin, waited -> { })) {
            CompletableFuture<Void> second = CompletableFuture.runAsync(() -> {
                try (LeaseFile.Locked locked = lease.lock(Duration.ofMillis(300), origin, waits::add)) {
                    throw new AssertionError("locked twice");
                }
            });
            assertThatThrownBy(() -> second.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(
                    InvalidInputException.class).hasMessageContaining("test: another process held the"
                    + " lease file " + lease.path() + " (a start of compose project shop in progress) for longer than 300 ms"
                    + " (setting docker.start-timeout)");
        }
        CompletableFuture<LeaseState> after = CompletableFuture.supplyAsync(() -> {
            try (LeaseFile.Locked locked = lease.lock(Duration.ofSeconds(5), origin, waited -> { })) {
                return locked.read();
            }
        });
        assertThat(after.get(5, TimeUnit.SECONDS)).isEqualTo(LeaseState.empty());
    }

    @Test
    void anotherProcessHoldingTheLockIsWaitedForAndItsLockIsDroppedWhenItIsKilled() throws Exception {
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "-Dslf4j.provider=dev.backendconfig.testkit.RecordingLogs",
                LeaseFileHolder.class.getName(), directory.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(
                    holder.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("locked");
            LeaseFile lease = LeaseFile.of(directory, "unix:///e", "shop");
            List<Duration> waits = new java.util.concurrent.CopyOnWriteArrayList<>();

            assertThatThrownBy(() -> lease.lock(Duration.ofMillis(400), origin, waits::add).close())
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("another process held the lease file " + lease.path());
            assertThat(waits).isNotEmpty();

            holder.destroyForcibly(); // kill -9: the operating system drops its lock
            assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
            try (LeaseFile.Locked locked = lease.lock(Duration.ofSeconds(10), origin, waited -> { })) {
                assertThat(locked.read()).isEqualTo(LeaseState.empty());
            }
        } finally {
            holder.destroyForcibly();
        }
    }

    @Test
    void aLeaseFileThatIsNotALeaseIsReadAsEmptyAndALinkIsNotFollowed() throws Exception {
        LeaseFile lease = LeaseFile.of(directory, "unix:///e", "shop");
        Files.writeString(lease.path(), "{\"version\":1,\"started\":[{\"id\":\"zz\"}]}");
        try (LeaseFile.Locked locked = lease.lock(Duration.ofSeconds(5), origin, waited -> { })) {
            assertThat(locked.read()).isEqualTo(LeaseState.empty());
        }
        LeaseFile linked = LeaseFile.of(directory, "unix:///e", "linked");
        Files.createSymbolicLink(linked.path(), directory.resolve("elsewhere"));
        assertThatThrownBy(() -> linked.lock(Duration.ofSeconds(1), origin, waited -> { }))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("test: cannot use the lease file " + linked.path());
        assertThat(directory.resolve("elsewhere")).doesNotExist();
    }
}
