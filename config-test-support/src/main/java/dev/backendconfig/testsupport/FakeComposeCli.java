package dev.backendconfig.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Fake {@code docker} and {@code docker-compose} programs in a directory of their own, to put on the {@code PATH} a
 * resolution sees: the library runs {@code docker compose version} and {@code docker-compose version} to tell which
 * compose command line is installed, and these answer as the real ones do — or fail, or hang. The docker compose
 * v2 plugin cannot be installed on this machine, so what depends on it is proven with these.
 */
public final class FakeComposeCli {

    private FakeComposeCli() {
    }

    /** What a fake program does when asked for its version. */
    public enum Answer {
        /** Answers as the real program does, exit 0. */
        VERSION,
        /** Fails, as {@code docker compose} does without the plugin ({@code docker: 'compose' is not a docker command}). */
        FAILS,
        /** Never answers. */
        HANGS
    }

    /**
     * Write {@code docker} (answering {@code compose version} as {@code dockerCompose} says) and, unless
     * {@code standalone} is null, {@code docker-compose}, into {@code directory}; return the directory, for
     * {@code PATH}.
     */
    public static Path in(Path directory, Answer dockerCompose, Answer standalone) throws IOException {
        Files.createDirectories(directory);
        write(directory.resolve("docker"), "[ \"$1 $2\" = \"compose version\" ] || exit 1\n" + body(dockerCompose,
                "Docker Compose version v2.29.7", "docker: 'compose' is not a docker command."));
        if (standalone != null) {
            write(directory.resolve("docker-compose"), "[ \"$1\" = \"version\" ] || exit 1\n" + body(standalone,
                    "docker-compose version 1.29.2, build unknown", "docker-compose: broken"));
        }
        return directory;
    }

    /**
     * Write the shell script {@code name} into {@code directory}, run by {@code /bin/sh} and executable, in place of a
     * program a resolution runs ({@code docker-compose}, {@code docker}); return its path.
     */
    public static Path program(Path directory, String name, String script) throws IOException {
        Path file = directory.resolve(name);
        write(file, script + "\n");
        return file;
    }

    private static String body(Answer answer, String version, String failure) {
        return switch (answer) {
            case VERSION -> "echo '" + version + "'\nexit 0\n";
            case FAILS -> "echo \"" + failure + "\" >&2\nexit 1\n";
            case HANGS -> "exec /bin/sleep 600\n";
        };
    }

    private static void write(Path file, String body) throws IOException {
        Files.writeString(file, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
