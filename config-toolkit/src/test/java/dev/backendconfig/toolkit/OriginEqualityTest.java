package dev.backendconfig.toolkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Origin's written-out equals and hashCode mean what a record's generated ones mean: every component counts. */
class OriginEqualityTest {

    @Test
    void originsWithTheSameKindLocationAndLineAreEqualWithTheSameHash() {
        Origin one = Origin.file("/repo/.env.staging.e2e", 3);
        Origin same = new Origin(Origin.Kind.FILE, "/repo/.env.staging.e2e", 3);
        assertThat(one).isEqualTo(same).hasSameHashCodeAs(same);
        assertThat(Origin.variable("TEST_BACKEND_URL")).isEqualTo(Origin.variable("TEST_BACKEND_URL"))
                .hasSameHashCodeAs(Origin.variable("TEST_BACKEND_URL"));
    }

    @Test
    void originsDifferWhenTheKindTheLocationOrTheLineDiffers() {
        Origin origin = Origin.file("/repo/.env.staging.e2e", 3);
        assertThat(origin).isNotEqualTo(Origin.file("/repo/.env.staging.e2e", 4))
                .isNotEqualTo(Origin.file("/repo/.env", 3))
                .isNotEqualTo(new Origin(Origin.Kind.OTHER, "/repo/.env.staging.e2e", 3))
                .isNotEqualTo("/repo/.env.staging.e2e:3")
                .isNotEqualTo(null);
        assertThat(Origin.variable("BACKEND_URL")).isNotEqualTo(Origin.systemProperty("BACKEND_URL"));
        assertThat(Origin.file("/a", 1).hashCode()).isNotEqualTo(Origin.file("/a", 2).hashCode());
        assertThat(Origin.file("/a", 1).hashCode()).isNotEqualTo(Origin.file("/b", 1).hashCode());
    }
}
