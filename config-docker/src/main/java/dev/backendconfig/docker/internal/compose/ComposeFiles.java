package dev.backendconfig.docker.internal.compose;

import dev.backendconfig.docker.internal.DockerConfig;
import dev.backendconfig.docker.internal.ResolutionFacts;
import dev.backendconfig.toolkit.ConfigurationFiles;
import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.toolkit.Origin;
import dev.backendconfig.toolkit.ProjectFiles;
import dev.backendconfig.toolkit.Secrets;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Find the compose files the way docker compose does: setting {@code docker.compose-file}, else
 * {@code COMPOSE_FILE} (split on {@code COMPOSE_PATH_SEPARATOR}, default {@code :}), else {@code compose.yaml},
 * {@code compose.yml}, {@code docker-compose.yml} or {@code docker-compose.yaml} in the working directory or a
 * parent, up to the repository root.
 */
public final class ComposeFiles {

    /** The names docker compose looks for, in its order. */
    public static final List<String> DEFAULT_NAMES = List.of("compose.yaml", "compose.yml", "docker-compose.yml",
            "docker-compose.yaml");

    private static final Pattern COMPOSE_NAME = Pattern.compile("(?i).*compose.*\\.ya?ml");
    private static final List<String> SKIPPED_DIRECTORIES = List.of("node_modules", "target", "build", "dist", "vendor");
    private static final int MAX_DEPTH = 3;
    private static final int MAX_BELOW = 5;
    private static final int MAX_VISITED = 5000;

    /**
     * What was found.
     *
     * @param files the files, first one first (its directory holds the {@code .env})
     * @param why how they were found, for the report
     */
    public record Found(List<Path> files, String why) {
    }

    private ComposeFiles() {
    }

    /**
     * Find the compose files; empty with {@code searched} filled in when there are none.
     *
     * @param searched receives where the search looked, when nothing is found
     * @throws InvalidInputException when a file named by the setting or by {@code COMPOSE_FILE} does
     *     not exist
     */
    public static Optional<Found> find(DockerConfig config, ResolutionFacts facts, StringBuilder searched) {
        Path directory = facts.workingDirectory();
        if (!config.composeFile().isEmpty()) {
            return Optional.of(new Found(List.of(existing(directory, config.composeFile(), config.composeFileOrigin())),
                    "setting docker.compose-file"));
        }
        Optional<String> composeFile = facts.variable("COMPOSE_FILE");
        if (composeFile.isPresent()) {
            String separator = facts.variable("COMPOSE_PATH_SEPARATOR").orElse(":");
            List<Path> files = new ArrayList<>();
            for (String name : composeFile.get().split(Pattern.quote(separator))) {
                if (!name.isBlank()) {
                    files.add(existing(directory, name.strip(), Origin.variable("COMPOSE_FILE")));
                }
            }
            if (!files.isEmpty()) {
                return Optional.of(new Found(files, "COMPOSE_FILE"));
            }
        }
        ProjectFiles.Search search = ProjectFiles.findUpward(directory, DEFAULT_NAMES);
        searched.append(search.range());
        if (search.found().isEmpty()) {
            List<Path> below = below(search.stop());
            if (!below.isEmpty()) {
                searched.append(" (compose files below it: ").append(String.join(", ", below.stream()
                                .map(file -> search.stop().relativize(file).toString()).toList()))
                        .append(below.size() == MAX_BELOW ? ", ..." : "")
                        .append("; set docker.compose-file, or COMPOSE_FILE, to the one that starts the stack)");
            }
        }
        return search.found().map(file -> new Found(List.of(file), "found " + search.range()));
    }

    /**
     * Return compose files in the directories below {@code root} (a few levels deep, skipping hidden, build and
     * dependency directories), for the report when none has a name compose looks for where it looks: a file in
     * {@code docker/} is a common case that needs a setting.
     */
    static List<Path> below(Path root) {
        List<Path> found = new ArrayList<>();
        int[] visited = {0};
        try {
            Files.walkFileTree(root, Set.of(), MAX_DEPTH, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path directory,
                        BasicFileAttributes attributes) {
                    String name = directory.getFileName() == null ? "" : directory.getFileName().toString();
                    boolean skip = !directory.equals(root) && (name.startsWith(".") || SKIPPED_DIRECTORIES.contains(name));
                    return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file,
                        BasicFileAttributes attributes) {
                    if (attributes.isRegularFile() && COMPOSE_NAME.matcher(file.getFileName().toString()).matches()) {
                        found.add(file);
                    }
                    return found.size() >= MAX_BELOW || ++visited[0] >= MAX_VISITED
                            ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException | SecurityException e) {
            return found;
        }
        found.sort(null);
        return found;
    }

    private static Path existing(Path directory, String name, Origin origin) {
        Path file = ConfigurationFiles.resolve(directory, name, origin);
        String shown = Secrets.maskText(file.toString());
        if (!Files.exists(file) && !Files.isSymbolicLink(file)) {
            throw new InvalidInputException(origin, "names the compose file " + shown + ", which does"
                    + " not exist");
        }
        if (Files.isDirectory(file)) {
            throw new InvalidInputException(origin, "names the compose file " + shown + ", which is a"
                    + " directory");
        }
        return file;
    }
}
