package dev.backendconfig.api.internal.probe;

import dev.backendconfig.api.ServiceEndpoint;
import dev.backendconfig.api.spi.ProbeResult;
import dev.backendconfig.toolkit.BackendUrls;
import dev.backendconfig.toolkit.Deadline;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;

/**
 * Connect to the HTTP URL's host and port, then read briefly.
 *
 * <p>Docker's port proxy accepts a connection on a published port even when nothing listens inside the
 * container, and closes it at once. So an immediate end of stream (or a reset) means "not ready"; a connection
 * that stays open without data for the read window, or that sends data, means something is listening.
 */
public final class TcpProbe implements Probe {

    /** How long to wait for the peer to close a freshly accepted connection. */
    static final Duration READ_WINDOW = Duration.ofMillis(150);

    @Override
    public ProbeResult check(ServiceEndpoint candidate, Duration timeout) {
        long start = System.nanoTime();
        URI http = candidate.http();
        String target = "tcp " + BackendUrls.hostAndPort(http);
        Deadline deadline = Deadline.after(timeout);
        try (Socket socket = Connections.open(http, BackendUrls.effectivePort(http), false, deadline)) {
            socket.setSoTimeout((int) Math.max(1, Math.min(READ_WINDOW.toMillis(), deadline.millisLeft())));
            InputStream in = socket.getInputStream();
            int first;
            try {
                first = in.read();
            } catch (SocketTimeoutException e) {
                return Connections.result(true, target + ": accepted and kept the connection open", start);
            } catch (IOException e) {
                return Connections.result(false, target + ": accepted, then reset the connection (nothing listening behind"
                        + " the port proxy?)", start);
            }
            if (first == -1) {
                return Connections.result(false, target + ": accepted, then closed the connection at once (a port proxy with"
                        + " no app listening behind it)", start);
            }
            return Connections.result(true, target + ": accepted and sent data", start);
        } catch (IOException e) {
            return Connections.result(false, target + ": " + Connections.describe(e, timeout), start);
        }
    }

}
