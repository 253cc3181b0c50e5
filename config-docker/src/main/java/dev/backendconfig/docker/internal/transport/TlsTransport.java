package dev.backendconfig.docker.internal.transport;

import dev.backendconfig.docker.internal.engine.EngineAddress;
import dev.backendconfig.docker.internal.tls.TlsMaterial;
import dev.backendconfig.docker.internal.tls.TlsSetup;
import dev.backendconfig.toolkit.OutsideText;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.channels.SocketChannel;
import java.security.Principal;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * HTTP over TCP with TLS 1.3 or 1.2: the engine's certificate is checked against the CA and the host name (never
 * skipped), the client certificate is offered when the engine asks. Connecting ends within {@code docker.timeout};
 * the handshake as a whole, and each answer as a whole, within {@code docker.answer-timeout} ({@link DeadlineSocket}).
 * Nothing ever falls back to plain HTTP. One connection carries the requests of a
 * resolution (a handshake costs tens of milliseconds); it is closed with the client.
 */
final class TlsTransport extends KeptConnectionTransport {

    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private enum Phase { CONNECT, HANDSHAKE, EXCHANGE }

    private final TlsSetup setup;
    private SSLSocket socket;
    private DeadlineSocket bounded;
    private TlsSetup.Handshake handshake;
    private Phase phase = Phase.CONNECT;
    private String protocol = "";

    TlsTransport(EngineAddress address, TlsSetup setup) {
        super(address);
        this.setup = setup;
    }

