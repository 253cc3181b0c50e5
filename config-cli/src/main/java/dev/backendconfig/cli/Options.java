package dev.backendconfig.cli;

import dev.backendconfig.api.ProbeKind;
import dev.backendconfig.api.spi.Setting;
import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.toolkit.Origin;
import dev.backendconfig.toolkit.OutsideText;
import dev.backendconfig.toolkit.Secrets;
import dev.backendconfig.toolkit.Suggestions;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The parsed command line: a command ({@code explain}, the default, or {@code wait}) and its options.
 *
 * @param command what to do
 * @param directory the project directory given with {@code --dir}, else the working directory, from which the project
 *     is searched ({@link ProjectRoot})
 * @param directoryGiven whether {@code --dir} gave the directory
 * @param classpath the user's test class path given with {@code --classpath}, each entry an existing file or
 *     directory; empty when not given
 * @param format how to print the outcome
 * @param probe the probe to check the chosen endpoint with ({@code explain}) or to wait with ({@code wait}), if any
 * @param settings settings given with {@code --set}
 * @param help whether {@code --help} was asked for
 * @param export whether {@code --format=env} writes {@code export NAME=...}
 * @param details whether env and JSON output carry each service's details, secrets included
 * @param waitFor the services {@code wait} waits for ({@code --service}); empty: every service found
 * @param path the path {@code wait} probes ({@code --path}); empty: setting {@code probe.http-path}, or the WebSocket
 *     URL itself
 * @param timeout how long {@code wait} may take in all ({@code --timeout})
 */
