package dev.backendconfig.staging;

import dev.backendconfig.api.InvalidBackendConfigurationException;
import dev.backendconfig.api.Secrets;
import dev.backendconfig.api.spi.ConfigurationFiles;
import dev.backendconfig.api.spi.ProjectFiles;
import dev.backendconfig.api.spi.ResolutionContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Where the staging file is: named by setting {@code staging.env-file}, or searched for upwards. */
final class StagingFileLocation {

    private final Optional<Path> file;
    private final String notFoundReason;

    private StagingFileLocation(Optional<Path> file, String notFoundReason) {
        this.file = file;
        this.notFoundReason = notFoundReason;
    }

    /**
     * Find the file.
     *
     * @throws InvalidBackendConfigurationException when setting {@code staging.env-file} names a file that does not
     *     exist
     */
    static StagingFileLocation find(ResolutionContext context) {
        Optional<String> explicit = context.settings().find(StagingSettings.ENV_FILE);
        if (explicit.isPresent()) {
            Path named = ConfigurationFiles.resolve(context.workingDirectory(), explicit.get(),
                    context.settings().origin(StagingSettings.ENV_FILE));
            if (!Files.exists(named) && !Files.isSymbolicLink(named)) {
                throw new InvalidBackendConfigurationException(
                        context.settings().origin(StagingSettings.ENV_FILE),
                        "setting staging.env-file names " + Secrets.maskText(named.toString()) + ", which does not"
                                + " exist");
            }
            return new StagingFileLocation(Optional.of(named), "");
        }
        ProjectFiles.Search search = ProjectFiles.findUpward(context.workingDirectory(),
                List.of(StagingEndpointProvider.FILE_NAME));
        return new StagingFileLocation(search.found(), "no " + StagingEndpointProvider.FILE_NAME + " " + search.range());
    }

    Optional<Path> file() {
        return file;
    }

    String notFoundReason() {
        return notFoundReason;
    }
}
