package dev.backendconfig.docker.internal.lifecycle;

import dev.backendconfig.docker.internal.DockerConfig;
import dev.backendconfig.docker.internal.Listing;
import dev.backendconfig.docker.internal.ServiceMatch;
import dev.backendconfig.docker.internal.compose.ComposeFile;
import dev.backendconfig.docker.internal.compose.ComposeProject;
import dev.backendconfig.docker.internal.compose.ComposeProjects;
import dev.backendconfig.docker.internal.compose.ProjectServices;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * This checkout's compose project as the lifecycle starts it: exactly the {@link ComposeProject} that discovery calls
 * ours (its name, project directory, files with the override file when compose reads it, env files and active
 * profiles), so that what a start creates is found as this checkout's; and the compose service of each required
 * service, matched exactly as a prediction matches it.
 */
public final class StackSpecs {

    private StackSpecs() {
    }

    /**
     * Return this checkout's project, or empty (with {@code why} filled in) when it has no compose file to start.
     *
     * @throws dev.backendconfig.toolkit.InvalidInputException when several compose services could be one required
     *     service and nothing tells them apart
     */
    public static Optional<StackSpec> of(DockerConfig config, ComposeProjects.Loaded loaded, StringBuilder why) {
        if (loaded instanceof ComposeProjects.Loaded.None none) {
            why.append("no compose file (searched ").append(none.searched()).append(")");
            return Optional.empty();
        }
        ComposeProject project = loaded.found().orElseThrow();
        if (!project.hasFiles()) {
            why.append("this checkout's compose project ").append(Listing.shown(project.name())).append(" (")
                    .append(project.nameReason()).append(") has no compose file here");
            return Optional.empty();
        }
        List<Path> files = project.configFiles();
        String fileNames = String.join(", ", files.stream().map(Path::toString).toList());
        Map<String, String> composeServices = new LinkedHashMap<>();
        Map<String, String> unmapped = new LinkedHashMap<>();
        String where = "this checkout's compose project " + Listing.shown(project.name()) + " (" + fileNames + ")";
        ProjectServices.match(config.services(), project, where).forEach((target, outcome) -> {
            if (!target.service().required()) {
                return;
            }
            String service = target.service().name();
            if (outcome instanceof ServiceMatch.Outcome.Chosen chosen) {
                composeServices.put(service, chosen.name());
            } else if (outcome instanceof ServiceMatch.Outcome.None none) {
                unmapped.put(service, none.reason());
            } else {
                ServiceMatch.Outcome.Ambiguous ambiguous = (ServiceMatch.Outcome.Ambiguous) outcome;
                unmapped.put(service, ambiguous.names().size() + " compose services could be it: " + Listing.join(
                        ", ", ambiguous.names().stream().map(Listing::shown).toList(), 10) + " (they "
                        + ambiguous.why() + "); set " + target.composeServiceKey() + " to pick one");
            }
        });
        // compose reads the project directory's .env by itself, but only when no env file is named on its command
        // line: that default alone is left to compose; otherwise every env file is named, the default among them,
        // in compose's order (a later --env-file overrides an earlier one)
        Path defaultEnvFile = project.directory().resolve(".env").toAbsolutePath().normalize();
        List<Path> envFiles = config.envFiles().isEmpty() && project.envFiles().stream()
                .allMatch(file -> file.toAbsolutePath().normalize().equals(defaultEnvFile)) ? List.of()
                : project.composeEnvFiles();
        return Optional.of(new StackSpec(project.name(), project.directory(), files, project.profiles(),
                envFiles, composeServices, unmapped, "named by " + project.nameReason() + "; files "
                        + String.join(", ", project.files().stream().map(ComposeFile::describe).toList())
                        + (project.profiles().isEmpty() ? "" : "; profiles " + String.join(", ",
                                project.profiles()))));
    }
}
