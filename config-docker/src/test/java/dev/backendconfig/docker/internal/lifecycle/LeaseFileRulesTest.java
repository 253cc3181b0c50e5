package dev.backendconfig.docker.internal.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backendconfig.testkit.RecordingLogs;
import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.toolkit.Origin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.event.Level;

/**
 * The lease file's rules beyond locking: its name, its directory (made for its owner only), a file too large or
 * rewritten shorter, waiting reported while another holds it, and an interrupted wait.
 */
class LeaseFileRulesTest {

    @TempDir
    Path directory;

    private final Origin origin = Origin.other("test");

    @Test
    void aProjectNameIsWrittenWithSafeCharactersOnlyAndCutAtSixtyBeforeItsHash() {
        String name = LeaseFile.of(directory, "e", "Shop_1.x-y z/ä").path().getFileName().toString();
        assertThat(name).matches("Shop_1\\.x-y_z__-[0-9a-f]{16}\\.lease");

        String sixty = "p".repeat(60);
        assertThat(LeaseFile.of(directory, "e", sixty).path().getFileName().toString())
                .matches(sixty + "-[0-9a-f]{16}\\.lease");
        assertThat(LeaseFile.of(directory, "e", sixty + "qq").path().getFileName().toString())
                .matches(sixty + "-[0-9a-f]{16}\\.lease");
        assertThat(LeaseFile.of(directory, "e", sixty + "qq").path())
                .as("the hash tells projects cut to the same name apart").isNotEqualTo(LeaseFile.of(directory, "e",
                        sixty + "rr").path());
        assertThat(LeaseFile.of(directory, "e", "shop").path().getFileName().toString())
                .isEqualTo("shop-" + java.util.HexFormat.of().formatHex(sha256("e\nshop")).substring(0, 16) + ".lease");
    }

