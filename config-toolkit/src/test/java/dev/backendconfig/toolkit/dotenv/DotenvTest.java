package dev.backendconfig.toolkit.dotenv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.backendconfig.testsupport.StagingExample;
import dev.backendconfig.toolkit.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class DotenvTest {

    private static final String FILE = "/repo/.env.staging.e2e";

    @TempDir
    Path directory;

    private static DotenvFile parse(String text) {
        return Dotenv.parse(text, FILE, Map.of());
    }

    private static String value(String text, String name) {
        return parse(text).entry(name).orElseThrow().value();
    }

    @Test
    void readsTheStagingExample() {
        DotenvFile file = parse(StagingExample.FILE);
        assertThat(file.entries().keySet()).containsExactly("STAGING_BASE_URL", "STAGING_API_URL",
                "STAGING_WEBSOCKET_URL", "STAGING_AUTH_URL", "TEST_USER_EMAIL", "TEST_USER_PASSWORD", "ENVIRONMENT");
        assertThat(file.entry("STAGING_WEBSOCKET_URL").orElseThrow())
                .isEqualTo(new DotenvEntry("STAGING_WEBSOCKET_URL", "wss://backend-staging.example.test/ws", 4));
        assertThat(file.origin(file.entry("TEST_USER_PASSWORD").orElseThrow()).describe()).isEqualTo(FILE + ":7");
        assertThat(file.toString()).doesNotContain("not-for-logs");
        assertThat(file.entry("TEST_USER_PASSWORD").orElseThrow().toString()).isEqualTo("TEST_USER_PASSWORD (line 7)");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "A=plain | plain",
        "A=  spaced out   | spaced out",
        "A = around | around",
        "export A=exported | exported",
        "export  A=two spaces | two spaces",
        "A=pa#ss | pa#ss",
        "A=value # comment | value",
        "A=value\t# tab comment | value",
        "A=#not-a-comment-at-value-start | #not-a-comment-at-value-start",
        "A='single # quoted' | single # quoted",
        "A='literal $HOME \\n' | literal $HOME \\n",
        "A=\"double \\\"quoted\\\"\" | double \"quoted\"",
        "A=\"tab\\there\" | tab\there",
        "A=\"back\\\\slash\" | back\\slash",
        "A=\"dollar \\$HOME\" | dollar $HOME",
        "A=\"unknown \\q escape\" | unknown \\q escape",
        "A='quoted' # comment | quoted",
        "A= | ''",
        "A=\"\" | ''",
        "my.dotted-name=x | x",
    })
    void readsTheComposeDialect(String line, String expected) {
        String name = line.startsWith("export") ? "A" : line.substring(0, line.indexOf('=')).strip();
        assertThat(value(line + "\n", name)).isEqualTo(expected.equals("''") ? "" : expected);
    }

    @Test
    void doubleQuotedEscapesAndMultiLineValues() {
        DotenvFile file = parse("CERT=\"-----BEGIN-----\nline two\n-----END-----\"\nNEXT=after\nESCAPED=\"a\\nb\\r\\tc\"\n");
        assertThat(file.entry("CERT").orElseThrow().value()).isEqualTo("-----BEGIN-----\nline two\n-----END-----");
        assertThat(file.entry("NEXT").orElseThrow().line()).isEqualTo(4);
        assertThat(file.entry("ESCAPED").orElseThrow().value()).isEqualTo("a\nb\r\tc");
    }

    @Test
    void singleQuotedValuesMaySpanLinesAndStayLiteral() {
        DotenvFile file = parse("KEY='first\n$second'\nNEXT=x\n");
        assertThat(file.entry("KEY").orElseThrow().value()).isEqualTo("first\n$second");
        assertThat(file.entry("NEXT").orElseThrow().line()).isEqualTo(3);
    }

    @Test
    void handlesCrlfAndAByteOrderMark() {
        DotenvFile file = parse("\uFEFFA=one\r\nB=\"two\"\r\n\r\n# c\r\nC=three\r\n");
        assertThat(file.entries()).containsOnlyKeys("A", "B", "C");
        assertThat(file.entry("A").orElseThrow().value()).isEqualTo("one");
        assertThat(file.entry("B").orElseThrow().value()).isEqualTo("two");
        assertThat(file.entry("C").orElseThrow()).isEqualTo(new DotenvEntry("C", "three", 5));
    }

    @Test
    void theLastDuplicateWinsAndIsNoted() {
        DotenvFile file = parse("A=first\nB=x\nA=second\n");
        assertThat(file.entry("A").orElseThrow()).isEqualTo(new DotenvEntry("A", "second", 3));
        assertThat(file.notes()).containsExactly("A is defined on lines 1 and 3; line 3 wins");
    }

    @Test
    void aNameDefinedManyTimesGetsOneNoteNamingTheFirstLinesAndTheWinner() {
        DotenvFile file = parse("A=1\nA=2\nB=x\nA=3\nA=4\nA=5\n");
        assertThat(file.notes()).containsExactly("A is defined 5 times (lines 1, 2, 4, ... 6); line 6 wins");
        assertThat(parse("A=1\nA=2\nA=3\n").notes()).containsExactly("A is defined 3 times (lines 1, 2, 3); line 3 wins");
    }

    @Test
    void aCommentThatCutsAnUnquotedValueShortIsNotedWithFileAndLineNeverTheValue() {
        DotenvFile file = parse("HOST=example.test\nTEST_USER_PASSWORD=Tr0ub4dor #3\nPORT=   # no value at all\n");
        assertThat(file.entry("TEST_USER_PASSWORD").orElseThrow().value()).isEqualTo("Tr0ub4dor");
        assertThat(file.notes()).containsExactly(FILE + ":2: the value of TEST_USER_PASSWORD stops at ' #', which starts"
                + " a comment: the rest of the line is not part of it (quote the value if the '#' is)");
        assertThat(String.join("\n", file.notes())).doesNotContain("Tr0ub4dor", "#3");
        assertThat(parse("A=\"Tr0ub4dor #3\"\nB='x #y'\nC=pa#ss\n").notes()).isEmpty();
    }

    @Test
    void aVariableThatIsNotSetAndBecameEmptyIsNotedWithoutNamingItSinceItsNameIsPartOfTheValue() {
        DotenvFile file = Dotenv.parse("TEST_USER_PASSWORD=pa$word\nB=${UNSET_1}-$UNSET_2\nC=${UNSET:-default}$SET\n"
                + "D='pa$word'\n", FILE, Map.of("SET", "yes"));
        assertThat(file.entry("TEST_USER_PASSWORD").orElseThrow().value()).isEqualTo("pa");
        assertThat(file.entry("C").orElseThrow().value()).isEqualTo("defaultyes");
        assertThat(file.notes()).containsExactly(
                FILE + ":1: the value of TEST_USER_PASSWORD refers to a variable that is not set, which became empty"
                        + " text (set it, write $$ for a literal $, or single-quote the value)",
                FILE + ":2: the value of B refers to 2 variables that are not set, which became empty text (set it,"
                        + " write $$ for a literal $, or single-quote the value)");
        assertThat(String.join("\n", file.notes())).doesNotContain("word", "UNSET");
    }

    @Test
    void interpolatesFromTheRealEnvironmentThenEarlierNames() {
        DotenvFile file = Dotenv.parse("""
                HOST=backend-staging.example.test
                PORT=8002
                BASE=https://${HOST}:${PORT}
                QUOTED="ws://${HOST}/ws"
                LITERAL='${HOST}'
                FALLBACK=${ALPINE_TEST_BACKEND_PORT:-8002}
                """, FILE, Map.of("PORT", "9443", "ALPINE_TEST_BACKEND_PORT", "8010"));
        assertThat(file.value("BASE")).contains("https://backend-staging.example.test:9443");
        assertThat(file.value("QUOTED")).contains("ws://backend-staging.example.test/ws");
        assertThat(file.value("LITERAL")).contains("${HOST}");
        assertThat(file.value("FALLBACK")).contains("8010");
    }

    @Test
    void anEmptyRealVariableCountsAsUnsetForInterpolation() {
        DotenvFile file = Dotenv.parse("PORT=8002\nURL=http://localhost:${PORT}\nP2=${UNSET_HERE:-x}\n", FILE,
                Map.of("PORT", "", "UNSET_HERE", ""));
        assertThat(file.value("URL")).contains("http://localhost:8002");
        assertThat(file.value("P2")).contains("x");
    }

    @Test
    void blankLinesAndCommentsAreSkippedAndAnEmptyFileHasNoEntries() {
        assertThat(parse("\n   \n# only comments\n  # indented\n").isEmpty()).isTrue();
        assertThat(parse("").isEmpty()).isTrue();
    }

    /** Cases write a line break as ⏎; a backslash-n stays the two characters it is. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "A='never closed | 1: the single quote opened here is never closed (the file ends first); close it with '",
        "A=\"never closed | 1: the double quote opened here is never closed (the file ends first); close it with \"",
        "B=ok⏎A=\"spans⏎to the end | 2: the double quote opened here is never closed (the file ends first); close it with \"",
        "KEY | 1: expected NAME=value, got a line without '=' (the line is not shown: it may be part of a value, and a value that spans lines must be quoted)",
        "1KEY=x | 1: a name must start with a letter or '_' (the line is not shown: it may be part of a value, and a value that spans lines must be quoted)",
        "KEY WITH SPACE=x | 1: expected '=' after the name, got a space: a name cannot contain spaces (the line is not shown: it may be part of a value, and a value that spans lines must be quoted)",
        "KEY!=x | 1: expected '=' after the name, got a character a name cannot hold (the line is not shown: it may be part of a value, and a value that spans lines must be quoted)",
        "=x | 1: expected a variable name, got '='",
        "A='x'y | 1: unexpected text after the closing quote of A (put a comment after a space and #, or quote the whole value)",
        "A=${VAR:?must be set} | 1: variable VAR is required and must not be empty: must be set",
        "OK=1⏎A=${unclosed | 2: the '${' at character 1 of the value is never closed: expected '}' (write ${NAME}, ${NAME:-default} or $$ for a literal $)",
        "\\nSTAGING_BASE_URL=https://x | 1: starts with a literal \\n instead of a line break (was the file written with echo without -e?); put each NAME=value on its own line",
    })
    void badLinesNameTheFileAndLineNeverTheValue(String text, String message) {
        String withLineBreaks = text.replace("⏎", "\n");
        assertThatThrownBy(() -> parse(withLineBreaks))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(FILE + ":" + message);
    }

    @Test
    void aOneLineFileOfLiteralNewlinesYieldsNothingAndSaysSo() {
        String oneLine = "# Staging E2E\\nSTAGING_BASE_URL=https://backend-staging.example.test\\nTEST_USER_PASSWORD=not-for-logs\\n";
        assertThatThrownBy(() -> parse(oneLine))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(FILE + ":1: yields no variables: its only line holds literal \\n sequences instead of line"
                        + " breaks (was it written with echo without -e?); put each NAME=value on its own line")
                .hasMessageNotContaining("not-for-logs");
    }

    @Test
    void aValueHoldingLiteralNewlinesFollowedByNamesIsNoted() {
        DotenvFile file = parse("STAGING_BASE_URL=https://x.example.test\\nSTAGING_WEBSOCKET_URL=wss://x.example.test\n");
        assertThat(file.notes()).containsExactly("STAGING_BASE_URL (line 1) holds a literal \\n followed by NAME=: the"
                + " file looks written with echo without -e; put each NAME=value on its own line");
    }

    @Test
    void readsARealFile() throws IOException {
        Path file = directory.resolve(".env.staging.e2e");
        Files.writeString(file, "STAGING_BASE_URL=https://backend-staging.example.test\n");
        assertThat(Dotenv.read(file, Map.of()).value("STAGING_BASE_URL")).contains("https://backend-staging.example.test");
    }

    /** Make, in a directory, the path a case reads. */
    private interface FileCase {
        Path make(Path directory) throws IOException;
    }

    static Stream<Arguments> filesThatCannotBeRead() {
        return Stream.of(
                Arguments.of("a directory", (FileCase) directory -> Files.createDirectory(
                        directory.resolve(".env.staging.e2e")),
                        "{file}: is a directory; expected a dotenv file of NAME=value lines"),
                Arguments.of("a file that is not UTF-8", (FileCase) directory -> Files.write(
                        directory.resolve(".env.staging.e2e"),
                        "A=ok\nTEST_USER_PASSWORD=pässword\n".getBytes(StandardCharsets.ISO_8859_1)),
                        "{file}:2: is not UTF-8 text (an invalid byte at offset 25); save the file as UTF-8"),
                Arguments.of("a file without read permission", (FileCase) DotenvTest::unreadable,
                        "{file}: cannot be read: permission denied (make it readable by the user running the tests)"),
                Arguments.of("a missing file", (FileCase) directory -> directory.resolve("missing.env"),
                        "{file}: does not exist"));
    }

    private static Path unreadable(Path directory) throws IOException {
        Path file = Files.writeString(directory.resolve(".env.staging.e2e"), "A=1\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        assumeTrue(!Files.isReadable(file), "running as root: file permissions do not apply");
        return file;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filesThatCannotBeRead")
    void aFileThatCannotBeReadIsAnErrorNamingIt(String what, FileCase fileCase, String message) throws IOException {
        Path file = fileCase.make(directory);
        assertThatThrownBy(() -> Dotenv.read(file, Map.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(message.replace("{file}", file.toString()));
    }

    @Test
    void aFileThatFailsWhileBeingReadIsAnError() {
        Path unreadable = Path.of("/proc/self/mem");
        assumeTrue(Files.exists(unreadable), "needs Linux /proc");
        assertThatThrownBy(() -> Dotenv.read(unreadable, Map.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("/proc/self/mem: cannot be read (IOException");
    }
}
