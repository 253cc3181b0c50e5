package dev.backendconfig.toolkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Read a file whatever it claims to be, bounded in size and in time and interruptible: a file that {@code stat} calls
 * regular with size 0 may still block on read ({@code /proc/kmsg}), never end ({@code /proc} files that stream), or —
 * replaced between the check and the open — be a named pipe whose open blocks until a writer comes.
 *
 * <p>The file is read through a {@link FileChannel}, which an interrupt of the reading thread closes, and which a
 * close from another thread unblocks (the JDK signals the blocked thread). A watchdog thread of its own
 * ({@code backend-config-file-read-N}) lives exactly as long as one read: at the deadline it closes the channel, or,
 * when the open itself still blocks on a named pipe, opens the pipe for writing so that the blocked open returns.
 * The watchdog is ended and joined before the read returns, so no thread of the read outlives it.
 */
final class BoundedFileRead implements Runnable {

    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final int CHUNK = 64 * 1024;

    /** The read did not end by its deadline; the channel was closed (or the blocked open released). */
    static final class TimedOut extends IOException {
        private static final long serialVersionUID = 1L;

        TimedOut(Duration waited) {
            super("did not finish reading within " + waited.toMillis() + " ms");
        }
    }

    /** The file held more than the limit; nothing beyond one byte over it was read. */
    static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge() {
            super("more bytes than the limit");
        }
    }

    private final Path file;
    private final long maxBytes;
    private final Duration maxTime;
    private volatile FileChannel channel;
    private volatile boolean finished;
    private volatile boolean timedOut;
    private long deadline;

    private BoundedFileRead(Path file, long maxBytes, Duration maxTime) {
        this.file = file;
        this.maxBytes = maxBytes;
        this.maxTime = maxTime;
    }

    /**
     * Read at most {@code maxBytes} bytes of {@code file} within {@code maxTime}.
     *
     * @throws TimedOut when the open or a read was still waiting at the deadline
     * @throws TooLarge when the file holds more than {@code maxBytes} bytes
     * @throws InterruptedIOException when the calling thread was interrupted (its interrupt flag stays set)
     * @throws IOException when the file cannot be opened or read
     */
    static byte[] read(Path file, long maxBytes, Duration maxTime) throws IOException {
        return new BoundedFileRead(file, maxBytes, maxTime).readWithin();
    }

    private byte[] readWithin() throws IOException {
        deadline = System.nanoTime() + Math.max(1, maxTime.toNanos());
        // this object is the watchdog's task rather than a lambda: a file read is on every first resolution's path,
        // where a lambda's first call would start the JDK's lambda machinery
        Thread watchdog = new Thread(this, "backend-config-file-read-" + THREADS.incrementAndGet());
        watchdog.setDaemon(true);
        watchdog.start();
        try {
            return readAll();
        } catch (ClosedByInterruptException e) {
            throw interrupted(e);
        } catch (AsynchronousCloseException e) {
            throw timedOut ? new TimedOut(maxTime) : e;
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw interrupted(e);
            }
            throw timedOut ? new TimedOut(maxTime) : e;
        } finally {
            finished = true;
            closeQuietly(channel);
            stop(watchdog);
        }
    }

    private byte[] readAll() throws IOException {
        FileChannel opened = FileChannel.open(file, StandardOpenOption.READ);
        channel = opened;
        if (timedOut) {
            throw new TimedOut(maxTime);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(CHUNK, maxBytes + 1));
        long total = 0;
        while (true) {
            buffer.clear();
            buffer.limit((int) Math.min(buffer.capacity(), maxBytes + 1 - total));
            int read = opened.read(buffer);
            if (read < 0) {
                break;
            }
            if (timedOut) {
                throw new TimedOut(maxTime);
            }
            bytes.write(buffer.array(), 0, read);
            total += read;
            if (total > maxBytes) {
                throw new TooLarge();
            }
        }
        if (timedOut) {
            throw new TimedOut(maxTime);
        }
        return bytes.toByteArray();
    }

    private static InterruptedIOException interrupted(IOException cause) {
        Thread.currentThread().interrupt();
        InterruptedIOException interrupted = new InterruptedIOException("interrupted while it was read");
        interrupted.initCause(cause);
        return interrupted;
    }

    /** The watchdog: wait for the deadline or the end of the read, whichever comes first, then unblock the reader. */
    @Override
    public void run() {
        while (!finished) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            LockSupport.parkNanos(this, left);
        }
        if (finished) {
            return;
        }
        timedOut = true;
        FileChannel open = channel;
        if (open != null) {
            closeQuietly(open);
            return;
        }
        releaseBlockedOpen();
    }

    /**
     * The reader is still opening the file: only a named pipe blocks there, until a writer opens it. Open it for
     * writing (no byte is written; a pipe holds no data to change) so that the reader's open returns, then close what
     * it opened, which ends its read.
     */
    private void releaseBlockedOpen() {
        if (!isFifo()) {
            return;
        }
        try (FileChannel writer = FileChannel.open(file, StandardOpenOption.WRITE)) {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            while (channel == null && !finished && System.nanoTime() < until) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
        } catch (IOException | RuntimeException e) {
            // the pipe went away meanwhile: the reader's open has failed or returned
        }
        closeQuietly(channel);
    }

    private boolean isFifo() {
        try {
            Object mode = Files.getAttribute(file, "unix:mode");
            return mode instanceof Integer bits && (bits & 0170000) == 0010000;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(file)
                    && !Files.isDirectory(file);
        }
    }

    /**
     * End the watchdog and wait for it. It ends at once unless it is opening a named pipe for writing, which returns
     * as soon as the blocked reader is there; the wait is bounded all the same, for a pipe swapped once more between
     * its check and its open.
     */
    private static void stop(Thread watchdog) {
        LockSupport.unpark(watchdog);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        boolean interrupted = false;
        while (watchdog.isAlive() && System.nanoTime() < until) {
            try {
                watchdog.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime())));
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // closing a read-only file: nothing to flush, nothing left to release
            }
        }
    }
}
