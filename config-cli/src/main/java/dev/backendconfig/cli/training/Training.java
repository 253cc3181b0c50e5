package dev.backendconfig.cli.training;

import dev.backendconfig.cli.Explain;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The training run of the launcher's class-data archive: run once, in a JVM of its own, when the launcher records the
 * archive (after the user's command, whose classes it lists too), so that the archive holds the classes of every
 * built-in provider and output format and not only those of the command that happened to run first. Without it, a
 * first run of {@code --format=env} with provider env left provider docker's classes (about 600, and its lambdas) to
 * be loaded from the jar at every later docker command: measured in docs/benchmarks.md.
 *
 * <p>It runs the real commands ({@link Explain#execute}) in a private temporary directory against {@link StandInEngine}
 * (a Docker engine stand-in on a Unix socket in that directory, listing one healthy compose container of the
 * checkout's own stack), with an environment and system properties of its own: nothing of the caller's (no
 * {@code DOCKER_HOST}, {@code BACKENDCONFIG_*}, home directory or settings file) is read, no real engine or address
 * outside the JVM is contacted (the services found are never probed), nothing is printed (the log level is off), and
 * the directory is removed at the end. The run is bounded: a
 * watchdog ends the JVM after {@link #BOUND_MILLIS}, whatever it is doing; the launcher ignores its outcome (an archive
 * recorded without it only holds fewer classes).
 */
public final class Training {

    /** The bound of the whole run, in milliseconds. */
    static final long BOUND_MILLIS = 20_000;
    /** Status of a run that could not finish (the launcher ignores it; tests read it). */
    static final int FAILED = 1;

    private Training() {
    }

    /** Run the training, then end the JVM: 0 when every command answered as trained, else {@link #FAILED}. */
    public static void main(String[] arguments) {
        // the command's logging provider (dev.backendconfig.cli.logs) prints nothing: a warning here is no one's
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "off");
        Thread watchdog = new Thread(new Watchdog(), "backend-config-training-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        int status;
        try {
            status = run(Files.createTempDirectory("backend-config-training")).isEmpty() ? 0 : FAILED;
        } catch (IOException | RuntimeException e) {
            status = FAILED;
        }
        System.exit(status);
    }

    /**
     * Run every command of the training in {@code directory} (made private by the caller, removed at the end) and
     * return the commands that did not answer as expected, each with its exit code: empty when all did.
     */
    static List<String> run(Path directory) throws IOException {
        try {
            Path checkout = Files.createDirectories(directory.resolve("checkout"));
            Files.createDirectories(checkout.resolve(".git"));
            Files.writeString(checkout.resolve("docker-compose.yml"), StandInEngine.COMPOSE_FILE);
            Files.writeString(checkout.resolve(".env.staging.e2e"), "STAGING_BASE_URL=http://127.0.0.1:9\n");
            Path home = Files.createDirectories(directory.resolve("home"));
            try (StandInEngine engine = StandInEngine.start(directory.resolve("engine.sock"), checkout)) {
                return commands(checkout, home, engine.dockerHost());
            }
        } finally {
            removeTree(directory);
        }
    }

    private static List<String> commands(Path checkout, Path home, String dockerHost) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("user.dir", checkout.toString());
        properties.put("user.home", home.toString());
        properties.put("user.name", "training");
        properties.put("java.io.tmpdir", home.toString());
        Map<String, String> docker = Map.of("DOCKER_HOST", dockerHost);
        Map<String, String> env = Map.of("TEST_BACKEND_URL", "http://127.0.0.1:9", "DOCKER_HOST", dockerHost);
        String dir = checkout.toString();
        List<String> failed = new ArrayList<>();
        // every provider in its default order (env finds nothing, docker the stand-in's service), each format
        expect(failed, List.of("--dir", dir, "--format=env"), docker, properties);
        expect(failed, List.of("--dir", dir, "--format=json", "--details"), docker, properties);
        expect(failed, List.of("--dir", dir, "--format=env", "--set", "providers=docker", "--set", "docker.project="
                + StandInEngine.PROJECT, "--set", "docker.service=" + StandInEngine.SERVICE), docker, properties);
        expect(failed, List.of("--dir", dir), docker, properties);
        expect(failed, List.of("--dir", dir, "--format=env", "--export", "--set", "providers=env", "--set",
                "probe=none"), env, properties);
        expect(failed, List.of("--dir", dir, "--format=env", "--set", "providers=staging", "--set", "probe=none"),
                docker, properties);
        return failed;
    }

    private static void expect(List<String> failed, List<String> arguments, Map<String, String> environment,
            Map<String, String> properties) {
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
        int code = Explain.execute(arguments, discard, discard, environment, properties);
        if (code != Explain.FOUND) {
            failed.add(String.join(" ", arguments) + ": exit " + code);
        }
    }

    /** Remove what the training wrote below {@code directory}, and the directory (links are removed, not followed). */
    private static void removeTree(Path directory) throws IOException {
        List<Path> paths = new ArrayList<>();
        try (var walk = Files.walk(directory)) {
            for (Path path : (Iterable<Path>) walk::iterator) {
                paths.add(path);
            }
        }
        for (int i = paths.size() - 1; i >= 0; i--) {
            Files.deleteIfExists(paths.get(i));
        }
    }

    /** Ends the JVM after {@link #BOUND_MILLIS}, whatever the training is doing. */
    private static final class Watchdog implements Runnable {
        @Override
        public void run() {
            try {
                Thread.sleep(BOUND_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Runtime.getRuntime().halt(FAILED);
        }
    }
}
