package dev.backendconfig.docker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backendconfig.testsupport.Recorded;
import dev.backendconfig.toolkit.Http1;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The engine's kind and version, from the headers of replies recorded from Docker 20.10 and Podman 4.3. */
class EngineIdentityTest {

    private static EngineIdentity of(String response) throws IOException {
        return EngineIdentity.from(Http1.readHead(new ByteArrayInputStream(response.getBytes(StandardCharsets.ISO_8859_1))));
    }

    @Test
    void dockersPingSaysDockerAndItsVersion() throws IOException {
        EngineIdentity identity = of(Recorded.resource("engine/docker-ping.http"));
        assertThat(identity).isEqualTo(new EngineIdentity(EngineIdentity.Kind.DOCKER, "20.10.24+dfsg1", "1.41", ""));
        assertThat(identity.describe()).isEqualTo("Docker 20.10.24+dfsg1 (API 1.41)");
        assertThat(identity.isPodman()).isFalse();
    }

    @Test
    void podmansPingSaysPodmanAndItsVersion() throws IOException {
        EngineIdentity identity = of(Recorded.resource("engine/podman/ping.http"));
        assertThat(identity.describe()).isEqualTo("Podman 4.3.1 (API 1.41)");
        assertThat(identity.isPodman()).isTrue();
    }

    @Test
    void aLibpodApiVersionHeaderAloneMeansPodman() throws IOException {
        assertThat(of("HTTP/1.1 200 OK\r\nLibpod-Api-Version: 5.2.0\r\nApi-Version: 1.41\r\n\r\n").describe())
                .isEqualTo("Podman 5.2.0 (API 1.41)");
    }

    @Test
    void anUnknownServerIsShownEscapedAndShortened() throws IOException {
        assertThat(of("HTTP/1.1 200 OK\r\nServer: nginx\u001b[31m/1.25\r\nApi-Version: 1.41\r\n\r\n").describe())
                .isEqualTo("an engine of unknown kind (Server: nginx\\u001b[31m/1.25), API 1.41");
        assertThat(of("HTTP/1.1 200 OK\r\n\r\n").describe()).isEqualTo("an engine of unknown kind (no Server header)");
        assertThat(of("HTTP/1.1 200 OK\r\nServer: " + "x".repeat(100) + "\r\n\r\n").server()).hasSize(63).endsWith("...");
    }

    @Test
    void aVersionThatIsNotOneIsNotRepeated() throws IOException {
        assertThat(of("HTTP/1.1 200 OK\r\nServer: Docker/20.10\r\nApi-Version: 1.41; rm -rf /\r\n\r\n").describe())
                .isEqualTo("Docker 20.10");
    }
}
