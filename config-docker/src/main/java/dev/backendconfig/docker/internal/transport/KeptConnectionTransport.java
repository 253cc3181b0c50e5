package dev.backendconfig.docker.internal.transport;

import dev.backendconfig.docker.internal.engine.EngineAddress;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;

/**
 * A transport whose connection carries several requests (a TLS socket, an ssh process). The engine may close a kept
 * connection between two requests; the next exchange then fails before any byte of its reply, and is tried once more
 * on a new connection.
 */
abstract class KeptConnectionTransport extends EngineTransport {

    private boolean reused;
    private long received;

    KeptConnectionTransport(EngineAddress address) {
        super(address);
    }

    /** Start an exchange's bookkeeping; {@code reusing} tells whether it goes over a kept connection. */
    final void beginExchange(boolean reusing) {
        reused = reusing;
        received = 0;
    }

    /** Count {@code count} bytes of the reply as arrived (a negative count, the end of the stream, counts none). */
    final void arrived(int count) {
        received += Math.max(0, count);
    }

    /** Tell whether any byte of the current exchange's reply arrived. */
    final boolean anythingArrived() {
        return received > 0;
    }

    @Override
    final boolean keepsAlive() {
        return true;
    }

    /**
     * A retry is safe only when the exchange went over a kept connection, nothing of its reply arrived, and it was
     * neither cut by its deadline nor interrupted.
     */
    @Override
    final boolean mayRetry(IOException failure) {
        return reused && received == 0 && !(failure instanceof SocketTimeoutException)
                && !(failure instanceof InterruptedIOException) && !Thread.currentThread().isInterrupted();
    }
}
