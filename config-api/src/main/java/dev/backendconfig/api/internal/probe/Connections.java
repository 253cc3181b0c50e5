package dev.backendconfig.api.internal.probe;

import dev.backendconfig.api.spi.ProbeResult;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/** Open probe connections, plain or TLS, with every step bounded by a deadline. */
final class Connections {

    private Connections() {
    }

    /** A deadline measured on the monotonic clock. */
    record Deadline(long endNanos) {
        static Deadline after(Duration timeout) {
            return new Deadline(System.nanoTime() + Math.max(1, timeout.toNanos()));
        }

        /** Return the milliseconds left, at least 1 so that a socket timeout of 0 (forever) is never set. */
        int millisLeft() {
            long left = (endNanos - System.nanoTime()) / 1_000_000;
            return (int) Math.max(1, Math.min(Integer.MAX_VALUE, left));
        }

        boolean passed() {
            return System.nanoTime() - endNanos >= 0;
        }
    }

    /** Connect to the URL's host and port, wrapping in TLS for https and wss; reads time out at the deadline. */
    static Socket open(URI uri, int port, boolean tls, Deadline deadline) throws IOException {
        Socket socket = new Socket();
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
            return ssl;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
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
