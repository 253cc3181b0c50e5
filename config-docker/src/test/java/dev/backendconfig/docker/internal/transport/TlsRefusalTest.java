package dev.backendconfig.docker.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backendconfig.docker.internal.tls.TlsMaterial;
import dev.backendconfig.testsupport.TestPki;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import org.junit.jupiter.api.Test;

/**
 * How an engine that asks for a client certificate and then refuses the handshake is explained, against a TLS 1.2
 * engine on loopback that does the first half of a real handshake (its own certificate, a request for the client's)
 * and then answers the client's certificate as an engine that refuses it may: with each alert a refusal is sent with,
 * by closing the connection, or by resetting it. Each is named as the refused client certificate it is; an alert that
 * is no refusal is named as the failed handshake it is.
 */
class TlsRefusalTest extends TlsEngineTest {

    /** What the engine does once it has read the first record of the client's answer to its certificate request. */
    private interface Refusal {
        void refuse(Socket socket) throws IOException;
    }

    /** A fatal alert, in plain text (the client has not yet seen the engine change ciphers), then the end. */
    private static Refusal alert(int description) {
        return socket -> {
            OutputStream out = socket.getOutputStream();
            out.write(new byte[] {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, (byte) description});
            out.flush();
            socket.shutdownOutput();
            socket.getInputStream().readAllBytes();
        };
    }

    /** Start the engine: a real TLS 1.2 handshake up to the client's certificate, then {@code refusal}. */
    private int engine(Refusal refusal) throws Exception {
        SSLContext context = TestPki.engineContext(ENGINE_CERTIFICATE, CA, CA);
        ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        closing(server);
        Thread serving = new Thread(() -> {
            try (Socket socket = server.accept()) {
                socket.setSoTimeout(10_000);
                SSLEngine tls = context.createSSLEngine();
                tls.setUseClientMode(false);
                tls.setNeedClientAuth(true);
                tls.setEnabledProtocols(new String[] {"TLSv1.2"});
                firstHalf(tls, socket.getInputStream(), socket.getOutputStream());
                readRecord(socket.getInputStream());
                refusal.refuse(socket);
            } catch (Exception e) {
                // the client went away
            }
        }, "tls-engine");
        serving.setDaemon(true);
        serving.start();
        return server.getLocalPort();
    }

    /** Read the client's hello and send the engine's first flight, up to its request for a certificate. */
    private static void firstHalf(SSLEngine tls, InputStream in, OutputStream out) throws IOException {
        ByteBuffer netIn = ByteBuffer.allocate(64 * 1024);
        ByteBuffer app = ByteBuffer.allocate(64 * 1024);
        ByteBuffer netOut = ByteBuffer.allocate(64 * 1024);
        boolean wrapped = false;
        tls.beginHandshake();
        while (true) {
            HandshakeStatus status = tls.getHandshakeStatus();
            if (status == HandshakeStatus.NEED_TASK) {
                Runnable task;
                while ((task = tls.getDelegatedTask()) != null) {
                    task.run();
                }
            } else if (status == HandshakeStatus.NEED_WRAP) {
                netOut.clear();
                tls.wrap(ByteBuffer.allocate(0), netOut);
                netOut.flip();
                out.write(netOut.array(), 0, netOut.limit());
                out.flush();
                wrapped = true;
            } else if (wrapped) {
                return; // the engine waits for the client's certificate
            } else {
                netIn.put(readRecord(in));
                netIn.flip();
                tls.unwrap(netIn, app);
                netIn.compact();
            }
        }
    }

    private static byte[] readRecord(InputStream in) throws IOException {
        byte[] header = in.readNBytes(5);
        if (header.length < 5) {
            throw new IOException("the client went away");
        }
        byte[] body = in.readNBytes(((header[3] & 0xFF) << 8) | (header[4] & 0xFF));
        byte[] record = new byte[5 + body.length];
        System.arraycopy(header, 0, record, 0, 5);
        System.arraycopy(body, 0, record, 5, body.length);
        return record;
    }

    private String failure(int port, TlsMaterial material) {
        return Pings.failure(client(port, material));
    }

    private String refused(int port, TlsMaterial material) {
        return "engine tcp://127.0.0.1:" + port + " demands a client certificate and refused the one sent, "
                + material.cert() + " (issued by CN=test-ca) (it accepts certificates issued by CN=test-ca);"
                + " give a client certificate the engine's CA signed";
    }

    private void assertRefusedWithAlert(int description, String name) throws Exception {
        int port = engine(alert(description));
        TlsMaterial material = material(name);
        assertThat(failure(port, material)).as("alert " + name).isEqualTo(refused(port, material));
    }

    @Test
    void eachAlertAnEngineRefusesACertificateWithNamesTheRefusedClientCertificate() throws Exception {
        assertRefusedWithAlert(42, "bad_certificate");
        assertRefusedWithAlert(46, "certificate_unknown");
        assertRefusedWithAlert(48, "unknown_ca");
        assertRefusedWithAlert(49, "access_denied");
        assertRefusedWithAlert(40, "handshake_failure");
        assertRefusedWithAlert(116, "certificate_required");
    }

    @Test
    void anAlertThatIsNoRefusalIsNamedAsTheFailedHandshake() throws Exception {
        int port = engine(alert(80));
        assertThat(failure(port, material("internal"))).isEqualTo("the TLS handshake with engine tcp://127.0.0.1:"
                + port + " failed: Received fatal alert: internal_error");
        int decode = engine(alert(50));
        assertThat(failure(decode, material("decode"))).isEqualTo("the TLS handshake with engine tcp://127.0.0.1:"
                + decode + " failed: Received fatal alert: decode_error");
    }

    @Test
    void anEngineThatClosesTheConnectionAfterTheClientsCertificateRefusedIt() throws Exception {
        int port = engine(socket -> {
            socket.shutdownOutput();
            socket.getInputStream().readAllBytes();
        });
        TlsMaterial material = material("closed");
        assertThat(failure(port, material)).isEqualTo(refused(port, material));
    }

    @Test
    void anEngineThatResetsTheConnectionAfterTheClientsCertificateRefusedIt() throws Exception {
        int port = engine(socket -> {
            socket.setSoLinger(true, 0);
            socket.close();
        });
        TlsMaterial material = material("reset");
        assertThat(failure(port, material)).isEqualTo(refused(port, material));
    }
}
