package dev.backendconfig.docker.internal.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Where an engine's TLS files are: a client certificate always with its key, and what the report says of them. */
class TlsMaterialTest {

    private static final Path CA = Path.of("/c/ca.pem");
    private static final Path CERT = Path.of("/c/cert.pem");
    private static final Path KEY = Path.of("/c/key.pem");

    @Test
    void aClientCertificateComesWithItsKeyAndAKeyWithItsCertificate() {
        assertThatThrownBy(() -> new TlsMaterial(CA, CERT, null, "s", "w", false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a client certificate needs its key, and a key its certificate");
        assertThatThrownBy(() -> new TlsMaterial(CA, null, KEY, "s", "w", false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a client certificate needs its key, and a key its certificate");
        assertThat(new TlsMaterial(CA, CERT, KEY, "s", "w", false).hasClientCertificate()).isTrue();
        assertThat(new TlsMaterial(CA, null, null, "s", "w", false).hasClientCertificate()).isFalse();
    }

    @Test
    void theReportNamesTheCaAndTheClientCertificateOrWhatStandsInTheirPlace() {
        assertThat(new TlsMaterial(CA, CERT, KEY, "s", "w", false).describe())
                .isEqualTo("CA /c/ca.pem, client certificate /c/cert.pem");
        assertThat(new TlsMaterial(null, null, null, "s", "w", true).describe())
                .isEqualTo("the JDK's default trusted CAs, no client certificate");
        assertThat(new TlsMaterial(CA, null, null, "s", "w", false).caFile()).contains(CA);
        assertThat(new TlsMaterial(null, CERT, KEY, "s", "w", false).caFile()).isEmpty();
    }
}
