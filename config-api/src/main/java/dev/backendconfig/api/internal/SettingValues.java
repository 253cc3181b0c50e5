package dev.backendconfig.api.internal;

import dev.backendconfig.api.spi.Setting;
import dev.backendconfig.api.spi.Settings;
import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.toolkit.Origin;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What {@link Settings} holds: the places a key is looked up in, in order (overrides, system properties, variables,
 * the classpath resource), and what reading them noticed. The resolver reaches it for what providers must not call —
 * checking every key set against the known settings, and the values as set for the report — through
 * {@link #of(Settings)}, so that {@code Settings} keeps those out of the published API (the pattern of the JDK's
 * {@code SharedSecrets}).
 */
public final class SettingValues {

    /** The code of a setting naming a program that a project file sets. */
    private static final String PROGRAM_CODE = "BCFG00015";

    private static volatile Function<Settings, SettingValues> access;

    private final List<SettingSource> sources;
    private final List<String> notes;

    private SettingValues(List<SettingSource> sources, List<String> notes) {
        this.sources = List.copyOf(sources);
        this.notes = List.copyOf(notes);
    }

    /**
     * A setting that is set, as the report shows it.
     *
     * @param key the setting's key
     * @param raw the value as written, stripped (may hold a URL: mask before printing)
     * @param origin where it was set
     */
    public record Explicit(String key, String raw, Origin origin) {
    }

    /** Let {@link Settings} hand out its values; it calls this once, as it is initialised. */
    public static void grant(Function<Settings, SettingValues> accessor) {
        if (access == null) {
            access = accessor;
        }
    }

    /** Return the values behind {@code settings}. */
    public static SettingValues of(Settings settings) {
        return access.apply(settings);
    }

    /** Return values with nothing set. */
    public static SettingValues empty() {
        return new SettingValues(List.of(SettingSource.overrides(Map.of(), "")), List.of());
    }

    /**
     * Read the values from system properties, environment variables and the classpath resource.
     *
     * @param resources where to look for {@code backend-config.properties}; null to skip the resource
     * @throws InvalidInputException when the resource cannot be read
     */
    public static SettingValues load(Map<String, String> systemProperties, Map<String, String> environment,
            ClassLoader resources) {
        List<String> notes = new ArrayList<>();
        SettingSource resource = resources == null ? SettingSource.resource(Map.of())
                : SettingSource.resource(PropertiesResource.read(resources, notes));
        return new SettingValues(List.of(SettingSource.overrides(Map.of(), ""),
                SettingSource.systemProperties(systemProperties), SettingSource.variables(environment), resource),
                notes);
    }

    /** Return a copy where {@code values} (keys without prefix) win over everything else, named by {@code source}. */
    public SettingValues withOverrides(Map<String, String> values, String source) {
        List<SettingSource> replaced = new ArrayList<>(sources);
        replaced.set(0, sources.get(0).plusOverrides(values, source));
        return new SettingValues(replaced, notes);
    }

    /**
     * Return the first entry for a setting, in lookup order; a setting that names a program is never taken from a
     * project file ({@link Setting#namingAProgram()}).
     */
    public Optional<SettingSource.Entry> entry(Setting<?> setting) {
        for (SettingSource source : sources) {
            if (setting.namesAProgram() && source.kind().isProjectFile()) {
                continue;
            }
            Optional<SettingSource.Entry> entry = source.find(setting);
            if (entry.isPresent()) {
                return entry;
            }
        }
        return Optional.empty();
    }

    /** Return what reading the values noticed (a second {@code backend-config.properties}, say). */
    public List<String> notes() {
        return notes;
    }

    /**
     * Check every key set under the prefix against the known settings, and every value against its setting.
     *
     * @param known every setting some loaded module declares
     * @param providerIds the ids of the loaded providers, so that a key of one that is not loaded is named as such
     * @throws InvalidInputException for the first unknown key (with the nearest known key as a suggestion, or the
     *     provider that is missing), the first setting naming a program that a project file sets, or the first value
     *     that is not valid
     */
    public void validate(Collection<Setting<?>> known, Collection<String> providerIds) {
        UnknownSettings unknown = new UnknownSettings(known, providerIds);
        for (SettingSource source : sources) {
            for (Map.Entry<String, SettingSource.Entry> entry : source.entries().entrySet()) {
                unknown.check(source, entry.getKey(), entry.getValue().origin());
            }
        }
        for (Setting<?> setting : known) {
            if (setting.namesAProgram()) {
                refuseFromProjectFiles(setting);
            }
        }
        for (Setting<?> setting : known) {
            Optional<SettingSource.Entry> entry = entry(setting);
            if (entry.isPresent()) {
                setting.parse(entry.get().raw(), entry.get().origin());
            }
        }
    }

    /**
     * Refuse a setting that names a program when a project file sets it, even where another source wins over the
     * file: the checkout tried to choose a command, and the user must know.
     */
    private void refuseFromProjectFiles(Setting<?> setting) {
        for (SettingSource source : sources) {
            if (!source.kind().isProjectFile()) {
                continue;
            }
            Optional<SettingSource.Entry> entry = source.find(setting);
            if (entry.isPresent()) {
                throw new InvalidInputException(PROGRAM_CODE, entry.get().origin(), "setting " + setting.key() + " names"
                        + " a program to run, so it is never taken from a project file (a checkout's files must not be"
                        + " able to run a command, not even through explain --dir); remove it there and set it where"
                        + " only you can: " + SettingSource.Kind.VARIABLES.howToSet(setting) + ", "
                        + SettingSource.Kind.SYSTEM_PROPERTIES.howToSet(setting) + ", or "
                        + SettingSource.Kind.OVERRIDES.howToSet(setting));
            }
        }
    }

    /** Return every setting among {@code known} that is set, with its value as written and origin, in that order. */
    public List<Explicit> explicit(Collection<Setting<?>> known) {
        List<Explicit> values = new ArrayList<>();
        for (Setting<?> setting : known) {
            Optional<SettingSource.Entry> entry = entry(setting);
            if (entry.isPresent()) {
                values.add(new Explicit(setting.key(), entry.get().raw().strip(), entry.get().origin()));
            }
        }
        return values;
    }
}
