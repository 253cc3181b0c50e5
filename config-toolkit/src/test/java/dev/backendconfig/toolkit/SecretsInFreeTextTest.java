package dev.backendconfig.toolkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The edges of {@link Secrets#maskText(String)}: where a key, a value, a word and a URL's user info begin and end. */
class SecretsInFreeTextTest {

    static Stream<Arguments> pairsWhoseKeyNamesASecret() {
        return Stream.of(
                Arguments.of("a tab after the separator", "password:\ts3cr3t", "password:\t***"),
                Arguments.of("a tab before the separator", "password\t= s3cr3t", "password\t= ***"),
                Arguments.of("a single-quoted key and value", "{'password': 's3 cr3t'}", "{'password': '***'}"),
                Arguments.of("an unclosed quote: up to the end of the word", "password='s3cr3t and more",
                        "password='*** and more"),
                Arguments.of("a key with _ after the secret word", "password_hint=s3cr3t", "password_hint=***"),
                Arguments.of("a key with - after the secret word", "password-file=s3cr3t", "password-file=***"),
                Arguments.of("a key with . after the secret word", "password.old=s3cr3t", "password.old=***"),
                Arguments.of("a value that starts with /", "password=/run/s3cr3t", "password=***"),
                Arguments.of("a key after a path's /", "GET /v1/token=s3cr3t", "GET /v1/token=***"),
                Arguments.of("a key far into the text", "x".repeat(200) + " password=s3cr3t",
                        "x".repeat(200) + " password=***"),
                Arguments.of("a key of 128 characters", "TOKEN" + "x".repeat(123) + "=s3cr3t",
                        "TOKEN" + "x".repeat(123) + "=***"),
                Arguments.of("a value that looks masked but is longer", "password=***s3cr3t", "password=***"),
                Arguments.of("an authorization scheme with no credential", "Authorization: Bearer;",
                        "Authorization: ***;"),
                Arguments.of("an authorization scheme and spaces at the end", "Authorization: Bearer   ",
                        "Authorization: ***   "));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void pairsWhoseKeyNamesASecret(String what, String text, String masked) {
        assertThat(Secrets.maskText(text)).isEqualTo(masked);
    }

    static Stream<Arguments> textThatHoldsNoSecretIsKept() {
        return Stream.of(
                Arguments.of("a secret-named scheme (key followed by :/)", "cache tokenstore://cache/x"),
                Arguments.of("a secret key at the end without a value", "missing token:"),
                Arguments.of("a host after @ keeps its port", "connect git@keyserver:22 refused"),
                Arguments.of("a key read only 128 characters back from its separator (a bounded parse)",
                        "TOKEN" + "x".repeat(124) + "=value"),
                Arguments.of("URL user info that is empty", "http://@host/x"),
                Arguments.of("a user with an empty password", "e2e:@host"),
                Arguments.of("a word ending in a single /", "cd /tmp/"),
                Arguments.of("a word that is a single /", "a / b"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void textThatHoldsNoSecretIsKept(String what, String text) {
        assertThat(Secrets.maskText(text)).isEqualTo(text);
    }

    static Stream<Arguments> userInfoAtTheEdgesOfTheText() {
        return Stream.of(
                Arguments.of("// at the start of the text", "//admin:s3cr3t@registry.example.test/x",
                        "//***@registry.example.test/x"),
                Arguments.of("user:password at the start of the text", "e2e:s3cr3t@host:8002 refused",
                        "***@host:8002 refused"),
                Arguments.of("an empty user name after =", "BACKEND_URL=:s3cr3t@host", "BACKEND_URL=***@host"),
                Arguments.of("an empty user name at the start, a port after", ":s3cr3t@host:8002", "***@host:8002"),
                Arguments.of("everything from the first // to the last @", "//registry//admin:s3cr3t@x", "//***@x"),
                Arguments.of("a word that starts with = keeps it", "=e2e:s3cr3t@host", "=***@host"),
                Arguments.of("a word that starts with : is hidden up to its last @", ":key=e2e:s3cr3t@host",
                        "***@host"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void userInfoAtTheEdgesOfTheText(String what, String text, String masked) {
        assertThat(Secrets.maskText(text)).isEqualTo(masked);
    }

    @ParameterizedTest(name = "word ends at [{0}]")
    @ValueSource(strings = {" ", "\t", "\"", "'", "`", "<", ">"})
    void aWordEndsAtWhitespaceAQuoteOrAnAngleBracketSoAMailAddressAfterAUrlIsNotUserInfo(String end) {
        String text = "http://host/x" + end + "me@example.test";
        assertThat(Secrets.maskText(text)).isEqualTo(text);
    }

    @Test
    void nullIsEmptyText() {
        assertThat(Secrets.maskText(null)).isEmpty();
    }
}
