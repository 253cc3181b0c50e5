package dev.backendconfig.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

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

    /**
     * Return a container of compose project {@code shop} as the engine lists it: service {@code service}, named
     * {@code shop-SERVICE-1}, running with {@code health} in its status.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> shopContainer(String id, String service, String health) {
        Map<String, Object> entry = Recorded.listedWithHealth(Recorded.renamed(Recorded.listEntry(
                "alpine-test-backend"), id, service, "shop-" + service + "-1"), health);
        ((Map<String, Object>) entry.get("Labels")).put("com.docker.compose.project", "shop");
        return entry;
    }

    /**
     * Return the script of a compose program whose {@code up} marks that it runs ({@code up-ran} in {@code directory})
     * and waits, at most 10 s, until the engine lists what the test makes it list ({@code engine-ready}, made by
     * {@link #listWhenUpRuns}), then runs {@code beforeExit}.
     */
    public static String upThatWaitsForTheEngine(Path directory, String beforeExit) {
        return "[ \"$1\" = version ] && exit 0\n: > '" + directory.resolve("up-ran") + "'\ni=0\n"
                + "while [ ! -e '" + directory.resolve("engine-ready") + "' ] && [ $i -lt 200 ]; do /bin/sleep 0.05;"
                + " i=$((i+1)); done\n" + beforeExit;
    }

    /** When a compose program of {@link #upThatWaitsForTheEngine} runs up, make {@code engine} list {@code listed}. */
    public static CompletableFuture<Void> listWhenUpRuns(FakeDockerEngine engine, Path directory, String listed) {
        return CompletableFuture.runAsync(() -> {
            try {
                long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (!Files.exists(directory.resolve("up-ran")) && System.nanoTime() < until) {
                    Thread.sleep(10);
                }
                engine.containers(listed);
                Files.createFile(directory.resolve("engine-ready"));
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
