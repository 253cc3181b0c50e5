package dev.backendconfig.docker.internal.compose;

import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.docker.internal.DockerConfig;
import dev.backendconfig.docker.internal.ResolutionFacts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Load this checkout's compose project as the provider does, from a directory, variables and settings. */
final class Projects {

    private Projects() {
    }

    /** Write {@code text} to the file {@code name} under {@code root}, making its directories; return the file. */
    static Path write(Path root, String name, String text) throws IOException {
        Path file = root.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    /** Load from {@code directory} (the test makes its repository root, so that the search for files stops there). */
    static ComposeProjects.Loaded loaded(Path directory, Map<String, String> environment, Map<String, String> settings) {
        ResolutionContext context = ResolutionContext.builder().workingDirectory(directory).environment(environment)
                .settings(settings).build();
        return ComposeProjects.load(DockerConfig.read(context), ResolutionFacts.of(context));
    }

    /** Load, and return the project. */
    static ComposeProject load(Path directory, Map<String, String> environment, Map<String, String> settings) {
        return loaded(directory, environment, settings).found().orElseThrow(() -> new AssertionError("no project: "
                + loaded(directory, environment, settings)));
    }

    /** Load the project of these files, named by setting docker.compose-file. */
    static ComposeProject ofFiles(Path directory, Map<String, String> environment, Path... files) {
        StringBuilder names = new StringBuilder();
        for (Path file : files) {
            names.append(names.length() == 0 ? "" : ",").append(file);
        }
        return load(directory, environment, Map.of("docker.compose-file", names.toString()));
    }
}
