package dev.backendconfig.docker.internal.compose;

import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.toolkit.dotenv.Dotenv;
import dev.backendconfig.toolkit.dotenv.DotenvEntry;
import dev.backendconfig.toolkit.dotenv.DotenvFile;
import dev.backendconfig.toolkit.Origin;
import dev.backendconfig.docker.internal.compose.ComposeFiles.Variable;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The variables compose reads for one project: the environment first, then each env file in turn (an earlier one
 * wins over a later one), as docker compose merges them. An empty or blank variable counts as unset.
 */
final class ComposeVariables {

    /** What {@code COMPOSE_DISABLE_ENV_FILE} may say, as compose parses it (Go's {@code strconv.ParseBool}). */
    private static final Set<String> TRUE = Set.of("1", "t", "T", "TRUE", "true", "True");
    private static final Set<String> FALSE = Set.of("0", "f", "F", "FALSE", "false", "False");

    private final Map<String, String> environment;
    private final List<DotenvFile> files;
    private final List<Path> paths;

    private ComposeVariables(Map<String, String> environment, List<DotenvFile> files, List<Path> paths) {
        this.environment = environment;
        this.files = List.copyOf(files);
        this.paths = List.copyOf(paths);
    }

    /** Return the variables of the environment alone. */
    static ComposeVariables of(Map<String, String> environment) {
        return new ComposeVariables(environment, List.of(), List.of());
    }

    /**
     * Return these variables with an env file's added after the others (the earlier ones win); a file that is already
     * read is not read again.
     *
     * @throws InvalidInputException when it cannot be read or a line is malformed
     */
    ComposeVariables with(Path file) {
        Path normal = file.toAbsolutePath().normalize();
        if (paths.contains(normal)) {
            return this;
        }
        List<DotenvFile> more = new ArrayList<>(files);
        more.add(Dotenv.read(normal, environment));
        List<Path> morePaths = new ArrayList<>(paths);
        morePaths.add(normal);
        return new ComposeVariables(environment, more, morePaths);
    }

    /** Return these variables with {@code .env} of {@code directory} added, when it exists (and is no directory). */
    ComposeVariables withDotEnvOf(Path directory) {
        Path file = directory.resolve(".env");
        boolean exists = Files.exists(file) || Files.exists(file, LinkOption.NOFOLLOW_LINKS);
        return exists && !Files.isDirectory(file) ? with(file) : this;
    }

    /** Return the env files read, in order. */
    List<Path> files() {
        return paths;
    }

    /** Return the notes of the env files (duplicates, ...), each naming its file. */
    List<String> notes() {
        List<String> notes = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            String name = paths.get(i).toString();
            for (String note : files.get(i).notes()) {
                notes.add(note.startsWith(name) ? note : name + ": " + note);
            }
        }
        return notes;
    }

    /** Return a variable's value and where it came from; empty when unset, empty or blank everywhere. */
    Optional<Variable> find(String name) {
        String real = environment.get(name);
        if (real != null && !real.isBlank()) {
            return Optional.of(new Variable(real, Origin.variable(name)));
        }
        for (DotenvFile file : files) {
            Optional<DotenvEntry> entry = file.entry(name);
            if (entry.isPresent() && !entry.get().value().isBlank()) {
                return Optional.of(new Variable(entry.get().value(), file.origin(entry.get())));
            }
        }
        return Optional.empty();
    }

    /** Return the lookup interpolation uses: the environment's value when set to anything but empty, else the files'. */
    Function<String, Optional<String>> lookup() {
        return new Lookup();
    }

    /** {@link #lookup()}: a class, not a lambda (a first resolution reading a compose file links none). */
    private final class Lookup implements Function<String, Optional<String>> {
        @Override
        public Optional<String> apply(String name) {
            String real = environment.get(name);
            if (real != null && !real.isEmpty()) {
                return Optional.of(real);
            }
            for (DotenvFile file : files) {
                Optional<DotenvEntry> entry = file.entry(name);
                if (entry.isPresent()) {
                    return Optional.of(entry.get().value());
                }
            }
            return Optional.empty();
        }
    }

    /**
     * Tell whether {@code COMPOSE_DISABLE_ENV_FILE} turns the default env file off (docker compose reads it from the
     * environment only, as Go's {@code strconv.ParseBool} does).
     *
     * @throws InvalidInputException when it is set to something that is not true or false
     */
    static boolean envFileDisabled(Map<String, String> environment) {
        String value = environment.get("COMPOSE_DISABLE_ENV_FILE");
        if (value == null || value.isEmpty()) {
            return false;
        }
        if (TRUE.contains(value)) {
            return true;
        }
        if (FALSE.contains(value)) {
            return false;
        }
        throw new InvalidInputException(Origin.variable("COMPOSE_DISABLE_ENV_FILE"), "expected true or"
                + " false (also 1, 0, t, f, TRUE, FALSE, True, False), as docker compose reads it; got another value");
    }
}
