package dev.backendconfig.docker.internal.compose;

import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.toolkit.Secrets;
import dev.backendconfig.toolkit.ConfigurationFiles;
import dev.backendconfig.toolkit.Origin;
import dev.backendconfig.toolkit.ProjectFiles;
import dev.backendconfig.docker.internal.DockerConfig;
import dev.backendconfig.docker.internal.Scans;
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
 * Choose the compose files as docker compose does: setting {@code docker.compose-file} (a list, like repeated
 * {@code -f}), else {@code COMPOSE_FILE} (split on {@code COMPOSE_PATH_SEPARATOR}, default {@code :}; from the
 * environment or the env file), else the first of {@code compose.yaml}, {@code compose.yml},
 * {@code docker-compose.yml}, {@code docker-compose.yaml} in the working directory or the nearest parent holding one
 * (up to the repository root), with the first override file beside it ({@code compose.override.yml},
 * {@code compose.override.yaml}, {@code docker-compose.override.yml}, {@code docker-compose.override.yaml}). The
 * override file is read only then: compose drops it once files are named (docker/compose#9399).
 */
final class ComposeFiles {

    /** The names docker compose looks for, in its order. */
    static final List<String> DEFAULT_NAMES = List.of("compose.yaml", "compose.yml", "docker-compose.yml",
            "docker-compose.yaml");
    /** The override names docker compose looks for beside the file it found, in its order. */
    static final List<String> OVERRIDE_NAMES = List.of("compose.override.yml", "compose.override.yaml",
            "docker-compose.override.yml", "docker-compose.override.yaml");

    private static final List<String> SKIPPED_DIRECTORIES = List.of("node_modules", "target", "build", "dist", "vendor");
    private static final int MAX_DEPTH = 3;
    private static final int MAX_BELOW = 5;
    private static final int MAX_VISITED = 5000;

    /**
     * What was chosen.
     *
     * @param files the files, first one first (its directory is the project directory)
     * @param searched where the default search looked, when no file was found: {@code "from /repo/app up to /repo
     *     (compose files below it: ...)"}; empty text when files were found
     * @param notes what the choice noticed (two default names in one directory, ...)
     */
    record Chosen(List<ComposeFile> files, String searched, List<String> notes) {
    }

    /** One value of a variable compose reads, and where it came from. */
    record Variable(String value, Origin origin) {
    }

    private ComposeFiles() {
    }

    /**
     * Choose the files.
     *
     * @param setting the names setting {@code docker.compose-file} gives (empty: unset)
     * @param settingOrigin where the setting comes from
     * @param composeFile {@code COMPOSE_FILE}, when set
     * @param separator {@code COMPOSE_PATH_SEPARATOR}, when set
     * @param directory the working directory, which relative names are resolved against and the search starts from
     * @throws InvalidInputException when a file named by the setting or by {@code COMPOSE_FILE} does
     *     not exist or is a directory
     */
    static Chosen choose(List<String> setting, Origin settingOrigin, Optional<Variable> composeFile,
            Optional<Variable> separator, Path directory) {
        if (!setting.isEmpty()) {
            List<ComposeFile> files = new ArrayList<>();
            for (String name : setting) {
                files.add(new ComposeFile(existing(directory, name, settingOrigin),
                        DockerConfig.described("docker.compose-file", settingOrigin)));
            }
            return new Chosen(files, "", List.of());
        }
        if (composeFile.isPresent()) {
            String split = separator.isPresent() ? separator.get().value() : ":";
            Origin origin = composeFile.get().origin();
            List<ComposeFile> files = new ArrayList<>();
            for (String name : composeFile.get().value().split(Pattern.quote(split))) {
                if (!name.isBlank()) {
                    files.add(new ComposeFile(existing(directory, name.strip(), origin), "COMPOSE_FILE ("
                            + origin.describe() + ")"));
                }
            }
            if (!files.isEmpty()) {
                return new Chosen(files, "", List.of());
            }
        }
        return search(directory);
    }

    private static Chosen search(Path directory) {
        ProjectFiles.Search search = ProjectFiles.findUpward(directory, DEFAULT_NAMES);
        if (search.found().isEmpty()) {
            StringBuilder searched = new StringBuilder(search.range());
            List<Path> below = below(search.stop());
            if (!below.isEmpty()) {
                searched.append(" (compose files below it: ").append(String.join(", ", below.stream()
                                .map(file -> search.stop().relativize(file).toString()).toList()))
                        .append(below.size() == MAX_BELOW ? ", ..." : "")
                        .append("; set docker.compose-file, or COMPOSE_FILE, to the one that starts the stack)");
            }
            return new Chosen(List.of(), searched.toString(), List.of());
        }
        Path found = search.found().get().toAbsolutePath().normalize();
        Path folder = found.getParent();
        List<String> notes = new ArrayList<>();
        List<String> present = present(folder, DEFAULT_NAMES);
        if (present.size() > 1) {
            notes.add(folder + " holds " + String.join(" and ", present) + "; docker compose reads " + present.get(0)
                    + (present.contains("docker-compose.yml") && !present.get(0).equals("docker-compose.yml")
                            ? ", docker-compose (v1) reads docker-compose.yml" : "") + "; remove the others");
        }
        List<ComposeFile> files = new ArrayList<>();
        files.add(new ComposeFile(found, "found " + search.range()));
        List<String> overrides = present(folder, OVERRIDE_NAMES);
        if (!overrides.isEmpty()) {
            files.add(new ComposeFile(folder.resolve(overrides.get(0)), "the override file beside "
                    + found.getFileName() + ", which compose reads with it"));
            if (overrides.size() > 1) {
                notes.add(folder + " holds " + String.join(" and ", overrides) + "; docker compose reads "
                        + overrides.get(0) + " (docker-compose v1 refuses several); remove the others");
            }
        }
        return new Chosen(files, "", notes);
    }

    private static List<String> present(Path folder, List<String> names) {
        List<String> present = new ArrayList<>();
        for (String name : names) {
            if (Files.exists(folder.resolve(name))) {
                present.add(name);
            }
        }
        return List.copyOf(present);
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
                public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) {
                    String name = directory.getFileName() == null ? "" : directory.getFileName().toString();
                    boolean skip = !directory.equals(root)
                            && (name.startsWith(".") || SKIPPED_DIRECTORIES.contains(name));
                    return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isRegularFile() && Scans.isComposeFileName(file.getFileName().toString())) {
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

    /**
     * Return a named compose file, resolved against {@code directory}.
     *
     * @throws InvalidInputException when it does not exist or is a directory
     */
    static Path existing(Path directory, String name, Origin origin) {
        Path file = ConfigurationFiles.resolve(directory, name, origin).toAbsolutePath().normalize();
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
