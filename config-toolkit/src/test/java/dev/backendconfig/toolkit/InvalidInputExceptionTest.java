package dev.backendconfig.toolkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InvalidInputExceptionTest {

    @Test
    void theMessageNamesTheOriginThenTheProblemOnOneLine() {
        InvalidInputException e = new InvalidInputException(Origin.variable("BACKEND_URL"), "expected a URL,\ngot junk");
        assertThat(e).hasMessage("variable BACKEND_URL: expected a URL,\\ngot junk");
        assertThat(e.problem()).isEqualTo("expected a URL,\\ngot junk");
        assertThat(e.origin()).isEqualTo(Origin.variable("BACKEND_URL"));
    }

    @Test
    void aProblemWithoutACodeOfItsOwnHasTheGenericCode() {
        assertThat(new InvalidInputException(Origin.other("x"), "wrong").code()).isEqualTo("BCFG01000")
                .isEqualTo(InvalidInputException.GENERIC);
    }

    @Test
    void theCodeIsShownByToStringSoThatEveryStackTraceCarriesIt() {
        InvalidInputException e = new InvalidInputException("BCFG01002", Origin.variable("X"), "wrong");
        assertThat(e.code()).isEqualTo("BCFG01002");
        assertThat(e.toString()).isEqualTo("dev.backendconfig.toolkit.InvalidInputException [BCFG01002]: variable X: wrong");
    }

    @Test
    void aCodeThatIsNotBcfgAndFiveDigitsIsRefused() {
        assertThatThrownBy(() -> new InvalidInputException("SRCFG0001", Origin.other("x"), "wrong"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an error code is BCFG and five digits, such as BCFG01000");
    }

    @Test
    void theCauseIsKept() {
        IllegalStateException cause = new IllegalStateException("parser");
        assertThat(new InvalidInputException(Origin.other("x"), "wrong", cause)).hasCause(cause);
    }
}
