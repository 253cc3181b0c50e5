package dev.backendconfig.docker.internal.lifecycle;

import dev.backendconfig.docker.internal.compose.ComposeCli;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The compose project the lifecycle starts, exactly as a person's {@code docker compose up} in this checkout would
 * use it: its name, directory, files (override included when compose reads it), active profiles and env files; and
 * which compose service each service to find is.
 *
 * @param project the project's name, as compose names it
 * @param projectDirectory the project's directory (relative paths in the files are resolved against it)
 * @param files the compose files, in compose's order
 * @param profiles the active profiles, in order; empty for none
 * @param envFiles the env files to name on compose's command line; empty for none or for compose's default alone
 *     ({@code .env} in the project directory, which compose reads by itself)
 * @param composeServices each required service's compose service, by service name
 * @param unmapped why a required service has no compose service in the files, by service name
 * @param why how the project was found, for the report: {@code "named by setting docker.project; files /r/compose.yaml
 *     (found in /r)"}
 */
public record StackSpec(String project, Path projectDirectory, List<Path> files, List<String> profiles,
        List<Path> envFiles, Map<String, String> composeServices, Map<String, String> unmapped, String why) {

    public StackSpec {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(projectDirectory, "projectDirectory");
        Objects.requireNonNull(why, "why");
        if (project.isBlank()) {
            throw new IllegalArgumentException("a compose project has a name");
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("a compose project has at least one file");
        }
        files = List.copyOf(files);
        profiles = List.copyOf(profiles);
        envFiles = List.copyOf(envFiles);
        composeServices = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(composeServices));
        unmapped = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(unmapped));
    }

    /**
     * Return the command line that starts {@code services} of this project with {@code cli}: {@code up -d
     * --no-recreate} — detached, and never recreating a container that exists (what runs is left as it is; a stopped
     * container is started as it was) — for just those services; compose brings their dependencies.
     */
    public List<String> up(ComposeCli cli, List<String> services) {
        List<String> line = new java.util.ArrayList<>(cli.command());
        line.addAll(projectArguments(cli.projectOptions()));
        line.addAll(List.of("up", "-d", "--no-recreate"));
        line.addAll(services);
        return line;
    }

    /**
     * Return the arguments every compose command of this project starts with: {@code -p NAME --project-directory DIR
     * -f FILE... [--env-file FILE...] [--profile P...]}; without {@code projectOptions} (podman-compose 1.0, which
     * takes none of them and runs in the project directory) only {@code -p NAME -f FILE...}.
     */
    public List<String> projectArguments(boolean projectOptions) {
        List<String> arguments = new java.util.ArrayList<>(List.of("-p", project));
        if (projectOptions) {
            arguments.addAll(List.of("--project-directory", projectDirectory.toString()));
        }
        files.forEach(file -> arguments.addAll(List.of("-f", file.toString())));
        if (projectOptions) {
            envFiles.forEach(file -> arguments.addAll(List.of("--env-file", file.toString())));
            profiles.forEach(profile -> arguments.addAll(List.of("--profile", profile)));
        }
        return arguments;
    }
}
