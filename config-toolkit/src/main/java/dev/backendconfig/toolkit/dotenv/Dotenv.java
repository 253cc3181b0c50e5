package dev.backendconfig.toolkit.dotenv;

import static org.apiguardian.api.API.Status.STABLE;

import dev.backendconfig.toolkit.ConfigurationFiles;
import dev.backendconfig.toolkit.InvalidInputException;
import java.nio.file.Path;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Read dotenv files in the dialect docker compose reads.
 *
 * <ul>
 *   <li>{@code NAME=value}, optional {@code export } prefix, spaces around {@code =} allowed; names match
 *       {@code [A-Za-z_][A-Za-z0-9_.-]*}.
 *   <li>Unquoted values are trimmed; {@code #} starts a comment at the start of a line or after whitespace, so
 *       {@code pa#ss} keeps its {@code #}.
 *   <li>Single quotes are literal; double quotes take the escapes {@code \n \t \r \" \\ \$}; both may span
 *       lines.
 *   <li>Unquoted and double-quoted values are interpolated ({@link Interpolation}); lookup order: the real
 *       environment, then names defined earlier in the same file.
 *   <li>CRLF line ends and a UTF-8 byte order mark are accepted; blank lines and comments are skipped.
 *   <li>A name defined twice: the last wins, and a note says so. A comment that cuts an unquoted value short, and a
 *       {@code $NAME} that is not set and so became empty text, are noted too (with file and line, never the value).
 * </ul>
 *
 * Errors name the file and line and what is wrong, never the value, nor a line that may be part of one. A file is
 * read only when it is a regular file of at most {@link #MAX_BYTES}, and its values may hold at most
 * {@link #MAX_VALUE_CHARS} characters in all once interpolated.
 */
@API(status = STABLE, since = "1.0")
public final class Dotenv {

    /** The largest dotenv file read: 1 MiB. */
    public static final long MAX_BYTES = ConfigurationFiles.SMALL_FILE_BYTES;
    /** The most characters the values of one file may hold in all, once interpolated: 4 Mi. */
    public static final long MAX_VALUE_CHARS = 4L * 1024 * 1024;

    private static final ConfigurationFiles.Limit LIMIT = new ConfigurationFiles.Limit(MAX_BYTES,
            "not configurable: a dotenv file holds a few dozen variables");

    private Dotenv() {
    }

    /**
     * Read and parse a file.
     *
     * @param environment the real environment, for interpolation
     * @throws InvalidInputException when the file does not exist, is not a regular file, is larger than
     *     {@link #MAX_BYTES}, cannot be read, is not UTF-8, or has a malformed line
     * @throws java.util.concurrent.CancellationException when the thread is interrupted while parsing
     */
    public static DotenvFile read(Path file, Map<String, String> environment) {
        String text = ConfigurationFiles.readText(file, "a dotenv file of NAME=value lines", LIMIT);
        return parse(text, file.toString(), environment);
    }

    /**
     * Parse dotenv text.
     *
     * @param source how errors name the text, usually its file's path
     * @param environment the real environment, for interpolation
     * @throws InvalidInputException when a line is malformed or a limit is crossed
     * @throws java.util.concurrent.CancellationException when the thread is interrupted while parsing
     */
    public static DotenvFile parse(String text, String source, Map<String, String> environment) {
        return new DotenvParser(text, source, environment).parse();
    }
}
