package dev.backendconfig.cli;

import dev.backendconfig.api.Secrets;
import dev.backendconfig.api.spi.ProbeKind;
import dev.backendconfig.api.spi.Setting;
import dev.backendconfig.api.spi.Suggestions;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The parsed command line of {@code explain}.
 *
 * @param directory the project directory to resolve from
 * @param classpath the user's test class path given with {@code --classpath}, each entry an existing file or
 *     directory; empty when not given
 * @param format how to print the outcome
 * @param probe the probe to check the chosen endpoint with, if any
 * @param settings settings given with {@code --set}
 * @param help whether {@code --help} was asked for
 */
record Options(Path directory, List<Path> classpath, Format format, Optional<ProbeKind> probe,
        Map<String, String> settings, boolean help) {

    /** The output formats. */
    enum Format {
        /** The report, as a person reads it. */
        TEXT,
        /** {@code BACKEND_URL=...} lines for other tools and languages. */
        ENV,
        /** A JSON document with the endpoint and every provider's outcome. */
        JSON
    }

    /** The options that take a value. */
    private static final List<String> OPTIONS = List.of("--dir", "--classpath", "--format", "--probe", "--set");
    private static final Pattern OPTION_NAME = Pattern.compile("--?[A-Za-z][A-Za-z0-9-]{0,40}");

    /**
     * Refuse an argument that is not an option. Only a name that looks like an option is quoted (with the nearest
     * option); anything else might be a value, even a password, and is never echoed.
     */
    private static UsageException unknown(String name) {
        if (!OPTION_NAME.matcher(name).matches()) {
            return new UsageException("unexpected argument at a place where an option belongs (options start with --;"
                    + " values follow their option: --dir DIR, --set key=value; see --help)");
        }
        List<String> all = new ArrayList<>(OPTIONS);
        all.add("--help");
        return new UsageException("unknown option '" + name + "'" + Suggestions.nearest(name, all)
                .map(nearest -> "; did you mean '" + nearest + "'?").orElse("") + " (see --help)");
    }

    /** Parse the arguments; {@code workingDirectory} is where a relative {@code --dir} starts. */
    static Options parse(List<String> arguments, Path workingDirectory) throws UsageException {
        Path directory = workingDirectory;
        List<Path> classpath = List.of();
        Format format = Format.TEXT;
        Optional<ProbeKind> probe = Optional.empty();
        Map<String, String> settings = new LinkedHashMap<>();
        boolean help = false;
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            int eq = argument.startsWith("--") ? argument.indexOf('=') : -1;
            String name = eq > 0 ? argument.substring(0, eq) : argument;
            if (name.equals("--help") || name.equals("-h")) {
                help = true;
                continue;
            }
            if (!OPTIONS.contains(name)) {
                throw unknown(name);
            }
            String value;
            if (eq > 0) {
                value = argument.substring(eq + 1);
            } else if (i + 1 < arguments.size() && !arguments.get(i + 1).startsWith("--")) {
                value = arguments.get(++i);
            } else {
                throw new UsageException(name + " needs a value (see --help)");
            }
            switch (name) {
                case "--dir" -> directory = directory(workingDirectory, value);
                case "--classpath" -> classpath = classpath(workingDirectory, value);
                case "--format" -> format = format(value);
                case "--probe" -> probe = Optional.of(probe(value));
                default -> setting(value, settings);
            }
        }
        return new Options(directory, classpath, format, probe, settings, help);
    }

    private static Path directory(Path workingDirectory, String value) throws UsageException {
        Path directory = workingDirectory.resolve(value).normalize();
        if (!Files.isDirectory(directory)) {
            throw new UsageException("--dir " + printable(value) + ": " + directory
                    + (Files.exists(directory) ? " is not a directory" : " does not exist"));
        }
        return directory;
    }

    /**
     * Split a class path as {@code java -cp} does: entries separated by the platform's path separator, relative ones
     * resolved from the working directory, {@code DIR/*} standing for the jars in {@code DIR}, an entry that does not
     * exist skipped (a test-only project has no {@code target/classes}). When none exists, the project was most
     * likely not built yet, and that is refused.
     */
    private static List<Path> classpath(Path workingDirectory, String value) throws UsageException {
        List<Path> entries = new ArrayList<>();
        List<String> written = new ArrayList<>();
        for (String entry : value.split(Pattern.quote(File.pathSeparator))) {
            if (entry.isBlank()) {
                continue;
            }
            written.add(entry);
            boolean wildcard = entry.equals("*") || entry.endsWith(File.separator + "*");
            Path path = workingDirectory.resolve(wildcard ? entry.substring(0, entry.length() - 1) : entry).normalize();
            if (!Files.exists(path)) {
                continue;
            }
            if (wildcard) {
                entries.addAll(jarsIn(path, entry));
            } else {
                entries.add(path);
            }
        }
        if (written.isEmpty()) {
            throw new UsageException("--classpath needs at least one entry, separated by '" + File.pathSeparator + "'");
        }
        if (entries.isEmpty()) {
            throw new UsageException("--classpath " + printable(value) + ": none of its entries exists under "
                    + workingDirectory + " (build the project first, for example with mvn test-compile)");
        }
        return List.copyOf(entries);
    }

    private static List<Path> jarsIn(Path directory, String entry) throws UsageException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jar"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UsageException("--classpath entry " + printable(entry) + ": cannot list " + directory + " ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private static Format format(String value) throws UsageException {
        try {
            return Format.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--format expects text, env or json, got '" + printable(value) + "'");
        }
    }

    private static ProbeKind probe(String value) throws UsageException {
        for (ProbeKind kind : ProbeKind.values()) {
            if (Setting.spelling(kind).equalsIgnoreCase(value)) {
                return kind;
            }
        }
        throw new UsageException("--probe expects none, tcp, http or websocket, got '" + printable(value) + "'");
    }

    private static void setting(String value, Map<String, String> settings) throws UsageException {
        int eq = value.indexOf('=');
        if (eq <= 0) {
            throw new UsageException("--set expects key=value (for example --set docker.service=backend), got '"
                    + printable(value) + "'");
        }
        String key = value.substring(0, eq).strip();
        if (key.startsWith("backendconfig.")) {
            throw new UsageException("--set takes keys without the backendconfig. prefix: --set "
                    + key.substring("backendconfig.".length()) + "=...");
        }
        settings.put(key, value.substring(eq + 1));
    }

    /** Return an argument fit to quote: user info in a URL masked, control characters replaced, shortened. */
    private static String printable(String text) {
        String masked = Secrets.maskText(text);
        String shortened = masked.length() > 60 ? masked.substring(0, 60) + "..." : masked;
        return shortened.replaceAll("\\p{Cntrl}", "?");
    }
}
