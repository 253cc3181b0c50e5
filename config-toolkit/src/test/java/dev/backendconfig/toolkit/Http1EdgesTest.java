package dev.backendconfig.toolkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The edges of an HTTP/1.1 response: each cap at its exact size and one past it, and the framing's corners. */
class Http1EdgesTest {

    private static InputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String body(String response, int cap) throws IOException {
        InputStream in = bytes(response);
        Http1.Head head = Http1.readHead(in);
        return new String(Http1.readBody(head, in, cap), StandardCharsets.ISO_8859_1);
    }

    @Test
    void aHeadOfExactlyTheCapIsReadAndOneByteMoreRefused() throws IOException {
        String statusLine = "HTTP/1.1 200 OK";
        String header = "X: " + "v".repeat(20);
        int exact = statusLine.length() + header.length() + 2 + 2; // the header's CRLF, then the empty line's
        Http1.Head head = Http1.readHead(bytes(statusLine + "\r\n" + header + "\r\n\r\n"), exact);
        assertThat(head.header("x")).isEqualTo("v".repeat(20));

        assertThatThrownBy(() -> Http1.readHead(bytes(statusLine + "\r\n" + header + "\r\n\r\n"), exact - 1))
                .isInstanceOf(Http1.ProtocolException.class).hasMessage("response head larger than " + (exact - 1)
                        + " bytes");
    }

    @Test
    void aLineOfExactlyTheCapIsReadAndALongerOneRefused() throws IOException {
        assertThat(Http1.readHead(bytes("HTTP/1.1 200 OK\r\n\r\n"), 15 + 2).status()).isEqualTo(200);
        assertThatThrownBy(() -> Http1.readHead(bytes("HTTP/1.1 200 OK\r\n\r\n"), 15))
                .isInstanceOf(Http1.ProtocolException.class).hasMessage("line longer than 15 bytes");
    }

    @Test
    void aStatusLineWithoutAReasonHasAnEmptyOneAndOnlyItsCodeIsChecked() throws IOException {
        Http1.Head head = Http1.readHead(bytes("HTTP/1.0 204\n\n"));
        assertThat(head.status()).isEqualTo(204);
        assertThat(head.reason()).isEmpty();
        assertThat(Http1.readHead(bytes("HTTP/1.1 599 Whatever it says here\r\n\r\n")).reason())
                .isEqualTo("Whatever it says here");
        assertThatThrownBy(() -> Http1.readHead(bytes("HTTP/1.1\r\n\r\n"))).isInstanceOf(Http1.ProtocolException.class)
                .hasMessage("expected a status code from 100 to 599 in 'HTTP/1.1'");
        assertThatThrownBy(() -> Http1.readHead(bytes("\r\n\r\n"))).hasMessage("expected an HTTP/1.x status line, got"
                + " an empty line");
    }

    @Test
    void aHeaderNeedsANameBeforeItsColonAndIsHeldStrippedUnderItsLowerCaseName() throws IOException {
        Http1.Head head = Http1.readHead(bytes("HTTP/1.1 200 OK\r\n Server :  Docker/24 \r\nA:\r\n\r\n"));
        assertThat(head.headers()).containsOnlyKeys("server", "a");
        assertThat(head.header("SERVER")).isEqualTo("Docker/24");
        assertThat(head.header("a")).isEmpty();
        assertThatThrownBy(() -> head.headers().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> Http1.readHead(bytes("HTTP/1.1 200 OK\r\n: no name\r\n\r\n")))
                .isInstanceOf(Http1.ProtocolException.class).hasMessage("expected a header 'Name: value', got ': no"
                        + " name'");
    }

    @Test
    void onlyACarriageReturnAtTheLineEndIsDropped() throws IOException {
        Http1.Head head = Http1.readHead(bytes("HTTP/1.1 200 OK\r\nX: a\rb\r\n\r\n"));
        assertThat(head.header("x")).isEqualTo("a\rb");
    }

    @Test
    void aConnectionThatEndsInTheHeadIsBrokenFramingButOneThatSendsNothingHasClosed() {
        assertThatThrownBy(() -> Http1.readHead(bytes(""))).isInstanceOf(EOFException.class)
                .hasMessage("connection closed before any response");
        assertThatThrownBy(() -> Http1.readHead(bytes("HTTP/1.1 2"))).isInstanceOf(Http1.ProtocolException.class)
                .hasMessage("connection ended in the middle of a line");
        assertThatThrownBy(() -> Http1.readHead(bytes("HTTP/1.1 200 OK\r\n"))).isInstanceOf(
                Http1.ProtocolException.class).hasMessage("connection ended in the middle of a line");
    }

