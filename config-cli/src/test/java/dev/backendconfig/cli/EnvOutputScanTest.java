package dev.backendconfig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backendconfig.api.ServiceEndpoint;
import dev.backendconfig.api.spi.Service;
import dev.backendconfig.toolkit.Origin;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The env format scans values and detail names rather than matching regular expressions (compiling them was a cost of
 * the command's start): what it quotes and how it writes a name are what the former patterns gave.
 */
class EnvOutputScanTest {

    @Test
    void aValueIsLeftUnquotedExactlyWhenTheFormerPatternMatchedIt() {
        Pattern former = Pattern.compile("[A-Za-z0-9_./:@%+=,-]+");
        List<String> parts = new ArrayList<>(List.of(""));
        for (char c : "aZ9_./:@%+=,-~[$' \"\\*?Az0`{".toCharArray()) {
            parts.add(String.valueOf(c));
        }
        for (String first : parts) { // every value of up to three of these characters
            for (String second : parts) {
                for (String third : parts) {
                    String value = first + second + third;
                    assertThat(EnvOutput.quote(value).equals(value)).as("value '%s'", value)
                            .isEqualTo(former.matcher(value).matches());
                }
            }
        }
    }

    @Test
    void everyCharacterADetailNameCannotHoldIsOneUnderscoreAnEmojiIncluded() {
        ServiceEndpoint endpoint = ServiceEndpoint.builder("x").http(URI.create("http://localhost:8002"),
                Origin.other("test")).detail("a\uD83D\uDE00b.c-d é", "1", Origin.other("test")).build();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        new EnvOutput(List.of(), false, true).printDetails(new PrintStream(printed, true, StandardCharsets.UTF_8),
                new Service(Service.BACKEND, true), endpoint);
        assertThat(printed.toString(StandardCharsets.UTF_8)).isEqualTo("BACKEND_DETAIL_A_B_C_D__=1\n");
    }

    @Test
    void aDetailNameKeepsAToZZeroToNineAndUnderscoreAndWritesTheirNeighboursAsUnderscores() {
        ServiceEndpoint endpoint = ServiceEndpoint.builder("x").http(URI.create("http://localhost:8002"),
                Origin.other("test")).detail("@AZ[/09:_`az{", "1", Origin.other("test")).build();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        new EnvOutput(List.of(), false, true).printDetails(new PrintStream(printed, true, StandardCharsets.UTF_8),
                new Service(Service.BACKEND, true), endpoint);
        assertThat(printed.toString(StandardCharsets.UTF_8)).isEqualTo("BACKEND_DETAIL__AZ__09___AZ_=1\n");
    }
}
