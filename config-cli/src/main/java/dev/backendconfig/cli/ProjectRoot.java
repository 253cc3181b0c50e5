package dev.backendconfig.cli;

import dev.backendconfig.toolkit.OutsideText;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * The project the command resolves for, found from the directory it starts in as a build tool finds its project: the
 * nearest directory, that one or above it, holding a build file or {@code .git}. Run from {@code src/test} of a
 * checkout, it is the checkout, whose {@code src/test/resources/backend-config.properties} declares its services.
 *
 * @param directory the project directory: where providers search from, and whose {@code src/test/resources} holds
 *     the settings file read without {@code --classpath}
 * @param start the directory the search started in ({@code --dir}, else the working directory)
 * @param marker the file or directory that marks {@code directory} as the project ({@code pom.xml}, {@code .git}),
 *     empty text when none was found up to the file system's root and {@code directory} is {@code start} itself
 */
record ProjectRoot(Path directory, Path start, String marker) {

    /** What marks a project's directory, in the order a directory's markers are named. */
    static final List<String> MARKERS = List.of("pom.xml", "build.gradle.kts", "build.gradle", "settings.gradle.kts",
            "settings.gradle", ".git");

    /** Return the project of {@code start}: the nearest directory holding a marker, that one or a parent. */
    static ProjectRoot of(Path start) {
        Path absolute = start.toAbsolutePath().normalize();
        for (Path directory = absolute; directory != null; directory = directory.getParent()) {
            for (String marker : MARKERS) {
                if (Files.exists(directory.resolve(marker), LinkOption.NOFOLLOW_LINKS)) {
                    return new ProjectRoot(directory, absolute, marker);
                }
            }
        }
        return new ProjectRoot(absolute, absolute, "");
    }

    /** Tell whether the project lies above the directory the search started in. */
    boolean walkedUp() {
        return !directory.equals(start);
    }

    /**
     * Return which directory was used and why, on one line: {@code /repo (holds pom.xml)}, {@code /repo (holds pom.xml;
     * found from /repo/src/test)}, or {@code /tmp/x (no build file or .git in it or above it: used as it is)}.
     */
    String describe() {
        String shown = OutsideText.oneLine(directory.toString());
        if (marker.isEmpty()) {
            return shown + " (no build file or .git in it or above it: used as it is)";
        }
        return shown + " (holds " + marker + (walkedUp() ? "; found from " + OutsideText.oneLine(start.toString())
                : "") + ")";
    }
}
