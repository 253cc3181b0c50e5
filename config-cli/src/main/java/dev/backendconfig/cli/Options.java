package dev.backendconfig.cli;

import dev.backendconfig.api.Secrets;
import dev.backendconfig.api.spi.OutsideText;
import dev.backendconfig.api.spi.ProbeKind;
import dev.backendconfig.api.spi.Setting;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The parsed command line of {@code explain}.
 *
 * @param directory the project directory to resolve from
 * @param format how to print the outcome
 * @param probe the probe to check the chosen endpoint with, if any
 * @param settings settings given with {@code --set}
 * @param help whether {@code --help} was asked for
 */
record Options(Path directory, Format format, Optional<ProbeKind> probe, Map<String, String> settings, boolean help) {

    /** What an option name looks like; anything else given as an option is not quoted back. */
    private static final Pattern OPTION_NAME = Pattern.compile("--?[A-Za-z0-9][A-Za-z0-9-]{0,40}");
    /** What an error says instead of a value, which may be a password typed in the wrong place. */
    private static final String NOT_SHOWN = "a value that is not one of them (not shown: it may hold a secret)";
    /** A key quoted back in an error: a word that cannot be a URL or carry a password's punctuation. */
    private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9_.-]{1,40}");

    /** The output formats. */
    enum Format {
        /** The report, as a person reads it. */
        TEXT,
        /** {@code BACKEND_URL=...} lines for other tools and languages. */
        ENV,
        /** A JSON document with the endpoint and every provider's outcome. */
        JSON
    }

    /** Parse the arguments; {@code workingDirectory} is where a relative {@code --dir} starts. */
    static Options parse(List<String> arguments, Path workingDirectory) throws UsageException {
        Path directory = workingDirectory;
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
            if (!List.of("--dir", "--format", "--probe", "--set").contains(name)) {
                throw new UsageException(unknown(argument, name, eq > 0));
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
                case "--format" -> format = format(value);
                case "--probe" -> probe = Optional.of(probe(value));
                default -> setting(value, settings);
            }
        }
        return new Options(directory, format, probe, settings, help);
    }

    private static Path directory(Path workingDirectory, String value) throws UsageException {
        Path directory;
        try {
            directory = workingDirectory.resolve(value).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            throw new UsageException("--dir: the directory given is not a path on this system (not shown)");
        }
        if (!Files.isDirectory(directory)) {
            String problem = Files.exists(directory) ? " is not a directory" : " does not exist";
            if (mayHoldSecret(value)) {
                throw new UsageException("--dir: the directory given" + problem + " (not shown: it looks like a URL,"
                        + " which may hold a password)");
            }
            throw new UsageException("--dir " + OutsideText.oneLine(value) + ": " + OutsideText.oneLine(
                    directory.toString()) + problem);
        }
        return directory;
    }

    private static Format format(String value) throws UsageException {
        try {
            return Format.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--format expects text, env or json, got " + NOT_SHOWN);
        }
    }

    private static ProbeKind probe(String value) throws UsageException {
        for (ProbeKind kind : ProbeKind.values()) {
            if (Setting.spelling(kind).equalsIgnoreCase(value)) {
                return kind;
            }
        }
        throw new UsageException("--probe expects none, tcp, http or websocket, got " + NOT_SHOWN);
    }

    private static void setting(String value, Map<String, String> settings) throws UsageException {
        int eq = value.indexOf('=');
        if (eq <= 0) {
            throw new UsageException("--set expects key=value (for example --set docker.service=backend), got "
                    + (eq == 0 ? "a value without a key before '='" : "a value without '='"));
        }
        String key = value.substring(0, eq).strip();
        if (key.startsWith("backendconfig.")) {
            String bare = key.substring("backendconfig.".length());
            throw new UsageException("--set takes keys without the backendconfig. prefix: --set "
                    + (PLAIN_WORD.matcher(bare).matches() ? bare : "<key>") + "=...");
        }
        settings.put(key, value.substring(eq + 1));
    }

    /**
     * Describe an unknown argument without quoting what may be a secret: an option's name is shown, its value never
     * ({@code --url=...}); an argument that is not an option name is not shown at all.
     */
    private static String unknown(String argument, String name, boolean withValue) {
        if (OPTION_NAME.matcher(name).matches()) {
            return "unknown option '" + name + (withValue ? "=..." : "") + "' (see --help)";
        }
        if (!argument.startsWith("-")) {
            return "unexpected argument (not shown: it may hold a secret); explain takes options only (see --help)";
        }
        return "unknown option (not shown: it is not an option name and may hold a secret) (see --help)";
    }

    /** Tell whether a path argument looks like a URL or user info, which may hold a password. */
    private static boolean mayHoldSecret(String value) {
        return value.contains("@") || value.contains("://") || !Secrets.maskText(value).equals(value);
    }
}