record Options(Command command, Path directory, boolean directoryGiven, List<Path> classpath, Format format, Optional<ProbeKind> probe,
        Map<String, String> settings, boolean help, boolean export, boolean details, List<String> waitFor,
        String path, Duration timeout) {

    /** What an error says instead of a value, which may be a password typed in the wrong place. */
    private static final String NOT_SHOWN = "a value that is not one of them (not shown: it may hold a secret)";
    /**
     * The patterns of options that are checked only in errors and in wait's options, compiled when first used (a
     * class of their own is initialised then): an explain that needs none of them does not pay for compiling them.
     */
    private static final class Patterns {
        /** What an option name looks like; anything else given as an option is not quoted back. */
        static final Pattern OPTION_NAME = Pattern.compile("--?[A-Za-z0-9][A-Za-z0-9-]{0,40}");
        /** A key quoted back in an error: a word that cannot be a URL or carry a password's punctuation. */
        static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9_.-]{1,40}");
        /** What a service name looks like (setting services); anything else given to --service is not quoted back. */
        static final Pattern SERVICE_NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
        /** A path given to --path: begins with '/', no spaces or control characters. */
        static final Pattern PATH = Pattern.compile("/[\\x21-\\x7e]{0,1000}");

        private Patterns() {
        }
    }

    /** How long wait waits when --timeout is not given. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    /** Parses --timeout as a duration setting is parsed: 500ms, 2s, 1m, at most 24h. */
    private static final Setting<Duration> TIMEOUT = Setting.duration("timeout", "60s", "how long wait may take");

    /** The commands. */
    enum Command {
        /** Resolve and print the outcome. */
        EXPLAIN,
        /** Resolve, then wait until the services answer. */
        WAIT;

        /** Return the command's name as typed, and as its messages begin. */
        String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Return the command a word names, if it names one. */
        static Optional<Command> of(String word) {
            for (Command command : values()) {
                if (command.word().equals(word)) {
                    return Optional.of(command);
                }
            }
            return Optional.empty();
        }
    }

    /** The output formats. */
    enum Format {
        /** The report, as a person reads it. */
        TEXT,
        /** {@code BACKEND_URL=...} lines for other tools and languages. */
        ENV,
        /** A JSON document with the endpoint and every provider's outcome. */
        JSON
    }

    /** The options that take a value, for every command. */
    private static final List<String> OPTIONS = List.of("--dir", "--classpath", "--format", "--probe", "--set");
    /** The options that take a value, for wait only. */
    private static final List<String> WAIT_OPTIONS = List.of("--service", "--path", "--timeout");
    /** The options that take no value. */
    private static final List<String> FLAGS = List.of("--export", "--details", "--help");

    /**
     * Return the command the arguments name (the word {@code explain} or {@code wait} where an option's value cannot
     * stand), else {@code explain}; errors of the command line begin with its name.
     */
    static Command commandOf(List<String> arguments) {
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (takesValue(argument) && !argument.contains("=")) {
                i++;
                continue;
            }
            Optional<Command> command = Command.of(argument);
            if (command.isPresent()) {
                return command.get();
            }
        }
        return Command.EXPLAIN;
    }

    private static boolean takesValue(String name) {
        return OPTIONS.contains(name) || WAIT_OPTIONS.contains(name);
    }

    /** Parse the arguments; {@code workingDirectory} is where a relative {@code --dir} starts. */
    static Options parse(List<String> arguments, Path workingDirectory) throws UsageException {
        Optional<Command> command = Optional.empty();
        Path directory = workingDirectory;
        boolean directoryGiven = false;
        List<Path> classpath = List.of();
        Format format = Format.TEXT;
        Optional<ProbeKind> probe = Optional.empty();
        Map<String, String> settings = new LinkedHashMap<>();
        boolean help = false;
        boolean export = false;
        boolean details = false;
        List<String> waitFor = new ArrayList<>();
        Optional<String> path = Optional.empty();
        Optional<Duration> timeout = Optional.empty();
        List<String> waitOnly = new ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            int eq = argument.startsWith("--") ? argument.indexOf('=') : -1;
            String name = eq > 0 ? argument.substring(0, eq) : argument;
            Optional<Command> word = Command.of(argument);
            if (word.isPresent()) {
                if (command.isPresent()) {
                    throw new UsageException("give one command, explain or wait, not two (see --help)");
                }
                command = word;
                continue;
            }
            if (name.equals("-h") || FLAGS.contains(name)) {
                if (eq > 0) {
                    throw new UsageException(name + " takes no value (see --help)");
                }
                switch (name) {
                    case "--export" -> export = true;
                    case "--details" -> details = true;
                    default -> help = true;
                }
                continue;
            }
            if (!takesValue(name)) {
                throw unknown(argument, name, eq > 0);
            }
            String value;
            if (eq > 0) {
                value = argument.substring(eq + 1);
            } else if (i + 1 < arguments.size() && !arguments.get(i + 1).startsWith("--")) {
                value = arguments.get(++i);
            } else {
                throw new UsageException(name + " needs a value (see --help)");
            }
            if (WAIT_OPTIONS.contains(name)) {
                waitOnly.add(name);
            }
            switch (name) {
                case "--dir" -> {
                    directory = directory(workingDirectory, value);
                    directoryGiven = true;
                }
                case "--classpath" -> classpath = classpath(workingDirectory, value);
                case "--format" -> format = format(value);
                case "--probe" -> probe = Optional.of(probe(value));
                case "--service" -> waitFor.add(service(value));
                case "--path" -> path = Optional.of(path(value));
                case "--timeout" -> timeout = Optional.of(timeout(value));
                default -> setting(value, settings);
            }
        }
        Command chosen = command.orElse(Command.EXPLAIN);
        if (chosen != Command.WAIT && !waitOnly.isEmpty()) {
            throw new UsageException(waitOnly.get(0) + " is an option of wait: backend-config wait " + waitOnly.get(0)
                    + " ... (see --help)");
        }
        if (export && format != Format.ENV) {
            throw new UsageException("--export writes export NAME=... lines of --format=env; add --format=env");
        }
        if (details && format == Format.TEXT) {
            throw new UsageException("--details adds each service's details, secrets included, to --format=env or"
                    + " --format=json; the text report never shows secrets");
        }
        if (chosen == Command.WAIT && probe.equals(Optional.of(ProbeKind.NONE))) {
            throw new UsageException("--probe none would wait for nothing; wait with tcp, http or websocket");
        }
        if (chosen == Command.EXPLAIN && settings.containsKey("docker.start")
                && !settings.get("docker.start").strip().equals("never")) {
            throw new UsageException("--set docker.start: explain never starts a stack, it only says what is there;"
                    + " start it with backend-config up (or wait, or the tests, with docker.start=if-missing)");
        }
        if (path.isPresent() && probe.orElse(ProbeKind.HTTP) == ProbeKind.TCP) {
            throw new UsageException("--path is for --probe http or websocket; a tcp probe has no path");
        }
        return new Options(chosen, directory, directoryGiven, classpath, format, probe, settings, help, export, details,
                List.copyOf(waitFor), path.orElse(""), timeout.orElse(DEFAULT_TIMEOUT));
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
            throw new UsageException("--classpath " + shown(value) + ": none of its entries exists under "
                    + workingDirectory + " (build the project first, for example with mvn test-compile)");
        }
        return List.copyOf(entries);
    }

    private static List<Path> jarsIn(Path directory, String entry) throws UsageException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jar"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UsageException("--classpath entry " + shown(entry) + ": cannot list " + directory + " ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private static Format format(String value) throws UsageException {
        try {
            return Format.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--format expects text, env or json, got " + NOT_SHOWN);
        }
    }

    private static String service(String value) throws UsageException {
        if (!Patterns.SERVICE_NAME.matcher(value).matches() || value.length() > 63) {
            throw new UsageException("--service expects a service name such as backend or auth (lower-case letters and"
                    + " digits, words joined by '-'), got a value that is not one (not shown: it may hold a secret)");
        }
        return value;
    }

    private static String path(String value) throws UsageException {
        if (!Patterns.PATH.matcher(value).matches() || mayHoldSecret(value)) {
            throw new UsageException("--path expects a path that begins with '/', such as /health, without spaces,"
                    + " got a value that is not one (not shown: it may hold a secret)");
        }
        return value;
    }

    private static Duration timeout(String value) throws UsageException {
        Duration timeout;
        try {
            timeout = TIMEOUT.parse(value, Origin.other("--timeout"));
        } catch (InvalidInputException e) {
            throw new UsageException("--timeout" + e.problem().substring(("setting " + TIMEOUT.key()).length()));
        }
        if (timeout.isZero()) {
            throw new UsageException("--timeout expects a duration longer than 0, such as 60s");
        }
        return timeout;
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
                    + (Patterns.PLAIN_WORD.matcher(bare).matches() ? bare : "<key>") + "=...");
        }
        settings.put(key, value.substring(eq + 1));
    }

    /**
     * Refuse an argument that is not an option, without quoting what may be a secret: an option's name is shown (with
     * the nearest option), its value never ({@code --url=...}); an argument that is not an option name is not shown
     * at all.
     */
    private static UsageException unknown(String argument, String name, boolean withValue) {
        if (Patterns.OPTION_NAME.matcher(name).matches()) {
            List<String> all = new ArrayList<>(OPTIONS);
            all.addAll(WAIT_OPTIONS);
            all.addAll(FLAGS);
            return new UsageException("unknown option '" + name + (withValue ? "=..." : "") + "'"
                    + Suggestions.nearest(name, all).map(nearest -> "; did you mean '" + nearest + "'?").orElse("")
                    + " (see --help)");
        }
        if (!argument.startsWith("-")) {
            return new UsageException("unexpected argument (not shown: it may hold a secret); the commands are explain"
                    + " and wait, and each value follows its option: --dir DIR, --set key=value (see --help)");
        }
        return new UsageException("unknown option (not shown: it is not an option name and may hold a secret) (see"
                + " --help)");
    }

    /** Return a path argument fit to quote, or a stand-in when it looks like it may hold a password. */
    private static String shown(String value) {
        return mayHoldSecret(value) ? "(not shown: it looks like a URL, which may hold a password)"
                : "'" + OutsideText.oneLine(value) + "'";
    }

    /** Tell whether a path argument looks like a URL or user info, which may hold a password. */
    private static boolean mayHoldSecret(String value) {
        return value.contains("@") || value.contains("://") || !Secrets.maskText(value).equals(value);
    }
}
