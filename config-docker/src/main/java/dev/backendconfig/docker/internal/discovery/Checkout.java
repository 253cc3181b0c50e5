package dev.backendconfig.docker.internal.discovery;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * This checkout: the repository that holds the working directory (the nearest directory holding {@code .git}, a
 * directory or, in a worktree, a file), else the working directory itself; and this checkout's compose project
 * directory, which may lie outside it ({@code COMPOSE_FILE=../infra/compose.yaml}). A path lies in this checkout when
 * it is below its root or its project directory and no other checkout lies between (a nested repository, a second
 * worktree inside the first, is another checkout).
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
                return new Checkout(current, normal(projectDirectory));
            }
        }
        return new Checkout(start, normal(projectDirectory));
    }

    private static Optional<Path> normal(Optional<Path> directory) {
        return directory.isPresent() ? Optional.of(directory.get().toAbsolutePath().normalize()) : Optional.empty();
    }

    /**
     * Tell whether a directory, or a file's directory, lies in this checkout: below the project directory or the root,
     * with no other checkout between (a repository nested in ours, under the project directory too, is not ours).
     */
    boolean contains(Path path) {
        Path normal = path.toAbsolutePath().normalize();
        // (ifs, not Optional's lambdas: every resolution asks this)
        Optional<Path> base = projectDirectory.isPresent() && normal.startsWith(projectDirectory.get())
                ? projectDirectory : normal.startsWith(root) ? Optional.of(root) : Optional.empty();
        if (base.isEmpty()) {
            return false;
        }
        int levels = 0;
        // the base is normal or one of its ancestors: the walk up meets it before the file system's root
        for (Path current = normal; !current.equals(base.get()) && levels < MAX_LEVELS;
                current = current.getParent(), levels++) {
            if (Files.exists(current.resolve(".git"))) {
                return false;
            }
        }
        return true;
    }
}
