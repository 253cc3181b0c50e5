package dev.backendconfig.toolkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class Http1Test {

    private static InputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String body(String response, int cap) throws IOException {
        InputStream in = bytes(response);
        Http1.Head head = Http1.readHead(in);
        return new String(Http1.readBody(head, in, cap), StandardCharsets.UTF_8);
    }

    @Test
    void readsStatusAndHeadersCaseInsensitively() throws IOException {
        Http1.Head head = Http1.readHead(bytes("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nApi-Version: 1.41\r\n\r\n"));
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.reason()).isEqualTo("OK");
        assertThat(head.header("content-type")).isEqualTo("application/json");
        assertThat(head.header("API-VERSION")).isEqualTo("1.41");
    }

    @Test
    void readsABodyByContentLength() throws IOException {
        assertThat(body("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nOKextra", 100)).isEqualTo("OK");
    }

    @Test
    void readsAChunkedBody() throws IOException {
        assertThat(body("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n[{\"a\r\n3;ext=1\r\n\":1\r\n1\r\n}\r\n1\r\n]\r\n0\r\n\r\n",
                100)).isEqualTo("[{\"a\":1}]");
    }

    @Test
    void readsABodyToTheEndOfTheConnection() throws IOException {
        assertThat(body("HTTP/1.0 200 OK\r\n\r\nall of it", 100)).isEqualTo("all of it");
    }

    @Test
    void refusesABodyLargerThanTheCap() {
        assertThatThrownBy(() -> body("HTTP/1.1 200 OK\r\nContent-Length: 101\r\n\r\n", 100))
                .isInstanceOf(Http1.ProtocolException.class)
                .hasMessage("body of 101 bytes is larger than the cap of 100");
        assertThatThrownBy(() -> body("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n65\r\n", 100))
                .hasMessage("chunked body larger than the cap of 100 bytes");
        assertThatThrownBy(() -> body("HTTP/1.1 200 OK\r\n\r\n" + "x".repeat(101), 100))
                .hasMessage("body larger than the cap of 100 bytes");
    }

    @Test
    void saysWhatIsWrongWithBytesThatAreNotHttp() {
        assertThatThrownBy(() -> Http1.readHead(bytes("SSH-2.0-OpenSSH\r\n")))
                .isInstanceOf(Http1.ProtocolException.class)
                .hasMessage("expected an HTTP/1.x status line, got 'SSH-2.0-OpenSSH'");
        assertThatThrownBy(() -> Http1.readHead(bytes("HTTP/1.1 abc\r\n\r\n")))
                .hasMessage("expected a status code from 100 to 599 in 'HTTP/1.1 abc'");
        assertThatThrownBy(() -> Http1.readHead(bytes("HTTP/1.1 200 OK\r\nno colon here\r\n\r\n")))
                .hasMessage("expected a header 'Name: value', got 'no colon here'");
        assertThatThrownBy(() -> Http1.readHead(bytes("")))
                .isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> body("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort", 100))
                .hasMessage("connection ended after 5 of 10 body bytes");
    }

    @Test
    void numbersInTheHeadAreReadStrictlyNeverWrappedOrSigned() {
        for (String status : List.of("-1", "+200", "0", "99", "600", "2147483648", "99999999999")) {
            assertThatThrownBy(() -> Http1.readHead(bytes("HTTP/1.1 " + status + " X\r\n\r\n")))
                    .hasMessageStartingWith("expected a status code from 100 to 599");
        }
        for (String length : List.of("-1", "+5", "1e3", "99999999999999999999", "5, 5")) {
            assertThatThrownBy(() -> body("HTTP/1.1 200 OK\r\nContent-Length: " + length + "\r\n\r\nhello", 100))
                    .hasMessageEndingWith("' is not a number");
        }
        for (String size : List.of("-1", "+5", "7fffffff", "0x5", "")) {
            assertThatThrownBy(() -> body("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + size
                    + "\r\nhello\r\n0\r\n\r\n", 100)).hasMessageContaining("chunk size '");
        }
    }

    @Test
    void protocolErrorsQuoteTheEnginesBytesMaskedAndOnOneLine() {
        assertThatThrownBy(() -> Http1.readHead(bytes("HTTP/1.1 200 OK\r\nX password=s3cr3t \u001b[2J\r\n\r\n")))
                .hasMessage("expected a header 'Name: value', got 'X password=*** \\u001b[2J'");
    }
}