    private static byte[] sha256(String text) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(
                    java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aMissingLeaseDirectoryIsMadeWithItsParentsReadableByItsOwnerOnly() throws IOException {
        Path leases = directory.resolve("a").resolve("leases");
        LeaseFile lease = LeaseFile.of(leases, "e", "shop");

        lease.lock(Duration.ofSeconds(5), origin, waited -> { }).close();

        assertThat(Files.getPosixFilePermissions(leases)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(lease.path()).isRegularFile();
    }

    @Test
    void aLeaseDirectoryThatIsAFileOrCannotBeMadeIsAnErrorNamingIt() throws IOException {
        Path file = Files.writeString(directory.resolve("file"), "x");
        assertThatThrownBy(() -> LeaseFile.of(file, "e", "shop").lock(Duration.ofSeconds(1), origin, waited -> { }))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("test: the lease directory " + file + " is not a directory")
                .satisfies(e -> assertThat(((InvalidInputException) e).code()).isEqualTo(StackLifecycle.START_FAILED));

        Path below = file.resolve("leases");
        assertThatThrownBy(() -> LeaseFile.of(below, "e", "shop").lock(Duration.ofSeconds(1), origin, waited -> { }))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("test: cannot create the lease directory " + below + ": ");
    }

    @Test
    void aLeaseFileLargerThanAMegabyteIsNotReadAndIsStartedAfreshWithAWarning() throws IOException {
        LeaseFile lease = LeaseFile.of(directory, "e", "shop");
        Files.writeString(lease.path(), " ".repeat(LeaseFile.MAX_BYTES + 1));
        RecordingLogs.clear();

        try (LeaseFile.Locked locked = lease.lock(Duration.ofSeconds(5), origin, waited -> { })) {
            assertThat(locked.read()).isEqualTo(LeaseState.empty());
        }
        assertThat(RecordingLogs.events(Level.WARN)).extracting(RecordingLogs.Event::message).contains("docker: the"
                + " lease file " + lease.path() + " cannot be read as a lease (it is " + (LeaseFile.MAX_BYTES + 1)
                + " bytes, larger than " + LeaseFile.MAX_BYTES + "); it is started afresh, and containers it may have"
                + " recorded are not stopped by it");

        Files.writeString(lease.path(), " ".repeat(LeaseFile.MAX_BYTES - 2) + "{}");
        try (LeaseFile.Locked locked = lease.lock(Duration.ofSeconds(5), origin, waited -> { })) {
            assertThat(locked.read()).isEqualTo(LeaseState.empty());
        }
        assertThat(RecordingLogs.events(Level.WARN)).extracting(RecordingLogs.Event::message)
                .as("a file of exactly the limit is read").anySatisfy(line -> assertThat(line)
                        .contains("(it is not a lease file of version 1)"));
    }

    @Test
    void aShorterStateWrittenOverALongerOneLeavesNothingOfTheOldText() {
        LeaseFile lease = LeaseFile.of(directory, "e", "shop");
        LeaseState.Holder me = LeaseState.Holder.current();
        LeaseState longer = LeaseState.empty().withHolder(me).withHolder(new LeaseState.Holder(7, "x".repeat(500)));
        LeaseState shorter = LeaseState.empty().withHolder(me);
        try (LeaseFile.Locked locked = lease.lock(Duration.ofSeconds(5), origin, waited -> { })) {
            locked.write(longer);
            locked.write(shorter);
        }
        try (LeaseFile.Locked locked = lease.lock(Duration.ofSeconds(5), origin, waited -> { })) {
            assertThat(locked.read()).isEqualTo(shorter);
        }
    }

    @Test
    void aThreadWaitingForTheLockIsToldHowLongItWaitedAndGetsItWhenTheHolderLetsGo() throws Exception {
        LeaseFile lease = LeaseFile.of(directory, "unix:///e", "shop");
        List<Duration> waits = new CopyOnWriteArrayList<>();
        Process holder = holder();
        try {
            CompletableFuture<LeaseState> waiting = CompletableFuture.supplyAsync(() -> {
                try (LeaseFile.Locked locked = lease.lock(Duration.ofSeconds(30), origin, waits::add)) {
                    return locked.read();
                }
            });
            long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (waits.size() < 3 && System.nanoTime() < until) {
                Thread.sleep(10);
            }
            holder.destroyForcibly();
            assertThat(waiting.get(20, TimeUnit.SECONDS)).isEqualTo(LeaseState.empty());
        } finally {
            holder.destroyForcibly();
            holder.waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(waits.size()).isGreaterThanOrEqualTo(3);
        assertThat(waits.get(0)).isGreaterThanOrEqualTo(Duration.ZERO).isLessThan(Duration.ofSeconds(10));
        assertThat(waits.get(waits.size() - 1)).isGreaterThan(waits.get(0))
                .isGreaterThanOrEqualTo(Duration.ofMillis(25L * (waits.size() - 1)));
    }

    @Test
    void aWaitForTheLockThatIsInterruptedStopsWithAnErrorAndKeepsTheInterrupt() throws Exception {
        LeaseFile lease = LeaseFile.of(directory, "e", "shop");
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> {
            try (LeaseFile.Locked locked = lease.lock(Duration.ofSeconds(5), origin, waited -> { })) {
                held.countDown();
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
        Throwable[] thrown = new Throwable[1];
        boolean[] interrupted = new boolean[1];
        Thread waiter = new Thread(() -> {
            try {
                lease.lock(Duration.ofSeconds(20), origin, waited -> { }).close();
            } catch (RuntimeException e) {
                thrown[0] = e;
                interrupted[0] = Thread.currentThread().isInterrupted();
            }
        });
        waiter.start();
        Thread.sleep(200);
        waiter.interrupt();
        waiter.join(10_000);
        release.countDown();
        first.get(10, TimeUnit.SECONDS);

        assertThat(thrown[0]).isInstanceOf(InvalidInputException.class)
                .hasMessage("test: interrupted while waiting for the lease file " + lease.path());
        assertThat(interrupted[0]).isTrue();
        lease.lock(Duration.ofSeconds(1), origin, waited -> { }).close();
    }

    @Test
    void aWaitForAnotherProcesssLockThatIsInterruptedStopsWithAnErrorAndLetsThisJvmLockLater() throws Exception {
        LeaseFile lease = LeaseFile.of(directory, "unix:///e", "shop");
        Process holder = holder();
        try {
            Throwable[] thrown = new Throwable[1];
            boolean[] interrupted = new boolean[1];
            CountDownLatch waiting = new CountDownLatch(1);
            Thread waiter = new Thread(() -> {
                try {
                    lease.lock(Duration.ofSeconds(20), origin, waited -> waiting.countDown()).close();
                } catch (RuntimeException e) {
                    thrown[0] = e;
                    interrupted[0] = Thread.currentThread().isInterrupted();
                }
            });
            waiter.start();
            assertThat(waiting.await(10, TimeUnit.SECONDS)).isTrue();
            waiter.interrupt();
            waiter.join(10_000);

            assertThat(thrown[0]).isInstanceOf(InvalidInputException.class)
                    .hasMessage("test: interrupted while waiting for the lease file " + lease.path());
            assertThat(interrupted[0]).isTrue();
            holder.destroyForcibly();
            assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
            CompletableFuture.runAsync(() -> lease.lock(Duration.ofSeconds(10), origin, waited -> { }).close())
                    .get(20, TimeUnit.SECONDS);
        } finally {
            holder.destroyForcibly();
            holder.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Start another JVM that locks the lease file of engine unix:///e, project shop, until it is killed. */
    private Process holder() throws IOException {
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "-Dslf4j.provider=dev.backendconfig.testkit.RecordingLogs",
                LeaseFileHolder.class.getName(), directory.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(new java.io.BufferedReader(new java.io.InputStreamReader(holder.getInputStream(),
                java.nio.charset.StandardCharsets.UTF_8)).readLine()).isEqualTo("locked");
        return holder;
    }
}
