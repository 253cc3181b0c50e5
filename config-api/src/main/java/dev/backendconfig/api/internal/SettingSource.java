package dev.backendconfig.api.internal;

import dev.backendconfig.api.spi.Setting;
import dev.backendconfig.toolkit.Origin;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One place settings are read from: code overrides, system properties, environment variables or the classpath
 * resource. Blank values are dropped when the source is made, so that blank and unset mean the same thing.
 *
 * @param kind which place this is
 * @param entries the values set there, by name as written there (a key, a property or a variable name)
 */
public record SettingSource(Kind kind, Map<String, Entry> entries) {

    /** The places, in the order a key is looked up. */
    public enum Kind {
        /** Handed in by code or a command line; named by key. */
        OVERRIDES,
        /** {@code backendconfig.<key>}; named by key (prefix removed). */
        SYSTEM_PROPERTIES,
        /** {@code BACKENDCONFIG_<KEY>}; named by variable. */
        VARIABLES,
        /** {@code backend-config.properties}; named by key. */
        RESOURCE;

        /**
         * Tell whether values here come from a project file — a file of the checkout, which anyone who can change the
         * checkout writes — rather than from the user's own environment, JVM, code or command line.
         */
        public boolean isProjectFile() {
            return this == RESOURCE;
        }

        /** Return how a person sets a key here, for messages: {@code -Dbackendconfig.docker.host=...}. */
        String howToSet(Setting<?> setting) {
            return switch (this) {
                case OVERRIDES -> "--set " + setting.key() + "=... on the explain command line (or in code)";
                case SYSTEM_PROPERTIES -> "-D" + SettingNames.PROPERTY_PREFIX + setting.key() + "=...";
                case VARIABLES -> SettingNames.variable(setting.key()) + "=... in your environment";
                case RESOURCE -> setting.key() + "=... in " + PropertiesResource.NAME;
            };
        }
    }

    /**
     * A raw value and where it came from.
     *
     * @param raw the value as set
     * @param origin where it was set
     */
    public record Entry(String raw, Origin origin) {
    }

    public SettingSource {
        Objects.requireNonNull(kind, "kind");
        entries = Collections.unmodifiableMap(new TreeMap<>(entries));
    }

    /** Return code overrides, keyed without prefix. */
    public static SettingSource overrides(Map<String, String> values, String source) {
        return new SettingSource(Kind.OVERRIDES, Map.of()).plusOverrides(values, source);
    }

    /** Return the {@code backendconfig.*} system properties, keyed without prefix. */
    public static SettingSource systemProperties(Map<String, String> properties) {
        Map<String, Entry> entries = new TreeMap<>();
        for (Map.Entry<String, String> property : properties.entrySet()) {
            String name = property.getKey();
            String value = property.getValue();
            if (name.startsWith(SettingNames.PROPERTY_PREFIX) && value != null && !value.isBlank()) {
                entries.put(name.substring(SettingNames.PROPERTY_PREFIX.length()), new Entry(value, Origin.systemProperty(name)));
            }
        }
        return new SettingSource(Kind.SYSTEM_PROPERTIES, entries);
    }

    /** Return the {@code BACKENDCONFIG_*} variables, keyed by variable name. */
    public static SettingSource variables(Map<String, String> environment) {
        Map<String, Entry> entries = new TreeMap<>();
        for (Map.Entry<String, String> variable : environment.entrySet()) {
            String name = variable.getKey();
            String value = variable.getValue();
            if (name.startsWith(SettingNames.VARIABLE_PREFIX) && value != null && !value.isBlank()) {
                entries.put(name, new Entry(value, Origin.variable(name)));
            }
        }
        return new SettingSource(Kind.VARIABLES, entries);
    }

    /** Return the entries of the classpath resource, keyed by key. */
    public static SettingSource resource(Map<String, Entry> entries) {
        return new SettingSource(Kind.RESOURCE, entries);
    }

    /** Return a copy of these overrides with {@code values} added; a blank value removes the key. */
    public SettingSource plusOverrides(Map<String, String> values, String source) {
        Map<String, Entry> merged = new TreeMap<>(entries);
        for (Map.Entry<String, String> override : values.entrySet()) {
            String key = Objects.requireNonNull(override.getKey(), "setting key");
            String value = override.getValue();
            if (value != null && !value.isBlank()) {
                merged.put(key, new Entry(value, Origin.override(key, source)));
            } else {
                merged.remove(key);
            }
        }
        return new SettingSource(kind, merged);
    }

    /** Return the entry for a setting, looked up by the name this source uses. */
    public Optional<Entry> find(Setting<?> setting) {
        return Optional.ofNullable(entries.get(nameOf(setting)));
    }

    /** Return the name a setting has in this source: its variable for {@link Kind#VARIABLES}, else its key. */
    public String nameOf(Setting<?> setting) {
        return kind == Kind.VARIABLES ? SettingNames.variable(setting.key()) : setting.key();
    }

    /** Return how this source writes a name for messages: with the system property prefix, say. */
    public String written(String name) {
        return kind == Kind.SYSTEM_PROPERTIES ? SettingNames.PROPERTY_PREFIX + name : name;
    }
}
