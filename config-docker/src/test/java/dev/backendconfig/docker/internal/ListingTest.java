package dev.backendconfig.docker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Names from outside as a report line shows them: a few of them, each on one line, masked and shortened. */
class ListingTest {

    @Test
    void atMostTheGivenNumberOfItemsAreJoinedAndTheRestCounted() {
        assertThat(Listing.join(", ", List.of("a", "b", "c"), 3)).isEqualTo("a, b, c");
        assertThat(Listing.join(", ", List.of("a", "b", "c", "d"), 3)).isEqualTo("a, b, c, and 1 more");
        assertThat(Listing.join(" | ", List.of("a", "b", "c", "d", "e"), 2)).isEqualTo("a | b | and 3 more");
        assertThat(Listing.join(", ", List.of(), 3)).isEmpty();
    }

    @Test
    void aNameIsShownOnOneLineMaskedAndAtMostAHundredCharacters() {
        assertThat(Listing.shown("x".repeat(100))).isEqualTo("x".repeat(100));
        assertThat(Listing.shown("x".repeat(101))).isEqualTo("x".repeat(100) + "...");
        assertThat(Listing.shown("api\nDB_PASSWORD=s3cr3t")).isEqualTo("api\\nDB_PASSWORD=***");
    }
}
