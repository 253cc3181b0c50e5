package dev.backendconfig.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Files that are not regular files, made for real: a named pipe (with the system's mkfifo) and links to devices. */
public final class SpecialFiles {

    private SpecialFiles() {
    }

    /** Create a named pipe (FIFO) at {@code path} that no one ever writes to: opening it for reading would block. */
    public static Path fifo(Path path) throws IOException {
        Files.createDirectories(path.toAbsolutePath().getParent());
        Process process = new ProcessBuilder("mkfifo", path.toString()).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IOException("mkfifo " + path + " failed: "
                        + new String(process.getInputStream().readAllBytes()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running mkfifo", e);
        }
        return path;
    }

    /**
     * Start a process that opens the named pipe {@code fifo} for writing and then writes {@code text} in a loop
     * ({@code yes}), or, with {@code text} null, nothing at all, keeping it open until the process is destroyed.
     */
    public static Process writer(Path fifo, String text) throws IOException {
        String script = text == null ? "exec 3>\"$1\"; exec sleep 600" : "exec yes \"$2\" > \"$1\"";
        return new ProcessBuilder("sh", "-c", script, "sh", fifo.toString(), text == null ? "" : text)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    /**
     * Return a file the kernel calls regular, of size 0, whose read blocks while it has nothing to give: {@code
     * /proc/kmsg} (the kernel log, for syslog; reading it takes the messages it holds). Empty where this user may not
     * read it (it needs CAP_SYSLOG) or the kernel gives no such file.
     */
    public static java.util.Optional<Path> blockingKernelFile() {
        Path kmsg = Path.of("/proc/kmsg");
        try {
            if (Files.isRegularFile(kmsg) && Files.size(kmsg) == 0 && Files.isReadable(kmsg)) {
                try (var probe = java.nio.channels.FileChannel.open(kmsg)) {
                    return java.util.Optional.of(kmsg);
                }
            }
        } catch (IOException | SecurityException e) {
            // not readable here (no CAP_SYSLOG, or dmesg_restrict)
        }
        return java.util.Optional.empty();
    }

    /** Create a symbolic link at {@code path} to {@code target}, for example {@code /dev/zero}. */
    public static Path link(Path path, Path target) throws IOException {
        Files.createDirectories(path.toAbsolutePath().getParent());
        return Files.createSymbolicLink(path, target);
    }

    /** Create a sparse file of {@code size} bytes (no disk is spent on it). */
    public static Path sparse(Path path, long size) throws IOException {
        Files.createDirectories(path.toAbsolutePath().getParent());
        try (var file = new java.io.RandomAccessFile(path.toFile(), "rw")) {
            file.setLength(size);
        }
        return path;
    }
}
