package dev.backendconfig.toolkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.backendconfig.testsupport.Leftovers;
import dev.backendconfig.testsupport.SpecialFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigurationFilesTest {

    private static final ConfigurationFiles.Limit LIMIT = new ConfigurationFiles.Limit(1024,
            "not configurable: a test file is small");
    private static final Duration DOES_NOT_HANG = Duration.ofSeconds(10);

    @TempDir
    Path directory;

    private String read(Path file) {
        return assertTimeoutPreemptively(DOES_NOT_HANG,
                () -> ConfigurationFiles.readText(file, "a test file of NAME=value lines", LIMIT));
    }

    @Test
    void readsARegularFileAndOneBehindASymbolicLink() throws IOException {
        Path file = Files.writeString(directory.resolve("real.env"), "A=1\n");
        Path link = SpecialFiles.link(directory.resolve("link.env"), file);
        assertThat(read(file)).isEqualTo("A=1\n");
        assertThat(read(link)).isEqualTo("A=1\n");
    }

    @Test
    void aNamedPipeIsRefusedWithoutOpeningItSoNothingBlocks() throws IOException {
        Path fifo = SpecialFiles.fifo(directory.resolve("staging.env"));
        Leftovers leftovers = Leftovers.snapshot(directory);
        assertThatThrownBy(() -> read(fifo))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(fifo + ": is a named pipe (FIFO), not a regular file; expected a test file of NAME=value"
                        + " lines (a named pipe could block and a device never end, so only regular files are read)");
        assertThat(leftovers.newDescriptors()).isEmpty();
    }

    @Test
    void aSymbolicLinkToANamedPipeIsRefusedToo() throws IOException {
        Path fifo = SpecialFiles.fifo(directory.resolve("pipe"));
        Path link = SpecialFiles.link(directory.resolve("compose.yaml"), fifo);
        assertThatThrownBy(() -> read(link)).hasMessageStartingWith(link + ": is a named pipe (FIFO), not a regular file");
    }

    @Test
    void aDeviceThatNeverEndsIsRefusedEvenBehindALink() throws IOException {
        Path zero = Path.of("/dev/zero");
        Path link = SpecialFiles.link(directory.resolve(".env.staging.e2e"), zero);
        assertThatThrownBy(() -> read(zero)).hasMessageStartingWith("/dev/zero: is a character device, not a regular file");
        assertThatThrownBy(() -> read(link)).hasMessageStartingWith(link + ": is a character device, not a regular file");
    }

    @Test
    void aDirectoryAMissingFileAndADanglingLinkSayWhatTheyAre() throws IOException {
        Path missing = directory.resolve("missing.env");
        Path dangling = SpecialFiles.link(directory.resolve("dangling.env"), missing);
        assertThatThrownBy(() -> read(directory)).hasMessage(directory + ": is a directory; expected a test file of"
                + " NAME=value lines");
        assertThatThrownBy(() -> read(missing)).hasMessage(missing + ": does not exist");
        assertThatThrownBy(() -> read(dangling)).hasMessage(dangling + ": is a symbolic link to a file that does not"
                + " exist");
    }

    @Test
    void aFileLargerThanTheLimitIsRefusedBeforeItIsRead() throws IOException {
        Path huge = SpecialFiles.sparse(directory.resolve("huge.env"), 50L * 1024 * 1024 * 1024);
        assertThatThrownBy(() -> read(huge)).hasMessage(huge + ": is 53687091200 bytes, larger than the limit of 1024"
                + " bytes (not configurable: a test file is small)");
        Path justOver = Files.write(directory.resolve("over.env"), new byte[1025]);
        assertThatThrownBy(() -> read(justOver)).hasMessageContaining("is 1025 bytes, larger than the limit of 1024");
        Path atTheLimit = Files.write(directory.resolve("limit.env"), "A".repeat(1024).getBytes(StandardCharsets.UTF_8));
        assertThat(read(atTheLimit)).hasSize(1024);
    }

    @Test
    void aFileWhoseSizeSaysNothingIsStillCutAtTheLimit() {
        Path proc = Path.of("/proc/self/maps");
        assumeTrue(Files.isRegularFile(proc), "needs /proc, whose files say they hold 0 bytes");
        assertThatThrownBy(() -> ConfigurationFiles.readText(proc, "a file", new ConfigurationFiles.Limit(16, "x")))
                .hasMessage(proc + ": grew past the limit of 16 bytes while it was read (x)");
    }

    /** The time bound the tests give a read: long enough for a loaded machine to open and read, short for a test. */
    private static final Duration BOUND = Duration.ofMillis(600);

    /** Read {@code file} as the public methods do once it passed the type check, timing it; return the error. */
    private static InvalidInputException boundedReadFails(Path file, ConfigurationFiles.Limit limit, Duration bound) {
        long start = System.nanoTime();
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> assertTimeoutPreemptively(
                DOES_NOT_HANG, () -> ConfigurationFiles.read(file, limit, bound)));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).as("the read ends soon after its bound").isLessThan(bound.plusSeconds(3));
        assertThat(thrown).isInstanceOf(InvalidInputException.class);
        return (InvalidInputException) thrown;
    }

    private static String timedOut(Path file, Duration bound) {
        return file + ": did not finish reading within " + bound.toMillis() + " ms (a file that blocks when read,"
                + " such as /proc/kmsg or a named pipe, is never waited for longer; not configurable: a configuration"
                + " file is read in milliseconds)";
    }

    /** No reader thread and no descriptor of the read is left once it returned. */
    private static void nothingLeft(Leftovers leftovers, Path file) throws IOException {
        assertThat(leftovers.newThreads()).isEmpty();
        assertThat(leftovers.newDescriptors()).isEmpty();
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            assertThat(fds.map(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString();
                } catch (IOException e) {
                    return "";
                }
            }).toList()).doesNotContain(file.toString());
        }
    }

    @Test
    void aNamedPipeWhoseOpenBlocksIsLeftAtTheDeadline() throws IOException {
        Path fifo = SpecialFiles.fifo(directory.resolve("swapped.env"));
        Leftovers leftovers = Leftovers.snapshot(directory);
        assertThat(boundedReadFails(fifo, LIMIT, BOUND)).hasMessage(timedOut(fifo, BOUND));
        nothingLeft(leftovers, fifo);
    }

    @Test
    void aNamedPipeWhoseWriterNeverWritesIsLeftAtTheDeadline() throws Exception {
        Path fifo = SpecialFiles.fifo(directory.resolve("quiet.env"));
        Process writer = SpecialFiles.writer(fifo, null);
        try {
            Leftovers leftovers = Leftovers.snapshot(directory);
            assertThat(boundedReadFails(fifo, LIMIT, BOUND)).hasMessage(timedOut(fifo, BOUND));
            nothingLeft(leftovers, fifo);
        } finally {
            writer.destroyForcibly().waitFor();
        }
    }

    @Test
    void aNamedPipeThatNeverEndsIsCutAtTheLimit() throws Exception {
        Path fifo = SpecialFiles.fifo(directory.resolve("endless.env"));
        Process writer = SpecialFiles.writer(fifo, "A=1");
        try {
            Leftovers leftovers = Leftovers.snapshot(directory);
            assertThat(boundedReadFails(fifo, LIMIT, Duration.ofSeconds(30))).hasMessage(fifo + ": grew past the limit"
                    + " of 1024 bytes while it was read (not configurable: a test file is small)");
            nothingLeft(leftovers, fifo);
        } finally {
            writer.destroyForcibly().waitFor();
        }
    }

    @Test
    void aRegularFileOfSizeZeroWhoseReadBlocksIsLeftAtTheDeadline() throws IOException {
        Optional<Path> kmsg = SpecialFiles.blockingKernelFile();
        assumeTrue(kmsg.isPresent(), "the kernel gives this user no /proc/kmsg to read (it needs CAP_SYSLOG)");
        Leftovers leftovers = Leftovers.snapshot(directory);
        // a limit above anything the kernel log holds, so that the read drains it and then blocks
        ConfigurationFiles.Limit large = new ConfigurationFiles.Limit(64L * 1024 * 1024, "large");
        assertThat(boundedReadFails(kmsg.get(), large, BOUND)).hasMessage(timedOut(kmsg.get(), BOUND));
        nothingLeft(leftovers, kmsg.get());
    }

    @Test
    void aReadThatBlocksEndsWhenTheReadingThreadIsInterrupted() throws Exception {
        Optional<Path> kmsg = SpecialFiles.blockingKernelFile();
        Process writer = null;
        Path file;
        if (kmsg.isPresent()) {
            file = kmsg.get();
        } else {
            file = SpecialFiles.fifo(directory.resolve("quiet.env"));
            writer = SpecialFiles.writer(file, null);
        }
        try {
            Leftovers leftovers = Leftovers.snapshot(directory);
            java.util.concurrent.atomic.AtomicReference<Throwable> thrown = new java.util.concurrent.atomic.AtomicReference<>();
            java.util.concurrent.atomic.AtomicBoolean flagKept = new java.util.concurrent.atomic.AtomicBoolean();
            Thread reader = new Thread(() -> {
                try {
                    ConfigurationFiles.read(file, new ConfigurationFiles.Limit(64L * 1024 * 1024, "large"),
                            Duration.ofSeconds(60));
                } catch (RuntimeException e) {
                    thrown.set(e);
                    flagKept.set(Thread.currentThread().isInterrupted());
                }
            });
            reader.start();
            Thread.sleep(300);
            long interrupted = System.nanoTime();
            reader.interrupt();
            reader.join(DOES_NOT_HANG.toMillis());
            assertThat(reader.isAlive()).isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - interrupted)).isLessThan(Duration.ofSeconds(3));
            assertThat(thrown.get()).as("a cancelled resolution, not a bad file")
                    .isInstanceOf(java.util.concurrent.CancellationException.class)
                    .hasMessage("interrupted while reading " + file);
            assertThat(flagKept).as("the interrupt flag stays set").isTrue();
            nothingLeft(leftovers, file);
        } finally {
            if (writer != null) {
                writer.destroyForcibly().waitFor();
            }
        }
    }

    @Test
    void thePublicMethodsReadAFileThatBlocksForFiveSecondsAtMost() throws IOException {
        Optional<Path> kmsg = SpecialFiles.blockingKernelFile();
        assumeTrue(kmsg.isPresent(), "the kernel gives this user no /proc/kmsg to read (it needs CAP_SYSLOG)");
        Path link = SpecialFiles.link(directory.resolve(".env.staging.e2e"), kmsg.get());
        Leftovers leftovers = Leftovers.snapshot(directory);
        long start = System.nanoTime();
        assertThatThrownBy(() -> assertTimeoutPreemptively(DOES_NOT_HANG, () -> ConfigurationFiles.readText(link,
                "a staging file", new ConfigurationFiles.Limit(64L * 1024 * 1024, "large"))))
                .isInstanceOf(InvalidInputException.class).hasMessage(timedOut(link, Duration.ofSeconds(5)));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(8));
        nothingLeft(leftovers, kmsg.get());
    }

    @Test
    void textThatIsNotUtf8NamesTheLineOfTheFirstBadByte() throws IOException {
        Path file = Files.write(directory.resolve("latin1.env"), "A=1\nB=caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> read(file)).hasMessage(file + ":2: is not UTF-8 text (an invalid byte at offset 9);"
                + " save the file as UTF-8");
    }

    @Test
    void aNameThatCannotBeAPathIsAnErrorNamingWhereItWasGiven() {
        assertThatThrownBy(() -> ConfigurationFiles.resolve(directory, "bad\u0000name", Origin.variable("COMPOSE_FILE")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("variable COMPOSE_FILE: expected a file path, got text that cannot be a path"
                        + " on this system (");
        assertThat(ConfigurationFiles.resolve(directory, "docker/../compose.yaml", Origin.variable("COMPOSE_FILE")))
                .isEqualTo(directory.resolve("compose.yaml"));
    }

    @Test
    void aLimitOfZeroBytesIsALimitANegativeOneIsRefused() {
        assertThat(new ConfigurationFiles.Limit(0, "not configurable").maxBytes()).isZero();
        assertThatThrownBy(() -> new ConfigurationFiles.Limit(-1, "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxBytes must not be negative, got -1");
    }
}
