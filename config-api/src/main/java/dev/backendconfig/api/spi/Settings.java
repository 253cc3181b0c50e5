package dev.backendconfig.api.spi;

import dev.backendconfig.api.InvalidBackendConfigurationException;
import dev.backendconfig.api.internal.Suggestions;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The settings of one resolution, each value with its origin.
 *
 * <p>A key is read, first match wins, from: values handed in by code (overrides), the JVM system property
 * {@code backendconfig.<key>}, the environment variable {@code BACKENDCONFIG_<KEY>} (dots and dashes become
 * {@code _}, upper case), the key in the classpath resource {@code backend-config.properties}, then the
 * setting's default. A blank value counts as unset. Every key under the prefix must be a known setting
 * ({@link #validate(Collection)}): a typo is an error, never silently ignored.
 */
public final class Settings {

    /** The classpath resource holding a project's settings. */
    public static final String RESOURCE = "backend-config.properties";

    private final Map<String, Entry> overrides;
    private final Map<String, Entry> systemProperties;
    private final Map<String, Entry> variables;
    private final Map<String, Entry> resource;
    private final List<String> notes;

    /** A raw value and where it came from. */
    private record Entry(String raw, Origin origin) {
    }

    private Settings(Map<String, Entry> overrides, Map<String, Entry> systemProperties, Map<String, Entry> variables,
            Map<String, Entry> resource, List<String> notes) {
        this.overrides = overrides;
        this.systemProperties = systemProperties;
        this.variables = variables;
        this.resource = resource;
        this.notes = notes;
    }

    /** Return settings with nothing set: every key has its default. */
    public static Settings empty() {
        return new Settings(Map.of(), Map.of(), Map.of(), Map.of(), List.of());
    }

    /** Return settings holding only {@code values}, keyed without prefix, as overrides. */
    public static Settings of(Map<String, String> values) {
        return empty().withOverrides(values, "Settings.of");
    }

    /**
     * Read the settings from system properties, environment variables and the classpath resource.
     *
     * @param systemProperties the JVM system properties (only {@code backendconfig.*} are read)
     * @param environment the environment variables (only {@code BACKENDCONFIG_*} are read)
     * @param resources where to look for {@code backend-config.properties}; null to skip the resource
     */
    public static Settings load(Map<String, String> systemProperties, Map<String, String> environment,
            ClassLoader resources) {
        Map<String, Entry> fromProperties = new TreeMap<>();
        systemProperties.forEach((name, value) -> {
            if (name.startsWith(Setting.PROPERTY_PREFIX) && value != null && !value.isBlank()) {
                fromProperties.put(name.substring(Setting.PROPERTY_PREFIX.length()),
                        new Entry(value, Origin.systemProperty(name)));
            }
        });
        Map<String, Entry> fromVariables = new TreeMap<>();
        environment.forEach((name, value) -> {
            if (name.startsWith(Setting.VARIABLE_PREFIX) && value != null && !value.isBlank()) {
                fromVariables.put(name, new Entry(value, Origin.variable(name)));
            }
        });
        List<String> notes = new ArrayList<>();
        Map<String, Entry> fromResource = resources == null ? Map.of() : readResource(resources, notes);
        return new Settings(Map.of(), fromProperties, fromVariables, fromResource, List.copyOf(notes));
    }

    /**
     * Return a copy where {@code values} (keys without prefix) win over everything else.
     *
     * @param source how the report names whoever handed them in, for example {@code "--set"}
     */
    public Settings withOverrides(Map<String, String> values, String source) {
        Map<String, Entry> merged = new TreeMap<>(overrides);
        values.forEach((key, value) -> {
            Objects.requireNonNull(key, "setting key");
            if (value != null && !value.isBlank()) {
                merged.put(key, new Entry(value, Origin.override(key, source)));
            } else {
                merged.remove(key);
            }
        });
        return new Settings(Collections.unmodifiableMap(merged), systemProperties, variables, resource, notes);
    }

    /**
     * Return the value of a setting, or its default.
     *
     * @throws InvalidBackendConfigurationException when the value set is not valid for the setting
     * @throws IllegalStateException when the setting has no default and is not set; use {@link #find} for those
     */
    public <T> T get(Setting<T> setting) {
        return find(setting).or(setting::parsedDefault).orElseThrow(() -> new IllegalStateException(
                "setting " + setting.key() + " has no default; read it with find()"));
    }

    /**
     * Return the value of a setting when it is set, without falling back to its default.
     *
     * @throws InvalidBackendConfigurationException when the value set is not valid for the setting
     */
    public <T> Optional<T> find(Setting<T> setting) {
        return entry(setting).map(entry -> setting.parse(entry.raw(), entry.origin()));
    }

    /** Return where a setting's value comes from: its origin when set, else its default. */
    public Origin origin(Setting<?> setting) {
        return entry(setting).map(Entry::origin).orElse(Origin.defaultValue(setting.key()));
    }

    /** Tell whether a setting is set anywhere (rather than left at its default). */
    public boolean isSet(Setting<?> setting) {
        return entry(setting).isPresent();
    }

    /** Return what reading the settings noticed (a second {@code backend-config.properties}, say). */
    public List<String> notes() {
        return notes;
    }

    /**
     * Check every key set under the prefix against the known settings, and every value against its setting.
     *
     * @throws InvalidBackendConfigurationException for the first unknown key (with the nearest known key as a
     *     suggestion) or the first value that is not valid
     */
    public void validate(Collection<Setting<?>> known) {
        Map<String, Setting<?>> byKey = known.stream()
                .collect(Collectors.toMap(Setting::key, s -> s, (a, b) -> a, LinkedHashMap::new));
        Map<String, Setting<?>> byVariable = known.stream()
                .collect(Collectors.toMap(Setting::variable, s -> s, (a, b) -> a, LinkedHashMap::new));
        checkKeys(overrides, byKey, byKey.keySet(), "");
        checkKeys(systemProperties, byKey, byKey.keySet(), Setting.PROPERTY_PREFIX);
        checkKeys(variables, byVariable, byVariable.keySet(), "");
        checkKeys(resource, byKey, byKey.keySet(), "");
        for (Setting<?> setting : known) {
            find(setting);
        }
    }

    /** Return every setting among {@code known} that is set, with its raw value and origin, in key order. */
    public List<ExplicitValue> explicitValues(Collection<Setting<?>> known) {
        List<ExplicitValue> values = new ArrayList<>();
        for (Setting<?> setting : known) {
            entry(setting).ifPresent(e -> values.add(new ExplicitValue(setting.key(), e.raw().strip(), e.origin())));
        }
        return values;
    }

    /**
     * A setting that is set, as the report shows it.
     *
     * @param key the setting's key
     * @param raw the value as written (may hold a URL: mask before printing)
     * @param origin where it was set
     */
    public record ExplicitValue(String key, String raw, Origin origin) {
    }

    private Optional<Entry> entry(Setting<?> setting) {
        Entry entry = overrides.get(setting.key());
        if (entry == null) {
            entry = systemProperties.get(setting.key());
        }
        if (entry == null) {
            entry = variables.get(setting.variable());
        }
        if (entry == null) {
            entry = resource.get(setting.key());
        }
        return Optional.ofNullable(entry);
    }

    private static void checkKeys(Map<String, Entry> entries, Map<String, Setting<?>> known, Set<String> names,
            String prefix) {
        for (Map.Entry<String, Entry> entry : entries.entrySet()) {
            String name = entry.getKey();
            if (known.containsKey(name)) {
                continue;
            }
            String problem = "unknown setting '" + prefix + name + "'";
            Optional<String> nearest = Suggestions.nearest(name, names);
            if (name.startsWith(Setting.PROPERTY_PREFIX) && known.containsKey(name.substring(Setting.PROPERTY_PREFIX.length()))) {
                problem += "; write it without the '" + Setting.PROPERTY_PREFIX + "' prefix";
            } else if (nearest.isPresent()) {
                problem += "; did you mean '" + prefix + nearest.get() + "'?";
            }
            throw new InvalidBackendConfigurationException(entry.getValue().origin(), problem
                    + " (every setting is listed in the README, and by 'explain --help')");
        }
    }

    private static Map<String, Entry> readResource(ClassLoader loader, List<String> notes) {
        List<URL> urls;
        try {
            Enumeration<URL> found = loader.getResources(RESOURCE);
            urls = Collections.list(found);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list classpath resources " + RESOURCE, e);
        }
        if (urls.isEmpty()) {
            return Map.of();
        }
        for (URL ignored : urls.subList(1, urls.size())) {
            notes.add("classpath resource " + RESOURCE + " also found at " + ignored + "; only the first, "
                    + urls.get(0) + ", is read");
        }
        return readProperties(urls.get(0));
    }

    private static Map<String, Entry> readProperties(URL url) {
        String location = url.toString();
        String text;
        try (InputStream in = url.openStream()) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidBackendConfigurationException(Origin.file(location, 0),
                    "cannot read the settings resource " + RESOURCE + " (" + e.getClass().getSimpleName() + ")", e);
        }
        Properties properties = new Properties();
        try (Reader reader = new StringReader(text)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidBackendConfigurationException(Origin.file(location, 0),
                    "is not a valid properties file (" + e.getMessage() + ")");
        }
        String[] lines = text.split("\r\n|\r|\n", -1);
        Map<String, Entry> entries = new TreeMap<>();
        for (String name : properties.stringPropertyNames()) {
            String value = properties.getProperty(name);
            if (!value.isBlank()) {
                entries.put(name, new Entry(value, Origin.file(location, lineOf(name, lines))));
            }
        }
        return entries;
    }

    private static int lineOf(String key, String[] lines) {
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].stripLeading();
            if (line.startsWith(key) && (line.length() == key.length()
                    || "=: \t".indexOf(line.charAt(key.length())) >= 0)) {
                return i + 1;
            }
        }
        return 0;
    }
}
