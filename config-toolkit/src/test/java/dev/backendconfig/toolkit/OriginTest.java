package dev.backendconfig.toolkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Each kind of origin as a person reads it, and the one value an origin refuses. */
class OriginTest {

    @Test
    void eachFactoryMakesItsKindAndDescribesItInItsOwnWords() {
        assertThat(Origin.systemProperty("backendconfig.url"))
                .isEqualTo(new Origin(Origin.Kind.SYSTEM_PROPERTY, "backendconfig.url", 0))
                .hasToString("system property backendconfig.url");
        assertThat(Origin.variable("TEST_BACKEND_URL")).hasToString("variable TEST_BACKEND_URL");
        assertThat(Origin.file("/repo/.env", 3)).hasToString("/repo/.env:3");
        assertThat(Origin.file("/repo/compose.yaml", 0)).hasToString("/repo/compose.yaml");
        assertThat(Origin.override("timeout", "--set")).isEqualTo(new Origin(Origin.Kind.OVERRIDE,
                "timeout given to --set", 0)).hasToString("setting timeout given to --set");
        assertThat(Origin.defaultValue("timeout")).isEqualTo(new Origin(Origin.Kind.DEFAULT, "timeout", 0))
                .hasToString("default timeout");
        assertThat(Origin.derived("the HTTP URL")).isEqualTo(new Origin(Origin.Kind.DERIVED, "the HTTP URL", 0))
                .hasToString("derived from the HTTP URL");
        assertThat(Origin.other("container api (3f2a)")).hasToString("container api (3f2a)");
    }

    @Test
    void aNegativeLineIsRefusedAndZeroMeansNone() {
        assertThatThrownBy(() -> new Origin(Origin.Kind.FILE, "/repo/.env", -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("line must be 0 (none) or positive, got -1");
        assertThat(new Origin(Origin.Kind.FILE, "/repo/.env", 0).line()).isZero();
    }
}
