package dev.backendconfig.docker.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backendconfig.docker.internal.tls.TlsMaterial;
import dev.backendconfig.testsupport.TestPki;
import dev.backendconfig.testsupport.TestPki.Issued;
import dev.backendconfig.testsupport.TlsFrontEngine;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/**
 * A TLS connection to an engine around its handshake: what the report says it goes over before and after it, an
 * engine certificate no trusted CA signed (with the CA file, with the JDK's CAs, and when the configuration asked not
 * to check it), the answer's own step once the handshake is over, and a client that is closed without ever
 * connecting.
 */
class TlsConnectionTest extends TlsEngineTest {

    @Test
    void theReportNamesTheProtocolOnlyOnceAHandshakeAgreedOnIt() throws Exception {
        TlsFrontEngine engine = engine(ENGINE_CERTIFICATE);
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
        TlsFrontEngine engine = engine(ENGINE_CERTIFICATE);
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
        assertThat(Pings.failure(client(engine.port(), material))).isEqualTo("engine " + engine.dockerHost() + " presented a"
                + " certificate (CN=engine, issued by CN=other-ca) that the CA in " + material.ca() + " did not sign,"
                + " so it is not trusted; give the CA that signed the engine's certificate");
        TlsMaterial skipping = material("untrusted-skip", true, true);
        assertThat(Pings.failure(client(engine.port(), skipping))).isEqualTo("engine " + engine.dockerHost() + " presented a"
                + " certificate (CN=engine, issued by CN=other-ca) that the CA in " + skipping.ca() + " did not sign,"
                + " so it is not trusted (DOCKER_TLS asks not to check it, but this library always checks the engine's"
                + " certificate); give the CA that signed the engine's certificate");
    }

    @Test
    void withoutACaFileAnEngineCertificateNoneOfTheJdksCasSignedIsNotTrusted() throws Exception {
        TlsFrontEngine engine = engine(ENGINE_CERTIFICATE);
        assertThat(Pings.failure(client(engine.port(), material("jdk-cas", false, false)))).isEqualTo("engine "
                + engine.dockerHost() + " presented a certificate (CN=engine, issued by CN=test-ca) that none"
                + " of the JDK's default trusted CAs signed, so it is not trusted; give the CA that signed the engine's"
                + " certificate");
    }

    @Test
    void aHostTheCertificateDoesNotHoldIsNamedWithTheNoteWhenTheConfigurationAskedNotToCheck() throws Exception {
        TlsFrontEngine engine = engine(TestPki.server(CA, List.of("a.test"), List.of()));
        assertThat(Pings.failure(client(engine.port(), material("host-skip", true, true)))).isEqualTo("engine "
                + engine.dockerHost() + " presented a certificate that is not valid for host 127.0.0.1 (it names"
                + " DNS:a.test); reach the engine by a name its certificate holds (DOCKER_TLS asks not to check it, but"
                + " this library always checks the engine's certificate)");
    }

    /** A TLS engine that finishes the handshake, reads the request's first byte, then does {@code after}. */
    private int handshakingThen(SocketAction after) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(TestPki.engineKeys(ENGINE_CERTIFICATE, CA), null, null);
        ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        closing(server);
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
        EngineClient client = client("127.0.0.1", port, material("silent", true, false), new EngineTimeouts(Duration.ofSeconds(5),
                Duration.ofSeconds(3)));
        assertThat(Pings.failure(client)).isEqualTo("engine tcp://127.0.0.1:" + port + " did not answer GET /_ping within"
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
        TlsFrontEngine engine = engine(ENGINE_CERTIFICATE);
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
        assertThat(Pings.failure(client(port, material("not-http", true, false)))).startsWith("engine tcp://127.0.0.1:" + port
                + " answered GET /_ping with something that is not a usable HTTP response: ");
    }

    @Test
    void anEngineThatAskedNoCertificateAndClosesAfterTheHandshakeClosedWithoutAnswering() throws Exception {
        int port = handshakingThen(tls -> tls.close());
        assertThat(Pings.failure(client(port, material("closes", true, false)))).isEqualTo("engine tcp://127.0.0.1:" + port
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
