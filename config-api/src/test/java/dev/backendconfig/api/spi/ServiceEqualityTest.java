package dev.backendconfig.api.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Service's written-out equals and hashCode mean what a record's generated ones mean: name and required count. */
class ServiceEqualityTest {

    @Test
    void servicesWithTheSameNameAndRequirednessAreEqualAndFindEachOtherInAMap() {
        Service auth = new Service("auth", false);
        assertThat(auth).isEqualTo(new Service("auth", false)).hasSameHashCodeAs(new Service("auth", false));
        assertThat(Map.of(auth, "found").get(new Service("auth", false))).isEqualTo("found");
    }

    @Test
    void servicesDifferWhenTheNameOrTheRequirednessDiffers() {
        Service auth = new Service("auth", true);
        assertThat(auth).isNotEqualTo(new Service("auth", false)).isNotEqualTo(new Service("payments", true))
                .isNotEqualTo("auth").isNotEqualTo(null);
        assertThat(auth.hashCode()).isNotEqualTo(new Service("auth", false).hashCode())
                .isNotEqualTo(new Service("payments", true).hashCode());
    }
}
