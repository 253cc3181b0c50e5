package dev.backendconfig.toolkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OutsideTextTest {

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "backend\\n[WARN] forged line | backend\\n[WARN] forged line",
        "a\\rb\\tc | a\\rb\\tc",
        "\\u001b[2J\\u001b[31mred | \\u001b[2J\\u001b[31mred",
        "csi\\u009b2J | csi\\u009b2J",
        "del\\u007f | del\\u007f",
        "nul\\u0000 | nul\\u0000",
        "abc\\u202edcba | abc\\u202edcba",
        "zero\\u200bwidth | zero\\u200bwidth",
        "line\\u2028para\\u2029 | line\\u2028para\\u2029",
        "bom\\ufeff | bom\\ufeff",
    })
    void escapesControlAndInvisibleFormatCharacters(String escapedInput, String expected) {
        String input = unescape(escapedInput);
        String oneLine = OutsideText.oneLine(input);
        assertThat(oneLine).isEqualTo(expected).doesNotContain("\n", "\r", "\u001b", "\u009b", "\u202e");
        assertThat(OutsideText.isOneLine(oneLine)).isTrue();
        assertThat(OutsideText.isOneLine(input)).isFalse();
    }

    @Test
    void keepsPrintableTextAsItIsBackslashesAndNonLatinLettersIncluded() {
        String text = "C:\\\\repo\\\\compose.yaml — service bäckend 后端 ✓";
        assertThat(OutsideText.oneLine(text)).isSameAs(text);
    }

    @Test
    void anExcerptIsMaskedFirstThenOnOneLineThenShortened() {
        assertThat(OutsideText.excerpt("pull https://admin:s3cr3t@registry.example.test\nfailed", 200))
                .isEqualTo("pull https://***@registry.example.test\\nfailed");
        assertThat(OutsideText.excerpt("password=s3cr3t-and-more", 12)).isEqualTo("password=***");
        assertThat(OutsideText.excerpt("x".repeat(50), 10)).isEqualTo("xxxxxxxxxx...");
        assertThat(OutsideText.excerpt("ab\uD83D\uDE00cd", 3)).isEqualTo("ab...");
    }

    @Test
    void anExcerptIsCutAtTheDefaultLengthUnlessToldOtherwise() {
        assertThat(OutsideText.excerpt("x".repeat(OutsideText.DEFAULT_EXCERPT_CHARS)))
                .isEqualTo("x".repeat(OutsideText.DEFAULT_EXCERPT_CHARS));
        assertThat(OutsideText.excerpt("x".repeat(200))).isEqualTo("x".repeat(160) + "...");
        assertThat(OutsideText.excerpt("abc", 0)).isEqualTo("...");
        assertThat(OutsideText.excerpt("abc", -5)).isEqualTo("...");
    }

    @Test
    void theEdgesOfTheControlRangesAreEscapedAndTheirNeighboursKept() {
        assertThat(OutsideText.oneLine("a\u001fb\u007fc\u009fd")).isEqualTo("a\\u001fb\\u007fc\\u009fd");
        assertThat(OutsideText.oneLine("soft\u00adhyphen")).isEqualTo("soft\\u00adhyphen");
        String kept = "space ~ nbsp\u00a0e\u0301";
        assertThat(OutsideText.oneLine(kept)).isSameAs(kept);
        assertThat(OutsideText.isOneLine(kept)).isTrue();
    }

    @Test
    void nullIsEmptyText() {
        assertThat(OutsideText.oneLine(null)).isEmpty();
        assertThat(OutsideText.excerpt(null)).isEmpty();
    }

    /** Turn the two-character escapes of a CSV cell into the characters they stand for. */
    private static String unescape(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(++i);
                switch (next) {
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        out.append((char) Integer.parseInt(text.substring(i + 1, i + 5), 16));
                        i += 4;
                    }
                    default -> out.append('\\').append(next);
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
