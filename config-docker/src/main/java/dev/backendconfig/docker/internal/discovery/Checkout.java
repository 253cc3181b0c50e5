package dev.backendconfig.docker.internal.discovery;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * This checkout: the repository that holds the working directory (the nearest directory holding {@code .git}, a
 * directory or, in a worktree, a file), else the working directory itself; and this checkout's compose project
 * directory, which may lie outside it ({@code COMPOSE_FILE=../infra/compose.yaml}). A path lies in this checkout when
 * it is below its root and no other checkout lies between (a nested repository, a second worktree inside the first,
 * is another checkout), or below the project directory.
 *
 * @param root the repository root, else the working directory
 * @param projectDirectory this checkout's compose project directory, when it has one
 */
record Checkout(Path root, Optional<Path> projectDirectory) {

    /** How many directories are checked for a nested checkout between a path and the root. */
    private static final int MAX_LEVELS = 64;

    /** Return the checkout of {@code workingDirectory}. */
    static Checkout of(Path workingDirectory, Optional<Path> projectDirectory) {
        Path start = workingDirectory.toAbsolutePath().normalize();
        for (Path current = start; current != null; current = current.getParent()) {
            if (Files.exists(current.resolve(".git"))) {
                return new Checkout(current, projectDirectory.map(dir -> dir.toAbsolutePath().normalize()));
            }
        }
        return new Checkout(start, projectDirectory.map(dir -> dir.toAbsolutePath().normalize()));
    }

    /** Tell whether a directory, or a file's directory, lies in this checkout. */
    boolean contains(Path path) {
        Path normal = path.toAbsolutePath().normalize();
        if (projectDirectory.isPresent() && normal.startsWith(projectDirectory.get())) {
            return true;
        }
        if (!normal.startsWith(root)) {
            return false;
        }
        int levels = 0;
        for (Path current = normal; current != null && !current.equals(root) && levels < MAX_LEVELS;
                current = current.getParent(), levels++) {
            if (Files.exists(current.resolve(".git"))) {
                return false;
            }
        }
        return true;
    }
}
