package dev.backendconfig.staging;

import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.toolkit.ConfigurationFiles;
import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.toolkit.ProjectFiles;
import dev.backendconfig.toolkit.Secrets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Where the staging file is: named by setting {@code staging.env-file}, or searched for upwards. */
final class StagingFileLocation {

    /** The code of a staging file named by setting that does not exist. */
    private static final String CODE = "BCFG04001";

    private final Optional<Path> file;
    private final String notFoundReason;

    private StagingFileLocation(Optional<Path> file, String notFoundReason) {
        this.file = file;
        this.notFoundReason = notFoundReason;
    }

    /**
     * Find the file.
     *
     * @throws InvalidInputException when setting {@code staging.env-file} names a file that does not
     *     exist
     */
    static StagingFileLocation find(ResolutionContext context) {
        Optional<String> explicit = context.settings().find(StagingSettings.ENV_FILE);
        if (explicit.isPresent()) {
            Path named = ConfigurationFiles.resolve(context.workingDirectory(), explicit.get(),
                    context.settings().origin(StagingSettings.ENV_FILE));
            if (!Files.exists(named) && !Files.isSymbolicLink(named)) {
                throw new InvalidInputException(CODE, 
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
