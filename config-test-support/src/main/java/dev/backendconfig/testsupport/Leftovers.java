package dev.backendconfig.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a resolution must not leave behind: a live thread of the library (named {@code backend-config-*}) and an open
 * file descriptor (a socket, a pipe, or a file under a test's directory). Take a snapshot before, then check after.
 *
 * <p>Descriptors are read from {@code /proc/self/fd}; the JVM opens jar files and the like while classes load, so only
 * sockets, pipes and files under the given directory count. A connection the peer closes is closed on this side
 * a moment later, so descriptors are waited for up to a bound; threads are not: the resolution has returned, and its
 * threads must have ended by then.
 */
public final class Leftovers {

    private static final Path FD = Path.of("/proc/self/fd");
    private static final Duration DESCRIPTOR_WAIT = Duration.ofSeconds(5);

    private final Path directory;
    private final Set<String> threadsBefore;
    private final Map<String, String> descriptorsBefore;

    private Leftovers(Path directory) {
        this.directory = directory.toAbsolutePath();
        this.threadsBefore = libraryThreads();
        this.descriptorsBefore = descriptors();
    }

    /** Take a snapshot now; files under {@code directory} count as the test's own. */
    public static Leftovers snapshot(Path directory) {
        return new Leftovers(directory);
    }

    /** Tell whether this system lists open descriptors under {@code /proc/self/fd}. */
    public static boolean descriptorsVisible() {
        return Files.isDirectory(FD);
    }

    /** Return the names of the library's threads alive now that were not alive at the snapshot. */
    public Set<String> newThreads() {
        Set<String> now = libraryThreads();
        now.removeAll(threadsBefore);
        return now;
    }

    /**
     * Return the sockets, pipes and test files open now that were not open at the snapshot, waiting a bounded while
     * for the other side of a closed connection to go.
     */
    public Map<String, String> newDescriptors() {
        return newDescriptors(DESCRIPTOR_WAIT);
    }

    /** Return the sockets, pipes and test files open now that were not at the snapshot, waiting up to {@code wait}. */
    public Map<String, String> newDescriptors(Duration wait) {
        long end = System.nanoTime() + wait.toNanos();
        while (true) {
            Map<String, String> now = descriptors();
            now.keySet().removeIf(fd -> now.get(fd).equals(descriptorsBefore.get(fd)));
            if (now.isEmpty() || System.nanoTime() - end > 0) {
                return now;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return now;
            }
        }
    }

    /** Return the names of the library's live threads, with their ids so that two of one name differ. */
    public static Set<String> libraryThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.isAlive() && thread.getName().startsWith("backend-config-"))
                .map(thread -> thread.getName() + "#" + thread.getId())
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    private Map<String, String> descriptors() {
        Map<String, String> open = new TreeMap<>();
        if (!descriptorsVisible()) {
            return open;
        }
        try (Stream<Path> entries = Files.list(FD)) {
            entries.forEach(entry -> {
                try {
                    String target = Files.readSymbolicLink(entry).toString();
                    if (target.startsWith("socket:") || target.startsWith("pipe:") || target.startsWith(directory.toString())) {
                        open.put(entry.getFileName().toString(), target);
                    }
                } catch (IOException e) {
                    // closed while listed
                }
            });
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return open;
    }
}
