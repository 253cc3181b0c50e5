package dev.backendconfig.docker.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backendconfig.testsupport.Recorded;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The engine's kind and version, from the headers of replies recorded from Docker 20.10 and Podman 4.3. */
class EngineIdentityTest {

    /** Read the identity from a reply's header lines (between the status line and the first empty line). */
    private static EngineIdentity of(String response) {
        Map<String, String> headers = new HashMap<>();
        String[] lines = response.split("\r?\n", -1);
        for (int i = 1; i < lines.length && !lines[i].isEmpty(); i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
        }
        return EngineIdentity.from(name -> headers.get(name.toLowerCase(Locale.ROOT)));
    }

    @Test
    void dockersPingSaysDockerAndItsVersion() {
        EngineIdentity identity = of(Recorded.resource("engine/docker-ping.http"));
        assertThat(identity).isEqualTo(new EngineIdentity(EngineIdentity.Kind.DOCKER, "20.10.24+dfsg1", "1.41", ""));
        assertThat(identity.describe()).isEqualTo("Docker 20.10.24+dfsg1 (API 1.41)");
        assertThat(identity.isPodman()).isFalse();
    }

    @Test
    void podmansPingSaysPodmanAndItsVersion() {
        EngineIdentity identity = of(Recorded.resource("engine/podman/ping.http"));
        assertThat(identity.describe()).isEqualTo("Podman 4.3.1 (API 1.41)");
        assertThat(identity.isPodman()).isTrue();
    }

    @Test
    void aLibpodApiVersionHeaderAloneMeansPodman() {
        assertThat(of("HTTP/1.1 200 OK\r\nLibpod-Api-Version: 5.2.0\r\nApi-Version: 1.41\r\n\r\n").describe())
                .isEqualTo("Podman 5.2.0 (API 1.41)");
    }

    @Test
    void anUnknownServerIsShownEscapedAndShortened() {
        assertThat(of("HTTP/1.1 200 OK\r\nServer: nginx\u001b[31m/1.25\r\nApi-Version: 1.41\r\n\r\n").describe())
                .isEqualTo("an engine of unknown kind (Server: nginx\\u001b[31m/1.25), API 1.41");
        assertThat(of("HTTP/1.1 200 OK\r\n\r\n").describe()).isEqualTo("an engine of unknown kind (no Server header)");
        assertThat(of("HTTP/1.1 200 OK\r\nServer: " + "x".repeat(100) + "\r\n\r\n").server()).hasSize(63).endsWith("...");
    }

    @Test
    void aVersionThatIsNotOneIsNotRepeated() {
        assertThat(of("HTTP/1.1 200 OK\r\nServer: Docker/20.10\r\nApi-Version: 1.41; rm -rf /\r\n\r\n").describe())
                .isEqualTo("Docker 20.10");
    }
}
