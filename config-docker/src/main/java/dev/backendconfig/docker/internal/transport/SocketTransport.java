package dev.backendconfig.docker.internal.transport;

import dev.backendconfig.docker.internal.engine.EngineAddress;
import java.io.IOException;
import java.io.InputStream;

/**
 * Plain HTTP over a Unix socket or TCP: one {@link EngineConnection} per request, closed after its response; the
 * connection is accepted within {@code docker.timeout}, the request answered within {@code docker.answer-timeout}.
 */
final class SocketTransport extends EngineTransport {

    private EngineConnection connection;

    SocketTransport(EngineAddress address) {
        super(address);
    }

    @Override
    InputStream send(byte[] request, Exchange exchange) throws IOException {
        connection = EngineConnection.open(address, exchange.connecting());
        connection.step(exchange.answering());
        connection.write(request);
        return connection.input();
    }

    @Override
    void done(boolean reusable) {
        close();
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (IOException e) {
                // closing a socket that is already broken: nothing left to release
            }
            connection = null;
        }
    }
}
