package dev.backendconfig.api.internal.probe;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The status and headers of the answer to a probe's request. Every read waits at most until the probe's deadline,
 * so that a server sending one byte at a time cannot stretch the probe, and the head is capped in size.
 *
 * @param status the status code
 * @param headers header values by lower-case name
 */
record ResponseHead(int status, Map<String, String> headers) {

    /** The largest head read. */
    static final int MAX_BYTES = 16 * 1024;

    /** Return a header, looked up without regard to case. */
    String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /**
     * Read a head from the socket.
     *
     * @throws SocketTimeoutException when the deadline passes first
     * @throws EOFException when the connection ends before any byte
     * @throws IOException when the bytes are not an HTTP/1.x response head
     */
    static ResponseHead read(Socket socket, Connections.Deadline deadline) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        int matched = 0;
        while (matched < 4) {
            if (deadline.passed()) {
                throw new SocketTimeoutException("deadline passed");
            }
            socket.setSoTimeout(deadline.millisLeft());
            int b = in.read();
            if (b == -1) {
                if (bytes.size() == 0) {
                    throw new EOFException("closed before answering");
                }
                throw new IOException("the connection ended in the middle of the answer's head");
            }
            if (bytes.size() >= MAX_BYTES) {
                throw new IOException("the answer's head is larger than " + MAX_BYTES + " bytes");
            }
            bytes.write(b);
            matched = b == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return parse(bytes.toString(StandardCharsets.ISO_8859_1));
    }

    private static ResponseHead parse(String text) throws IOException {
        String[] lines = text.split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        if (!statusLine[0].startsWith("HTTP/1.") || statusLine.length < 2 || !statusLine[1].matches("[0-9]{3}")) {
            throw new IOException("the answer is not an HTTP/1.x response");
        }
        Map<String, String> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).strip());
            }
        }
        return new ResponseHead(Integer.parseInt(statusLine[1]), headers);
    }
}
