package dev.backendconfig.api.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.toolkit.Origin;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What each kind of setting accepts, at the edges of its range, and what it says of a value it refuses. */
class SettingDeclarationsTest {

    private static final Origin ORIGIN = Origin.variable("BACKENDCONFIG_X");

    enum Mode { ON_MISSING, ALWAYS }

    private static String refusal(Setting<?> setting, String raw) {
        try {
            setting.parse(raw, ORIGIN);
        } catch (InvalidInputException e) {
            return e.problem();
        }
        throw new AssertionError("accepted " + raw);
    }

    @Test
    void anIntegerSettingTakesItsBoundsAndNothingBeyond() {
        Setting<Integer> port = Setting.integer("acme.port", 5, 1, 10, "Port.");
        assertThat(port.parse("1", ORIGIN)).isEqualTo(1);
        assertThat(port.parse(" 10 ", ORIGIN)).isEqualTo(10);
        assertThat(port.parsedDefault()).contains(5);
        assertThat(port.defaultValue()).contains("5");
        assertThat(refusal(port, "0")).isEqualTo("setting acme.port expects a whole number from 1 to 10, got a number"
                + " outside that range");
        assertThat(refusal(port, "11")).isEqualTo("setting acme.port expects a whole number from 1 to 10, got a number"
                + " outside that range");
        assertThat(refusal(port, "1.5")).isEqualTo("setting acme.port expects a whole number from 1 to 10, got a value"
                + " that is not a whole number");
        assertThat(Setting.integer("acme.port", null, 1, 10, "Port.").defaultValue()).isEmpty();
        assertThat(Setting.integer("acme.port", null, 1, 10, "Port.").parsedDefault()).isEmpty();
    }

    @Test
    void aDefaultThatTheSettingWouldRefuseIsRefusedWhenDeclared() {
        assertThatThrownBy(() -> Setting.integer("acme.port", 0, 1, 10, "Port."))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("got a number outside that range");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"Acme.Port", "acme_port", "acme..port", "'acme port'"})
    void aKeyIsLowerCaseWordsSeparatedByDotsOrDashes(String key) {
        assertThatThrownBy(() -> Setting.text(key, null, "Bad."))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("setting key '" + key + "' must be lower-case words separated by '.' or '-', such as"
                        + " acme.container-port");
    }

    @Test
    void aChoiceIsWrittenInLowerCaseWithDashesAndComparedWithoutCase() {
        Setting<Mode> mode = Setting.choice("acme.mode", List.of(Mode.values()), Mode.ALWAYS, "Mode.");
        assertThat(Setting.spelling(Mode.ON_MISSING)).isEqualTo("on-missing");
        assertThat(mode.defaultValue()).contains("always");
        assertThat(mode.parse("ON-Missing", ORIGIN)).isEqualTo(Mode.ON_MISSING);
        assertThat(mode.parse("always", ORIGIN)).isEqualTo(Mode.ALWAYS);
        assertThat(refusal(mode, "on-misisng")).isEqualTo("setting acme.mode expects one of on-missing, always, got a"
                + " value that is not one of them; did you mean 'on-missing'?");
        assertThat(refusal(mode, "sometimes")).isEqualTo("setting acme.mode expects one of on-missing, always, got a"
                + " value that is not one of them");
        assertThat(Setting.choice("acme.mode", List.of(Mode.values()), null, "Mode.").defaultValue()).isEmpty();
    }

    @Test
    void aListDropsBlankEntriesAndSpaces() {
        Setting<List<String>> list = Setting.list("acme.names", null, "Names.");
        assertThat(list.parse(" a, ,b ,", ORIGIN)).containsExactly("a", "b");
    }

    @Test
    void aDurationTakesUpToADayAndIsoTextUpToFortyCharacters() {
        Setting<Duration> timeout = Setting.duration("acme.timeout", "2s", "Timeout.");
        assertThat(timeout.parsedDefault()).contains(Duration.ofSeconds(2));
        assertThat(timeout.parse("24h", ORIGIN)).isEqualTo(Duration.ofHours(24));
        assertThat(refusal(timeout, "1441m")).endsWith("got a duration longer than the maximum of 24h");
        String forty = "PT" + "0".repeat(36) + "1S";
        assertThat(forty).hasSize(40);
        assertThat(timeout.parse(forty, ORIGIN)).isEqualTo(Duration.ofSeconds(1));
        assertThat(refusal(timeout, "PT0" + forty.substring(2))).endsWith("got a value that is not a duration");
        assertThat(refusal(timeout, "500")).endsWith("got a number without a unit (add ms, s or m)");
    }

    @Test
    void aFlagIsTrueOrFalseInAnyCase() {
        Setting<Boolean> flag = Setting.flag("acme.enabled", false, "Enabled.");
        assertThat(flag.parse("TRUE", ORIGIN)).isTrue();
        assertThat(flag.parse("False", ORIGIN)).isFalse();
        assertThat(flag.parsedDefault()).contains(false);
        assertThat(refusal(flag, "yes")).isEqualTo("setting acme.enabled expects true or false, got a value that is"
                + " neither");
    }

    @Test
    void aServiceNameIsCheckedAndTheBackendIsAlwaysRequired() {
        assertThat(new Service("payments-api", false).variableName()).isEqualTo("PAYMENTS_API");
        assertThat(new Service("backend", true).isBackend()).isTrue();
        assertThatThrownBy(() -> new Service("backend", false)).hasMessage("the backend is always required");
        assertThatThrownBy(() -> new Service("Payments", true)).hasMessage("a service name is lower-case letters and"
                + " digits, words joined by '-' (such as auth or payments-api); got 'Payments'");
    }
}
