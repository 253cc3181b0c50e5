package dev.backendconfig.docker.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backendconfig.docker.internal.engine.EngineAddress;
import dev.backendconfig.toolkit.Http1;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How a failed exchange is explained for the report: by the step that ran out, or in the transport's own terms. */
class EngineTransportExplainTest {

    private static final Path SOCKET = Path.of("/run/test/engine.sock");

    private final EngineTransport unix = EngineTransport.of(EngineAddress.unix(SOCKET, "test"), SshCommand.DEFAULT);
    private final EngineTransport tcp = EngineTransport.of(EngineAddress.tcp("build-box", 2375, "test"),
            SshCommand.DEFAULT);

    private static Exchange exchange() {
        return new Exchange("GET /containers/json", EngineTimeouts.both(Duration.ofMillis(1500)),
                () -> Duration.ofHours(1));
    }

    private String explain(EngineTransport transport, IOException failure) {
        return transport.explain(failure, exchange());
    }

    @Test
    void anInterruptIsExplainedAsTheBudgetRunningOutWhateverTheExceptionSays() {
        String interrupted = "asking engine unix:///run/test/engine.sock was interrupted (the resolution's time budget,"
                + " setting timeout, ran out)";
        assertThat(explain(unix, new InterruptedIOException("x"))).isEqualTo(interrupted);
        assertThat(explain(unix, new ClosedByInterruptException())).isEqualTo(interrupted);
        Thread.currentThread().interrupt();
        try {
            assertThat(explain(unix, new IOException("Connection refused"))).isEqualTo(interrupted);
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void aTimeoutOfTheJdkIsExplainedByTheStepUnderWayAndAStepThatRanOutByItself() {
        Exchange exchange = exchange();
        exchange.answering();
        assertThat(unix.explain(new SocketTimeoutException("Read timed out"), exchange)).isEqualTo("engine"
                + " unix:///run/test/engine.sock did not answer GET /containers/json within 1500 ms (setting"
                + " docker.answer-timeout)");

        Step handshake = exchange.handshaking();
        exchange.answering();
        IOException wrapped = new IOException("handshake failed", handshake.timedOut());
        assertThat(unix.explain(wrapped, exchange)).isEqualTo("engine unix:///run/test/engine.sock did not finish the"
                + " TLS handshake within 1500 ms (setting docker.answer-timeout)");
    }

    @Test
    void aTimeoutBeforeAnyStepIsExplainedAsTheFailureItIs() {
        assertThat(explain(unix, new SocketTimeoutException("connect timed out"))).isEqualTo("cannot reach engine"
                + " unix:///run/test/engine.sock: SocketTimeoutException (connect timed out)");
    }

    @Test
    void anUnusableAnswerAndAClosedConnectionAreNamed() {
        assertThat(explain(unix, new Http1.ProtocolException("status line 'x' is not HTTP/1.x"))).isEqualTo("engine"
                + " unix:///run/test/engine.sock answered GET /containers/json with something that is not a usable HTTP"
                + " response: status line 'x' is not HTTP/1.x");
        String closed = "engine unix:///run/test/engine.sock closed the connection without answering GET"
                + " /containers/json";
        assertThat(explain(unix, new EOFException())).isEqualTo(closed);
        assertThat(explain(unix, new IOException("Connection reset by peer"))).isEqualTo(closed);
        assertThat(explain(unix, new IOException("Broken pipe"))).isEqualTo(closed);
    }

    @Test
    void theSocketErrorsAUserCanFixAreExplainedWithWhatToDo() {
        assertThat(explain(unix, new IOException("Permission Denied"))).isEqualTo("cannot connect to"
                + " unix:///run/test/engine.sock: permission denied (add your user to the docker group, or use a socket"
                + " you may open)");
        assertThat(explain(tcp, new java.net.ConnectException("Connection refused"))).isEqualTo("engine"
                + " tcp://build-box:2375 refused the connection (is the Docker daemon running?)");
        assertThat(explain(unix, new IOException("No such file or directory"))).isEqualTo("engine socket"
                + " /run/test/engine.sock does not exist (is the Docker daemon running?)");
    }

    @Test
    void anyOtherFailureIsNamedByItsKindAndItsShortenedMessage() {
        assertThat(explain(tcp, new IOException("No such file or directory"))).isEqualTo("cannot reach engine"
                + " tcp://build-box:2375: IOException (No such file or directory)");
        assertThat(explain(tcp, new java.net.UnknownHostException())).isEqualTo("cannot reach engine"
                + " tcp://build-box:2375: UnknownHostException");
        String explained = explain(tcp, new IOException("x".repeat(400)));
        assertThat(explained).isEqualTo("cannot reach engine tcp://build-box:2375: IOException (" + "x".repeat(160)
                + "...)");
    }

    @Test
    void theReportNamesTheTransportAndItsDetailsWhenItHasAny() {
        assertThat(unix.reachedOver()).isEqualTo("a unix socket");
        assertThat(tcp.reachedOver()).isEqualTo("tcp");
        EngineTransport detailed = new EngineTransport(EngineAddress.tcp("build-box", 2375, "test")) {
            @Override
            java.io.InputStream send(byte[] request, Exchange exchange) {
                return java.io.InputStream.nullInputStream();
            }

            @Override
            void done(boolean reusable) {
            }

            @Override
            String details() {
                return "TLSv1.3";
            }

            @Override
            public void close() {
            }
        };
        assertThat(detailed.reachedOver()).isEqualTo("tcp (TLSv1.3)");
        assertThat(detailed.keepsAlive()).as("a connection per request, unless a transport keeps one").isFalse();
        assertThat(detailed.mayRetry(new EOFException())).isFalse();
    }

    @Test
    void eachKindOfAddressHasItsTransport() {
        assertThat(unix).isInstanceOf(SocketTransport.class);
        assertThat(tcp).isInstanceOf(SocketTransport.class);
        assertThat(EngineTransport.of(EngineAddress.ssh("", "build-box", 0, "test"), SshCommand.DEFAULT))
                .isInstanceOf(SshTransport.class);
    }
}
