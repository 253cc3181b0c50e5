package dev.backendconfig.docker.internal.lifecycle;

import dev.backendconfig.toolkit.Deadline;
import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.toolkit.Origin;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One lease file, per engine and project, in the lease directory: locked (an exclusive lock on the whole file, which
 * the operating system drops when the process dies, {@code kill -9} included) by the JVM that reads or changes it, or
 * that runs {@code compose up} — so that two starts never race — and holding a {@link LeaseState}. Within one JVM, a
 * lock per file keeps threads apart (a file lock belongs to the whole JVM). Waiting for the lock is bounded.
 *
 * <p>The file stays when the lease is empty (it is then empty): deleting it could let a JVM that waits for the lock
 * of the deleted file go on beside one that created a new file.
 */
final class LeaseFile {

    private static final Logger LOG = LoggerFactory.getLogger(LeaseFile.class);
    /** The largest lease file read: a lease records a few holders and containers. */
    static final int MAX_BYTES = 1024 * 1024;
    private static final Duration STEP = Duration.ofMillis(25);
    private static final Map<Path, ReentrantLock> IN_THIS_JVM = new ConcurrentHashMap<>();

    private final Path file;
    private final String engine;
    private final String project;

    private LeaseFile(Path file, String engine, String project) {
        this.file = file;
        this.engine = engine;
        this.project = project;
    }

    /**
     * Return the lease file of an engine and project in {@code directory}: {@code <project>-<16 hex digits>.lease},
     * the digits a hash of the engine's key and the project, so that every JVM of a run finds the same file.
     */
    static LeaseFile of(Path directory, String engine, String project) {
        String name = project.replaceAll("[^A-Za-z0-9_.-]", "_");
        if (name.length() > 60) {
            name = name.substring(0, 60);
        }
        return new LeaseFile(directory.resolve(name + "-" + hash(engine + "\n" + project) + ".lease"), engine, project);
    }

    /** Return the file's path. */
    Path path() {
        return file;
    }

    /**
     * Lock the file, waiting at most {@code bound}; {@code waiting} is called now and then while another process
     * holds it, with how long this one has waited.
     *
     * @param origin the setting the lease directory comes from, for an error
     * @throws InvalidInputException when the directory or file cannot be made or used, or the lock is
     *     not had within the bound
     */
    Locked lock(Duration bound, Origin origin, Consumer<Duration> waiting) {
        prepareDirectory(origin);
        Deadline deadline = Deadline.after(bound);
        ReentrantLock local = IN_THIS_JVM.computeIfAbsent(file, key -> new ReentrantLock());
        try {
            if (!local.tryLock(Math.max(1, bound.toNanos()), TimeUnit.NANOSECONDS)) {
                throw timedOut(origin, bound);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InvalidInputException(StackLifecycle.START_FAILED, origin, "interrupted while waiting for the lease file "
                    + file);
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException("it is not a regular file");
            }
            while (true) {
                FileLock lock;
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException e) {
                    lock = null;
                }
                if (lock != null) {
                    return new Locked(channel, lock, local);
                }
                if (deadline.passed()) {
                    throw timedOut(origin, bound);
                }
                waiting.accept(deadline.total().minus(deadline.remaining()));
                Thread.sleep(Math.max(1, deadline.bound(STEP).toMillis()));
            }
        } catch (IOException e) {
            closeQuietly(channel);
            local.unlock();
            throw new InvalidInputException(StackLifecycle.START_FAILED, origin, "cannot use the lease file " + file + ": "
                    + e.getClass().getSimpleName() + " (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            closeQuietly(channel);
            local.unlock();
            Thread.currentThread().interrupt();
            throw new InvalidInputException(StackLifecycle.START_FAILED, origin, "interrupted while waiting for the lease file "
                    + file);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            local.unlock();
            throw e;
        }
    }

    private InvalidInputException timedOut(Origin origin, Duration bound) {
        return new InvalidInputException(StackLifecycle.START_FAILED, origin, "another process held the lease file " + file
                + " (a start of compose project " + project + " in progress) for longer than " + bound.toMillis()
                + " ms (setting docker.start-timeout)");
    }

    private void prepareDirectory(Origin origin) {
        Path directory = file.getParent();
        try {
            if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
                try {
                    Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rwx------")));
                } catch (UnsupportedOperationException e) {
                    Files.createDirectories(directory);
                }
            }
            if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
                throw new InvalidInputException(StackLifecycle.START_FAILED, origin, "the lease directory " + directory
                        + " is not a directory");
            }
        } catch (IOException e) {
            throw new InvalidInputException(StackLifecycle.START_FAILED, origin, "cannot create the lease directory " + directory
                    + ": " + e.getClass().getSimpleName() + " (" + e.getMessage() + ")");
        }
    }

    /** The locked file: read and write its state, then close to unlock. */
    final class Locked implements AutoCloseable {
        private final FileChannel channel;
        private final FileLock lock;
        private final ReentrantLock local;

        private Locked(FileChannel channel, FileLock lock, ReentrantLock local) {
            this.channel = channel;
            this.lock = lock;
            this.local = local;
        }

        /** Return the state; a file that cannot be read as a lease is logged at WARN and read as empty. */
        LeaseState read() {
            try {
                long size = channel.size();
                if (size > MAX_BYTES) {
                    throw new IllegalArgumentException("it is " + size + " bytes, larger than " + MAX_BYTES);
                }
                ByteBuffer buffer = ByteBuffer.allocate((int) size);
                while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) > 0) {
                    // read the whole file
                }
                return LeaseState.fromJson(new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8));
            } catch (IOException | IllegalArgumentException e) {
                LOG.warn("docker: the lease file {} cannot be read as a lease ({}); it is started afresh, and"
                        + " containers it may have recorded are not stopped by it", file, e.getMessage());
                return LeaseState.empty();
            }
        }

        /** Write the state (an empty state empties the file). */
        void write(LeaseState state) {
            try {
                byte[] bytes = state.isEmpty() ? new byte[0]
                        : state.toJson(engine, project).getBytes(StandardCharsets.UTF_8);
                channel.truncate(0);
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer, buffer.position());
                }
                channel.force(false);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot write the lease file " + file, e);
            }
        }

        @Override
        public void close() {
            try {
                lock.release();
            } catch (IOException e) {
                // the channel is closed next, which drops the lock anyway
            }
            closeQuietly(channel);
            local.unlock();
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing left to release
            }
        }
    }

    private static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
