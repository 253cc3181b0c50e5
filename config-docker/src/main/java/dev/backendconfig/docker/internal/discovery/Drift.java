package dev.backendconfig.docker.internal.discovery;

import dev.backendconfig.toolkit.OutsideText;
import dev.backendconfig.docker.internal.Listing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Tell when running containers are older than a compose file they came from: the file (as the container's
 * {@code com.docker.compose.project.config_files} label names it) was modified more than a second after the
 * container was created, so the running stack does not show the change until compose applies it. A warning for the
 * report, never an error: the stack may still be what the tests want. The command it names is the compose command
 * installed here, chosen as advice and the lifecycle choose it ({@link StartAdvice#cli()}).
 *
 * <p>Compose's own {@code config-hash} label is not compared: it is a hash of compose's internal serialization of
 * the service, which differs between compose versions and cannot be reproduced here exactly. Only an engine on this
 * machine is checked (another machine's clock and files are not this one's).
 */
final class Drift {

    /** How much later than the container a file must be: file systems and the engine may disagree by a moment. */
    static final Duration SLACK = Duration.ofSeconds(1);

    private Drift() {
    }

    /**
     * A container and when it was created.
     *
     * @param container the container as listed
     * @param created when the engine created it
     */
    record Created(ContainerSummary container, Instant created) {
    }

    /**
     * Return one warning per compose file modified after a container it made, naming the file, the container and
     * the command that applies it.
     *
     * @param containers the containers the answer uses, with their creation times
     * @param checkout this checkout's compose files, absolute (to join a relative label compose v1 wrote)
     * @param cli the compose command installed here, as advice names it ({@code docker compose},
     *     {@code docker-compose}): asked only when there is a warning to give
     */
    static List<String> warnings(List<Created> containers, List<Path> checkout, Supplier<String> cli) {
        Map<Path, String> byFile = new LinkedHashMap<>();
        for (Created created : containers) {
            ContainerSummary container = created.container();
            List<Path> files = files(container, checkout);
            for (Path file : files) {
                if (byFile.containsKey(file)) {
                    continue;
                }
                Optional<Instant> modified = modified(file);
                if (modified.isPresent() && modified.get().isAfter(created.created().plus(SLACK))) {
                    byFile.put(file, "warning: compose file " + OutsideText.oneLine(file.toString())
                            + " was modified at " + modified.get() + ", after container "
                            + Listing.shown(container.name()) + " (service " + Listing.shown(container.service())
                            + ") was created at " + created.created() + ": the running stack does not show that change;"
                            + " apply it with " + command(cli.get(), container, files));
                }
            }
        }
        return List.copyOf(byFile.values());
    }

    /** Return the container's compose files as paths on this machine: v1's relative entries joined to working_dir. */
    private static List<Path> files(ContainerSummary container, List<Path> checkout) {
        List<Path> files = new ArrayList<>();
        try {
            Path workingDirectory = container.workingDirectory().isEmpty() ? null
                    : Path.of(container.workingDirectory()).normalize();
            for (String entry : container.configFiles()) {
                Path path = Path.of(entry);
                if (path.isAbsolute()) {
                    files.add(path.normalize());
                } else if (workingDirectory != null) {
                    Path joined = workingDirectory.resolve(path).normalize();
                    files.add(Files.exists(joined) ? joined : ownFile(checkout, path.normalize(), workingDirectory,
                            joined));
                }
            }
        } catch (InvalidPathException e) {
            return files;
        }
        return files;
    }

    /** Return the first of this checkout's compose files that is {@code path} below {@code directory}, else {@code joined}. */
    private static Path ownFile(List<Path> checkout, Path path, Path directory, Path joined) {
        for (Path own : checkout) {
            if (own.endsWith(path) && own.startsWith(directory)) {
                return own;
            }
        }
        return joined;
    }

    private static Optional<Instant> modified(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            return Optional.of(Files.getLastModifiedTime(file, new LinkOption[0]).toInstant());
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    private static String command(String cli, ContainerSummary container, List<Path> files) {
        StringBuilder command = new StringBuilder(cli).append(" -p ").append(Listing.shown(container.project()));
        for (Path file : files) {
            command.append(" -f ").append(OutsideText.oneLine(file.toString()));
        }
        return command.append(" up -d").toString();
    }
}