    @Test
    void informationalNoContentAndNotModifiedAnswersHaveNoBodyWhateverTheirHeadersSay() throws IOException {
        for (int status : new int[] {100, 199, 204, 304}) {
            assertThat(body("HTTP/1.1 " + status + " X\r\nContent-Length: 5\r\n\r\nhello", 100)).as("" + status)
                    .isEmpty();
        }
        assertThat(body("HTTP/1.1 200 X\r\nContent-Length: 5\r\n\r\nhello", 100)).isEqualTo("hello");
        assertThat(body("HTTP/1.1 205 X\r\nContent-Length: 5\r\n\r\nhello", 100)).isEqualTo("hello");
    }

    @Test
    void aBodyOfExactlyTheCapIsReadWhateverItsFraming() throws IOException {
        assertThat(body("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello", 5)).isEqualTo("hello");
        assertThat(body("HTTP/1.1 200 OK\r\n\r\nhello", 5)).isEqualTo("hello");
        assertThat(body("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, Chunked\r\n\r\n3\r\nhel\r\n2\r\nlo\r\n0\r\n\r\n",
                5)).isEqualTo("hello");
        assertThatThrownBy(() -> body("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nhel\r\n3\r\nlo!\r\n"
                + "0\r\n\r\n", 5)).hasMessage("chunked body larger than the cap of 5 bytes");
    }

    @Test
    void aContentLengthIsOneToEighteenDigits() throws IOException {
        assertThat(body("HTTP/1.1 200 OK\r\nContent-Length: 000000000000000003\r\n\r\nabc", 5)).isEqualTo("abc");
        assertThatThrownBy(() -> body("HTTP/1.1 200 OK\r\nContent-Length: 0000000000000000003\r\n\r\nabc", 5))
                .hasMessage("Content-Length '0000000000000000003' is not a number");
        assertThatThrownBy(() -> body("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\nabc", 5))
                .hasMessage("Content-Length '-1' is not a number");
        assertThat(body("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\nabc", 5)).isEmpty();
    }

    @Test
    void aBodyShorterThanItsLengthSaysHowMuchCame() {
        assertThatThrownBy(() -> body("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhel", 100))
                .isInstanceOf(Http1.ProtocolException.class).hasMessage("connection ended after 3 of 5 body bytes");
        assertThatThrownBy(() -> body("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel", 100))
                .hasMessage("connection ended after 3 of 5 body bytes");
    }

    @Test
    void aChunkedBodyReadsItsTrailersAndStopsThere() throws IOException {
        InputStream in = bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0;last\r\nX-T: 1\r\n"
                + "X-U: 2\r\n\r\nNEXT");
        Http1.Head head = Http1.readHead(in);
        assertThat(new String(Http1.readBody(head, in, 100), StandardCharsets.ISO_8859_1)).isEqualTo("ok");
        assertThat(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1)).isEqualTo("NEXT");
    }

    @Test
    void aChunkSizeIsOneToSevenHexDigitsBeforeAnyExtension() throws IOException {
        assertThat(body("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0000002\r\nok\r\n0\r\n\r\n", 100))
                .isEqualTo("ok");
        assertThatThrownBy(() -> body("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n00000002\r\nok\r\n", 100))
                .hasMessage("chunk size '00000002' is not a hexadecimal number of at most 7 digits");
        assertThatThrownBy(() -> body("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n;ext\r\nok\r\n", 100))
                .hasMessage("chunk size '' is not a hexadecimal number of at most 7 digits");
        assertThatThrownBy(() -> body("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nokX\r\n", 100))
                .hasMessage("chunk not followed by CRLF");
    }

    @Test
    void theScansOfStatusCodesLengthsAndChunkSizesAreThePatternsTheyReplaced() {
        // every string of up to four (eight for the chunk size's limit) of these characters
        java.util.List<String> texts = new java.util.ArrayList<>(
                dev.backendconfig.testsupport.AlphabetStrings.upTo("0159aAfFg -+", 4));
        texts.addAll(java.util.List.of("1234567", "12345678", "abcdef0", "abcdef01", "9".repeat(18), "9".repeat(19),
                "1".repeat(17) + "a", "\u0665\u0665\u0665"));
        for (String text : texts) {
            assertThat(Http1.isStatusCode(text)).as(text).isEqualTo(text.matches("[1-5][0-9][0-9]"));
            assertThat(Http1.isDigits(text, 1, 18, false)).as(text).isEqualTo(text.matches("[0-9]{1,18}"));
            assertThat(Http1.isDigits(text, 1, 7, true)).as(text).isEqualTo(text.matches("[0-9A-Fa-f]{1,7}"));
        }
    }
}
