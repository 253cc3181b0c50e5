package dev.backendconfig.docker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backendconfig.testsupport.AlphabetStrings;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Each scan against the regular expression it replaced, over every short string of an alphabet of edge characters. */
class ScansTest {

    private static void sameAs(String regex, java.util.function.Predicate<String> scan, List<String> texts) {
        Pattern pattern = Pattern.compile(regex);
        for (String text : texts) {
            assertThat(scan.test(text)).as("'%s' against %s", text, regex).isEqualTo(pattern.matcher(text).matches());
        }
    }

    /** Strings of the given lengths made of {@code fill}, with one character of {@code alphabet} put at each place. */
    private static List<String> long_(String fill, String alphabet, int... lengths) {
        List<String> texts = new ArrayList<>();
        for (int length : lengths) {
            String base = fill.repeat(length);
            texts.add(base);
            for (int at = 0; at < length; at++) {
                for (char c : alphabet.toCharArray()) {
                    texts.add(base.substring(0, at) + c + base.substring(at + 1));
                }
            }
        }
        return texts;
    }

    @Test
    void aContainerIdIsTwelveToSixtyFourLowerCaseHexDigits() {
        sameAs("[0-9a-f]{12,64}", Scans::isContainerId, AlphabetStrings.upTo("0af", 4));
        sameAs("[0-9a-f]{12,64}", Scans::isContainerId, long_("a", "09afgA/ \n", 11, 12, 13, 63, 64, 65));
    }

    @Test
    void aPathWordIsOneToAHundredAndTwentyEightLettersDigitsAndUnderscoreDotDash() {
        // the letters at both ends of each range and the characters just outside them
        sameAs("[A-Za-z0-9_.-]{1,128}", Scans::isPathWord, AlphabetStrings.upTo("aZAz09@[`{/:_.-\u00e9", 3));
        sameAs("[A-Za-z0-9_.-]{1,128}", Scans::isPathWord, long_("a", "Z9_/?\n", 127, 128, 129));
    }

    @Test
    void aHostIsUnreservedCharactersColonAndPercent() {
        sameAs("[A-Za-z0-9._~%:-]+", Scans::isHostText, AlphabetStrings.upTo("aZ09._~%:-/ @#[\u00e9\n", 3));
    }

    @Test
    void aSchemeIsALetterThenLettersDigitsPlusDotDash() {
        sameAs("[A-Za-z][A-Za-z0-9+.-]*", Scans::isScheme, AlphabetStrings.upTo("aZAz09@[`{+.-_:\u00e9", 3));
    }

    @Test
    void aVersionIsOneToFortyOfItsCharacters() {
        sameAs("[0-9A-Za-z.+~_-]{1,40}", Scans::isVersion, AlphabetStrings.upTo("0aZ.+~_-/ \n", 3));
        sameAs("[0-9A-Za-z.+~_-]{1,40}", Scans::isVersion, long_("1", "a ~!\t", 39, 40, 41));
    }

    @Test
    void aServerHeaderNamesItsProductAndVersionAsTheGroupsOfItsPatternDid() {
        Pattern server = Pattern.compile("(Docker|Libpod)/([0-9A-Za-z.+~_-]{1,40})(\\s.*)?");
        List<String> texts = new ArrayList<>();
        String tails = "1a.~ \t\n\u000B\f\r\u0085\u2028x(/";
        for (String product : List.of("Docker", "Libpod", "docker", "Dockers", "Podman", "")) {
            for (String tail : AlphabetStrings.upTo(tails, 3)) {
                texts.add(product + "/" + tail);
            }
            texts.add(product + "/" + "1".repeat(40));
            texts.add(product + "/" + "1".repeat(41));
            texts.add(product + "/" + "1".repeat(40) + " (linux)");
            texts.add(product + "/" + "1".repeat(41) + " (linux)");
            texts.add(product);
        }
        texts.add("Docker/20.10.24 (linux)");
        texts.add("Libpod/4.3.1 (linux)");
        for (String text : texts) {
            Matcher matcher = server.matcher(text);
            String expectedDocker = matcher.matches() && matcher.group(1).equals("Docker") ? matcher.group(2) : null;
            String expectedPodman = matcher.matches() && matcher.group(1).equals("Libpod") ? matcher.group(2) : null;
            assertThat(Scans.serverVersion(text, "Docker")).as("'%s'", text).isEqualTo(expectedDocker);
            assertThat(Scans.serverVersion(text, "Libpod")).as("'%s'", text).isEqualTo(expectedPodman);
        }
        assertThat(Scans.serverVersion("Docker/20.10.24 (linux)", "Docker")).isEqualTo("20.10.24");
    }

