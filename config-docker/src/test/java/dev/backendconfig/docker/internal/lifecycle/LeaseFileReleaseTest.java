package dev.backendconfig.docker.internal.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.toolkit.Origin;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the lease file leaves behind on every way out of a lock: no descriptor of the file stays open in this JVM (on
 * Linux, closing any descriptor of a file drops every lock the process holds on it, and a descriptor left open keeps
 * a lock that nobody gives back), and no other thread of this JVM is kept from locking it afterwards.
 */
class LeaseFileReleaseTest {

    @TempDir
    Path directory;

    private final Origin origin = Origin.other("test");

    /** Return how many descriptors of this process are open on {@code file} (from /proc/self/fd). */
    private static long descriptorsOn(Path file) throws IOException {
        Path real = file.toRealPath();
        try (Stream<Path> descriptors = Files.list(Path.of("/proc/self/fd"))) {
            return descriptors.filter(descriptor -> {
                try {
                    return Files.readSymbolicLink(descriptor).equals(real);
                } catch (IOException e) {
                    return false; // the descriptor of the listing itself, closed by now
                }
            }).count();
        }
    }

    /** Lock {@code lease} from another thread of this JVM, within {@code bound}, and return what it read. */
    private LeaseState lockedElsewhere(LeaseFile lease, Duration bound) throws Exception {
        return CompletableFuture.supplyAsync(() -> {
            try (LeaseFile.Locked locked = lease.lock(bound, origin, waited -> { })) {
                return locked.read();
            }
        }).get(bound.toSeconds() + 10, TimeUnit.SECONDS);
    }

    @Test
    void aLeaseFileClosedAfterUseKeepsNoDescriptorOpen() throws Exception {
        LeaseFile lease = LeaseFile.of(directory, "e", "shop");
        try (LeaseFile.Locked locked = lease.lock(Duration.ofSeconds(5), origin, waited -> { })) {
            locked.write(LeaseState.empty().withHolder(LeaseState.Holder.current()));
            assertThat(descriptorsOn(lease.path())).isEqualTo(1);
        }

        assertThat(descriptorsOn(lease.path())).isZero();
    }

    @Test
    void aLeasePathThatIsNotARegularFileIsRefusedNamingItWithNothingLeftOpenOrLocked() throws Exception {
        LeaseFile lease = LeaseFile.of(directory, "e", "shop");
        Process mkfifo = new ProcessBuilder("mkfifo", lease.path().toString()).start();
        assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(mkfifo.exitValue()).isZero();
        String refused = "test: cannot use the lease file " + lease.path() + ": IOException (it is not a regular file)";

        assertThatThrownBy(() -> lease.lock(Duration.ofSeconds(5), origin, waited -> { }))
                .isInstanceOf(InvalidInputException.class).hasMessage(refused)
                .satisfies(e -> assertThat(((InvalidInputException) e).code()).isEqualTo(StackLifecycle.START_FAILED));

        assertThat(descriptorsOn(lease.path())).isZero();
        assertThatThrownBy(() -> lockedElsewhere(lease, Duration.ofSeconds(2)))
                .as("another thread is told the same, not kept waiting for this one").hasRootCauseMessage(refused);
    }

    @Test
    void aLockGivenUpAtItsBoundClosesItsDescriptorAndLetsAnotherThreadLockOnceTheHolderLetsGo() throws Exception {
        LeaseFile lease = LeaseFile.of(directory, "e", "shop");
        Files.createFile(lease.path());
        try (FileChannel other = FileChannel.open(lease.path(), StandardOpenOption.WRITE)) {
            FileLock held = other.lock(); // held through another channel of this JVM, as by another process
            assertThatThrownBy(() -> lease.lock(Duration.ofMillis(150), origin, waited -> { }))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("test: another process held the lease file " + lease.path() + " (a start of compose"
                            + " project shop in progress) for longer than 150 ms (setting docker.start-timeout)");

            assertThat(descriptorsOn(lease.path())).as("only the holder's").isEqualTo(1);
            held.release();
        }

        assertThat(lockedElsewhere(lease, Duration.ofSeconds(2))).isEqualTo(LeaseState.empty());
    }

    @Test
    void anInterruptedWaitForTheLockClosesItsDescriptor() throws Exception {
        LeaseFile lease = LeaseFile.of(directory, "e", "shop");
        Files.createFile(lease.path());
        try (FileChannel other = FileChannel.open(lease.path(), StandardOpenOption.WRITE)) {
            FileLock held = other.lock();
            CountDownLatch waiting = new CountDownLatch(1);
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread waiter = new Thread(() -> {
                try {
                    lease.lock(Duration.ofSeconds(20), origin, waited -> waiting.countDown()).close();
                } catch (RuntimeException e) {
                    thrown.set(e);
                }
            });
            waiter.start();
            assertThat(waiting.await(10, TimeUnit.SECONDS)).isTrue();
            waiter.interrupt();
            waiter.join(10_000);

            assertThat(thrown.get()).isInstanceOf(InvalidInputException.class)
                    .hasMessage("test: interrupted while waiting for the lease file " + lease.path());
            assertThat(descriptorsOn(lease.path())).as("only the holder's").isEqualTo(1);
            held.release();
        }
    }
}
