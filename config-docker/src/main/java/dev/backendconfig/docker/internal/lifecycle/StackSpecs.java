package dev.backendconfig.docker.internal.lifecycle;

import dev.backendconfig.docker.internal.DockerConfig;
import dev.backendconfig.docker.internal.DockerConfig.ServiceTarget;
import dev.backendconfig.docker.internal.ResolutionFacts;
import dev.backendconfig.docker.internal.compose.ComposeFiles;
import dev.backendconfig.docker.internal.compose.ServicePicks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * This checkout's compose project as the lifecycle starts it, from the settings and files: the compose files as
 * {@link ComposeFiles} finds them, with the override file beside a file found by compose's default names (compose
 * reads {@code compose.override.yml}, {@code compose.override.yaml}, {@code docker-compose.override.yml} or
 * {@code docker-compose.override.yaml} then, and only then); the project named by {@code docker.project}, else
 * {@code COMPOSE_PROJECT_NAME}, else the first file's directory name normalised as compose does (lower case, only
 * {@code a-z 0-9 _ -}); the profiles of {@code COMPOSE_PROFILES}; compose's default env file.
 */
public final class StackSpecs {

    /** The override files compose reads beside a file it found by its default names, in its order. */
    static final List<String> OVERRIDE_NAMES = List.of("compose.override.yml", "compose.override.yaml",
            "docker-compose.override.yml", "docker-compose.override.yaml");

    private StackSpecs() {
    }

    /**
     * Return this checkout's project, or empty (with {@code why} filled in) when no compose file was found.
     *
     * @throws dev.backendconfig.toolkit.InvalidInputException when a file named by a setting or variable
     *     does not exist, or a compose file cannot be read
     */
    public static Optional<StackSpec> of(DockerConfig config, ResolutionFacts facts, StringBuilder why) {
        StringBuilder searched = new StringBuilder();
        Optional<ComposeFiles.Found> found = ComposeFiles.find(config, facts, searched);
        if (found.isEmpty()) {
            why.append("no compose file ").append(searched);
            return Optional.empty();
        }
        List<Path> files = new ArrayList<>(found.get().files());
        String how = found.get().why();
        if (how.startsWith("found")) {
            Path directory = files.get(0).getParent();
            OVERRIDE_NAMES.stream().map(directory::resolve).filter(Files::isRegularFile).findFirst()
                    .ifPresent(files::add);
        }
        Path directory = files.get(0).toAbsolutePath().getParent();
        String project;
        String projectWhy;
        if (!config.project().isEmpty()) {
            project = config.project();
            projectWhy = "setting docker.project";
        } else if (facts.variable("COMPOSE_PROJECT_NAME").isPresent()) {
            project = facts.variable("COMPOSE_PROJECT_NAME").get().strip();
            projectWhy = "COMPOSE_PROJECT_NAME";
        } else {
            project = normalize(directory.getFileName() == null ? "" : directory.getFileName().toString());
            projectWhy = "the directory " + directory;
        }
        List<String> profiles = facts.variable("COMPOSE_PROFILES").map(value -> Arrays.stream(value.split(","))
                .map(String::strip).filter(profile -> !profile.isEmpty()).toList()).orElse(List.of());
        List<ServiceTarget> required = config.services().stream().filter(target -> target.service().required())
                .toList();
        Map<String, String> composeServices = new LinkedHashMap<>();
        Map<String, String> unmapped = new LinkedHashMap<>();
        ServicePicks.pick(required, files, facts.environment()).forEach((service, pick) -> {
            if (pick.picked()) {
                composeServices.put(service, pick.composeService());
            } else {
                unmapped.put(service, pick.problem());
            }
        });
        return Optional.of(new StackSpec(project, directory, files, profiles, List.of(), composeServices, unmapped,
                "named by " + projectWhy + "; files " + String.join(", ", files.stream().map(Path::toString).toList())
                        + " (" + how + ")" + (profiles.isEmpty() ? "" : "; profiles " + String.join(", ", profiles))));
    }

    /** Return a directory name as compose makes a project name of it: lower case, only a-z, 0-9, _ and -. */
    static String normalize(String name) {
        String lower = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "");
        return lower.replaceFirst("^[_-]+", "");
    }
}
