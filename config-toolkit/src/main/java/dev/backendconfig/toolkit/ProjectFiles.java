package dev.backendconfig.toolkit;

import static org.apiguardian.api.API.Status.STABLE;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Find a project file in a directory or its parents, stopping at the repository root (the directory holding
 * {@code .git}, a directory or, in a worktree, a file) or else at the file system root. An entry of the name counts as
 * found whatever it is — a symbolic link that leads nowhere too — so that reading it says what is wrong with it
 * ({@link ConfigurationFiles}) instead of the search going on past it.
 */
@API(status = STABLE, since = "1.0")
public final class ProjectFiles {

    private ProjectFiles() {
    }

    /**
     * What a search found, and where it looked.
     *
     * @param found the first match, nearest directory first and, within one directory, in the order of the names
     * @param start the directory the search started in
     * @param stop the last directory it looked in
     * @param repositoryRoot whether {@code stop} is a repository root (else the file system root)
     */
    @API(status = STABLE, since = "1.0")
    public record Search(Optional<Path> found, Path start, Path stop, boolean repositoryRoot) {

        /** Return where the search looked, for a report: {@code "from /repo/app up to /repo"}. */
        public String range() {
            return start.equals(stop) ? "in " + start : "from " + start + " up to " + stop
                    + (repositoryRoot ? "" : " (no .git found)");
        }
    }

    /** Search {@code start} and its parents for any of {@code names}. */
    public static Search findUpward(Path start, List<String> names) {
        Path directory = start.toAbsolutePath().normalize();
        Path last = directory;
        for (Path current = directory; current != null; current = current.getParent()) {
            last = current;
            for (String name : names) {
                Path candidate = current.resolve(name);
                if (Files.exists(candidate) || Files.isSymbolicLink(candidate)) {
                    return new Search(Optional.of(candidate), directory, current, isRepositoryRoot(current));
                }
            }
            if (isRepositoryRoot(current)) {
                return new Search(Optional.empty(), directory, current, true);
            }
        }
        return new Search(Optional.empty(), directory, last, false);
    }

    private static boolean isRepositoryRoot(Path directory) {
        return Files.exists(directory.resolve(".git"));
    }
}
