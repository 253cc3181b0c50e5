package dev.backendconfig.toolkit.dotenv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backendconfig.toolkit.InvalidInputException;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Where a dotenv value, line and name begin and end: line breaks, quotes, {@code export}, the end of the file. */
class DotenvLineEndsAndEdgesTest {

    private static final String FILE = "/repo/.env.staging.e2e";

    private static DotenvFile parse(String text) {
        return Dotenv.parse(text, FILE, Map.of());
    }

    static Stream<Arguments> values() {
        return Stream.of(
                Arguments.of("spaces between = and a quoted value", "A= \"value\"", "value"),
                Arguments.of("a tab between = and a quoted value", "A=\t'value'", "value"),
                Arguments.of("\\r\\n inside a multi-line double-quoted value", "A=\"one\r\ntwo\"\r\nB=2", "one\ntwo"),
                Arguments.of("\\r\\n inside a multi-line single-quoted value", "A='one\r\ntwo'", "one\ntwo"),
                Arguments.of("a bare \\r inside a quoted value is kept", "A=\"one\rtwo\"", "one\rtwo"),
                Arguments.of("a file ending in a bare \\r", "A=value\r", "value"),
                Arguments.of("a file ending in spaces after its last line", "A=value\n  ", "value"),
                Arguments.of("an empty value at the end of the file", "A=", ""),
                Arguments.of("an empty value ending in a bare \\r", "A=\r", ""),
                Arguments.of("a bare \\r inside an unquoted value is not a line break", "A=one\rB=2", "one\rB=2"),
                Arguments.of("export and a tab", "export\tA=value", "value"),
                Arguments.of("an indented line (tab and spaces)", "\t  A=value", "value"),
                Arguments.of("a tab before =", "A\t=value", "value"),
                Arguments.of("an escaped quote at the end of a double-quoted value", "A=\"say \\\"hi\\\"\"", "say \"hi\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void values(String what, String text, String value) {
        assertThat(parse(text).entry("A").orElseThrow().value()).isEqualTo(value);
    }

    @Test
    void aNameThatStartsWithExportIsAName() {
        assertThat(parse("exported=1\nexport_path=2").entries().keySet()).containsExactly("exported", "export_path");
    }

    @Test
    void exportAloneAtTheEndOfTheFileIsALineWithoutEquals() {
        assertThatThrownBy(() -> parse("A=1\nexport"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(FILE + ":2: expected NAME=value, got a line without '='");
    }

    @Test
    void aBackslashAtTheEndOfTheFileLeavesTheDoubleQuoteUnclosed() {
        assertThatThrownBy(() -> parse("A=\"abc\\"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(FILE + ":1: the double quote opened here is never closed (the file ends first); close it"
                        + " with \"");
        assertThatThrownBy(() -> parse("A=\"abc\r"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("the double quote opened here is never closed");
    }

    @Test
    void textAfterTheClosingDoubleQuoteIsAnError() {
        assertThatThrownBy(() -> parse("A=\"one\"two"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(FILE + ":1: unexpected text after the closing quote of A (put a comment after a space and"
                        + " #, or quote the whole value)");
    }

    @Test
    void aControlCharacterWhereANameBelongsIsShownEscaped() {
        assertThatThrownBy(() -> parse("\u0001A=1"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(FILE + ":1: expected a variable name, got '\\u0001'");
        assertThatThrownBy(() -> parse("\rA=1"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(FILE + ":1: expected a variable name, got '\\u000d'");
    }

    @Test
    void aCommentWithLiteralNewlinesIsNotedOnItsOwnLineAndAfterAValue() {
        DotenvFile file = parse("# A=1\\nB=2\nC=3 # D=4\\nE=5\nF=\"6\" # G=7\\nH=8\nI=9");
        assertThat(file.entries().keySet()).containsExactly("C", "F", "I");
        assertThat(file.notes()).containsExactly(
                "the comment on line 1 holds a literal \\n followed by NAME=: the variables after it are part of the"
                        + " comment; put each NAME=value on its own line",
                "/repo/.env.staging.e2e:2: the value of C stops at ' #', which starts a comment: the rest of the line"
                        + " is not part of it (quote the value if the '#' is)",
                "the comment on line 2 holds a literal \\n followed by NAME=: the variables after it are part of the"
                        + " comment; put each NAME=value on its own line",
                "the comment on line 3 holds a literal \\n followed by NAME=: the variables after it are part of the"
                        + " comment; put each NAME=value on its own line");
    }

    @Test
    void aNameDefinedManyTimesListsTheFirstThreeLinesAndTheLast() {
        assertThat(parse("A=1\nA=2\nA=3\nA=4").notes())
                .containsExactly("A is defined 4 times (lines 1, 2, 3, 4); line 4 wins");
        assertThat(parse("A=1\nA=2\nA=3\nA=4\nA=5").notes())
                .containsExactly("A is defined 5 times (lines 1, 2, 3, ... 5); line 5 wins");
        assertThat(parse("A=1\nA=2\nA=3").notes())
                .containsExactly("A is defined 3 times (lines 1, 2, 3); line 3 wins");
    }

    @Test
    void valuesUpToTheLimitInAllAreAccepted() {
        String quarter = "A=" + "x".repeat((int) (Dotenv.MAX_VALUE_CHARS / 4)) + "\nB=${A}\nC=${A}\nD=${A}";
        assertThat(parse(quarter).entries()).hasSize(4);
        assertThatThrownBy(() -> parse(quarter + "\nE=x"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(FILE + ":5: the values of the file hold more than " + Dotenv.MAX_VALUE_CHARS);
    }

    @Test
    void aFileNamesItsSourceAndTellsWhetherItDefinesAnything() {
        DotenvFile file = parse("# only a comment\nA=\n");
        assertThat(file.source()).isEqualTo(FILE);
        assertThat(file.isEmpty()).isFalse();
        assertThat(file.value("A")).isEmpty();
        assertThat(parse("# only a comment").isEmpty()).isTrue();
        assertThat(parse("A=  \"  \"").value("A")).isEmpty();
        assertThat(parse("A=1").value("A")).contains("1");
        assertThat(file).hasToString("DotenvFile[" + FILE + ", [A]]");
    }
}
