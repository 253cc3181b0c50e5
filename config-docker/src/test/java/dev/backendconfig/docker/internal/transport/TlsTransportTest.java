package dev.backendconfig.docker.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backendconfig.docker.internal.engine.EngineAddress;
import dev.backendconfig.docker.internal.tls.TlsMaterial;
import dev.backendconfig.testsupport.FakeDockerEngine;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TLS transport against real JDK TLS servers on loopback, with certificates made at test time: what a failed
 * handshake is explained as (a certificate out of its validity, on either side; a host name the certificate does not
 * hold; an engine that ends the handshake with an alert), and that a connection that failed is never used again.
 */
class TlsTransportTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private static Issued ca;
    private static Issued engineCertificate;

    @TempDir
    Path directory;

    private FakeDockerEngine backend;
    private final List<AutoCloseable> closing = new ArrayList<>();

    @BeforeAll
    static void makeCertificates() {
        ca = TestPki.authority("test-ca");
        engineCertificate = TestPki.server(ca, List.of("localhost"), List.of("127.0.0.1"));
    }

    /**
     * A test that ran before on this thread may have left its interrupt flag set (a mutation run runs every class's
     * tests on one thread), and an interrupted resolution is explained as such: each test here starts without one.
     */
    @org.junit.jupiter.api.BeforeEach
    void startUninterrupted() {
        Thread.interrupted();
    }

    @BeforeEach
    void startBackend() throws IOException {
        backend = FakeDockerEngine.onUnixSocket(directory.resolve("engine.sock"));
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable open : closing) {
            open.close();
        }
        backend.close();
    }

    private TlsFrontEngine engine(Issued certificate) throws IOException {
        TlsFrontEngine engine = TlsFrontEngine.start(certificate, ca, ca, List.of("TLSv1.3", "TLSv1.2"),
                directory.resolve("engine.sock"));
        closing.add(engine);
        return engine;
    }

    /** TLS material with the test CA and a client certificate of it, written as DOCKER_CERT_PATH holds them. */
    private TlsMaterial material(String name, Issued client) {
        Path certs = TestPki.certPath(directory.resolve(name), ca.certificate(), client.certificate(),
                TestPki.pkcs8(client.keys().getPrivate()));
        return new TlsMaterial(certs.resolve("ca.pem"), certs.resolve("cert.pem"), certs.resolve("key.pem"),
                "DOCKER_CERT_PATH " + certs, "DOCKER_TLS_VERIFY", false);
    }

    private TlsMaterial material(String name) {
        return material(name, TestPki.client(ca, KeyKind.EC));
    }

    private EngineClient client(String host, int port, TlsMaterial material) {
        EngineClient client = new EngineClient(EngineAddress.tls(host, port, material, "test"), TIMEOUT);
        closing.add(client);
        return client;
    }

    private static String failure(EngineClient client) {
        try {
            client.get("/_ping");
        } catch (EngineException e) {
            return e.getMessage();
        }
        throw new AssertionError("the request did not fail");
    }

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
        TlsFrontEngine engine = engine(TestPki.server(ca, List.of("localhost"), List.of("127.0.0.1"), from, to));
        assertThat(failure(client("127.0.0.1", engine.port(), material(name)))).isEqualTo("engine "
                + engine.dockerHost() + " presented a certificate that is not valid now (valid from " + from + " to " + to
                + "); renew the engine's certificate");
    }

    @Test
    void aClientCertificateOutOfItsValidityIsNamedWhenTheEngineRefusesIt() throws IOException {
        TlsFrontEngine engine = engine(engineCertificate);
        Instant from = seconds(Instant.now().minus(Duration.ofDays(40)));
        Instant to = seconds(Instant.now().minus(Duration.ofDays(10)));
        TlsMaterial expired = material("expired-client", TestPki.client(ca, KeyKind.EC, from, to));
        assertThat(failure(client("127.0.0.1", engine.port(), expired))).isEqualTo("engine " + engine.dockerHost()
                + " demands a client certificate and refused the one sent, " + expired.cert() + " (issued by CN=test-ca,"
                + " which is not valid now: valid from " + from + " to " + to + ") (it accepts certificates issued by"
                + " CN=test-ca); give a client certificate the engine's CA signed");
        Instant later = seconds(Instant.now().plus(Duration.ofDays(2)));
        Instant end = seconds(Instant.now().plus(Duration.ofDays(30)));
        TlsMaterial early = material("early-client", TestPki.client(ca, KeyKind.EC, later, end));
        assertThat(failure(client("127.0.0.1", engine.port(), early))).isEqualTo("engine " + engine.dockerHost()
                + " demands a client certificate and refused the one sent, " + early.cert() + " (issued by CN=test-ca,"
                + " which is not valid now: valid from " + later + " to " + end + ") (it accepts certificates issued by"
                + " CN=test-ca); give a client certificate the engine's CA signed");
    }

    @Test
    void aHostTheCertificateDoesNotHoldIsNamedWithEveryNameItHolds() throws IOException {
        TlsFrontEngine byAddress = engine(TestPki.server(ca, List.of("a.test", "b.test"), List.of("127.0.0.2")));
        assertThat(failure(client("127.0.0.1", byAddress.port(), material("names")))).isEqualTo("engine "
                + byAddress.dockerHost() + " presented a certificate that is not valid for host 127.0.0.1 (it names"
                + " DNS:a.test, DNS:b.test, IP:127.0.0.2); reach the engine by a name its certificate holds");
        TlsFrontEngine addressOnly = engine(TestPki.server(ca, List.of(), List.of("127.0.0.1")));
        assertThat(failure(client("localhost", addressOnly.port(), material("ip-only")))).isEqualTo("engine"
                + " tcp://localhost:" + addressOnly.port() + " presented a certificate that is not valid for host"
                + " localhost (it names IP:127.0.0.1); reach the engine by a name its certificate holds");
    }

    @Test
    void aCertificateWithoutAlternativeNamesNamesNoHost() throws IOException {
        TlsFrontEngine engine = engine(TestPki.server(ca, List.of(), List.of()));
        assertThat(failure(client("localhost", engine.port(), material("no-names")))).isEqualTo("engine"
                + " tcp://localhost:" + engine.port() + " presented a certificate that is not valid for host localhost"
                + " (it names no host); reach the engine by a name its certificate holds");
        assertThat(failure(client("127.0.0.1", engine.port(), material("no-names-ip")))).isEqualTo("engine"
                + " tcp://127.0.0.1:" + engine.port() + " presented a certificate that is not valid for host 127.0.0.1"
                + " (it names no host); reach the engine by a name its certificate holds");
    }

    /** A port that answers a TLS ClientHello with {@code reply} and closes, as some proxies do. */
    private int answeringWith(byte[] reply) throws IOException {
        ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        closing.add(server);
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
        assertThat(failure(client("127.0.0.1", port, material("alert")))).isEqualTo("the TLS handshake with engine"
                + " tcp://127.0.0.1:" + port + " failed: Received fatal alert: handshake_failure");
    }

    @Test
    void aPortWhereNothingListensIsRefusedBeforeAnyHandshake() throws IOException {
        int port;
        try (ServerSocket gone = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = gone.getLocalPort();
        }
        assertThat(failure(client("127.0.0.1", port, material("nobody")))).isEqualTo("engine tcp://127.0.0.1:" + port
                + " refused the connection (is the Docker daemon running?)");
    }

    @Test
    void aConnectionTheEngineClosedAfterAReplyIsReplacedAndTheFirstOneClosed() throws Exception {
        TlsFrontEngine engine = engine(engineCertificate).closeAfterEachReply(true);
        EngineClient client = client("127.0.0.1", engine.port(), material("again"));
        for (int i = 0; i < 3; i++) {
            assertThat(client.get("/_ping").status()).isEqualTo(200);
        }
        assertThat(engine.handshakes()).isEqualTo(3);
        assertThat(client.reachedOver()).isEqualTo("tcp+TLS (TLSv1.3, CA " + directory.resolve("again/ca.pem")
                + ", client certificate " + directory.resolve("again/cert.pem") + ")");
    }

    @Test
    void aKeptConnectionCarriesEveryRequestOverOneHandshake() throws Exception {
        TlsFrontEngine engine = engine(engineCertificate);
        EngineClient client = client("127.0.0.1", engine.port(), material("kept"));
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
        TlsFrontEngine engine = engine(engineCertificate);
        Issued client = TestPki.client(ca, KeyKind.EC);
        Path certs = TestPki.certPath(directory.resolve("bundle"), TestPki.authority("first-ca").certificate(),
                client.certificate(), TestPki.pkcs8(client.keys().getPrivate()));
        java.nio.file.Files.writeString(certs.resolve("ca.pem"), TestPki.pem(ca.certificate()),
                java.nio.file.StandardOpenOption.APPEND);
        EngineClient bundled = client("127.0.0.1", engine.port(), new TlsMaterial(certs.resolve("ca.pem"),
                certs.resolve("cert.pem"), certs.resolve("key.pem"), "DOCKER_CERT_PATH " + certs, "DOCKER_TLS_VERIFY",
                false));
        assertThat(bundled.get("/_ping").status()).isEqualTo(200);
    }

    /** A TLS engine that demands a client certificate but names no CA it accepts one from, and trusts none. */
    private int demandingWithoutNamingCas() throws Exception {
        java.security.KeyStore keys = java.security.KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("engine", engineCertificate.keys().getPrivate(), "x".toCharArray(),
                new java.security.cert.X509Certificate[] {engineCertificate.certificate(), ca.certificate()});
        javax.net.ssl.KeyManagerFactory keyManagers = javax.net.ssl.KeyManagerFactory.getInstance(
                javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, "x".toCharArray());
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
        context.init(keyManagers.getKeyManagers(), new javax.net.ssl.TrustManager[] {nobody}, null);
        javax.net.ssl.SSLServerSocket server = (javax.net.ssl.SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(0, 5, InetAddress.getLoopbackAddress());
        server.setNeedClientAuth(true);
        closing.add(server);
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
        Path certs = TestPki.certPath(directory.resolve("no-client"), ca.certificate(), null, null);
        TlsMaterial without = new TlsMaterial(certs.resolve("ca.pem"), null, null, "DOCKER_CERT_PATH " + certs,
                "DOCKER_TLS_VERIFY", false);
        assertThat(failure(client("127.0.0.1", port, without))).isEqualTo("engine tcp://127.0.0.1:" + port + " demands"
                + " a client certificate, and none was sent: there is no cert.pem and key.pem in DOCKER_CERT_PATH "
                + certs + "; give the client certificate and key the engine's CA signed");
        TlsMaterial with = material("refused");
        assertThat(failure(client("127.0.0.1", port, with))).isEqualTo("engine tcp://127.0.0.1:" + port + " demands a"
                + " client certificate and refused the one sent, " + with.cert() + " (issued by CN=test-ca); give a"
                + " client certificate the engine's CA signed");
    }
}
