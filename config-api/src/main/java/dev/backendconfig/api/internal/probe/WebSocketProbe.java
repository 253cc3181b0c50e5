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
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

/**
 * Perform a real WebSocket opening handshake (RFC 6455) on the WebSocket URL, check the server's
 * {@code Sec-WebSocket-Accept}, then send a close frame and close the connection.
 */
public final class WebSocketProbe implements Probe {

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String path;

    /** Create a probe that handshakes on the WebSocket URL with {@code path} joined onto it (empty: as it is). */
    public WebSocketProbe(String path) {
        this.path = path == null ? "" : path;
    }

    @Override
    public ProbeResult check(ServiceEndpoint candidate, Duration timeout) {
        return check(path.isBlank() ? candidate.webSocket() : candidate.webSocket(path), timeout);
    }

    private ProbeResult check(URI target, Duration timeout) {
        long start = System.nanoTime();
        String described = "websocket " + Secrets.mask(target);
        Deadline deadline = Deadline.after(timeout);
        boolean tls = "wss".equals(target.getScheme());
        String key = newKey();
        try (Socket socket = Connections.open(target, BackendUrls.effectivePort(target), tls, deadline)) {
            OutputStream out = socket.getOutputStream();
            out.write(request(target, key).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            Http1.Head head = Http1.readHead(socket.getInputStream(), Connections.MAX_HEAD_BYTES);
            if (head.status() != 101) {
                return Connections.result(false, described + ": answered " + head.status() + " instead of 101 Switching Protocols",
                        start);
            }
            if (!expectedAccept(key).equals(head.header("Sec-WebSocket-Accept"))) {
                return Connections.result(false, described + ": answered 101 with a wrong Sec-WebSocket-Accept", start);
            }
            out.write(closeFrame());
            out.flush();
            return Connections.result(true, described + ": handshake accepted (101)", start);
        } catch (IOException e) {
            return Connections.result(false, described + ": " + Connections.describe(e, timeout), start);
        }
    }

    static String request(URI target, String key) {
        return "GET " + Connections.pathAndQuery(target) + " HTTP/1.1\r\n"
                + "Host: " + HttpProbe.hostHeader(target) + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + "User-Agent: backend-config-probe\r\n\r\n";
    }

    /** Return the {@code Sec-WebSocket-Accept} a server must answer to {@code key}. */
    public static String expectedAccept(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    private static String newKey() {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        return Base64.getEncoder().encodeToString(nonce);
    }

    private static byte[] closeFrame() {
        byte[] mask = new byte[4];
        RANDOM.nextBytes(mask);
        byte[] payload = {0x03, (byte) 0xE8};
        byte[] frame = new byte[2 + 4 + payload.length];
        frame[0] = (byte) 0x88;
        frame[1] = (byte) (0x80 | payload.length);
        System.arraycopy(mask, 0, frame, 2, 4);
        for (int i = 0; i < payload.length; i++) {
            frame[6 + i] = (byte) (payload[i] ^ mask[i % 4]);
        }
        return frame;
    }

}
