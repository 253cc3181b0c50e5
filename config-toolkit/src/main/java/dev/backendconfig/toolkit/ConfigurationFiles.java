package dev.backendconfig.toolkit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.apiguardian.api.API.Status.STABLE;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Read a configuration file — a staging dotenv file, a compose file and its {@code .env}, the docker CLI's
 * {@code config.json}, a properties file — the safe way, for providers and for the library itself.
 *
 * <p>Only a regular file is opened, after following symbolic links: a named pipe (FIFO) would block the reader until
 * some writer comes, and a device such as {@code /dev/zero} never ends, so both are refused before opening, with a
 * message naming the file and what it is. A file is read only up to its {@link Limit}: one larger (or one that grows
 * while it is read, or claims 0 bytes and streams) is refused with a message naming the limit and how to raise it, if
 * it can be raised. Whatever the file claims to be, reading it takes at most {@link #MAX_READ_TIME} and ends when the
 * reading thread is interrupted: a "regular" file whose read blocks ({@code /proc/kmsg}), or a named pipe swapped in
 * between the check and the open, cannot hold the reader. Text is decoded as strict UTF-8. Every failure is an
 * {@link InvalidInputException} naming the file (and, for a byte that is not UTF-8, its line), never a value from it.
 */
@API(status = STABLE, since = "1.0")
public final class ConfigurationFiles {

    /** The code of every file this class refuses to read. */
    private static final String CODE = "BCFG01001";

    /**
     * The longest a file is read: a configuration file on a local disk is read in milliseconds, even on a loaded
     * machine; one that takes longer blocks when read ({@code /proc/kmsg}, a named pipe swapped in after the check).
     */
    @API(status = EXPERIMENTAL, since = "1.0")
    public static final Duration MAX_READ_TIME = Duration.ofSeconds(5);

    /** The limit for small configuration files (dotenv files, the docker CLI's JSON files): 1 MiB. */
    public static final long SMALL_FILE_BYTES = 1024 * 1024;

    private static final int S_IFMT = 0170000;
    private static final int S_IFIFO = 0010000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFSOCK = 0140000;

    private ConfigurationFiles() {
    }

    /**
     * The largest file read, and what a person can do about a larger one.
     *
     * @param maxBytes the largest size accepted
     * @param why for the message: how to raise the limit, or {@code "not configurable: ..."} and why
     */
    @API(status = STABLE, since = "1.0")
    public record Limit(long maxBytes, String why) {
        public Limit {
            if (maxBytes < 0) {
                throw new IllegalArgumentException("maxBytes must not be negative, got " + maxBytes);
            }
            Objects.requireNonNull(why, "why");
        }
    }

    /**
     * Resolve a file name that configuration gives (a setting, a variable) against a directory.
     *
     * @param origin where the name was given, for the error
     * @throws InvalidInputException when the name cannot be a path here (it holds a NUL character, say)
     */
    public static Path resolve(Path directory, String name, Origin origin) {
        try {
            return directory.resolve(name).normalize();
        } catch (InvalidPathException e) {
            throw new InvalidInputException(CODE, origin, "expected a file path, got text that cannot be a"
                    + " path on this system (" + OutsideText.oneLine(e.getReason()) + ")");
        }
    }

    /**
     * Read a file's bytes.
     *
     * @param expected what the file should be, for messages: {@code "a dotenv file of NAME=value lines"}
     * @throws InvalidInputException when it does not exist, is not a regular file, is larger than the
     *     limit, or cannot be read
     * @throws java.util.concurrent.CancellationException when the reading thread is interrupted (its flag stays set)
     */
    public static byte[] readBytes(Path file, String expected, Limit limit) {
        BasicFileAttributes attributes = regularFile(file, expected);
        if (attributes.size() > limit.maxBytes()) {
            throw tooLarge(file, attributes.size(), limit);
        }
        return read(file, limit, MAX_READ_TIME);
    }

    /**
     * Read what the file holds within {@code maxTime}, whatever it claims to be (see {@link BoundedFileRead}); the
     * caller has checked that it is a regular file.
     */
    static byte[] read(Path file, Limit limit, Duration maxTime) {
        try {
            return BoundedFileRead.read(file, Math.min(Integer.MAX_VALUE - 8, limit.maxBytes()), maxTime);
        } catch (BoundedFileRead.TooLarge e) {
            throw invalid(file, "grew past the limit of " + limit.maxBytes() + " bytes while it was read ("
                    + limit.why() + ")");
        } catch (BoundedFileRead.TimedOut e) {
            throw invalid(file, e.getMessage() + " (a file that blocks when read, such as /proc/kmsg or a named"
                    + " pipe, is never waited for longer; not configurable: a configuration file is read in"
                    + " milliseconds)");
        } catch (InterruptedIOException e) {
            // the resolution was cancelled (its budget ran out): not the file's fault, so not invalid input
            throw new java.util.concurrent.CancellationException("interrupted while reading " + file);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /**
     * Read a file as UTF-8 text.
     *
     * @param expected what the file should be, for messages: {@code "a dotenv file of NAME=value lines"}
     * @throws InvalidInputException as {@link #readBytes} does, and when a byte is not UTF-8 (naming
     *     its line)
     */
    public static String readText(Path file, String expected, Limit limit) {
        return decode(readBytes(file, expected, limit), file.toString());
    }

    /**
     * Decode bytes as strict UTF-8.
     *
     * @param source how errors name the bytes, usually their file's path
     * @throws InvalidInputException naming the line of the first byte that is not UTF-8
     */
    public static String decode(byte[] bytes, String source) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return decoder.decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            int bad = firstInvalidUtf8(bytes);
            int line = 1;
            for (int i = 0; i < bad; i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new InvalidInputException(CODE, Origin.file(source, line),
                    "is not UTF-8 text (an invalid byte at offset " + bad + "); save the file as UTF-8");
        }
    }

    /** Return the file's attributes when it is a regular file (links followed), else throw saying what it is. */
    private static BasicFileAttributes regularFile(Path file, String expected) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw invalid(file, Files.isSymbolicLink(file) ? "is a symbolic link to a file that does not exist"
                    : "does not exist");
        } catch (IOException e) {
            throw unreadable(file, e);
        }
        if (attributes.isDirectory()) {
            throw invalid(file, "is a directory; expected " + expected);
        }
        if (!attributes.isRegularFile()) {
            throw invalid(file, "is " + special(file) + ", not a regular file; expected " + expected + " (a named pipe"
                    + " could block and a device never end, so only regular files are read)");
        }
        return attributes;
    }

    private static String special(Path file) {
        try {
            Object mode = Files.getAttribute(file, "unix:mode");
            if (mode instanceof Integer bits) {
                return switch (bits & S_IFMT) {
                    case S_IFIFO -> "a named pipe (FIFO)";
                    case S_IFCHR -> "a character device";
                    case S_IFBLK -> "a block device";
                    case S_IFSOCK -> "a socket";
                    default -> "a special file";
                };
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            // described generically below
        }
        return "a special file";
    }

    private static InvalidInputException tooLarge(Path file, long size, Limit limit) {
        return invalid(file, "is " + size + " bytes, larger than the limit of " + limit.maxBytes() + " bytes ("
                + limit.why() + ")");
    }

    private static InvalidInputException unreadable(Path file, IOException e) {
        if (e instanceof AccessDeniedException) {
            return invalid(file, "cannot be read: permission denied (make it readable by the user running the tests)");
        }
        String reason = e instanceof FileSystemException system && system.getReason() != null ? system.getReason()
                : e.getMessage();
        return invalid(file, "cannot be read (" + e.getClass().getSimpleName()
                + (reason == null ? "" : ": " + OutsideText.oneLine(reason)) + ")");
    }

    private static InvalidInputException invalid(Path file, String problem) {
        return new InvalidInputException(CODE, Origin.file(file.toString(), 0), problem);
    }

    private static int firstInvalidUtf8(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        decoder.decode(in, CharBuffer.allocate(bytes.length + 1), true);
        return in.position();
    }
}
