package dev.backendconfig.toolkit.dotenv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.backendconfig.testsupport.SpecialFiles;
import dev.backendconfig.toolkit.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dotenv text and files built to hurt: deep nesting, expansion, floods of duplicates, files that are not files. */
class DotenvHostileInputTest {

    private static final String FILE = "/repo/.env.staging.e2e";
    /** A bound that proves "does not hang", far above the time the work takes. */
    private static final Duration DOES_NOT_HANG = Duration.ofSeconds(30);

    @TempDir
    Path directory;

    private static DotenvFile parse(String text) {
        return assertTimeoutPreemptively(DOES_NOT_HANG, () -> Dotenv.parse(text, FILE, Map.of()));
    }

    private static String nested(int depth) {
        return "${A:-".repeat(depth) + "x" + "}".repeat(depth);
    }

    @Test
    void defaultsNestedTwoThousandDeepAreAnErrorWithFileAndLineNeverAStackOverflow() {
        assertThatThrownBy(() -> parse("OK=1\nTEST_USER_PASSWORD=" + nested(2000) + "\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(FILE + ":2: '${' nests more than 20 levels deep (at character 1 of the value; not"
                        + " configurable: defaults of defaults are never that deep)");
    }

    @Test
    void defaultsNestedTwentyDeepStillWorkAndTwentyOneDoNot() {
        assertThat(parse("A=" + nested(20) + "\n").entry("A").orElseThrow().value()).isEqualTo("x");
        assertThatThrownBy(() -> parse("B=" + nested(21) + "\n")).hasMessageContaining("nests more than 20 levels deep");
        assertThatThrownBy(() -> parse("B=${B:+" + nested(20) + "}\n")).hasMessageContaining("nests more than 20");
    }

    @Test
    void aValueThatExpandsBeyondTheLimitIsAnError() {
        String text = "A=" + "x".repeat(600_000) + "\nB=$A$A\n";
        assertThatThrownBy(() -> parse(text)).hasMessage(FILE + ":2: interpolation makes the value longer than 1048576"
                + " characters (not configurable: a value is a URL, a port or a credential; does it refer to a long"
                + " variable many times?)");
    }

    @Test
    void valuesThatExpandBeyondTheFileLimitInAllAreAnError() {
        String text = "A=" + "x".repeat(900_000) + "\nB1=$A\nB2=$A\nB3=$A\nB4=$A\nB5=$A\n";
        assertThatThrownBy(() -> parse(text)).hasMessage(FILE + ":5: the values of the file hold more than 4194304"
                + " characters in all once interpolated (not configurable: a dotenv file holds URLs and credentials;"
                + " does a value refer to a long variable many times?)");
    }

    @Test
    void aHundredThousandDuplicatesGiveOneNoteInLinearTime() {
        String text = "A=1\n".repeat(100_000);
        DotenvFile file = parse(text);
        assertThat(file.notes()).containsExactly("A is defined 100000 times (lines 1, 2, 3, ... 100000); line 100000"
                + " wins");
    }

    @Test
    void fiftyThousandNamesDefinedTwiceGiveOneNoteEach() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 50_000; i++) {
            text.append("N").append(i).append("=1\n");
        }
        text.append(text);
        DotenvFile file = parse(text.toString());
        assertThat(file.notes()).hasSize(50_000).first().isEqualTo("N0 is defined on lines 1 and 50001; line 50001 wins");
    }

    @Test
    void parsingStopsWhenTheThreadIsInterrupted() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> Dotenv.parse("A=1\n", FILE, Map.of()))
                    .isInstanceOf(CancellationException.class)
                    .hasMessage("interrupted while reading " + FILE);
        } finally {
            assertThat(Thread.interrupted()).isTrue();
        }
    }

    @Test
    void aNamedPipeOrADeviceIsRefusedWithoutBlocking() throws IOException {
        Path fifo = SpecialFiles.fifo(directory.resolve(".env.staging.e2e"));
        Path zero = SpecialFiles.link(directory.resolve(".env"), Path.of("/dev/zero"));
        assertThatThrownBy(() -> assertTimeoutPreemptively(DOES_NOT_HANG, () -> Dotenv.read(fifo, Map.of())))
                .hasMessageStartingWith(fifo + ": is a named pipe (FIFO), not a regular file; expected a dotenv file");
        assertThatThrownBy(() -> assertTimeoutPreemptively(DOES_NOT_HANG, () -> Dotenv.read(zero, Map.of())))
                .hasMessageStartingWith(zero + ": is a character device, not a regular file; expected a dotenv file");
    }

    @Test
    void aFileOverOneMebibyteIsRefusedBeforeItIsRead() throws IOException {
        Path big = SpecialFiles.sparse(directory.resolve(".env.staging.e2e"), 1024 * 1024 + 1);
        assertThatThrownBy(() -> Dotenv.read(big, Map.of())).hasMessage(big + ": is 1048577 bytes, larger than the"
                + " limit of 1048576 bytes (not configurable: a dotenv file holds a few dozen variables)");
        Path fits = Files.writeString(directory.resolve("fits.env"), "A=" + "x".repeat(1024 * 1024 - 3) + "\n");
        assertThat(Dotenv.read(fits, Map.of()).entry("A")).isPresent();
    }

    @Test
    void aRequiredVariablesMessageIsShownAsWrittenNeverWithAnotherVariablesValue() {
        assertThatThrownBy(() -> Dotenv.parse("TOKEN=s3cr3t\nA=${HOST:?set HOST, not ${TOKEN} or $TOKEN}\n", FILE,
                Map.of("DB_PASSWORD", "hunter2")))
                .hasMessage(FILE + ":2: variable HOST is required and must not be empty: set HOST, not ${TOKEN} or"
                        + " $TOKEN")
                .hasMessageNotContaining("s3cr3t");
    }
}
