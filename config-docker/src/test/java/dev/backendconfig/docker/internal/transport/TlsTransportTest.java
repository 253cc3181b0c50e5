package dev.backendconfig.docker.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backendconfig.docker.internal.tls.TlsMaterial;
import dev.backendconfig.testsupport.TestPki;
import dev.backendconfig.testsupport.TestPki.Issued;
import dev.backendconfig.testsupport.TestPki.KeyKind;
import dev.backendconfig.testsupport.TlsFrontEngine;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The TLS transport against real JDK TLS servers on loopback, with certificates made at test time: what a failed
 * handshake is explained as (a certificate out of its validity, on either side; a host name the certificate does not
 * hold; an engine that ends the handshake with an alert), and that a connection that failed is never used again.
 */
class TlsTransportTest extends TlsEngineTest {

    private static Instant seconds(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS);
    }

    @Test
    void anEngineCertificateThatExpiredIsNamedWithItsValidity() throws IOException {
        assertEngineCertificateOutOfValidityIsNamed(Instant.now().minus(Duration.ofDays(40)),
                Instant.now().minus(Duration.ofDays(10)), "expired");
    }

    @Test
    void anEngineCertificateNotYetValidIsNamedWithItsValidity() throws IOException {
        assertEngineCertificateOutOfValidityIsNamed(Instant.now().plus(Duration.ofDays(2)),
                Instant.now().plus(Duration.ofDays(30)), "early");
    }

    private void assertEngineCertificateOutOfValidityIsNamed(Instant notBefore, Instant notAfter, String name)
            throws IOException {
        Instant from = seconds(notBefore);
        Instant to = seconds(notAfter);
        TlsFrontEngine engine = engine(TestPki.server(CA, List.of("localhost"), List.of("127.0.0.1"), from, to));
        assertThat(Pings.failure(client(engine.port(), material(name)))).isEqualTo("engine "
                + engine.dockerHost() + " presented a certificate that is not valid now (valid from " + from + " to " + to
                + "); renew the engine's certificate");
    }

    @Test
    void aClientCertificateOutOfItsValidityIsNamedWhenTheEngineRefusesIt() throws IOException {
        TlsFrontEngine engine = engine(ENGINE_CERTIFICATE);
        Instant from = seconds(Instant.now().minus(Duration.ofDays(40)));
        Instant to = seconds(Instant.now().minus(Duration.ofDays(10)));
        TlsMaterial expired = material("expired-client", TestPki.client(CA, KeyKind.EC, from, to), true, false);
        assertThat(Pings.failure(client(engine.port(), expired))).isEqualTo("engine " + engine.dockerHost()
                + " demands a client certificate and refused the one sent, " + expired.cert() + " (issued by CN=test-ca,"
                + " which is not valid now: valid from " + from + " to " + to + ") (it accepts certificates issued by"
                + " CN=test-ca); give a client certificate the engine's CA signed");
        Instant later = seconds(Instant.now().plus(Duration.ofDays(2)));
        Instant end = seconds(Instant.now().plus(Duration.ofDays(30)));
        TlsMaterial early = material("early-client", TestPki.client(CA, KeyKind.EC, later, end), true, false);
        assertThat(Pings.failure(client(engine.port(), early))).isEqualTo("engine " + engine.dockerHost()
                + " demands a client certificate and refused the one sent, " + early.cert() + " (issued by CN=test-ca,"
                + " which is not valid now: valid from " + later + " to " + end + ") (it accepts certificates issued by"
                + " CN=test-ca); give a client certificate the engine's CA signed");
    }

    @Test
    void aHostTheCertificateDoesNotHoldIsNamedWithEveryNameItHolds() throws IOException {
        TlsFrontEngine byAddress = engine(TestPki.server(CA, List.of("a.test", "b.test"), List.of("127.0.0.2")));
        assertThat(Pings.failure(client(byAddress.port(), material("names")))).isEqualTo("engine "
                + byAddress.dockerHost() + " presented a certificate that is not valid for host 127.0.0.1 (it names"
                + " DNS:a.test, DNS:b.test, IP:127.0.0.2); reach the engine by a name its certificate holds");
        TlsFrontEngine addressOnly = engine(TestPki.server(CA, List.of(), List.of("127.0.0.1")));
        assertThat(Pings.failure(client("localhost", addressOnly.port(), material("ip-only")))).isEqualTo("engine"
                + " tcp://localhost:" + addressOnly.port() + " presented a certificate that is not valid for host"
                + " localhost (it names IP:127.0.0.1); reach the engine by a name its certificate holds");
    }

    @Test
    void aCertificateWithoutAlternativeNamesNamesNoHost() throws IOException {
        TlsFrontEngine engine = engine(TestPki.server(CA, List.of(), List.of()));
        assertThat(Pings.failure(client("localhost", engine.port(), material("no-names")))).isEqualTo("engine"
                + " tcp://localhost:" + engine.port() + " presented a certificate that is not valid for host localhost"
                + " (it names no host); reach the engine by a name its certificate holds");
        assertThat(Pings.failure(client(engine.port(), material("no-names-ip")))).isEqualTo("engine"
                + " tcp://127.0.0.1:" + engine.port() + " presented a certificate that is not valid for host 127.0.0.1"
                + " (it names no host); reach the engine by a name its certificate holds");
    }

    /** A port that answers a TLS ClientHello with {@code reply} and closes, as some proxies do. */
    private int answeringWith(byte[] reply) throws IOException {
        ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        closing(server);
        CompletableFuture.runAsync(() -> {
            try (Socket socket = server.accept()) {
                InputStream in = socket.getInputStream();
                in.readNBytes(5);
                socket.getOutputStream().write(reply);
                socket.getOutputStream().flush();
                socket.shutdownOutput();
                in.readNBytes(1);
            } catch (IOException e) {
                // the client went away
            }
        });
        return server.getLocalPort();
    }

    @Test
    void anEngineThatEndsTheHandshakeWithAnAlertIsSaidToHaveFailedIt() throws IOException {
        // a TLS 1.2 record: a fatal alert, handshake_failure (40)
        int port = answeringWith(new byte[] {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28});
        assertThat(Pings.failure(client(port, material("alert")))).isEqualTo("the TLS handshake with engine"
                + " tcp://127.0.0.1:" + port + " failed: Received fatal alert: handshake_failure");
    }

    @Test
    void aPortWhereNothingListensIsRefusedBeforeAnyHandshake() throws IOException {
        int port;
        try (ServerSocket gone = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = gone.getLocalPort();
        }
        assertThat(Pings.failure(client(port, material("nobody")))).isEqualTo("engine tcp://127.0.0.1:" + port
                + " refused the connection (is the Docker daemon running?)");
    }

    @Test
    void aConnectionTheEngineClosedAfterAReplyIsReplacedAndTheFirstOneClosed() throws Exception {
        TlsFrontEngine engine = engine(ENGINE_CERTIFICATE).closeAfterEachReply(true);
        EngineClient client = client(engine.port(), material("again"));
        for (int i = 0; i < 3; i++) {
            assertThat(client.get("/_ping").status()).isEqualTo(200);
        }
        assertThat(engine.handshakes()).isEqualTo(3);
        assertThat(client.reachedOver()).isEqualTo("tcp+TLS (TLSv1.3, CA " + directory.resolve("again/ca.pem")
                + ", client certificate " + directory.resolve("again/cert.pem") + ")");
    }

    @Test
    void aKeptConnectionCarriesEveryRequestOverOneHandshake() throws Exception {
        TlsFrontEngine engine = engine(ENGINE_CERTIFICATE);
        EngineClient client = client(engine.port(), material("kept"));
        for (int i = 0; i < 3; i++) {
            assertThat(client.get("/_ping").status()).isEqualTo(200);
        }
        assertThat(engine.handshakes()).isEqualTo(1);
        client.close();
        assertThat(client.get("/_ping").status()).as("a closed client connects anew").isEqualTo(200);
        assertThat(engine.handshakes()).isEqualTo(2);
    }

    @Test
    void everyCaOfABundleIsTrusted() throws Exception {
        TlsFrontEngine engine = engine(ENGINE_CERTIFICATE);
        Issued client = TestPki.client(CA, KeyKind.EC);
        Path certs = TestPki.certPath(directory.resolve("bundle"), TestPki.authority("first-ca").certificate(),
                client.certificate(), TestPki.pkcs8(client.keys().getPrivate()));
        java.nio.file.Files.writeString(certs.resolve("ca.pem"), TestPki.pem(CA.certificate()),
                java.nio.file.StandardOpenOption.APPEND);
        EngineClient bundled = client(engine.port(), new TlsMaterial(certs.resolve("ca.pem"),
                certs.resolve("cert.pem"), certs.resolve("key.pem"), "DOCKER_CERT_PATH " + certs, "DOCKER_TLS_VERIFY",
                false));
        assertThat(bundled.get("/_ping").status()).isEqualTo(200);
    }

    /** A TLS engine that demands a client certificate but names no CA it accepts one from, and trusts none. */
    private int demandingWithoutNamingCas() throws Exception {
        javax.net.ssl.X509TrustManager nobody = new javax.net.ssl.X509TrustManager() {
            @Override
            public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String authType)
                    throws java.security.cert.CertificateException {
                throw new java.security.cert.CertificateException("trusts nobody");
            }

            @Override
            public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String authType)
                    throws java.security.cert.CertificateException {
                throw new java.security.cert.CertificateException("trusts nobody");
            }

            @Override
            public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                return new java.security.cert.X509Certificate[0];
            }
        };
        javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
        context.init(TestPki.engineKeys(ENGINE_CERTIFICATE, CA), new javax.net.ssl.TrustManager[] {nobody}, null);
        javax.net.ssl.SSLServerSocket server = (javax.net.ssl.SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(0, 5, InetAddress.getLoopbackAddress());
        server.setNeedClientAuth(true);
        closing(server);
        CompletableFuture.runAsync(() -> {
            while (!server.isClosed()) {
                try (javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) server.accept()) {
                    socket.setSoTimeout(5000);
                    socket.startHandshake();
                    socket.getInputStream().read();
                } catch (IOException e) {
                    // refused, or the client went away
                }
            }
        });
        return server.getLocalPort();
    }

    @Test
    void anEngineThatNamesNoCaItAcceptsIsExplainedWithoutThem() throws Exception {
        int port = demandingWithoutNamingCas();
        Path certs = TestPki.certPath(directory.resolve("no-client"), CA.certificate(), null, null);
        TlsMaterial without = new TlsMaterial(certs.resolve("ca.pem"), null, null, "DOCKER_CERT_PATH " + certs,
                "DOCKER_TLS_VERIFY", false);
        assertThat(Pings.failure(client(port, without))).isEqualTo("engine tcp://127.0.0.1:" + port + " demands"
                + " a client certificate, and none was sent: there is no cert.pem and key.pem in DOCKER_CERT_PATH "
                + certs + "; give the client certificate and key the engine's CA signed");
        TlsMaterial with = material("refused");
        assertThat(Pings.failure(client(port, with))).isEqualTo("engine tcp://127.0.0.1:" + port + " demands a"
                + " client certificate and refused the one sent, " + with.cert() + " (issued by CN=test-ca); give a"
                + " client certificate the engine's CA signed");
    }
}
