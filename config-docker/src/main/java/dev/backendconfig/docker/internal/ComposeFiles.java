package dev.backendconfig.docker.internal;

import dev.backendconfig.api.InvalidBackendConfigurationException;
import dev.backendconfig.api.Secrets;
import dev.backendconfig.api.spi.ConfigurationFiles;
import dev.backendconfig.api.spi.Origin;
import dev.backendconfig.api.spi.ProjectFiles;
import dev.backendconfig.api.spi.ResolutionContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
     * @throws InvalidBackendConfigurationException when a file named by the setting or by {@code COMPOSE_FILE} does
     *     not exist
     */
    public static Optional<Found> find(ResolutionContext context, StringBuilder searched) {
        Path directory = context.workingDirectory();
        Optional<String> setting = context.settings().find(DockerSettings.COMPOSE_FILE);
        if (setting.isPresent()) {
            Origin origin = context.settings().origin(DockerSettings.COMPOSE_FILE);
            return Optional.of(new Found(List.of(existing(directory, setting.get(), origin)),
                    "setting docker.compose-file"));
        }
        Optional<String> composeFile = context.variable("COMPOSE_FILE");
        if (composeFile.isPresent()) {
            String separator = context.variable("COMPOSE_PATH_SEPARATOR").orElse(":");
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
        return search.found().map(file -> new Found(List.of(file), "found " + search.range()));
    }

    private static Path existing(Path directory, String name, Origin origin) {
        Path file = ConfigurationFiles.resolve(directory, name, origin);
        String shown = Secrets.maskText(file.toString());
        if (!Files.exists(file) && !Files.isSymbolicLink(file)) {
            throw new InvalidBackendConfigurationException(origin, "names the compose file " + shown + ", which does"
                    + " not exist");
        }
        if (Files.isDirectory(file)) {
            throw new InvalidBackendConfigurationException(origin, "names the compose file " + shown + ", which is a"
                    + " directory");
        }
        return file;
    }
}
