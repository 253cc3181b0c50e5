package dev.backendconfig.api.spi;

import dev.backendconfig.api.internal.PropertiesResource;
import dev.backendconfig.api.internal.SettingSource;
import dev.backendconfig.api.internal.UnknownSettings;
import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.toolkit.Origin;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The settings of one resolution, each value with its origin.
 *
 * <p>A key is read, first match wins, from: values handed in by code (overrides), the JVM system property
 * {@code backendconfig.<key>}, the environment variable {@code BACKENDCONFIG_<KEY>} (dots and dashes become
 * {@code _}, upper case), the key in the classpath resource {@code backend-config.properties}, then the
 * setting's default. A blank value counts as unset. Every key under the prefix must be a known setting
 * ({@link #validate(Collection, Collection)}): a typo is an error, never silently ignored.
 */
public final class Settings {

    /** The classpath resource holding a project's settings. */
    public static final String RESOURCE = PropertiesResource.NAME;

    /** Overrides, system properties, variables, resource: the order in which a key is looked up. */
    private final List<SettingSource> sources;
    private final List<String> notes;

    private Settings(List<SettingSource> sources, List<String> notes) {
        this.sources = List.copyOf(sources);
        this.notes = List.copyOf(notes);
    }

    /** Return settings with nothing set: every key has its default. */
    public static Settings empty() {
        return new Settings(List.of(SettingSource.overrides(Map.of(), "")), List.of());
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
        List<String> notes = new ArrayList<>();
        SettingSource resource = resources == null ? SettingSource.resource(Map.of())
                : SettingSource.resource(PropertiesResource.read(resources, notes));
        return new Settings(List.of(SettingSource.overrides(Map.of(), ""),
                SettingSource.systemProperties(systemProperties), SettingSource.variables(environment), resource),
                notes);
    }

    /**
     * Return a copy where {@code values} (keys without prefix) win over everything else.
     *
     * @param source how the report names whoever handed them in, for example {@code "--set"}
     */
    public Settings withOverrides(Map<String, String> values, String source) {
        List<SettingSource> replaced = new ArrayList<>(sources);
        replaced.set(0, sources.get(0).plusOverrides(values, source));
        return new Settings(replaced, notes);
    }

    /**
     * Return the value of a setting, or its default.
     *
     * @throws InvalidInputException when the value set is not valid for the setting
     * @throws IllegalStateException when the setting has no default and is not set; use {@link #find} for those
     */
    public <T> T get(Setting<T> setting) {
        return find(setting).or(setting::parsedDefault).orElseThrow(() -> new IllegalStateException(
                "setting " + setting.key() + " has no default; read it with find()"));
    }

    /**
     * Return the value of a setting when it is set, without falling back to its default.
     *
     * @throws InvalidInputException when the value set is not valid for the setting
     */
    public <T> Optional<T> find(Setting<T> setting) {
        return entry(setting).map(entry -> setting.parse(entry.raw(), entry.origin()));
    }

    /** Return where a setting's value comes from: its origin when set, else its default. */
    public Origin origin(Setting<?> setting) {
        return entry(setting).map(SettingSource.Entry::origin).orElse(Origin.defaultValue(setting.key()));
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
     * @param known every setting some loaded module declares
     * @param providerIds the ids of the loaded providers, so that a key of one that is not loaded is named as such
     * @throws InvalidInputException for the first unknown key (with the nearest known key as a
     *     suggestion, or the provider that is missing) or the first value that is not valid
     */
    public void validate(Collection<Setting<?>> known, Collection<String> providerIds) {
        UnknownSettings unknown = new UnknownSettings(known, providerIds);
        for (SettingSource source : sources) {
            source.entries().forEach((name, entry) -> unknown.check(source, name, entry.origin()));
        }
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

    private Optional<SettingSource.Entry> entry(Setting<?> setting) {
        for (SettingSource source : sources) {
            Optional<SettingSource.Entry> entry = source.find(setting);
            if (entry.isPresent()) {
                return entry;
            }
        }
        return Optional.empty();
    }
}
