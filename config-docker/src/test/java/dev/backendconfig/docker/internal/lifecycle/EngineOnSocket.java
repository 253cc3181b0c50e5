package dev.backendconfig.docker.internal.lifecycle;

import dev.backendconfig.docker.internal.engine.EngineAddress;
import dev.backendconfig.docker.internal.transport.EngineClient;
import dev.backendconfig.testsupport.FakeDockerEngine;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/** A fake engine on a real Unix socket ({@code engine.sock} in a directory) and our client of it, closed together. */
record EngineOnSocket(FakeDockerEngine engine, EngineClient client) implements AutoCloseable {

    /** Start the engine in {@code directory} and connect a client with a 5 s answer bound. */
    static EngineOnSocket in(Path directory) throws IOException {
        Path socket = directory.resolve("engine.sock");
        FakeDockerEngine engine = FakeDockerEngine.onUnixSocket(socket);
        return new EngineOnSocket(engine, new EngineClient(EngineAddress.unix(socket, "test"), Duration.ofSeconds(5)));
    }

    @Override
    public void close() throws IOException {
        try {
            client.close();
        } finally {
            engine.close();
        }
    }
}
