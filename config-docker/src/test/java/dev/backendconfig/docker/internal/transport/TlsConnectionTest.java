package dev.backendconfig.docker.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backendconfig.docker.internal.engine.EngineAddress;
import dev.backendconfig.docker.internal.tls.TlsMaterial;
import dev.backendconfig.testsupport.FakeDockerEngine;
import dev.backendconfig.testsupport.TestPki;
import dev.backendconfig.testsupport.TestPki.Issued;
import dev.backendconfig.testsupport.TestPki.KeyKind;
import dev.backendconfig.testsupport.TlsFrontEngine;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A TLS connection to an engine around its handshake: what the report says it goes over before and after it, an
 * engine certificate no trusted CA signed (with the CA file, with the JDK's CAs, and when the configuration asked not
 * to check it), the answer's own step once the handshake is over, and a client that is closed without ever
 * connecting.
 */
class TlsConnectionTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private static Issued ca;
    private static Issued engineCertificate;

    @TempDir
    Path directory;

    private FakeDockerEngine backend;
    private final List<AutoCloseable> closing = new ArrayList<>();

    @BeforeAll
    static void makeCertificates() {
        ca = TestPki.authority("connection-ca");
        engineCertificate = TestPki.server(ca, List.of("localhost"), List.of("127.0.0.1"));
    }

    /** Each test starts without an interrupt flag a test before it on this thread may have left. */
    @BeforeEach
    void startUninterrupted() throws IOException {
        Thread.interrupted();
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
        return engine(certificate, ca);
    }

    private TlsFrontEngine engine(Issued certificate, Issued signer) throws IOException {
        TlsFrontEngine engine = TlsFrontEngine.start(certificate, signer, ca, List.of("TLSv1.3", "TLSv1.2"),
                directory.resolve("engine.sock"));
        closing.add(engine);
        return engine;
    }

    private TlsMaterial material(String name, boolean withCa, boolean skipVerifyAsked) {
        Issued client = TestPki.client(ca, KeyKind.EC);
        Path certs = TestPki.certPath(directory.resolve(name), ca.certificate(), client.certificate(),
                TestPki.pkcs8(client.keys().getPrivate()));
        return new TlsMaterial(withCa ? certs.resolve("ca.pem") : null, certs.resolve("cert.pem"),
                certs.resolve("key.pem"), "DOCKER_CERT_PATH " + certs, skipVerifyAsked ? "DOCKER_TLS" : "DOCKER_TLS_VERIFY",
                skipVerifyAsked);
    }

    private EngineClient client(int port, TlsMaterial material, EngineTimeouts timeouts) {
        EngineClient client = new EngineClient(EngineAddress.tls("127.0.0.1", port, material, "test"), timeouts,
                SshCommand.DEFAULT, () -> Duration.ofMinutes(1));
        closing.add(client);
        return client;
    }

    private EngineClient client(int port, TlsMaterial material) {
        return client(port, material, EngineTimeouts.both(TIMEOUT));
    }

    private static String failure(EngineClient client) {
        try {
            client.get("/_ping");
        } catch (EngineException e) {
            return e.getMessage();
        }
        throw new AssertionError("the request did not fail");
    }

    @Test
    void theReportNamesTheProtocolOnlyOnceAHandshakeAgreedOnIt() throws Exception {
        TlsFrontEngine engine = engine(engineCertificate);
        TlsMaterial material = material("report", true, false);
        EngineClient client = client(engine.port(), material);
        assertThat(client.reachedOver()).isEqualTo("tcp+TLS (CA " + material.ca() + ", client certificate "
                + material.cert() + ")");
        assertThat(client.get("/_ping").status()).isEqualTo(200);
        assertThat(client.reachedOver()).isEqualTo("tcp+TLS (TLSv1.3, CA " + material.ca() + ", client certificate "
                + material.cert() + ")");
    }

    @Test
    void theReportSaysTheEnginesCertificateIsCheckedWhenTheConfigurationAskedNotTo() throws Exception {
        TlsFrontEngine engine = engine(engineCertificate);
        TlsMaterial material = material("skip", true, true);
        EngineClient client = client(engine.port(), material);
        assertThat(client.get("/_ping").status()).isEqualTo(200);
        assertThat(client.reachedOver()).isEqualTo("tcp+TLS (TLSv1.3, CA " + material.ca() + ", client certificate "
                + material.cert() + "; the engine's certificate is checked although DOCKER_TLS asks not to)");
    }

    @Test
    void anEngineCertificateTheCaFileDidNotSignIsNamedWithItsSubjectAndIssuer() throws Exception {
        Issued other = TestPki.authority("other-ca");
        TlsFrontEngine engine = engine(TestPki.server(other, List.of("localhost"), List.of("127.0.0.1")), other);
        TlsMaterial material = material("untrusted", true, false);
        assertThat(failure(client(engine.port(), material))).isEqualTo("engine " + engine.dockerHost() + " presented a"
                + " certificate (CN=engine, issued by CN=other-ca) that the CA in " + material.ca() + " did not sign,"
                + " so it is not trusted; give the CA that signed the engine's certificate");
        TlsMaterial skipping = material("untrusted-skip", true, true);
        assertThat(failure(client(engine.port(), skipping))).isEqualTo("engine " + engine.dockerHost() + " presented a"
                + " certificate (CN=engine, issued by CN=other-ca) that the CA in " + skipping.ca() + " did not sign,"
                + " so it is not trusted (DOCKER_TLS asks not to check it, but this library always checks the engine's"
                + " certificate); give the CA that signed the engine's certificate");
    }

    @Test
    void withoutACaFileAnEngineCertificateNoneOfTheJdksCasSignedIsNotTrusted() throws Exception {
        TlsFrontEngine engine = engine(engineCertificate);
        assertThat(failure(client(engine.port(), material("jdk-cas", false, false)))).isEqualTo("engine "
                + engine.dockerHost() + " presented a certificate (CN=engine, issued by CN=connection-ca) that none"
                + " of the JDK's default trusted CAs signed, so it is not trusted; give the CA that signed the engine's"
                + " certificate");
    }

    @Test
    void aHostTheCertificateDoesNotHoldIsNamedWithTheNoteWhenTheConfigurationAskedNotToCheck() throws Exception {
        TlsFrontEngine engine = engine(TestPki.server(ca, List.of("a.test"), List.of()));
        assertThat(failure(client(engine.port(), material("host-skip", true, true)))).isEqualTo("engine "
                + engine.dockerHost() + " presented a certificate that is not valid for host 127.0.0.1 (it names"
                + " DNS:a.test); reach the engine by a name its certificate holds (DOCKER_TLS asks not to check it, but"
                + " this library always checks the engine's certificate)");
    }

    /** A TLS engine that finishes the handshake, reads the request's first byte, then does {@code after}. */
    private int handshakingThen(SocketAction after) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("engine", engineCertificate.keys().getPrivate(), "x".toCharArray(),
                new X509Certificate[] {engineCertificate.certificate(), ca.certificate()});
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, "x".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), null, null);
        ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        closing.add(server);
        Thread serving = new Thread(() -> {
            try (Socket plain = server.accept();
                    SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, null, false)) {
                plain.setSoTimeout(10_000);
                tls.setUseClientMode(false);
                tls.startHandshake();
                tls.getInputStream().read();
                after.act(tls);
            } catch (IOException e) {
                // the client went away
            }
        }, "tls-engine");
        serving.setDaemon(true);
        serving.start();
        return server.getLocalPort();
    }

    private interface SocketAction {
        void act(SSLSocket tls) throws IOException;
    }

    @Test
    void anEngineThatShakesHandsAndNeverAnswersIsLeftAtTheAnswersOwnTimeout() throws Exception {
        int port = handshakingThen(tls -> tls.getInputStream().readAllBytes());
        EngineClient client = client(port, material("silent", true, false), new EngineTimeouts(Duration.ofSeconds(5),
                Duration.ofSeconds(3)));
        assertThat(failure(client)).isEqualTo("engine tcp://127.0.0.1:" + port + " did not answer GET /_ping within"
                + " 3000 ms (setting docker.answer-timeout)");
    }

    @Test
    void aClientClosedWithoutEverConnectingOrTwiceClosesQuietly() throws Exception {
        int port;
        try (ServerSocket unused = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = unused.getLocalPort();
        }
        EngineClient client = client(port, material("never", true, false));
        client.close();
        TlsFrontEngine engine = engine(engineCertificate);
        EngineClient used = client(engine.port(), material("twice", true, false));
        assertThat(used.get("/_ping").status()).isEqualTo(200);
        used.close();
        used.close();
        assertThat(used.get("/_ping").status()).as("a closed client connects anew").isEqualTo(200);
        assertThat(engine.handshakes()).isEqualTo(2);
    }

    @Test
    void anEngineThatAnswersSomethingThatIsNotHttpOverTlsIsNamedSo() throws Exception {
        int port = handshakingThen(tls -> {
            tls.getOutputStream().write("SSH-2.0-OpenSSH\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            tls.getOutputStream().flush();
            tls.getInputStream().readAllBytes();
        });
        assertThat(failure(client(port, material("not-http", true, false)))).startsWith("engine tcp://127.0.0.1:" + port
                + " answered GET /_ping with something that is not a usable HTTP response: ");
    }

    @Test
    void anEngineThatAskedNoCertificateAndClosesAfterTheHandshakeClosedWithoutAnswering() throws Exception {
        int port = handshakingThen(tls -> tls.close());
        assertThat(failure(client(port, material("closes", true, false)))).isEqualTo("engine tcp://127.0.0.1:" + port
                + " closed the connection without answering GET /_ping");
    }

    @Test
    void closingTheClientEndsTheConnectionCleanlyForTheEngine() throws Exception {
        java.util.concurrent.CompletableFuture<String> ended = new java.util.concurrent.CompletableFuture<>();
        int port = handshakingThen(tls -> {
            tls.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nOK".getBytes(
                    java.nio.charset.StandardCharsets.US_ASCII));
            tls.getOutputStream().flush();
            try {
                tls.getInputStream().readAllBytes();
                ended.complete("ended");
            } catch (IOException e) {
                ended.complete(e.toString());
            }
        });
        EngineClient client = client(port, material("goodbye", true, false));
        assertThat(client.get("/_ping").status()).isEqualTo(200);
        client.close();
        assertThat(ended.get(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("ended");
    }
}
