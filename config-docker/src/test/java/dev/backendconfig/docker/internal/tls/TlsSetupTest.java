package dev.backendconfig.docker.internal.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backendconfig.testsupport.TestPki;
import dev.backendconfig.testsupport.TestPki.Issued;
import dev.backendconfig.testsupport.TestPki.KeyKind;
import java.nio.file.Path;
import java.security.Principal;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What one handshake's key and trust managers hand over and remember: the client certificate only for a key type the
 * engine asked for, whether it asked and which CAs it named, and the certificate the engine presented.
 */
class TlsSetupTest {

    private static Issued ca;
    private static Issued client;

    @TempDir
    Path directory;

    @BeforeAll
    static void makeCertificates() {
        ca = TestPki.authority("setup-ca");
        client = TestPki.client(ca, KeyKind.EC);
    }

    private TlsSetup withClientCertificate() {
        Path certs = TestPki.certPath(directory.resolve("with"), ca.certificate(), client.certificate(),
                TestPki.pkcs8(client.keys().getPrivate()));
        return TlsSetup.load(new TlsMaterial(certs.resolve("ca.pem"), certs.resolve("cert.pem"),
                certs.resolve("key.pem"), "test", "test", false));
    }

    private TlsSetup withoutClientCertificate() {
        Path certs = TestPki.certPath(directory.resolve("without"), ca.certificate(), null, null);
        return TlsSetup.load(new TlsMaterial(certs.resolve("ca.pem"), null, null, "test", "test", false));
    }

    private static final Principal[] ISSUERS = {new X500Principal("CN=setup-ca"), new X500Principal("CN=other")};

    @Test
    void theClientCertificateIsHandedOverForAKeyTypeTheEngineAskedFor() {
        TlsSetup setup = withClientCertificate();
        assertThat(setup.clientCertificate()).isEqualTo(client.certificate());
        TlsSetup.Handshake handshake = setup.handshake();
        assertThat(handshake.factory()).isNotNull();
        assertThat(handshake.certificateRequested()).isFalse();
        assertThat(handshake.certificateSent()).isFalse();
        assertThat(handshake.acceptedIssuers()).isEmpty();
        TlsSetup.Handshake.ClientKeys keys = handshake.new ClientKeys();
        assertThat(keys.chooseClientAlias(new String[] {"RSA", "EC"}, ISSUERS, null)).isEqualTo("client");
        assertThat(handshake.certificateRequested()).isTrue();
        assertThat(handshake.certificateSent()).isTrue();
        assertThat(handshake.acceptedIssuers()).containsExactly(ISSUERS);
        assertThat(keys.getCertificateChain("client")).containsExactly(client.certificate());
        assertThat(keys.getPrivateKey("client")).isEqualTo(client.keys().getPrivate());
        assertThat(keys.getCertificateChain("other")).isNull();
        assertThat(keys.getPrivateKey("other")).isNull();
        assertThat(keys.getClientAliases("EC", ISSUERS)).containsExactly("client");
        assertThat(keys.getClientAliases("RSA", ISSUERS)).isNull();
    }

    @Test
    void aKeyTypeWithASignatureSuffixCountsAsTheKeysType() {
        TlsSetup.Handshake handshake = withClientCertificate().handshake();
        TlsSetup.Handshake.ClientKeys keys = handshake.new ClientKeys();
        assertThat(keys.chooseEngineClientAlias(new String[] {"RSA", "EC_EC"}, null, null)).isEqualTo("client");
        assertThat(handshake.certificateSent()).isTrue();
        assertThat(handshake.acceptedIssuers()).isEmpty();
    }

