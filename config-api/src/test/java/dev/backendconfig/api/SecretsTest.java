package dev.backendconfig.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
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
    })
    void masksUserInfoInsideFreeText(String text, String masked) {
        assertThat(Secrets.maskText(text)).isEqualTo(masked);
    }
}
