package dev.backendconfig.api.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backendconfig.api.spi.Setting;
import dev.backendconfig.testsupport.AlphabetStrings;
import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.toolkit.Origin;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Setting keys, service names and short durations are scanned rather than matched with regular expressions (a first
 * resolution in a fresh JVM paid for compiling them); every string of up to five characters over an alphabet that
 * holds each class of character is accepted by the scan exactly when the former pattern matched it.
 */
class ScannedNamesTest {

    private static final Origin ORIGIN = Origin.variable("BACKENDCONFIG_EXAMPLE_WAIT");

    @Test
    void aKeyIsAcceptedExactlyWhenTheFormerPatternMatchedIt() {
        Pattern former = Pattern.compile("[a-z][a-z0-9]*([.-][a-z0-9]+)*");
        for (String text : AlphabetStrings.upTo("az09.-_A ", 5)) {
            assertThat(SettingNames.isKey(text)).as("key '%s'", text).isEqualTo(former.matcher(text).matches());
        }
    }

    @Test
    void aServiceNameIsAcceptedExactlyWhenTheFormerPatternMatchedIt() {
        Pattern former = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
        for (String text : AlphabetStrings.upTo("az09.-_A ", 5)) {
            assertThat(SettingNames.isServiceName(text)).as("service '%s'", text)
                    .isEqualTo(former.matcher(text).matches());
        }
    }

    @Test
    void theCharactersNextToEachRangeOfAKeyOrServiceNameAreOutsideIt() {
        Pattern key = Pattern.compile("[a-z][a-z0-9]*([.-][a-z0-9]+)*");
        Pattern service = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
        for (String text : AlphabetStrings.upTo("`a{z/0:9.-", 4)) {
            assertThat(SettingNames.isKey(text)).as("key '%s'", text).isEqualTo(key.matcher(text).matches());
            assertThat(SettingNames.isServiceName(text)).as("service '%s'", text)
                    .isEqualTo(service.matcher(text).matches());
        }
    }

    @Test
    void aShortDurationParsesExactlyWhenTheFormerPatternMatchedIt() {
        Setting<Duration> setting = Setting.duration("example.wait", null, "an example");
        Pattern former = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h)");
        for (String text : AlphabetStrings.upTo("10 \tmshMx", 4)) {
            Matcher matcher = former.matcher(text.toLowerCase(java.util.Locale.ROOT).strip());
            if (matcher.matches()) {
                long amount = Long.parseLong(matcher.group(1));
                Duration expected = switch (matcher.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    default -> Duration.ofHours(amount);
                };
                if (expected.compareTo(Duration.ofHours(24)) <= 0) {
                    assertThat(setting.parse(text, ORIGIN)).as("duration '%s'", text).isEqualTo(expected);
                }
            } else {
                assertThatThrownBy(() -> setting.parse(text, ORIGIN)).as("duration '%s'", text)
                        .isInstanceOf(InvalidInputException.class);
            }
        }
        assertThat(setting.parse("000000010s", ORIGIN)).as("nine digits").isEqualTo(Duration.ofSeconds(10));
        assertThatThrownBy(() -> setting.parse("0000000010s", ORIGIN)).as("ten digits")
                .isInstanceOf(InvalidInputException.class);
        assertThat(setting.parse("2\u000Bs", ORIGIN)).as("\\s holds the vertical tab").isEqualTo(Duration.ofSeconds(2));
    }
}
