package dev.backendconfig.toolkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecretsTest {

    @ParameterizedTest(name = "{0} secret: {1}")
    @CsvSource({
        "TEST_USER_PASSWORD, true",
        "db_passwd, true",
        "CLIENT_SECRET, true",
        "access-token, true",
        "API_KEY, true",
        "STAGING_BASE_URL, false",
        "TEST_USER_EMAIL, false",
    })
    void namesContainingASecretWordAreSecret(String name, boolean secret) {
        assertThat(Secrets.isSecretName(name)).isEqualTo(secret);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "http://user:pw@h:8002/x, http://***@h:8002/x",
        "wss://h/ws?token=abc&room=1, wss://h/ws?token=***&room=1",
        "http://h:8002, http://h:8002",
    })
    void masksUserInfoAndSecretQueryValues(String url, String masked) {
        assertThat(Secrets.mask(URI.create(url))).isEqualTo(masked);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "cannot reach http://admin:pw@10.0.0.1:80/x now | cannot reach http://***@10.0.0.1:80/x now",
        "no url here | no url here",
        "pull https://admin:s3/cr3t@registry.example.test/x | pull https://***@registry.example.test/x",
        "pull https://admin:s3@cr@3t@registry.example.test | pull https://***@registry.example.test",
        "pull https://admin:s3:cr3t@registry.example.test | pull https://***@registry.example.test",
        "from //admin:s3cr3t@registry.example.test/x | from //***@registry.example.test/x",
        "BACKEND_URL=e2e:s3cr3t@host:8002 failed | BACKEND_URL=***@host:8002 failed",
        "a=http://u:p@h,b=http://v:q@i | a=http://***@i",
        "mail e2e@example.test about it | mail e2e@example.test about it",
        "image registry.example.test/app@sha256:0123abcd | image registry.example.test/app@sha256:0123abcd",
        "http://host:8002/health answered | http://host:8002/health answered",
        "unix:///var/run/docker.sock | unix:///var/run/docker.sock",
        "http://***@host stays as it is | http://***@host stays as it is",
    })
    void masksUserInfoInAnyFormInsideFreeText(String text, String masked) {
        assertThat(Secrets.maskText(text)).isEqualTo(masked);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "connect failed: password=s3cr3t host=db | connect failed: password=*** host=db",
        "DB_PASSWORD=s3cr3t | DB_PASSWORD=***",
        "db_passwd = s3cr3t; retry | db_passwd = ***; retry",
        "token: s3cr3t | token: ***",
        "API_KEY:s3cr3t, next | API_KEY:***, next",
        "{\"password\":\"s3 cr3t\",\"user\":\"e2e\"} | {\"password\":\"***\",\"user\":\"e2e\"}",
        "{\"Token\" : \"s3cr3t\"} | {\"Token\" : \"***\"}",
        "secret='s3 cr3t' end | secret='***' end",
        "Authorization: Bearer s3cr3t | Authorization: Bearer ***",
        "authorization=Basic dXNlcjpzM2NyM3Q= | authorization=Basic ***",
        "client_credentials=s3cr3t&x=1 | client_credentials=***&x=1",
        "PWD=s3cr3t | PWD=***",
        "retry=3 timeout: 5s | retry=3 timeout: 5s",
        "engine tcp://keyhost:2375 and https://token.example.test:8443/x | engine tcp://keyhost:2375 and https://token.example.test:8443/x",
        "password= | password=",
        "password=*** already | password=*** already",
    })
    void masksTheValuesOfPairsWhoseKeyNamesASecret(String text, String masked) {
        assertThat(Secrets.maskText(text)).isEqualTo(masked);
    }

    @Test
    void masksQuotedWordsAndQuotedValues() {
        assertThat(Secrets.maskText("'http://u:p@h' and \"https://v:q@i\""))
                .isEqualTo("'http://***@h' and \"https://***@i\"");
        assertThat(Secrets.maskText("{\"password\":\"s3 cr3t\",\"user\":\"e2e\"}"))
                .isEqualTo("{\"password\":\"***\",\"user\":\"e2e\"}");
        assertThat(Secrets.maskText("{\"Token\" : \"s3cr3t\"}")).isEqualTo("{\"Token\" : \"***\"}");
        assertThat(Secrets.maskText("secret='s3 cr3t' end")).isEqualTo("secret='***' end");
    }

    @Test
    void masksInTimeLinearInTheText() {
        List<String> hostile = List.of(
                "//".repeat(1_000_000),
                "a:".repeat(1_000_000) + "@",
                "password=".repeat(200_000),
                "password=\"".repeat(200_000),
                "x".repeat(1_000_000) + "://" + "y".repeat(1_000_000),
                "=".repeat(2_000_000));
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> hostile.forEach(Secrets::maskText));
    }
}