    @Test
    void anIpv4AddressIsFourNumbersUpTo255WithoutLeadingZeros() {
        String ipv4 = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}";
        List<String> numbers = new ArrayList<>();
        for (int n = 0; n <= 300; n++) {
            numbers.add(Integer.toString(n));
        }
        numbers.addAll(List.of("", "00", "01", "000", "001", "010", "0255", "1000", "a", "-1", "+1", " 1", "1 ", "2\u0665"));
        List<String> texts = new ArrayList<>();
        for (String number : numbers) {
            texts.add(number + ".1.2.3");
            texts.add("1." + number + ".2.3");
            texts.add("1.2.3." + number);
        }
        texts.addAll(AlphabetStrings.upTo("1.0", 7));
        texts.addAll(AlphabetStrings.upTo("1.a ", 7)); // another separator than a dot between numbers
        texts.addAll(List.of("1.2.3.4.5", "1.2.3", "1..2.3", ".1.2.3.4", "1.2.3.4.", "255.255.255.255", "256.1.1.1"));
        sameAs(ipv4, Scans::isIpv4, texts);
    }

    @Test
    void anIpv6TextIsTwoToFortyFiveHexDigitsColonsAndDots() {
        sameAs("[0-9A-Fa-f:.]{2,45}", Scans::isIpv6Text, AlphabetStrings.upTo("0aF:.gG %", 3));
        sameAs("[0-9A-Fa-f:.]{2,45}", Scans::isIpv6Text, long_("a", ":.g ", 44, 45, 46));
    }

    @Test
    void aFileNamePartIsWhatReplaceAllMadeOfItCodePointByCodePoint() {
        // a letter outside ASCII and one outside the BMP (two chars, one code point: one _), a NUL and a slash
        for (String text : AlphabetStrings.upTo("aZ0_.-/ :\u0000\u00e9\ud83d\ude00", 3)) {
            assertThat(Scans.fileNamePart(text)).as(text).isEqualTo(text.replaceAll("[^A-Za-z0-9_.-]", "_"));
        }
    }

    @Test
    void aComposeProjectNameIsLowerCaseLettersDigitsUnderscoreAndDash() {
        sameAs("[a-z0-9_-]+", Scans::isComposeProjectName, AlphabetStrings.upTo("az09_-A. \u00e9", 3));
    }

    @Test
    void aServiceNameIsALetterThenLettersAndDigitsWithSingleDashesBetween() {
        sameAs("[a-z][a-z0-9]*(-[a-z0-9]+)*", Scans::isServiceName, AlphabetStrings.upTo("az09-_A.{`/:\u00e9", 4));
    }

    @Test
    void aUnicodeEscapeHoldsFourHexadecimalDigits() {
        sameAs("[0-9A-Fa-f]{4}", Scans::isFourHexDigits, AlphabetStrings.upTo("09afAFg:.", 5));
    }

    @Test
    void aComposeFileNameHoldsComposeAndEndsInYmlOrYamlInAnyCaseOfAsciiOnOneLine() {
        List<String> texts = new ArrayList<>();
        List<String> befores = List.of("", "docker-", "x\n", "\u017f", "a.yml.");
        List<String> cores = List.of("compose", "COMPOSE", "Compose", "compo\u017fe", "compos", "ompose", "",
                "compose\u2028", "\u212aompose");
        List<String> middles = List.of("", ".override", "\n", "-x", "\r", "\u0085");
        List<String> suffixes = List.of(".yml", ".yaml", ".YML", ".Yaml", ".YAML", ".yAmL", ".yl", ".ymlx", "yml", ".y\nml", "",
                ".yaml.yml", ".ya", "compose.yml");
        for (String before : befores) {
            for (String core : cores) {
                for (String middle : middles) {
                    for (String suffix : suffixes) {
                        texts.add(before + core + middle + suffix);
                    }
                }
            }
        }
        sameAs("(?i).*compose.*\\.ya?ml", Scans::isComposeFileName, texts);
        sameAs("(?i).*compose.*\\.ya?ml", Scans::isComposeFileName, AlphabetStrings.upTo("ce.ymlao", 5));
    }
}
