package dev.backendconfig.toolkit.dotenv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.toolkit.Origin;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InterpolationTest {

    private static final Map<String, String> VARIABLES = Map.of("SET", "value", "EMPTY", "", "PORT", "8010");
    private static final Origin ORIGIN = Origin.file("/repo/docker/.env", 4);

    private static String interpolate(String text) {
        return Interpolation.interpolate(text, name -> Optional.ofNullable(VARIABLES.get(name)), ORIGIN);
    }

    @ParameterizedTest(name = "{0} -> [{1}]")
    @CsvSource(delimiter = '|', emptyValue = "", value = {
        "plain text | plain text",
        "$SET | value",
        "${SET} | value",
        "x${SET}y | xvaluey",
        "$SET.suffix | value.suffix",
        "$UNSET | ''",
        "${UNSET} | ''",
        "${SET:-d} | value",
        "${EMPTY:-d} | d",
        "${UNSET:-d} | d",
        "${SET-d} | value",
        "${EMPTY-d} | ''",
        "${UNSET-d} | d",
        "${SET:+alt} | alt",
        "${EMPTY:+alt} | ''",
        "${UNSET:+alt} | ''",
        "${SET+alt} | alt",
        "${EMPTY+alt} | alt",
        "${UNSET+alt} | ''",
        "${SET:?must be set} | value",
        "$$ | $",
        "$${SET} | ${SET}",
        "cost: 5$ | cost: 5$",
        "pa$1word | pa$1word",
        "${UNSET:-${PORT:-8002}} | 8010",
        "${UNSET:-${ALSO_UNSET:-8002}} | 8002",
        "${UNSET:-http://localhost:${PORT}} | http://localhost:8010",
        "${UNSET:-a}b} | ab}",
        "'${UNSET:-}' | ''",
    })
    void interpolatesLikeCompose(String text, String expected) {
        assertThat(interpolate(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "${UNSET:?must be set} | /repo/docker/.env:4: variable UNSET is required and must not be empty: must be set",
        "${EMPTY:?must be set} | /repo/docker/.env:4: variable EMPTY is required and must not be empty: must be set",
        "${UNSET?set it} | /repo/docker/.env:4: variable UNSET is required: set it",
        "${UNSET:?} | /repo/docker/.env:4: variable UNSET is required and must not be empty",
        "${unclosed | /repo/docker/.env:4: the '${' at character 1 of the value is never closed: expected '}' (write ${NAME}, ${NAME:-default} or $$ for a literal $)",
        "ab${A:-${B} | /repo/docker/.env:4: the '${' at character 3 of the value is never closed: expected '}' (write ${NAME}, ${NAME:-default} or $$ for a literal $)",
        "${} | /repo/docker/.env:4: '${' must be followed by a variable name such as ${BACKEND_PORT}, got '${}'",
        "${1X} | /repo/docker/.env:4: '${' must be followed by a variable name such as ${BACKEND_PORT} (at character 1 of the value)",
        "${SET:x} | /repo/docker/.env:4: the '${' at character 1 of the value has ':' after its name, which is not an interpolation operator (use :- - :? ? :+ +)",
        "x${UNSET:-${SET:x}} | /repo/docker/.env:4: the '${' at character 11 of the value has ':' after its name, which is not an interpolation operator (use :- - :? ? :+ +)",
    })
    void malformedOrRequiredExpressionsNameTheFileAndLine(String text, String message) {
        assertThatThrownBy(() -> interpolate(text))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"${UNSET:-hunter2}${X:?oops}"})
    void anErrorNeverShowsADefaultThatMayBeASecret(String text) {
        assertThatThrownBy(() -> interpolate(text)).hasMessageNotContaining("hunter2");
    }

    @Test
    void namesThatAreNotSetAndBecomeEmptyAreToldButNotThoseWithADefault() {
        List<String> unset = new ArrayList<>();
        String value = Interpolation.interpolate("$UNSET_A-${UNSET_B}-${UNSET_C:-d}-${UNSET_D-e}-$SET-${EMPTY}",
                name -> Optional.ofNullable(VARIABLES.get(name)), ORIGIN, unset::add);
        assertThat(value).isEqualTo("--d-e-value-");
        assertThat(unset).containsExactly("UNSET_A", "UNSET_B");
    }

    @Test
    void theMessageOfARequiredVariableIsShownAsWrittenOnOneLine() {
        assertThatThrownBy(() -> interpolate("${UNSET:?set it, not ${SET} or $SET\n[WARN] forged}"))
                .hasMessage("/repo/docker/.env:4: variable UNSET is required and must not be empty: set it, not ${SET}"
                        + " or $SET\\n[WARN] forged");
    }

    @Test
    void aValueOfExactlyTheLimitIsAcceptedAndOneMoreCharacterIsNot() {
        String max = "x".repeat(Interpolation.MAX_RESULT_CHARS - 1);
        assertThat(Interpolation.interpolate(max + "$SET", name -> Optional.of("y"), ORIGIN))
                .hasSize(Interpolation.MAX_RESULT_CHARS);
        assertThatThrownBy(() -> Interpolation.interpolate(max + "$SET", name -> Optional.of("yz"), ORIGIN))
                .hasMessageStartingWith("/repo/docker/.env:4: interpolation makes the value longer than 1048576");
    }

    /** A variable's name starts with a letter or an underscore: each edge of the two letter ranges, inside and out. */
    @Test
    void aNameStartsWithALetterOrAnUnderscoreAtEachEdgeOfTheRanges() {
        Map<String, String> variables = Map.of("A1", "upper-a", "Z1", "upper-z", "a1", "lower-a", "z1", "lower-z",
                "_1", "underscore");
        for (String name : variables.keySet()) {
            assertThat(Interpolation.interpolate("$" + name + ".", key -> Optional.ofNullable(variables.get(key)),
                    ORIGIN)).as(name).isEqualTo(variables.get(name) + ".");
        }
        for (String text : List.of("$@1", "$[1", "$`1")) {
            assertThat(Interpolation.interpolate(text, key -> Optional.of("looked up " + key), ORIGIN)).as(text)
                    .doesNotContain("looked up");
        }
    }
}
