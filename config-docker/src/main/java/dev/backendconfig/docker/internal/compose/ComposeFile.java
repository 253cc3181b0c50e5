package dev.backendconfig.docker.internal.compose;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One compose file read for this checkout's project, and why compose reads it.
 *
 * @param path the file, absolute and normalised
 * @param reason why it is read, for the report: {@code "setting docker.compose-file"}, {@code "COMPOSE_FILE"},
 *     {@code "found from /repo/app up to /repo"}, {@code "the override file beside compose.yaml"},
 *     {@code "included by /repo/compose.yaml:3"}, {@code "extended by /repo/compose.yaml:9"}
 */
public record ComposeFile(Path path, String reason) {

    public ComposeFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(reason, "reason");
    }

    /** Return the file and why, as the report shows it: {@code /repo/compose.yaml (COMPOSE_FILE)}. */
    public String describe() {
        return path + " (" + reason + ")";
    }
}
