package dev.backendconfig.api.dotenv;

import dev.backendconfig.api.InvalidBackendConfigurationException;
import dev.backendconfig.api.spi.Origin;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

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
 *   <li>A name defined twice: the last wins, and a note says so.
 * </ul>
 *
 * Errors name the file and line and what is wrong, never the value.
 */
public final class Dotenv {

    private Dotenv() {
    }

    /**
     * Read and parse a file.
     *
     * @param environment the real environment, for interpolation
     * @throws InvalidBackendConfigurationException when the file cannot be read, is not UTF-8, or has a malformed line
     */
    public static DotenvFile read(Path file, Map<String, String> environment) {
        String source = file.toString();
        if (Files.isDirectory(file)) {
            throw new InvalidBackendConfigurationException(Origin.file(source, 0),
                    "is a directory; expected a dotenv file of NAME=value lines");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InvalidBackendConfigurationException(Origin.file(source, 0), "does not exist");
        } catch (AccessDeniedException e) {
            throw new InvalidBackendConfigurationException(Origin.file(source, 0),
                    "cannot be read: permission denied (make it readable by the user running the tests)");
        } catch (IOException e) {
            throw new InvalidBackendConfigurationException(Origin.file(source, 0), "cannot be read ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
        return parse(decode(bytes, source), source, environment);
    }

    /**
     * Parse dotenv text.
     *
     * @param source how errors name the text, usually its file's path
     * @param environment the real environment, for interpolation
     */
    public static DotenvFile parse(String text, String source, Map<String, String> environment) {
        Function<String, Optional<String>> real = name -> Optional.ofNullable(environment.get(name))
                .filter(value -> !value.isEmpty());
        return new DotenvParser(text, source, real).parse();
    }

    private static String decode(byte[] bytes, String source) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            int bad = firstInvalidUtf8(bytes);
            int line = 1;
            for (int i = 0; i < bad; i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new InvalidBackendConfigurationException(Origin.file(source, line),
                    "is not UTF-8 text (an invalid byte at offset " + bad + "); save the file as UTF-8");
        }
    }

    private static int firstInvalidUtf8(byte[] bytes) {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        var out = java.nio.CharBuffer.allocate(bytes.length + 1);
        decoder.decode(in, out, true);
        return in.position();
    }
}
