package dev.backendconfig.docker.internal.transport;

import dev.backendconfig.docker.internal.engine.EngineAddress;
import dev.backendconfig.toolkit.Deadline;
import java.io.IOException;
import java.io.InputStream;

/** Plain HTTP over a Unix socket or TCP: one {@link EngineConnection} per request, closed after its response. */
final class SocketTransport extends EngineTransport {

    private EngineConnection connection;

    SocketTransport(EngineAddress address) {
        super(address);
    }

    @Override
    InputStream send(byte[] request, Deadline deadline) throws IOException {
        connection = EngineConnection.open(address, deadline);
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