    @Override
    InputStream send(byte[] request, Exchange exchange) throws IOException {
        beginExchange(socket != null);
        if (socket == null) {
            connect(exchange);
        }
        bounded.step(exchange.answering());
        OutputStream out = socket.getOutputStream();
        out.write(request);
        out.flush();
        InputStream in = socket.getInputStream();
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) == -1 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] target, int offset, int length) throws IOException {
                int count = in.read(target, offset, length);
                arrived(count);
                return count;
            }
        };
    }

    /**
     * Connect within {@code docker.timeout}, then shake hands within {@code docker.answer-timeout}: one deadline for
     * the whole handshake, however the engine trickles it ({@link DeadlineSocket}).
     */
    private void connect(Exchange exchange) throws IOException {
        phase = Phase.CONNECT;
        handshake = setup.handshake();
        Step connecting = exchange.connecting();
        // a channel's socket: its connect and reads honour timeouts, and an interrupt closes it
        SocketChannel channel = SocketChannel.open();
        Socket plain = channel.socket();
        try {
            try {
                plain.connect(new InetSocketAddress(address.host(), address.port()), connecting.millisLeft());
            } catch (SocketTimeoutException e) {
                throw connecting.timedOut();
            }
            phase = Phase.HANDSHAKE;
            bounded = new DeadlineSocket(plain, exchange.handshaking());
            socket = (SSLSocket) handshake.factory().createSocket(bounded, address.host(), address.port(), true);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setProtocols(PROTOCOLS);
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        protocol = socket.getSession().getProtocol();
        phase = Phase.EXCHANGE;
    }

    @Override
    void done(boolean reusable) {
        if (!reusable) {
            close();
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // an aborted TLS connection: what is under it is closed below
            }
            socket = null;
        }
        if (bounded != null) {
            try {
                // the TLS socket closes it too, unless saying goodbye to the engine failed first
                bounded.close();
            } catch (IOException e) {
                // already closed
            }
            bounded = null;
        }
    }

    @Override
    String details() {
        TlsMaterial material = setup.material();
        String checked = material.skipVerifyAsked() ? "; the engine's certificate is checked although " + material.why()
                + " asks not to" : "";
        return (protocol.isEmpty() ? "" : protocol + ", ") + material.describe() + checked;
    }

    @Override
    String explain(IOException failure, Exchange exchange) {
        if (failure instanceof InterruptedIOException || timedOut(failure, exchange) != null
                || Thread.currentThread().isInterrupted() || phase == Phase.CONNECT || handshake == null) {
            return super.explain(failure, exchange);
        }
        String uri = address.uri();
        Throwable untrusted = cause(failure, CertPathBuilderException.class, CertPathValidatorException.class);
        Throwable expired = cause(failure, CertificateExpiredException.class, CertificateNotYetValidException.class);
        CertificateException certificate = (CertificateException) cause(failure, CertificateException.class);
        X509Certificate engineCertificate = handshake.engineCertificate();
        if (expired != null && engineCertificate != null) {
            return "engine " + uri + " presented a certificate that is not valid now (valid from "
                    + engineCertificate.getNotBefore().toInstant() + " to " + engineCertificate.getNotAfter().toInstant()
                    + "); renew the engine's certificate";
        }
        if (untrusted != null) {
            return "engine " + uri + " presented a certificate" + subjectAndIssuer(engineCertificate) + " that "
                    + signer() + ", so it is not trusted" + skipVerifyNote()
                    + "; give the CA that signed the engine's certificate";
        }
        if (certificate != null && hostMismatch(certificate)) {
            return "engine " + uri + " presented a certificate that is not valid for host " + address.host()
                    + names(engineCertificate) + "; reach the engine by a name its certificate holds" + skipVerifyNote();
        }
        if (handshake.certificateRequested() && !anythingArrived() && refusalLike(failure)) {
            return clientCertificateRefused(uri);
        }
        if (phase == Phase.HANDSHAKE && failure instanceof SSLException && notTls(failure)) {
            return "engine " + uri + " does not speak TLS on this port (its answer is not a TLS handshake), yet "
                    + setup.material().why() + " asks for it; use the engine's TLS port, or do not ask for TLS";
        }
        if (failure instanceof SSLException) {
            return "the TLS handshake with engine " + uri + " failed: " + OutsideText.excerpt(
                    String.valueOf(failure.getMessage()), 160);
        }
        return super.explain(failure, exchange);
    }

    private String clientCertificateRefused(String uri) {
        String accepts = acceptedIssuers();
        X509Certificate ours = setup.clientCertificate();
        if (!handshake.certificateSent()) {
            String none = ours == null ? "there is no cert.pem and key.pem in " + setup.material().source()
                    : "the key in " + setup.material().key() + " is of a type it did not ask for";
            return "engine " + uri + " demands a client certificate, and none was sent: " + none + accepts
                    + "; give the client certificate and key the engine's CA signed";
        }
        String validity = "";
        Date now = new Date();
        if (now.after(ours.getNotAfter()) || now.before(ours.getNotBefore())) {
            validity = ", which is not valid now: valid from " + ours.getNotBefore().toInstant() + " to "
                    + ours.getNotAfter().toInstant();
        }
        return "engine " + uri + " demands a client certificate and refused the one sent, " + setup.material().cert()
                + " (issued by " + OutsideText.excerpt(ours.getIssuerX500Principal().getName(), 120) + validity + ")"
                + accepts + "; give a client certificate the engine's CA signed";
    }

    private String acceptedIssuers() {
        List<String> names = new ArrayList<>();
        for (Principal issuer : handshake.acceptedIssuers()) {
            names.add(OutsideText.excerpt(issuer.getName(), 120));
        }
        return names.isEmpty() ? "" : " (it accepts certificates issued by " + String.join("; ", names) + ")";
    }

    private String signer() {
        return setup.material().ca() != null ? "the CA in " + setup.material().ca() + " did not sign"
                : "none of the JDK's default trusted CAs signed";
    }

    private String skipVerifyNote() {
        return setup.material().skipVerifyAsked() ? " (" + setup.material().why() + " asks not to check it, but this"
                + " library always checks the engine's certificate)" : "";
    }

    private static String subjectAndIssuer(X509Certificate certificate) {
        if (certificate == null) {
            return "";
        }
        return " (" + OutsideText.excerpt(certificate.getSubjectX500Principal().getName(), 120) + ", issued by "
                + OutsideText.excerpt(certificate.getIssuerX500Principal().getName(), 120) + ")";
    }

    private static String names(X509Certificate certificate) {
        if (certificate == null) {
            return "";
        }
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
            if (alternatives != null) {
                for (List<?> alternative : alternatives) {
                    Object type = alternative.get(0);
                    if (Integer.valueOf(2).equals(type)) {
                        names.add("DNS:" + alternative.get(1));
                    } else if (Integer.valueOf(7).equals(type)) {
                        names.add("IP:" + alternative.get(1));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            return "";
        }
        return names.isEmpty() ? " (it names no host)" : " (it names " + OutsideText.excerpt(String.join(", ", names), 200)
                + ")";
    }

    private static boolean hostMismatch(CertificateException certificate) {
        String message = String.valueOf(certificate.getMessage()).toLowerCase(Locale.ROOT);
        return message.contains("subject alternative") || message.contains("no name matching");
    }

    /**
     * The ways a refused client certificate shows up: an alert, or a connection closed or reset while the JDK was
     * still writing (then all it reports is "Broken pipe", or "readHandshakeRecord" around it).
     */
    private static boolean refusalLike(IOException failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof EOFException || t instanceof SocketException
                    || t instanceof java.nio.channels.ClosedChannelException) {
                return true;
            }
            String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (message.contains("broken pipe") || message.contains("connection reset") || message.contains("closed")
                    || t instanceof SSLException && (message.contains("bad_certificate")
                    || message.contains("certificate_required") || message.contains("unknown_ca")
                    || message.contains("certificate_unknown") || message.contains("access_denied")
                    || message.contains("handshake_failure"))) {
                return true;
            }
        }
        return false;
    }

    private static boolean notTls(IOException failure) {
        String message = String.valueOf(failure.getMessage()).toLowerCase(Locale.ROOT);
        return message.contains("unrecognized ssl message") || message.contains("unsupported or unrecognized")
                || message.contains("plaintext");
    }

    @SafeVarargs
    private static Throwable cause(Throwable failure, Class<? extends Throwable>... types) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            for (Class<? extends Throwable> type : types) {
                if (type.isInstance(t)) {
                    return t;
                }
            }
        }
        return null;
    }
}
