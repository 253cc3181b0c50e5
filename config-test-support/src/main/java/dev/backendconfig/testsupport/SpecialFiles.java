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
