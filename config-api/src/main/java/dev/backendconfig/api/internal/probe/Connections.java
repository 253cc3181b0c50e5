package dev.backendconfig.api.internal.probe;

import dev.backendconfig.api.spi.ProbeResult;
import dev.backendconfig.toolkit.Deadline;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/** Open probe connections, plain or TLS, with every step bounded by a deadline. */
final class Connections {

    /** The largest answer head a probe reads. */
    static final int MAX_HEAD_BYTES = 16 * 1024;

    private Connections() {
    }

    /**
     * Connect to the URL's host and port, wrapping in TLS for https and wss. Every read, those of the TLS handshake
     * included, waits at most until the deadline ({@link DeadlineSocket}); the connect too. On any failure the socket
     * is closed before the exception leaves.
     */
    static Socket open(URI uri, int port, boolean tls, Deadline deadline) throws IOException {
        Socket socket = new DeadlineSocket(deadline);
        try {
            socket.connect(new InetSocketAddress(host(uri), port), deadline.millisLeft());
            socket.setSoTimeout(deadline.millisLeft());
            if (!tls) {
                return socket;
            }
            SSLSocket ssl = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                    .createSocket(socket, host(uri), port, true);
            SSLParameters parameters = ssl.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            ssl.setSSLParameters(parameters);
            ssl.setSoTimeout(deadline.millisLeft());
            ssl.startHandshake();
            if (deadline.passed()) {
                ssl.close();
                throw new java.net.SocketTimeoutException("the TLS handshake ended after the deadline");
            }
            return ssl;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * A socket whose every read waits at most until the deadline, however the peer trickles its bytes. A TLS socket
     * layered over it reads through {@link #getInputStream()}, so the handshake is bounded too: each read of the
     * record layer first checks the deadline and shortens the socket's read timeout to what is left of it.
     */
    static final class DeadlineSocket extends Socket {
        private final Deadline deadline;

        DeadlineSocket(Deadline deadline) {
            this.deadline = deadline;
        }

        @Override
        public InputStream getInputStream() throws IOException {
            InputStream in = super.getInputStream();
            return new FilterInputStream(in) {
                @Override
                public int read() throws IOException {
                    beforeRead();
                    return super.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    beforeRead();
                    return super.read(buffer, offset, length);
                }

                @Override
                public long skip(long count) throws IOException {
                    beforeRead();
                    return super.skip(count);
                }
            };
        }

        private void beforeRead() throws IOException {
            if (deadline.passed()) {
                throw new java.net.SocketTimeoutException("the deadline passed");
            }
            int left = deadline.millisLeft();
            int current = getSoTimeout();
            if (current == 0 || current > left) {
                setSoTimeout(left);
            }
        }
    }

    /** Return the probe's result, timed from {@code startNanos}. */
    static ProbeResult result(boolean ready, String description, long startNanos) {
        return new ProbeResult(ready, description, Duration.ofNanos(System.nanoTime() - startNanos));
    }

    /** Return the request target of a URL: its raw path ({@code /} when empty) and query. */
    static String pathAndQuery(URI target) {
        String path = target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
        return path + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
    }

    /** Return the host without IPv6 brackets, as socket addresses want it. */
    static String host(URI uri) {
        String host = uri.getHost();
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** Describe a failed connection attempt in a few words: "connection refused", "no answer within 2000 ms". */
    static String describe(IOException e, Duration timeout) {
        if (e instanceof java.net.SocketTimeoutException) {
            return "no answer within " + timeout.toMillis() + " ms";
        }
        if (e instanceof java.net.ConnectException) {
            String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(java.util.Locale.ROOT);
            return message.contains("refused") ? "connection refused" : "cannot connect (" + e.getMessage() + ")";
        }
        if (e instanceof java.net.UnknownHostException) {
            return "unknown host";
        }
        if (e instanceof java.io.EOFException) {
            return "connection closed without an answer";
        }
        if (e instanceof javax.net.ssl.SSLException) {
            return "TLS failed (" + e.getMessage() + ")";
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")");
    }
}
