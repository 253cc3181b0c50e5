package dev.backendconfig.docker.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class JsonTest {

    @Test
    void readsADockerReplyShape() throws Json.ParseException {
        Object parsed = Json.parse("""
                [{"Id":"9dbee0bf1ae0","Names":["/alpine-test-backend"],"Created":1795538435,
                  "Ports":[{"IP":"0.0.0.0","PrivatePort":8000,"PublicPort":8002,"Type":"tcp"}],
                  "Labels":{"com.docker.compose.service":"alpine-test-backend"},
                  "HostConfig":{"NetworkMode":"docker_default"},"Mounts":[],"IPAMConfig":null,"Running":true}]
                """);
        assertThat(parsed).isInstanceOf(List.class);
        Object container = ((List<?>) parsed).get(0);
        assertThat(Json.string(container, "Id")).isEqualTo("9dbee0bf1ae0");
        assertThat(Json.array(container, "Names")).containsExactly("/alpine-test-backend");
        assertThat(Json.integer(Json.array(container, "Ports").get(0), "PublicPort", -1)).isEqualTo(8002);
        assertThat(Json.object(container, "Labels")).containsEntry("com.docker.compose.service", "alpine-test-backend");
        assertThat(((Map<?, ?>) container).get("IPAMConfig")).isSameAs(Json.NULL);
        assertThat(((Map<?, ?>) container).get("Running")).isEqualTo(Boolean.TRUE);
        assertThat(Json.object(container, "Missing")).isEmpty();
        assertThat(Json.string(container, "Created")).isEmpty();
    }

    static Stream<Arguments> escapes() {
        return Stream.of(
                Arguments.of("\"a\\\"b\\\\c\\/d\\n\\t\"", "a\"b\\c/d\n\t"),
                Arguments.of("\"\\u00e9\\u20ac\"", "\u00e9\u20ac"),
                Arguments.of("\"\\ud83d\\ude00\"", "\ud83d\ude00"),
                // no escape (read in one scan), an escape after plain text and plain text after it
                Arguments.of("\"\"", ""),
                Arguments.of("\"plain \u00e9\u20ac text\"", "plain \u00e9\u20ac text"),
                Arguments.of("\"before\\nafter\\\"end\"", "before\nafter\"end"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("escapes")
    void readsStringEscapes(String json, String expected) throws Json.ParseException {
        assertThat(Json.parse(json)).isEqualTo(expected);
    }

    @Test
    void readsMembersAfterAStringWithAndWithoutEscapes() throws Json.ParseException {
        assertThat(Json.parse("{\"a\":\"x\",\"b\\u0062\":\"y\\\\\",\"c\":[\"\",\"z\"]}"))
                .isEqualTo(Map.of("a", "x", "bb", "y\\", "c", List.of("", "z")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"0, 0", "-12, -12", "3.25, 3.25", "1e3, 1E+3", "-0.5E-2, -0.005"})
    void readsNumbers(String json, String expected) throws Json.ParseException {
        assertThat(Json.parse(json)).isEqualTo(new BigDecimal(expected));
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("", "the document ends where a value was expected (line 1, column 1)"),
                Arguments.of("{\"a\":1", "expected ',' or '}' in an object (line 1, column 7)"),
                Arguments.of("[1 2]", "expected ',' or ']' in an array (line 1, column 4)"),
                Arguments.of("{a:1}", "expected a member name in double quotes (line 1, column 2)"),
                Arguments.of("\"open", "a string is never closed (line 1, column 6)"),
                Arguments.of("<html>", "expected a value, got '<' (line 1, column 1)"),
                Arguments.of("[1]x", "unexpected text after the document (line 1, column 4)"),
                Arguments.of("01", "unexpected text after the document (line 1, column 2)"),
                Arguments.of("\"\\x\"", "'\\x' is not a JSON escape (line 1, column 4)"),
                Arguments.of("[tru]", "expected a value, got 't' (line 1, column 2)"),
                Arguments.of("{\"a\":-}", "a number needs digits (line 1, column 7)"),
                Arguments.of("[\n  1,\n  x]", "expected a value, got 'x' (line 3, column 3)"),
                Arguments.of("\"\\u-001\"", "'\\u' must be followed by four hexadecimal digits (line 1, column 4)"),
                Arguments.of("\"\\u+041\"", "'\\u' must be followed by four hexadecimal digits (line 1, column 4)"),
                Arguments.of("\"\\u12", "'\\u' must be followed by four hexadecimal digits (line 1, column 4)"),
                Arguments.of("\"\\u1234", "a string is never closed (line 1, column 8)"),
                Arguments.of("\"ends in a backslash\\", "a string is never closed (line 1, column 22)"),
                Arguments.of("\"a\u0001b\"", "a control character inside a string must be escaped (line 1, column 4)"),
                Arguments.of("\"tab\tinside\"", "a control character inside a string must be escaped (line 1, column 6)"),
                Arguments.of("{\"a\" 1}", "expected ':' (line 1, column 6)"),
                Arguments.of("[1.]", "a number's fraction needs digits (line 1, column 4)"),
                Arguments.of("[1e]", "a number's exponent needs digits (line 1, column 4)"),
                Arguments.of("[2E+]", "a number's exponent needs digits (line 1, column 5)"),
                Arguments.of("\u0001", "expected a value, got '\\u0001' (line 1, column 1)"),
                Arguments.of("\u007f", "expected a value, got '\\u007f' (line 1, column 1)"),
                Arguments.of("\"\\ \"", "'\\ ' is not a JSON escape (line 1, column 4)"),
                Arguments.of("~", "expected a value, got '~' (line 1, column 1)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void saysWhatIsWrongAndWhereNeverEchoingTheText(String json, String message) {
        assertThatThrownBy(() -> Json.parse(json)).isInstanceOf(Json.ParseException.class).hasMessage(message);
    }

    @Test
    void refusesNestingDeeperThanTheLimit() {
        String deep = "[".repeat(Json.MAX_DEPTH + 1) + "]".repeat(Json.MAX_DEPTH + 1);
        assertThatThrownBy(() -> Json.parse(deep)).hasMessageStartingWith("nested deeper than 256 levels");
        String fine = "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH);
        org.assertj.core.api.Assertions.assertThatCode(() -> Json.parse(fine)).doesNotThrowAnyException();
    }

    @Test
    void readsWhitespaceWhereverTheGrammarAllowsIt() throws Json.ParseException {
        Object parsed = Json.parse(" \r\n\t{ \"a\" :\t[ ] , \"b\" : [ 1 , false , null ] , \"c\" : { } }\n ");
        assertThat(Json.array(parsed, "a")).isEmpty();
        assertThat(Json.array(parsed, "b")).containsExactly(new BigDecimal(1), Boolean.FALSE, Json.NULL);
        assertThat(Json.object(parsed, "c")).isEmpty();
    }

    @Test
    void siblingsAreNotNestingHoweverManyThereAre() throws Json.ParseException {
        int siblings = Json.MAX_DEPTH * 2;
        String arrays = "[" + "[],".repeat(siblings) + "[1]]";
        assertThat((List<?>) Json.parse(arrays)).hasSize(siblings + 1);
        String objects = "[" + "{},".repeat(siblings) + "{\"a\":{\"b\":[]}}]";
        assertThat((List<?>) Json.parse(objects)).hasSize(siblings + 1);
        StringBuilder members = new StringBuilder("{");
        for (int i = 0; i < siblings; i++) {
            members.append("\"m").append(i).append("\":{\"x\":[1]},");
        }
        members.append("\"last\":{}}");
        assertThat((Map<?, ?>) Json.parse(members.toString())).hasSize(siblings + 1);
    }

    @Test
    void refusesObjectsNestedDeeperThanTheLimit() {
        String deep = "{\"a\":".repeat(Json.MAX_DEPTH + 1) + "1" + "}".repeat(Json.MAX_DEPTH + 1);
        assertThatThrownBy(() -> Json.parse(deep)).hasMessageStartingWith("nested deeper than 256 levels");
    }

    @Test
    void writesNullAndTheParsedNullAsNull() {
        assertThat(Json.write(null)).isEqualTo("null");
        assertThat(Json.write(Json.NULL)).isEqualTo("null");
        assertThat(Json.write(List.of(false))).isEqualTo("[false]");
    }

    @Test
    void refusesANumberLongerThanTheLimitWhoseConversionWouldCostTimeQuadraticInItsDigits() {
        String eightMegabytesOfDigits = "[" + "9".repeat(8 * 1024 * 1024) + "]";
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatThrownBy(() -> Json.parse(eightMegabytesOfDigits))
                .hasMessage("a number longer than 64 characters (line 1, column 8388610)"));
        org.assertj.core.api.Assertions.assertThatCode(() -> Json.parse("[" + "9".repeat(64) + "]"))
                .doesNotThrowAnyException();
    }

    @Test
    void writesWhatItReads() throws Json.ParseException {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("text", "quote \" backslash \\ newline \n control \u0001");
        document.put("number", 8002);
        document.put("flag", true);
        document.put("nothing", null);
        document.put("list", List.of("a", 1));
        String written = Json.write(document);
        assertThat(written).isEqualTo("{\"text\":\"quote \\\" backslash \\\\ newline \\n control \\u0001\",\"number\":8002,"
                + "\"flag\":true,\"nothing\":null,\"list\":[\"a\",1]}");
        Object read = Json.parse(written);
        assertThat(Json.string(read, "text")).isEqualTo(document.get("text"));
    }
}
