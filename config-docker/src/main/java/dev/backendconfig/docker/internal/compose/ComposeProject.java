package dev.backendconfig.docker.internal.compose;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * This checkout's compose project exactly as compose builds it: its name and why, the files compose reads and why,
 * its project directory, the env files and active profiles, and its services after every merge, {@code include} and
 * {@code extends} (those that profiles leave out listed apart). Built by {@link ComposeProjects#load}; read by
 * discovery (which running project is ours), prediction (ports from the files) and the lifecycle (the compose
 * command line that starts it, {@link #cliOptions()}).
 *
 * @param name the project name, as compose labels its containers ({@code com.docker.compose.project})
 * @param nameSource what gave the name
 * @param nameReason why this name: {@code "setting docker.project"}, {@code "variable COMPOSE_PROJECT_NAME"},
 *     {@code "COMPOSE_PROJECT_NAME in /repo/.env:2"}, {@code "name: in /repo/compose.yaml:1"}, {@code "the name of
 *     the project directory /repo/Shop, as compose normalises it"}
 * @param directory the project directory ({@code com.docker.compose.project.working_dir}): the first file's
 *     directory, else the working directory when there is no file
 * @param files the files compose is given, in order ({@code com.docker.compose.project.config_files}); empty when
 *     the project is named by a setting or variable and this checkout has no compose file
 * @param alsoRead the files read through {@code include} and {@code extends}
 * @param envFiles the env files whose variables interpolate the files (compose's {@code .env}, or setting
 *     {@code docker.env-file}), the one that wins first (the reverse of compose's command line,
 *     {@link #composeEnvFiles()}); empty when there is none or it is turned off
 * @param envFileReason why these env files, or why none
 * @param profiles the active profiles
 * @param profilesReason why these profiles: {@code "setting docker.profiles"}, {@code "variable COMPOSE_PROFILES"},
 *     {@code "none is active"}
 * @param services the active services by name, in file order
 * @param inactive the services the active profiles leave out, with their profiles
 * @param notes what reading noticed, for the report (a second default file, a notes of an env file, ...)
 */
public record ComposeProject(String name, NameSource nameSource, String nameReason, Path directory, List<ComposeFile> files,
        List<ComposeFile> alsoRead, List<Path> envFiles, String envFileReason, List<String> profiles,
        String profilesReason, Map<String, ComposeService> services, Map<String, List<String>> inactive,
        List<String> notes) {

    /** What gave a project its name, in compose's order of precedence. */
    public enum NameSource {
        /** Setting {@code docker.project}, as {@code docker compose -p} would. */
        SETTING,
        /** The variable {@code COMPOSE_PROJECT_NAME} of the environment. */
        VARIABLE,
        /**
         * {@code COMPOSE_PROJECT_NAME} written in an env file (compose's {@code .env}, or setting
         * {@code docker.env-file}): the checkout's default name, which every copy of the checkout shares.
         */
        ENV_FILE,
        /** The top-level {@code name:} of a compose file. */
        FILE,
        /** The project directory's name, normalised. */
        DIRECTORY;

        /**
         * Tell whether the user chose the name for this run, with a setting or a variable of the environment (then
         * the project is used whoever started it). A name written in a file ({@code name:}, {@code .env}) is the
         * checkout's default, shared by every copy of the checkout: the project's labels must say it is this one's.
         */
        public boolean explicit() {
            return this == SETTING || this == VARIABLE;
        }
    }

    public ComposeProject {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(nameSource, "nameSource");
        Objects.requireNonNull(nameReason, "nameReason");
        Objects.requireNonNull(directory, "directory");
        files = List.copyOf(files);
        alsoRead = List.copyOf(alsoRead);
        envFiles = List.copyOf(envFiles);
        Objects.requireNonNull(envFileReason, "envFileReason");
        profiles = List.copyOf(profiles);
        Objects.requireNonNull(profilesReason, "profilesReason");
        services = Collections.unmodifiableMap(new LinkedHashMap<>(services));
        inactive = Collections.unmodifiableMap(new LinkedHashMap<>(inactive));
        notes = List.copyOf(notes);
    }

    /**
     * Tell whether the user named the project on purpose, so that it is used whoever started it: a setting or a
     * variable of the environment; or {@code COMPOSE_PROJECT_NAME} in an env file of a checkout without compose files,
     * whose named stack can only have been started elsewhere. A name from an env file beside this checkout's compose
     * files is the checkout's default: a copy of the checkout (a second worktree) shares it, so the project's labels
     * decide whether a stack of that name is this checkout's ({@code ProjectOwnership}).
     */
    public boolean namedExplicitly() {
        return nameSource.explicit() || (nameSource == NameSource.ENV_FILE && files.isEmpty());
    }

    /** Return the paths of {@link #files()}, as compose records them in label {@code config_files}. */
    public List<Path> configFiles() {
        List<Path> paths = new ArrayList<>();
        for (ComposeFile file : files) {
            paths.add(file.path());
        }
        return List.copyOf(paths);
    }

    /** Tell whether this checkout has compose files for the project (else only its name is known). */
    public boolean hasFiles() {
        return !files.isEmpty();
    }

    /** Return an active service by name. */
    public Optional<ComposeService> service(String serviceName) {
        return Optional.ofNullable(services.get(serviceName));
    }

    /**
     * Return the options that make the compose command line ({@code docker compose} or {@code docker-compose}) build
     * this very project from any directory: {@code --project-name}, {@code --project-directory}, each {@code --file}
     * (the override file included, which compose drops silently once any {@code -f} is given), each
     * {@code --env-file} and each {@code --profile}.
     */
    public List<String> cliOptions() {
        List<String> options = new ArrayList<>(List.of("--project-name", name, "--project-directory",
                directory.toString()));
        for (ComposeFile file : files) {
            options.addAll(List.of("--file", file.path().toString()));
        }
        for (Path file : composeEnvFiles()) {
            options.addAll(List.of("--env-file", file.toString()));
        }
        for (String profile : profiles) {
            options.addAll(List.of("--profile", profile));
        }
        return List.copyOf(options);
    }

    /**
     * Return the env files in the order compose's {@code --env-file} options take them: compose lets a later file
     * override an earlier one, where {@link #envFiles()} lists the file that wins first.
     */
    public List<Path> composeEnvFiles() {
        List<Path> reversed = new ArrayList<>(envFiles);
        Collections.reverse(reversed);
        return List.copyOf(reversed);
    }

    /**
     * Return the report's lines on the project: its name and why, and when it has files, each file and why, the env
     * file and the profiles.
     */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        lines.add("this checkout's compose project: " + name + " (" + nameReason + ")");
        if (files.isEmpty()) {
            return lines;
        }
        for (ComposeFile file : files) {
            lines.add("compose file " + file.describe());
        }
        for (ComposeFile file : alsoRead) {
            lines.add("compose file " + file.describe());
        }
        List<String> envFileNames = new ArrayList<>();
        for (Path file : envFiles) {
            envFileNames.add(file.toString());
        }
        lines.add(envFiles.isEmpty() ? "env file: none (" + envFileReason + ")"
                : "env file: " + String.join(", ", envFileNames) + " ("
                        + envFileReason + (envFiles.size() > 1 ? "; the first wins" : "") + ")");
        lines.add("profiles: " + (profiles.isEmpty() ? "none" : String.join(", ", profiles)) + " (" + profilesReason
                + ")" + (inactive.isEmpty() ? "" : "; left out by profiles: " + String.join(", ",
                        inactive.keySet())));
        return lines;
    }
}
