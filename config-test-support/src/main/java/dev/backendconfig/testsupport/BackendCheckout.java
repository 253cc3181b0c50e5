package dev.backendconfig.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A checkout whose stack the lifecycle starts: a directory marked as a repository ({@code .git}) holding one compose
 * file with a single service, {@code backend}, publishing container port 8000, and a fake engine on a Unix socket in
 * that directory ({@code engine.sock}) that lists no networks.
 */
public final class BackendCheckout {

    /** The compose file: one service, {@code backend}, publishing container port 8000. */
    public static final String COMPOSE_FILE = "services:\n  backend:\n    image: backend\n    ports: [\"8000\"]\n";

    private BackendCheckout() {
    }

    /** Make {@code directory} such a checkout; return its engine, to be closed by the caller. */
    public static FakeDockerEngine withEngine(Path directory) throws IOException {
        Files.createDirectory(directory.resolve(".git"));
        Files.writeString(directory.resolve("compose.yaml"), COMPOSE_FILE);
        return FakeDockerEngine.onUnixSocket(directory.resolve("engine.sock")).answer("/networks", 200, "[]");
    }
}