    @Test
    void noCertificateIsHandedOverForOtherKeyTypesButTheRequestIsRemembered() {
        TlsSetup.Handshake handshake = withClientCertificate().handshake();
        TlsSetup.Handshake.ClientKeys keys = handshake.new ClientKeys();
        assertThat(keys.chooseClientAlias(new String[] {"RSA", "ECX", "DSA"}, ISSUERS, null)).isNull();
        assertThat(handshake.certificateRequested()).isTrue();
        assertThat(handshake.certificateSent()).isFalse();
        assertThat(handshake.acceptedIssuers()).containsExactly(ISSUERS);
        TlsSetup.Handshake other = withClientCertificate().handshake();
        assertThat(other.new ClientKeys().chooseEngineClientAlias(null, ISSUERS, null)).isNull();
        assertThat(other.certificateRequested()).isTrue();
        assertThat(other.certificateSent()).isFalse();
    }

    @Test
    void withoutAClientCertificateNothingIsHandedOver() {
        TlsSetup setup = withoutClientCertificate();
        assertThat(setup.clientCertificate()).isNull();
        TlsSetup.Handshake handshake = setup.handshake();
        TlsSetup.Handshake.ClientKeys keys = handshake.new ClientKeys();
        assertThat(keys.chooseClientAlias(new String[] {"RSA", "EC"}, ISSUERS, null)).isNull();
        assertThat(handshake.certificateRequested()).isTrue();
        assertThat(handshake.certificateSent()).isFalse();
        assertThat(keys.getClientAliases("EC", ISSUERS)).isNull();
        assertThat(keys.getCertificateChain("client")).isNull();
        assertThat(keys.getPrivateKey("client")).isNull();
    }

    @Test
    void aClientNeverActsAsAServer() {
        TlsSetup.Handshake.ClientKeys keys = withClientCertificate().handshake().new ClientKeys();
        assertThat(keys.getServerAliases("EC", ISSUERS)).isNull();
        assertThat(keys.chooseServerAlias("EC", ISSUERS, null)).isNull();
    }

    @Test
    void theEnginesCertificateIsRememberedAndCheckedOnlyWithItsConnection() throws Exception {
        TlsSetup setup = withClientCertificate();
        TlsSetup.Handshake handshake = setup.handshake();
        assertThat(handshake.engineCertificate()).isNull();
        TlsSetup.Handshake.RecordingTrust trust = recordingTrust(setup, handshake);
        assertThat(trust.getAcceptedIssuers()).containsExactly(ca.certificate());
        X509Certificate[] presented = {TestPki.server(ca, List.of("localhost"), List.of()).certificate()};
        SSLEngine engine = SSLContext.getDefault().createSSLEngine("localhost", 2376);
        assertThatThrownBy(() -> trust.checkServerTrusted(presented, "RSA", engine))
                .isInstanceOf(CertificateException.class);
        assertThat(handshake.engineCertificate()).isEqualTo(presented[0]);
        assertThatThrownBy(() -> trust.checkServerTrusted(presented, "RSA")).isInstanceOf(CertificateException.class)
                .hasMessage("the engine's host name cannot be checked without its socket");
        assertThatThrownBy(() -> trust.checkClientTrusted(presented, "RSA"))
                .hasMessage("a client does not check client certificates");
        assertThatThrownBy(() -> trust.checkClientTrusted(presented, "RSA", engine))
                .hasMessage("a client does not check client certificates");
        assertThatThrownBy(() -> trust.checkClientTrusted(presented, "RSA", (java.net.Socket) null))
                .hasMessage("a client does not check client certificates");
    }

    private static TlsSetup.Handshake.RecordingTrust recordingTrust(TlsSetup setup, TlsSetup.Handshake handshake)
            throws Exception {
        javax.net.ssl.TrustManagerFactory factory = javax.net.ssl.TrustManagerFactory.getInstance(
                javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        java.security.KeyStore store = java.security.KeyStore.getInstance(java.security.KeyStore.getDefaultType());
        store.load(null, null);
        store.setCertificateEntry("ca", ca.certificate());
        factory.init(store);
        return handshake.new RecordingTrust((javax.net.ssl.X509ExtendedTrustManager) factory.getTrustManagers()[0]);
    }
}
