package dev.backendconfig.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;

/**
 * What {@code up} records of the process that holds a project's stack for the shell (the keeper), and how {@code down}
 * finds and releases it: {@code <hash>.up} (the keeper's pid and start time, its state, the directory), beside it
 * {@code <hash>.log} (what the keeper logged), {@code <hash>.report} (its report) and, written by {@code down},
 * {@code <hash>.release}. One per project directory, in {@code backend-config-up-<user name>} under
 * {@code java.io.tmpdir}, readable by its owner only.
 *
 * @param file the {@code .up} file
 */
record UpRecord(Path file) {

    /** Where the keeper is. */
    enum State {
        /** Resolving and starting. */
        STARTING,
        /** Found; the keeper holds the lease until {@code down}. */
        UP,
        /** Nothing found: the keeper ended. */
        NOT_FOUND,
        /** Configuration that is wrong, or a start that failed: the keeper ended. */
        INVALID,
        /** A provider broke: the keeper ended. */
        BROKEN
    }

    /** The record of {@code directory}, in {@code tmp}'s {@code backend-config-up-<user>}. */
    static UpRecord of(Path directory, Path tmp, String user) {
        Path home = tmp.resolve("backend-config-up-" + user.replaceAll("[^A-Za-z0-9_.-]", "_"));
        return new UpRecord(home.resolve(hash(directory.toAbsolutePath().normalize().toString()) + ".up"));
    }

    Path log() {
        return sibling(".log");
    }

    Path report() {
        return sibling(".report");
    }

    Path release() {
        return sibling(".release");
    }

    /** Make the record's directory, readable by its owner only. */
    void createDirectory() throws IOException {
        Path home = file.getParent();
        if (!Files.isDirectory(home)) {
            Files.createDirectories(home);
            try {
                Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: its own defaults
            }
        }
    }

    /** Write the record: keeper {@code pid} started at {@code started}, in {@code state}. */
    void write(long pid, Instant started, Path directory, State state) {
        Properties values = new Properties();
        values.setProperty("pid", Long.toString(pid));
        values.setProperty("started", started.toString());
        values.setProperty("directory", directory.toString());
        values.setProperty("state", state.name());
        Path temporary = sibling(".up.tmp");
        try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
            values.store(writer, "backend-config up");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + temporary, e);
        }
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            move(temporary);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private void move(Path temporary) {
        try {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** What the record says, if there is one that can be read. */
    Optional<Entry> read() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties values = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            values.load(reader);
            return Optional.of(new Entry(Long.parseLong(values.getProperty("pid", "")),
                    Instant.parse(values.getProperty("started", "")), State.valueOf(values.getProperty("state", ""))));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Remove every file of the record. */
    void delete() {
        for (Path path : new Path[] {file, log(), report(), release(), sibling(".up.tmp")}) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove " + path, e);
            }
        }
    }

    private Path sibling(String suffix) {
        String name = file.getFileName().toString();
        return file.resolveSibling(name.substring(0, name.length() - ".up".length()) + suffix);
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * One reading of the record.
     *
     * @param pid the keeper's process id
     * @param started when the keeper started (a pid reused by another process has another start time)
     * @param state where the keeper is
     */
    record Entry(long pid, Instant started, State state) {

        /** Return the keeper's process, if it still runs (the same process: same pid and start time). */
        Optional<ProcessHandle> keeper() {
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(process -> process.info().startInstant().map(started::equals).orElse(true));
        }
    }
}
