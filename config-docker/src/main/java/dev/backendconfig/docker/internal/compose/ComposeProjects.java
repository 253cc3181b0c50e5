package dev.backendconfig.docker.internal.compose;

import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.toolkit.ConfigurationFiles;
import dev.backendconfig.toolkit.Origin;
import dev.backendconfig.docker.internal.DockerConfig;
import dev.backendconfig.docker.internal.ResolutionFacts;
import dev.backendconfig.docker.internal.Scans;
import dev.backendconfig.docker.internal.compose.ComposeFiles.Variable;
import dev.backendconfig.docker.internal.compose.ComposeTree.Mapping;
import dev.backendconfig.docker.internal.compose.ComposeTree.Scalar;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Build this checkout's {@link ComposeProject} the way docker compose (v2, the compose specification) does, from the
 * working directory:
 *
 * <ol>
 *   <li>the env files: setting {@code docker.env-file} (like {@code --env-file}), else {@code .env} of the working
 *       directory and then of the project directory, unless {@code COMPOSE_DISABLE_ENV_FILE} is true; a variable of
 *       the environment wins over the files;
 *   <li>the files ({@link ComposeFiles}): setting {@code docker.compose-file}, else {@code COMPOSE_FILE}, else the
 *       default names found upward with the override file beside them;
 *   <li>the profiles: setting {@code docker.profiles} (like {@code --profile}), else {@code COMPOSE_PROFILES};
 *   <li>the name: setting {@code docker.project} (like {@code -p}), else {@code COMPOSE_PROJECT_NAME} (of the
 *       environment, else of the env files), else the
 *       top-level {@code name:} of the files (the last one set, interpolated, normalised), else the project
 *       directory's name normalised as compose does (lower case; only {@code a-z 0-9 _ -} kept; no leading
 *       {@code _} or {@code -});
 *   <li>the services: each file merged onto the ones before it ({@link ComposeMerge}), after its {@code include}
 *       entries (each read as a project of its own, with its own directory and {@code .env}) and its
 *       {@code extends} (same file or another); the active profiles decide which services are on.
 * </ol>
 *
 * <p>Every file is read within {@link ComposeYaml}'s limits and the project's {@link ComposeTree.Budget} (setting
 * {@code docker.compose-max-kib} for each file and for all of them), at most {@link ComposeTree.Budget#MAX_FILES}
 * files in all, {@code include} at most {@link #MAX_INCLUDE_DEPTH} deep and {@code extends} at most
 * {@link #MAX_EXTENDS_DEPTH} deep; a cycle of either is an error naming it.
 */
public final class ComposeProjects {

    /** How deeply {@code include} may nest. */
    static final int MAX_INCLUDE_DEPTH = 10;
    /** How long a chain of {@code extends} may be. */
    static final int MAX_EXTENDS_DEPTH = 20;
    /** A project name as compose v1 or v2 may write it in a label. */

    private ComposeProjects() {
    }

    /** What loading found: this checkout's project, or why there is none. */
    public sealed interface Loaded {
        /**
         * The project.
         *
         * @param project the project
         */
        record Found(ComposeProject project) implements Loaded {
        }

        /**
         * No compose file, and nothing names a project.
         *
         * @param searched where the search for a compose file looked: {@code "from /repo/app up to /repo"}
         * @param notes notes of an env file read on the way
         */
        record None(String searched, List<String> notes) implements Loaded {
        }

        /** Return the project, when there is one. */
        default Optional<ComposeProject> found() {
            return this instanceof Found found ? Optional.of(found.project()) : Optional.empty();
        }
    }

    /**
     * Load the project.
     *
     * @throws InvalidInputException when a file named by a setting or variable does not exist, a file
     *     cannot be read or is not a compose file, a limit is crossed, an {@code include} or {@code extends} is
     *     broken, or a project name given explicitly is not one
     * @throws java.util.concurrent.CancellationException when the thread is interrupted while reading
     */
    public static Loaded load(DockerConfig config, ResolutionFacts facts) {
        Path workingDirectory = facts.workingDirectory().toAbsolutePath().normalize();
        ComposeVariables variables = ComposeVariables.of(facts.environment());
        boolean explicitEnvFiles = !config.envFiles().isEmpty();
        boolean disabled = !explicitEnvFiles && ComposeVariables.envFileDisabled(facts.environment());
        if (explicitEnvFiles) {
            // compose lets a later --env-file override an earlier one; these variables let the first one read win,
            // so the files are read last named first (each resolved first in the order named, for the errors)
            List<Path> named = new ArrayList<>();
            for (String name : config.envFiles()) {
                named.add(ConfigurationFiles.resolve(workingDirectory, name, config.envFilesOrigin()));
            }
            for (int i = named.size() - 1; i >= 0; i--) {
                variables = variables.with(named.get(i));
            }
        } else if (!disabled) {
            variables = variables.withDotEnvOf(workingDirectory);
        }
        ComposeFiles.Chosen chosen = ComposeFiles.choose(config.composeFiles(), config.composeFilesOrigin(),
                variables.find("COMPOSE_FILE"), variables.find("COMPOSE_PATH_SEPARATOR"), workingDirectory);
        Path directory = chosen.files().isEmpty() ? workingDirectory
                : chosen.files().get(0).path().getParent();
        if (!explicitEnvFiles && !disabled) {
            variables = variables.withDotEnvOf(directory);
        }
        Optional<Naming> explicitName = explicitName(config, variables);
        if (chosen.files().isEmpty() && explicitName.isEmpty()) {
            return new Loaded.None(chosen.searched(), variables.notes());
        }
        Reading reading = new Reading(config.composeMaxBytes());
        List<Path> paths = new ArrayList<>();
        for (ComposeFile file : chosen.files()) {
            paths.add(file.path());
        }
        Mapping top = reading.project(List.copyOf(paths), directory, variables, List.of(), 0);
        Naming naming;
        if (explicitName.isPresent()) {
            naming = explicitName.get();
        } else {
            Optional<Naming> inFiles = namedInFiles(reading.names);
            naming = inFiles.isPresent() ? inFiles.get() : namedAfter(directory);
        }
        List<String> profiles;
        String profilesReason;
        if (!config.profiles().isEmpty()) {
            profiles = config.profiles();
            profilesReason = DockerConfig.described("docker.profiles", config.profilesOrigin());
        } else {
            Optional<Variable> variable = variables.find("COMPOSE_PROFILES");
            if (variable.isPresent()) {
                List<String> named = new ArrayList<>();
                for (String profile : variable.get().value().split(",")) {
                    if (!profile.strip().isEmpty()) {
                        named.add(profile.strip());
                    }
                }
                profiles = List.copyOf(named);
                profilesReason = "COMPOSE_PROFILES (" + variable.get().origin().describe() + ")";
            } else {
                profiles = List.of();
                profilesReason = "neither setting docker.profiles nor COMPOSE_PROFILES is set";
            }
        }
        Map<String, ComposeService> active = new LinkedHashMap<>();
        Map<String, List<String>> inactive = new LinkedHashMap<>();
        for (ComposeService service : ComposeServices.build(top)) {
            if (service.profiles().isEmpty() || profiles.contains("*") || anyOf(service.profiles(), profiles)) {
                active.put(service.name(), service);
            } else {
                inactive.put(service.name(), service.profiles());
            }
        }
        List<String> notes = new ArrayList<>(chosen.notes());
        notes.addAll(variables.notes());
        notes.addAll(reading.notes);
        String envFileReason = explicitEnvFiles ? DockerConfig.described("docker.env-file", config.envFilesOrigin())
                : disabled ? "turned off by COMPOSE_DISABLE_ENV_FILE"
                : variables.files().isEmpty() ? "no .env in " + directory
                        + (directory.equals(workingDirectory) ? "" : " or " + workingDirectory)
                : ".env of the " + (variables.files().size() > 1 ? "working and project directories"
                        : variables.files().get(0).getParent().equals(directory) ? "project directory"
                        : "working directory");
        return new Loaded.Found(new ComposeProject(naming.name(), naming.source(), naming.reason(), directory, chosen.files(),
                reading.alsoRead, variables.files(), envFileReason, profiles, profilesReason, active, inactive,
                notes));
    }

    /** A project name, where it came from, and why. */
    private record Naming(String name, ComposeProject.NameSource source, String reason) {
    }

    /** A top-level {@code name:} of a file, interpolated. */
    private record FileName(String name, Origin origin) {
    }

    /** Tell whether a service of {@code profiles} is active under {@code active}: one of them is. */
    private static boolean anyOf(List<String> profiles, List<String> active) {
        for (String profile : profiles) {
            if (active.contains(profile)) {
                return true;
            }
        }
        return false;
    }

    private static Optional<Naming> explicitName(DockerConfig config, ComposeVariables variables) {
        if (!config.project().isEmpty()) {
            return Optional.of(new Naming(config.project(), ComposeProject.NameSource.SETTING,
                    DockerConfig.described("docker.project", config.projectOrigin())));
        }
        Optional<Variable> variable = variables.find("COMPOSE_PROJECT_NAME");
        if (variable.isEmpty()) {
            return Optional.empty();
        }
        String name = variable.get().value();
        if (!Scans.isComposeProjectName(name)) {
            String normal = normalise(name);
            throw new InvalidInputException(variable.get().origin(), "COMPOSE_PROJECT_NAME is not a"
                    + " compose project name (lower-case letters, digits, - and _): docker compose refuses it, and"
                    + " docker-compose (v1) would use it lower-cased with the other characters dropped"
                    + (normal.isEmpty() ? "" : " (" + normal + ")") + "; write the name the project runs under");
        }
        return Optional.of(variable.get().origin().kind() == Origin.Kind.VARIABLE
                ? new Naming(name, ComposeProject.NameSource.VARIABLE, "variable COMPOSE_PROJECT_NAME")
                : new Naming(name, ComposeProject.NameSource.ENV_FILE, "COMPOSE_PROJECT_NAME in "
                        + variable.get().origin().describe()));
    }

    private static Optional<Naming> namedInFiles(List<FileName> names) {
        for (int i = names.size() - 1; i >= 0; i--) {
            FileName named = names.get(i);
            String normal = normalise(named.name());
            if (!normal.isEmpty()) {
                return Optional.of(new Naming(normal, ComposeProject.NameSource.FILE, "name: in "
                        + named.origin().describe()
                        + (normal.equals(named.name()) ? "" : ", as compose normalises it")));
            }
        }
        return Optional.empty();
    }

    private static Naming namedAfter(Path directory) {
        String written = directory.getFileName() == null ? "" : directory.getFileName().toString();
        String name = normalise(written);
        if (name.isEmpty()) {
            throw new InvalidInputException(Origin.other("project directory " + directory),
                    "compose names a project after its directory when nothing else names it, and nothing is left of"
                            + " this directory's name once compose keeps only a-z, 0-9, _ and -; set docker.project"
                            + " (or COMPOSE_PROJECT_NAME), or give the compose file a top-level name:");
        }
        return new Naming(name, ComposeProject.NameSource.DIRECTORY, "the name of the project directory " + directory + (name.equals(written) ? ""
                : ", as compose normalises it"));
    }

    /**
     * Normalise a project name as compose does ({@code loader.NormalizeProjectName}): lower case, only
     * {@code a-z 0-9 _ -} kept, leading {@code _} and {@code -} dropped.
     */
    static String normalise(String name) {
        StringBuilder kept = new StringBuilder();
        for (char c : name.toLowerCase(Locale.ROOT).toCharArray()) {
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-') {
                kept.append(c);
            }
        }
        int start = 0;
        while (start < kept.length() && (kept.charAt(start) == '_' || kept.charAt(start) == '-')) {
            start++;
        }
        return kept.substring(start);
    }

    /** Reads the files of one project and what they include and extend. */
    private static final class Reading implements ComposeIncludes.ProjectReader, ComposeExtends.FileReader {
        private final ComposeTree.Budget budget;
        private final Map<Path, ComposeTree.FileTree> extendedTrees = new LinkedHashMap<>();
        private final List<FileName> names = new ArrayList<>();
        private final List<ComposeFile> alsoRead = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();

        Reading(long maxBytes) {
            budget = new ComposeTree.Budget(maxBytes);
        }

        /** Read a project's files, each merged onto the ones before it, and return its merged top level. */
        Mapping project(List<Path> files, Path directory, ComposeVariables variables, List<Path> chain, int depth) {
            Mapping merged = new Mapping(Map.of(), Origin.other("compose files"));
            for (Path file : files) {
                budget.file(file, Origin.file(file.toString(), 0));
                ComposeTree.FileTree tree = parse(file, variables);
                if (depth == 0) {
                    Optional<ComposeTree.Value> name = tree.top().get("name");
                    if (name.isPresent() && name.get() instanceof Scalar scalar && !scalar.text().isEmpty()) {
                        names.add(new FileName(scalar.text(), scalar.origin()));
                    }
                }
                List<Path> next = new ArrayList<>(chain);
                next.add(file);
                Mapping top = ComposeIncludes.apply(tree.top(), directory, variables, next, depth, this);
                for (List<String> path : tree.resets()) {
                    merged = ComposeMerge.remove(merged, path);
                }
                for (List<String> path : tree.overrides()) {
                    merged = ComposeMerge.remove(merged, path);
                }
                top = new ComposeExtends(file, directory, tree, variables, budget, this).apply(top);
                merged = ComposeMerge.mergeMappings(merged, top.without("include").without("name"), List.of());
            }
            return merged;
        }

        private ComposeTree.FileTree parse(Path file, ComposeVariables variables) {
            byte[] bytes = ConfigurationFiles.readBytes(file, "a compose file (YAML)", budget.fileLimit());
            budget.bytes(file, bytes.length);
            String text = ConfigurationFiles.decode(bytes, file.toString());
            return ComposeTree.read(file, ComposeYaml.compose(text, file.toString()), variables.lookup(), budget);
        }

        /** Read an included project (its files, directory and variables) and return its merged top level. */
        @Override
        public Mapping read(List<Path> files, Path directory, ComposeVariables variables, List<Path> chain,
                int depth, Origin from) {
            for (Path file : files) {
                alsoRead.add(new ComposeFile(file, "included by " + from.describe()));
            }
            return project(files, directory, variables, chain, depth);
        }

        /** Read a file a service extends (once per file), and return its tree. */
        @Override
        public ComposeTree.FileTree read(Path file, ComposeVariables variables, Origin from) {
            ComposeTree.FileTree known = extendedTrees.get(file);
            if (known != null) {
                return known;
            }
            alsoRead.add(new ComposeFile(file, "extended by " + from.describe()));
            budget.file(file, from);
            ComposeTree.FileTree tree = parse(file, variables);
            extendedTrees.put(file, tree);
            return tree;
        }
    }
}
