package dev.backendconfig.cli;

import dev.backendconfig.toolkit.OutsideText;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * The project the command resolves for: the directory given with {@code --dir}, as it is; else, from the working
 * directory up, the nearest directory that holds what marks a project (a build file, a compose file, the settings
 * file or {@code .git}), as a build tool finds its project. Run from {@code src/test} of a checkout, it is the
 * checkout, whose {@code src/test/resources/backend-config.properties} declares its services.
 *
 * @param directory the project directory: where providers search from, and whose {@code src/test/resources} holds
 *     the settings file read without {@code --classpath}
 * @param start where the search started (the working directory), or {@code directory} when it was given
 * @param marker what marks {@code directory} as the project ({@code pom.xml}, {@code .git}); empty text when it was
 *     given with {@code --dir}, or when nothing marks a project in or above {@code start} and {@code directory} is
 *     {@code start} itself
 * @param given whether {@code directory} was given with {@code --dir}
 */
record ProjectRoot(Path directory, Path start, String marker, boolean given) {

    /** What marks a project's directory, in the order a directory's markers are named. */
    static final List<String> MARKERS = List.of("pom.xml", "build.gradle.kts", "build.gradle", "settings.gradle.kts",
            "settings.gradle", "src/test/resources/backend-config.properties", "compose.yaml", "compose.yml",
            "docker-compose.yml", "docker-compose.yaml", ".git");

    /** Return the project directory given with {@code --dir}, taken as it is. */
    static ProjectRoot given(Path directory) {
        Path absolute = directory.toAbsolutePath().normalize();
        return new ProjectRoot(absolute, absolute, "", true);
    }

    /** Return the project of the working directory: the nearest directory holding a marker, that one or a parent. */
    static ProjectRoot from(Path workingDirectory) {
        Path absolute = workingDirectory.toAbsolutePath().normalize();
        for (Path directory = absolute; directory != null; directory = directory.getParent()) {
            for (String marker : MARKERS) {
                if (Files.exists(directory.resolve(marker), LinkOption.NOFOLLOW_LINKS)) {
                    return new ProjectRoot(directory, absolute, marker, false);
                }
            }
        }
        return new ProjectRoot(absolute, absolute, "", false);
    }

    /** Tell whether the project lies above the directory the search started in. */
    boolean walkedUp() {
        return !directory.equals(start);
    }

    /**
     * Return which directory was used and why, on one line: {@code /repo (holds pom.xml)}, {@code /repo (holds pom.xml;
     * found from /repo/src/test)}, {@code /repo (given with --dir)}, or {@code /tmp/x (no build file, ... in it or
     * above it: used as it is)}.
     */
    String describe() {
        String shown = OutsideText.oneLine(directory.toString());
        if (given) {
            return shown + " (given with --dir)";
        }
        if (marker.isEmpty()) {
            return shown + " (no build file, compose file, settings file or .git in it or above it: used as it is)";
        }
        return shown + " (holds " + marker + (walkedUp() ? "; found from " + OutsideText.oneLine(start.toString())
                : "") + ")";
    }
}
