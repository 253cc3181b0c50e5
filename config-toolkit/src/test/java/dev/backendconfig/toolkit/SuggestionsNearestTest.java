package dev.backendconfig.toolkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SuggestionsNearestTest {

    @ParameterizedTest(name = "{0} -> {1}: {2} edits")
    @CsvSource({
        "kitten, sitting, 3",
        "STAGING_BASE_ULR, STAGING_BASE_URL, 2",
        "staging_base_url, STAGING_BASE_URL, 0",
        "abc, abcd, 1",
        "abcd, abc, 1",
        "'', ab, 2",
        "ab, '', 2",
        "flaw, lawn, 2",
        "x, ab, 2",
    })
    void aNameIsSuggestedWhenAtMostTheGivenNumberOfCharactersDiffer(String typed, String known, int edits) {
        assertThat(Suggestions.nearest(typed, List.of(known), edits)).contains(known);
        assertThat(Suggestions.nearest(typed, List.of(known), edits - 1)).isEmpty();
    }

    @Test
    void theNearestOfSeveralWinsAndTheFirstOfEquallyNearOnes() {
        List<String> known = List.of("STAGING_AUTH_URL", "STAGING_BASE_URL", "STAGING_API_URL");
        assertThat(Suggestions.nearest("STAGING_BASE_UR", known)).contains("STAGING_BASE_URL");
        assertThat(Suggestions.nearest("ab", List.of("abx", "aby", "ab_z"), 2)).contains("abx");
        assertThat(Suggestions.nearest("ab", List.of("ab_z", "aby"), 2)).contains("aby");
    }

    @Test
    void byDefaultAQuarterOfTheCharactersAndAtLeastTwoMayDiffer() {
        String typed = "ABCDEFGHIJKLMNOP"; // 16 characters: 4 may differ
        assertThat(Suggestions.nearest(typed, List.of("ABCDEFGHIJKLwxyz"))).contains("ABCDEFGHIJKLwxyz");
        assertThat(Suggestions.nearest(typed, List.of("ABCDEFGHIJKvwxyz"))).isEmpty();
        assertThat(Suggestions.nearest(typed, List.of("ABCDEFGHIJKL"))).contains("ABCDEFGHIJKL");
        assertThat(Suggestions.nearest(typed, List.of("ABCDEFGHIJK"))).isEmpty();
        assertThat(Suggestions.nearest("abc", List.of("xyc"))).contains("xyc");
        assertThat(Suggestions.nearest("abc", List.of("xyz"))).isEmpty();
        assertThat(Suggestions.nearest("abc", List.of())).isEmpty();
    }
}
