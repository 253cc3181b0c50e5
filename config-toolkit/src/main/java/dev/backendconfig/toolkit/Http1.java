package dev.backendconfig.toolkit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * Read HTTP/1.1 responses from a stream: the head, then a body framed by Content-Length, chunked encoding or the
 * end of the connection, each with a size cap. The core's probes and the Docker Engine client read with it.
 *
 * <p>It reads only what it is given and never waits by itself: bound the stream's reads (a socket timeout shortened to
 * what is left of a {@link Deadline} before each read, say), so that a peer trickling one byte at a time cannot stretch
 * the exchange. Text the peer sent is quoted in messages only as a masked, one-line excerpt.
 */
@API(status = EXPERIMENTAL, since = "1.0")
public final class Http1 {

    /** The largest response head read by {@link #readHead(InputStream)}: 64 KiB. */
    public static final int MAX_HEAD_BYTES = 64 * 1024;

    private Http1() {
    }

    /**
     * The status line and headers of a response.
     *
     * @param status the status code
     * @param reason the reason phrase
     * @param headers header values by lower-case name (a repeated header keeps its last value)
     */
    @API(status = EXPERIMENTAL, since = "1.0")
    public record Head(int status, String reason, Map<String, String> headers) {

        /** Return a header by name, in any case. */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** Thrown when the peer's bytes are not an HTTP/1.1 response, or are larger than allowed. */
    @API(status = EXPERIMENTAL, since = "1.0")
    public static final class ProtocolException extends IOException {
        private static final long serialVersionUID = 1L;

        /** Create the exception with a message saying what was wrong. */
        public ProtocolException(String message) {
            super(message);
        }
    }

    /**
     * Read the status line and headers.
     *
     * @throws java.io.EOFException when the connection ends before any byte arrives
     * @throws ProtocolException when the bytes are not an HTTP/1.x response head
     */
    public static Head readHead(InputStream in) throws IOException {
        return readHead(in, MAX_HEAD_BYTES);
    }

    /**
     * Read the status line and headers, refusing a head larger than {@code maxBytes}.
     *
     * @throws java.io.EOFException when the connection ends before any byte arrives
     * @throws ProtocolException when the bytes are not an HTTP/1.x response head, or the head is too large
     */
    public static Head readHead(InputStream in, int maxBytes) throws IOException {
        String statusLine = readLine(in, true, maxBytes);
        if (!statusLine.startsWith("HTTP/1.")) {
            throw new ProtocolException("expected an HTTP/1.x status line, got "
                    + (statusLine.isEmpty() ? "an empty line" : "'" + printable(statusLine) + "'"));
        }
        String[] parts = statusLine.split(" ", 3);
        String code = parts.length > 1 ? parts[1] : "";
        if (!isStatusCode(code)) {
            throw new ProtocolException("expected a status code from 100 to 599 in '" + printable(statusLine) + "'");
        }
        int status = Integer.parseInt(code);
        Map<String, String> headers = new TreeMap<>();
        int headBytes = statusLine.length();
        while (true) {
            String line = readLine(in, false, maxBytes);
            headBytes += line.length() + 2;
            if (headBytes > maxBytes) {
                throw new ProtocolException("response head larger than " + maxBytes + " bytes");
            }
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new ProtocolException("expected a header 'Name: value', got '" + printable(line) + "'");
            }
            headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
        }
        return new Head(status, parts.length > 2 ? parts[2] : "", Collections.unmodifiableMap(headers));
    }

    /**
     * Read the body that follows {@code head}.
     *
     * @param maxBytes the largest body accepted
     * @throws ProtocolException when the body is larger than {@code maxBytes} or its framing is broken
     */
    public static byte[] readBody(Head head, InputStream in, int maxBytes) throws IOException {
        if (head.status() / 100 == 1 || head.status() == 204 || head.status() == 304) {
            return new byte[0];
        }
        String transferEncoding = head.header("Transfer-Encoding");
        if (transferEncoding != null && transferEncoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            return readChunked(in, maxBytes);
        }
        String contentLength = head.header("Content-Length");
        if (contentLength != null) {
            if (!isDigits(contentLength, 1, 18, false)) {
                throw new ProtocolException("Content-Length '" + printable(contentLength) + "' is not a number");
            }
            long length = Long.parseLong(contentLength);
            if (length < 0 || length > maxBytes) {
                throw new ProtocolException("body of " + length + " bytes is larger than the cap of " + maxBytes);
            }
            return readExactly(in, (int) length);
        }
        return readToEnd(in, maxBytes);
    }

    /** {@code [1-5][0-9][0-9]}: a status code, scanned (every exchange reads one: no pattern compiled for it). */
    static boolean isStatusCode(String text) {
        return isDigits(text, 3, 3, false) && text.charAt(0) >= '1' && text.charAt(0) <= '5';
    }

    /** {@code [0-9]{min,max}}, or {@code [0-9A-Fa-f]{min,max}} when {@code hex}: a number's digits, scanned. */
    static boolean isDigits(String text, int min, int max, boolean hex) {
        if (text.length() < min || text.length() > max) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || hex && (c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return true;
    }

    private static byte[] readChunked(InputStream in, int maxBytes) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(in, false, MAX_HEAD_BYTES);
            int semicolon = sizeLine.indexOf(';');
            String sizeText = (semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).strip();
            if (!isDigits(sizeText, 1, 7, true)) {
                throw new ProtocolException("chunk size '" + printable(sizeText) + "' is not a hexadecimal number of at"
                        + " most 7 digits");
            }
            int size = Integer.parseInt(sizeText, 16);
            if (size < 0 || body.size() + (long) size > maxBytes) {
                throw new ProtocolException("chunked body larger than the cap of " + maxBytes + " bytes");
            }
            if (size == 0) {
                while (!readLine(in, false, MAX_HEAD_BYTES).isEmpty()) {
                    // trailers are not used
                }
                return body.toByteArray();
            }
            body.write(readExactly(in, size));
            if (!readLine(in, false, MAX_HEAD_BYTES).isEmpty()) {
                throw new ProtocolException("chunk not followed by CRLF");
            }
        }
    }

    private static byte[] readExactly(InputStream in, int length) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new ProtocolException("connection ended after " + bytes.length + " of " + length + " body bytes");
        }
        return bytes;
    }

    private static byte[] readToEnd(InputStream in, int maxBytes) throws IOException {
        byte[] bytes = in.readNBytes(maxBytes + 1);
        if (bytes.length > maxBytes) {
            throw new ProtocolException("body larger than the cap of " + maxBytes + " bytes");
        }
        return bytes;
    }

    private static String readLine(InputStream in, boolean first, int maxBytes) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        while (true) {
            int b = in.read();
            if (b == -1) {
                if (first && line.size() == 0) {
                    throw new java.io.EOFException("connection closed before any response");
                }
                throw new ProtocolException("connection ended in the middle of a line");
            }
            if (b == '\n') {
                break;
            }
            if (line.size() >= maxBytes) {
                throw new ProtocolException("line longer than " + maxBytes + " bytes");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    private static String printable(String text) {
        return OutsideText.excerpt(text, 60);
    }
}
