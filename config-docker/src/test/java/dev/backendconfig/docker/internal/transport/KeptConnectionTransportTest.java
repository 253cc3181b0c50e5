package dev.backendconfig.docker.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backendconfig.docker.internal.engine.EngineAddress;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** When an exchange over a kept connection (TLS, ssh) may be tried again on a new one. */
class KeptConnectionTransportTest {

    /** A kept-connection transport whose exchanges are driven by the test. */
    private static final class Kept extends KeptConnectionTransport {
        Kept() {
            super(EngineAddress.unix(Path.of("/run/kept.sock"), "test"));
        }

        @Override
        InputStream send(byte[] request, Exchange exchange) {
            return InputStream.nullInputStream();
        }

        @Override
        void done(boolean reusable) {
        }

        @Override
        public void close() {
        }
    }

    private final Kept transport = new Kept();
    private final IOException closedByTheEngine = new EOFException("closed");

    @Test
    void aKeptConnectionTheEngineClosedBeforeAnyReplyMayBeReplaced() {
        transport.beginExchange(true);
        assertThat(transport.keepsAlive()).isTrue();
        assertThat(transport.mayRetry(closedByTheEngine)).isTrue();
    }

    @Test
    void aNewConnectionThatFailedIsNotTriedAgain() {
        transport.beginExchange(false);
        assertThat(transport.mayRetry(closedByTheEngine)).isFalse();
    }

    @Test
    void anExchangeWhoseReplyHadBegunIsNotRepeated() {
        transport.beginExchange(true);
        transport.arrived(-1);
        assertThat(transport.anythingArrived()).isFalse();
        transport.arrived(12);
        assertThat(transport.anythingArrived()).isTrue();
        assertThat(transport.mayRetry(closedByTheEngine)).isFalse();
        transport.beginExchange(true);
        assertThat(transport.mayRetry(closedByTheEngine)).isTrue();
    }

    @Test
    void anExchangeCutByItsDeadlineOrAnInterruptIsNotRepeated() {
        transport.beginExchange(true);
        assertThat(transport.mayRetry(new SocketTimeoutException("did not answer"))).isFalse();
        assertThat(transport.mayRetry(new InterruptedIOException("interrupted"))).isFalse();
        Thread.currentThread().interrupt();
        try {
            assertThat(transport.mayRetry(closedByTheEngine)).isFalse();
        } finally {
            Thread.interrupted();
        }
    }
}
