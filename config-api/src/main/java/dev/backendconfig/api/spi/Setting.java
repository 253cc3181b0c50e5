package dev.backendconfig.api.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.apiguardian.api.API.Status.STABLE;

import dev.backendconfig.api.internal.SettingNames;
import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.toolkit.Origin;
import dev.backendconfig.toolkit.Suggestions;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * One setting: its key, its type, its default and what it is for.
 *
 * <p>A setting with key {@code docker.container-port} is read from system property
 * {@code backendconfig.docker.container-port}, environment variable {@code BACKENDCONFIG_DOCKER_CONTAINER_PORT}
 * or key {@code docker.container-port} in the classpath resource {@code backend-config.properties}, in that
 * order (see {@link Settings}). Custom providers declare theirs in
 * {@link EndpointProvider#settings()} so that they are not reported as unknown.
 *
 * @param <T> the type of the parsed value
 */
@API(status = STABLE, since = "1.0")
public final class Setting<T> {

    /** The code of a setting whose value is not valid for it. */
    private static final String CODE = "BCFG00011";


    /** The longest duration any setting accepts: longer is a typo, and would overflow the clock arithmetic. */
    private static final Duration MAX_DURATION = Duration.ofHours(24);

    // What a setting's values are, as a constant rather than a parser lambda each: every provider's settings are
    // declared, and their defaults parsed, in every first resolution, where each lambda's first call costs a fresh JVM
    // more than the parsing (the first one also starts the JDK's lambda machinery).
    private static final int TEXT = 0;
    private static final int CHOICE = 1;
    private static final int LIST = 2;
    private static final int INTEGER = 3;
    private static final int DURATION = 4;
    private static final int FLAG = 5;

    private final String key;
    private final String defaultValue;
    private final String expected;
    private final String description;
    private final int kind;
    /** The constants a choice takes, and their spellings; empty for other kinds. */
    private final List<? extends Enum<?>> constants;
    private final List<String> spellings;
    /** An integer's bounds. */
    private final int min;
    private final int max;
    private final boolean program;

    private Setting(String key, String defaultValue, String expected, String description, int kind) {
        this(key, defaultValue, expected, description, kind, List.of(), List.of(), 0, 0, false);
    }

    private Setting(String key, String defaultValue, String expected, String description, int kind,
            List<? extends Enum<?>> constants, List<String> spellings, int min, int max, boolean program) {
        if (!SettingNames.isKey(key)) {
            throw new IllegalArgumentException("setting key '" + key
                    + "' must be lower-case words separated by '.' or '-', such as acme.container-port");
        }
        this.key = key;
        this.defaultValue = defaultValue;
        this.expected = expected;
        this.description = Objects.requireNonNull(description, "description");
        this.kind = kind;
        this.constants = constants;
        this.spellings = spellings;
        this.min = min;
        this.max = max;
        this.program = program;
        if (defaultValue != null) {
            value(defaultValue);
        }
    }

    /** Return this setting under another key and default (a per-service setting's, {@link ServiceSetting}). */
    Setting<T> renamed(String otherKey, String otherDefault) {
        return new Setting<>(otherKey, otherDefault, expected, description, kind, constants, spellings, min, max,
                program);
    }

    /** Declare a free-text setting; {@code defaultValue} may be null for "no default". */
    public static Setting<String> text(String key, String defaultValue, String description) {
        return new Setting<>(key, defaultValue, "any text", description, TEXT);
    }

    /**
     * Declare a setting that takes one of some constants of an enum, written in lower case with {@code -} for
     * {@code _} ({@code ON_MISSING} is written {@code on-missing}) and compared without regard to case.
     *
     * @param allowed the constants it takes, in the order messages list them ({@code List.of(ProbeKind.values())}
     *     for all)
     * @param defaultValue the default, or null for "no default"
     */
    public static <E extends Enum<E>> Setting<E> choice(String key, List<E> allowed, E defaultValue,
            String description) {
        List<E> constants = List.copyOf(allowed);
        List<String> spellings = new ArrayList<>(constants.size());
        for (E constant : constants) {
            spellings.add(spelling(constant));
        }
        return new Setting<>(key, defaultValue == null ? null : spelling(defaultValue),
                "one of " + String.join(", ", spellings), description, CHOICE, constants, List.copyOf(spellings), 0, 0,
                false);
    }

    /** Return how a choice setting writes an enum constant: {@code WEBSOCKET} as {@code websocket}. */
    public static String spelling(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Declare a comma-separated list setting; blank entries are dropped. */
    public static Setting<List<String>> list(String key, String defaultValue, String description) {
        return new Setting<>(key, defaultValue, "a comma-separated list", description, LIST);
    }

    // a loop rather than a stream: every list setting's default is parsed when it is declared, in every first
    // resolution, where a stream pipeline's classes and lambdas cost a fresh JVM more than the work
    private static List<String> parseList(String raw) {
        List<String> entries = new ArrayList<>();
        for (String entry : raw.split(",")) {
            String stripped = entry.strip();
            if (!stripped.isEmpty()) {
                entries.add(stripped);
            }
        }
        return List.copyOf(entries);
    }

    /** Declare an integer setting that must lie within {@code min}..{@code max}. */
    public static Setting<Integer> integer(String key, Integer defaultValue, int min, int max, String description) {
        return new Setting<>(key, defaultValue == null ? null : defaultValue.toString(),
                "a whole number from " + min + " to " + max, description, INTEGER, List.of(), List.of(), min, max, false);
    }

    /** Declare a duration setting written {@code 500ms}, {@code 2s}, {@code 1m}, {@code 1h} or ISO-8601 {@code PT2S}. */
    public static Setting<Duration> duration(String key, String defaultValue, String description) {
        return new Setting<>(key, defaultValue, "a duration such as 500ms, 2s or 1m, at most 24h", description,
                DURATION);
    }

    /** Declare a true/false setting. */
    public static Setting<Boolean> flag(String key, boolean defaultValue, String description) {
        return new Setting<>(key, Boolean.toString(defaultValue), "true or false", description, FLAG);
    }

    /**
     * Return this setting marked as naming a program the library runs (with its arguments), such as
     * {@code docker.ssh-command}. Such a setting is taken only from the user's own environment, system properties, code
     * or command line, never from a project file (the classpath resource {@code backend-config.properties}): a
     * checkout, which {@code explain --dir} reads to diagnose it, must not be able to make the library run a command.
     * A project file that sets it is an error saying where to set it instead, and the report shows only the program,
     * never its arguments (a command line may hold a password).
     */
    @API(status = EXPERIMENTAL, since = "1.0")
    public Setting<T> namingAProgram() {
        return new Setting<>(key, defaultValue, expected, description, kind, constants, spellings, min, max, true);
    }

    /** Tell whether this setting names a program to run ({@link #namingAProgram()}). */
    @API(status = EXPERIMENTAL, since = "1.0")
    public boolean namesAProgram() {
        return program;
    }

    /** Return the key, for example {@code docker.container-port}. */
    public String key() {
        return key;
    }

    /** Return the default as the manual (docs/settings.md) writes it, when there is one. */
    public Optional<String> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    /** Return what a valid value looks like, for error messages. */
    String expected() {
        return expected;
    }

    /** Return what the setting is for, one sentence. */
    public String description() {
        return description;
    }

    /**
     * Parse a raw value read from {@code origin}.
     *
     * @throws InvalidInputException naming the origin, what a valid value looks like and what is wrong
     *     with the value set, never the value itself: a value set in the wrong place may be a password
     */
    public T parse(String raw, Origin origin) {
        try {
            return value(raw.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(CODE, origin, "setting " + key + " expects " + expected + ", "
                    + e.getMessage());
        }
    }

    /** Return the parsed default, when there is one. */
    public Optional<T> parsedDefault() {
        return defaultValue == null ? Optional.empty() : Optional.of(value(defaultValue));
    }

    /** Return the value {@code raw} is, or throw IllegalArgumentException whose message says what was found. */
    @SuppressWarnings("unchecked")
    private T value(String raw) {
        Object value;
        if (kind == TEXT) {
            value = raw;
        } else if (kind == CHOICE) {
            value = choiceOf(raw);
        } else if (kind == LIST) {
            value = parseList(raw);
        } else if (kind == INTEGER) {
            value = integerOf(raw);
        } else if (kind == DURATION) {
            value = parseDuration(raw);
        } else {
            value = flagOf(raw);
        }
        return (T) value;
    }

    private Enum<?> choiceOf(String raw) {
        String lower = raw.toLowerCase(Locale.ROOT);
        for (Enum<?> constant : constants) {
            if (spelling(constant).equals(lower)) {
                return constant;
            }
        }
        throw new IllegalArgumentException("got a value that is not one of them"
                + Suggestions.nearest(lower, spellings).map(near -> "; did you mean '" + near + "'?").orElse(""));
    }

    private int integerOf(String raw) {
        int value;
        try {
            value = Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("got a value that is not a whole number");
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException("got a number outside that range");
        }
        return value;
    }

    private static boolean flagOf(String raw) {
        String lower = raw.toLowerCase(Locale.ROOT);
        if (!lower.equals("true") && !lower.equals("false")) {
            throw new IllegalArgumentException("got a value that is neither");
        }
        return Boolean.parseBoolean(lower);
    }

    private static Duration parseDuration(String raw) {
        Duration parsed = parseDurationText(raw);
        if (parsed.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException("got a duration longer than the maximum of 24h");
        }
        return parsed;
    }

    private static Duration parseDurationText(String raw) {
        Optional<Duration> written = parseShortDuration(raw.toLowerCase(Locale.ROOT));
        if (written.isPresent()) {
            return written.get();
        }
        if (raw.toUpperCase(Locale.ROOT).startsWith("PT") && raw.length() <= 40) {
            try {
                Duration parsed = Duration.parse(raw.toUpperCase(Locale.ROOT));
                if (!parsed.isNegative()) {
                    return parsed;
                }
            } catch (DateTimeParseException | ArithmeticException e) {
                // reported below with the accepted forms
            }
        }
        throw new IllegalArgumentException(!raw.isEmpty() && raw.chars().allMatch(Character::isDigit)
                ? "got a number without a unit (add ms, s or m)" : "got a value that is not a duration");
    }

    /**
     * Parse {@code 500ms}, {@code 2 s}, {@code 1m}, {@code 1h}: one to nine digits, optional white space, a unit (what
     * {@code (\d{1,9})\s*(ms|s|m|h)} matches), scanned rather than matched: durations are parsed in every first
     * resolution (setting defaults), where compiling a pattern costs a fresh JVM more than the scan.
     */
    private static Optional<Duration> parseShortDuration(String lower) {
        int digits = 0;
        while (digits < lower.length() && lower.charAt(digits) >= '0' && lower.charAt(digits) <= '9') {
            digits++;
        }
        if (digits == 0 || digits > 9) {
            return Optional.empty();
        }
        int unit = digits;
        while (unit < lower.length() && " \t\n\013\f\r".indexOf(lower.charAt(unit)) >= 0) {
            unit++;
        }
        long amount = Long.parseLong(lower.substring(0, digits));
        return switch (lower.substring(unit)) {
            case "ms" -> Optional.of(Duration.ofMillis(amount));
            case "s" -> Optional.of(Duration.ofSeconds(amount));
            case "m" -> Optional.of(Duration.ofMinutes(amount));
            case "h" -> Optional.of(Duration.ofHours(amount));
            default -> Optional.empty();
        };
    }

    @Override
    public String toString() {
        return key;
    }
}
