package dev.backendconfig.docker.internal.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backendconfig.toolkit.InvalidInputException;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

/**
 * Reading one file's YAML: the messages of errors the parser reports without "while ..." (a second document), an
 * interrupted read, and an anchor written again on a scalar, whose aliases are then not aliases of a collection.
 */
class ComposeYamlReadingTest {

    private static final String FILE = "/repo/compose.yaml";

    @Test
    void aSecondDocumentIsAnErrorAtItsLineSayingWhatWasExpected() {
        assertThatThrownBy(() -> ComposeYaml.compose("services: {}\nname: x\n---\nservices: {}\n", FILE))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(FILE + ":3: is not valid YAML: expected a single document in the stream, but found another"
                        + " document (column 1)");
    }

    @Test
    void anErrorWithoutContextIsItsProblemAndColumn() {
        assertThatThrownBy(() -> ComposeYaml.compose("services:\n  api: *undefined\n", FILE))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(FILE + ":2: is not valid YAML: found undefined alias undefined (column 8)");
    }

    @Test
    void aQuoteLeftOpenOnItsLineNamesWhereItOpenedAndWhereTheProblemWasFound() {
        assertThatThrownBy(() -> ComposeYaml.compose("services:\n  api: {image: \"x\n", FILE))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(FILE + ":2: is not valid YAML: while scanning a quoted scalar opened here (column 16):"
                        + " found unexpected end of stream (line 3, column 1)");
    }

    @Test
    void aProblemWhereTheConstructStartsIsNamedOnce() {
        assertThatThrownBy(() -> ComposeYaml.compose("{a: 1,, b}\n", FILE))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(FILE + ":1: is not valid YAML: while parsing a flow node opened here (column 7): expected"
                        + " the node content, but found ','");
    }

    @Test
    void aProblemFurtherOnTheSameLineNamesItsColumnToo() {
        assertThatThrownBy(() -> ComposeYaml.compose("a: !<tag x\n", FILE))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(FILE + ":1: is not valid YAML: while scanning a tag opened here (column 4): expected '>',"
                        + " but found ' ' (32) (line 1, column 9)");
    }

    @Test
    void readingStopsWhenTheThreadIsInterrupted() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> ComposeYaml.compose("services: {}\n", FILE))
                    .isInstanceOf(CancellationException.class)
                    .hasMessage("interrupted while reading " + FILE);
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void anAnchorWrittenAgainOnAScalarMakesItsAliasesScalarAliasesWhichAreNotCounted() {
        StringBuilder text = new StringBuilder("x-list: &shared [a, b]\nx-text: &shared text\nx-uses:\n");
        for (int i = 0; i <= ComposeYaml.MAX_COLLECTION_ALIASES; i++) {
            text.append("  - *shared\n");
        }
        assertThat(ComposeYaml.compose(text.toString(), FILE)).isPresent();

        String again = text.toString().replace("x-text: &shared text\n", "");
        assertThatThrownBy(() -> ComposeYaml.compose(again, FILE)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(FILE + ":" + (3 + ComposeYaml.MAX_COLLECTION_ALIASES) + ": is not read: more"
                        + " than 100 aliases (*name) of mappings or lists");
    }
}
