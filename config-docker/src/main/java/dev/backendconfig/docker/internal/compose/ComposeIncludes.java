package dev.backendconfig.docker.internal.compose;

import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.toolkit.ConfigurationFiles;
import dev.backendconfig.toolkit.Origin;
import dev.backendconfig.docker.internal.compose.ComposeTree.Mapping;
import dev.backendconfig.docker.internal.compose.ComposeTree.Scalar;
import dev.backendconfig.docker.internal.compose.ComposeTree.Sequence;
import dev.backendconfig.docker.internal.compose.ComposeTree.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A file's top-level {@code include} (compose specification, "Include"; docker compose 2.20 and later, which
 * docker-compose v1 does not know): each entry is read as a Compose application of its own — its {@code path} (one
 * file, or several merged), its {@code project_directory} (default: the first file's directory) against which its
 * relative paths resolve, and its {@code env_file} (default: {@code .env} of that directory), whose variables the
 * including project's own variables override — and its services are copied into the including file's. A service both
 * included and defined in the including file is merged, the including file's definition over the included one, as
 * compose-go does. Includes apply recursively; a file that includes itself, directly or not, is an error naming the
 * chain.
 */
final class ComposeIncludes {

    /** Reads an included project. */
    @FunctionalInterface
    interface ProjectReader {
        /** Read the project's files in {@code directory} with {@code variables}, and return its merged top level. */
        Mapping read(List<Path> files, Path directory, ComposeVariables variables, List<Path> chain, int depth,
                Origin from);
    }

    private ComposeIncludes() {
    }

    /**
     * Apply the {@code include} entries of {@code top}, a file of the project in {@code directory}.
     *
     * @param chain the files being read, the including file last
     * @param depth how deeply this file is itself included (0 for the project's own files)
     * @throws InvalidInputException when an entry is malformed, names a file that does not exist,
     *     closes a cycle, or nests too deeply
     */
    static Mapping apply(Mapping top, Path directory, ComposeVariables variables, List<Path> chain, int depth,
            ProjectReader reader) {
        Optional<Value> include = top.get("include");
        if (include.isEmpty() || include.get() instanceof ComposeTree.Empty) {
            return top;
        }
        if (!(include.get() instanceof Sequence entries)) {
            throw new InvalidInputException(include.get().origin(), "include must be a list of files"
                    + " (or of mappings with path, project_directory and env_file)");
        }
        Mapping result = top;
        for (Value entry : entries.items()) {
            if (depth + 1 > ComposeProjects.MAX_INCLUDE_DEPTH) {
                throw new InvalidInputException(entry.origin(), "include nests more than "
                        + ComposeProjects.MAX_INCLUDE_DEPTH + " files deep here (not configurable: a project includes"
                        + " a few files, which rarely include others)");
            }
            result = include(result, entry, directory, variables, chain, depth, reader);
        }
        return result;
    }

    private static Mapping include(Mapping top, Value entry, Path directory, ComposeVariables variables,
            List<Path> chain, int depth, ProjectReader reader) {
        List<Scalar> paths;
        Optional<Scalar> projectDirectory = Optional.empty();
        List<Scalar> envFiles = List.of();
        if (entry instanceof Scalar scalar) {
            paths = List.of(scalar);
        } else if (entry instanceof Mapping mapping) {
            paths = scalars(mapping.get("path").orElseThrow(() -> new InvalidInputException(
                    entry.origin(), "an include entry needs path, the compose file(s) to include")), "path");
            projectDirectory = mapping.get("project_directory").map(value -> scalar(value, "project_directory"));
            envFiles = mapping.get("env_file").map(value -> scalars(value, "env_file")).orElse(List.of());
        } else {
            throw new InvalidInputException(entry.origin(), "an include entry is a file path or a"
                    + " mapping with path, project_directory and env_file");
        }
        if (paths.isEmpty()) {
            throw new InvalidInputException(entry.origin(), "an include entry's path names no file");
        }
        List<Path> files = new ArrayList<>();
        for (Scalar path : paths) {
            files.add(ComposeFiles.existing(directory, path.text(), path.origin()));
        }
        Path first = files.get(0);
        if (chain.contains(first)) {
            List<String> cycle = new ArrayList<>(chain.stream().map(Path::toString).toList());
            cycle.add(first.toString());
            throw new InvalidInputException(paths.get(0).origin(), "include cycle: "
                    + String.join(" includes ", cycle) + "; compose refuses it");
        }
        Path included = projectDirectory.map(dir -> ConfigurationFiles.resolve(directory, dir.text(), dir.origin())
                .toAbsolutePath().normalize()).orElse(first.getParent());
        ComposeVariables own = variables;
        if (envFiles.isEmpty()) {
            own = own.withDotEnvOf(included);
        } else {
            for (Scalar envFile : envFiles) {
                if (!envFile.text().equals("/dev/null")) {
                    Path file = ConfigurationFiles.resolve(directory, envFile.text(), envFile.origin());
                    if (!Files.exists(file)) {
                        throw new InvalidInputException(envFile.origin(), "the include entry's env_file "
                                + file + " does not exist");
                    }
                    own = own.with(file);
                }
            }
        }
        Mapping imported = reader.read(files, included, own, chain, depth + 1, entry.origin());
        return withImportedServices(top, imported);
    }

    /** Copy the imported services into {@code top}; one defined in both is merged, {@code top}'s over the import. */
    private static Mapping withImportedServices(Mapping top, Mapping imported) {
        Optional<Value> importedServices = imported.get("services");
        if (importedServices.isEmpty() || !(importedServices.get() instanceof Mapping from)) {
            return top;
        }
        Map<String, Value> services = new LinkedHashMap<>();
        Optional<Value> own = top.get("services");
        if (own.isPresent() && own.get() instanceof Mapping mapping) {
            services.putAll(mapping.entries());
        }
        for (Map.Entry<String, Value> service : from.entries().entrySet()) {
            Value local = services.get(service.getKey());
            services.put(service.getKey(), local == null ? service.getValue()
                    : ComposeMerge.merge(service.getValue(), local, List.of("services", service.getKey())));
        }
        Origin origin = own.map(Value::origin).orElse(from.origin());
        return top.with("services", new Mapping(services, origin));
    }

    private static List<Scalar> scalars(Value value, String what) {
        if (value instanceof Sequence sequence) {
            List<Scalar> all = new ArrayList<>();
            sequence.items().forEach(item -> all.add(scalar(item, what)));
            return all;
        }
        return List.of(scalar(value, what));
    }

    private static Scalar scalar(Value value, String what) {
        if (value instanceof Scalar scalar) {
            return scalar;
        }
        throw new InvalidInputException(value.origin(), "an include entry's " + what + " must be a path"
                + ("project_directory".equals(what) ? "" : " or a list of paths"));
    }
}
