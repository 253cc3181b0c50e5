package dev.backendconfig.api.internal.probe;

import dev.backendconfig.api.ServiceEndpoint;
import dev.backendconfig.api.spi.ProbeResult;
import dev.backendconfig.toolkit.BackendUrls;
import dev.backendconfig.toolkit.Deadline;
import dev.backendconfig.toolkit.Http1;
import dev.backendconfig.toolkit.Secrets;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** GET a path of the HTTP URL over a fresh connection that is closed afterwards; below 500 counts as ready. */
public final class HttpProbe implements Probe {

    private final String path;

    /** Create a probe that asks for {@code path} (joined onto the endpoint's HTTP URL). */
    public HttpProbe(String path) {
        this.path = path == null || path.isBlank() ? "/" : path;
    }

    @Override
    public ProbeResult check(ServiceEndpoint candidate, Duration timeout) {
        long start = System.nanoTime();
        URI target = candidate.http(path);
        String described = "http GET " + Secrets.mask(target);
        Deadline deadline = Deadline.after(timeout);
        boolean tls = "https".equals(target.getScheme());
        try (Socket socket = Connections.open(target, BackendUrls.effectivePort(target), tls, deadline)) {
            OutputStream out = socket.getOutputStream();
            out.write(request(target).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            Http1.Head head = Http1.readHead(socket.getInputStream(), Connections.MAX_HEAD_BYTES);
            boolean ready = head.status() < 500;
            return Connections.result(ready, described + ": answered " + head.status()
                    + (ready ? "" : " (a server error: not ready)"), start);
        } catch (IOException e) {
            return Connections.result(false, described + ": " + Connections.describe(e, timeout), start);
        }
    }

    static String request(URI target) {
        return "GET " + Connections.pathAndQuery(target) + " HTTP/1.1\r\n"
                + "Host: " + hostHeader(target) + "\r\n"
                + "User-Agent: backend-config-probe\r\n"
                + "Accept: */*\r\n"
                + "Connection: close\r\n\r\n";
    }

    static String hostHeader(URI target) {
        return target.getPort() == -1 ? target.getHost() : target.getHost() + ":" + target.getPort();
    }

}
