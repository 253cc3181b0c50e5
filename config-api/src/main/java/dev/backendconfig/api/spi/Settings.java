package dev.backendconfig.api.spi;

import static org.apiguardian.api.API.Status.STABLE;

import dev.backendconfig.api.internal.PropertiesResource;
import dev.backendconfig.api.internal.SettingSource;
import dev.backendconfig.api.internal.SettingValues;
import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.toolkit.Origin;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apiguardian.api.API;

/**
 * The settings of one resolution, each value with its origin.
 *
 * <p>A key is read, first match wins, from: values handed in by code (overrides), the JVM system property
 * {@code backendconfig.<key>}, the environment variable {@code BACKENDCONFIG_<KEY>} (dots and dashes become
 * {@code _}, upper case), the key in the classpath resource {@code backend-config.properties}, then the
 * setting's default. A blank value counts as unset. The resolver checks every key under the prefix against the known
 * settings before it asks a provider: a typo is an error, never silently ignored.
 */
@API(status = STABLE, since = "1.0")
public final class Settings {

    /** The classpath resource holding a project's settings. */
    public static final String RESOURCE = PropertiesResource.NAME;

    static {
        // a class rather than a lambda, as the JDK's own shared secrets: every first resolution initialises this
        // class, and a lambda's first call there would start the JDK's lambda machinery for this alone
        SettingValues.grant(new Function<Settings, SettingValues>() {
            @Override
            public SettingValues apply(Settings settings) {
                return settings.values;
            }
        });
    }

    private final SettingValues values;

    private Settings(SettingValues values) {
        this.values = values;
    }

    /** Return settings with nothing set: every key has its default. */
    static Settings empty() {
        return new Settings(SettingValues.empty());
    }

    /**
     * Read the settings from system properties, environment variables and the classpath resource.
     *
     * @param resources where to look for {@code backend-config.properties}; null to skip the resource
     */
    static Settings load(Map<String, String> systemProperties, Map<String, String> environment,
            ClassLoader resources) {
        return new Settings(SettingValues.load(systemProperties, environment, resources));
    }

    /**
     * Return a copy where {@code values} (keys without prefix) win over everything else.
     *
     * @param source how the report names whoever handed them in, for example {@code "--set"}
     */
    public Settings withOverrides(Map<String, String> overrides, String source) {
        return new Settings(values.withOverrides(overrides, source));
    }

    /**
     * Return the value of a setting, or its default.
     *
     * @throws InvalidInputException when the value set is not valid for the setting
     * @throws IllegalStateException when the setting has no default and is not set; use {@link #find} for those
     */
    public <T> T get(Setting<T> setting) {
        Optional<T> value = find(setting);
        if (value.isEmpty()) {
            value = setting.parsedDefault();
        }
        if (value.isEmpty()) {
            throw new IllegalStateException("setting " + setting.key() + " has no default; read it with find()");
        }
        return value.get();
    }

    /**
     * Return the value of a setting when it is set, without falling back to its default.
     *
     * @throws InvalidInputException when the value set is not valid for the setting
     */
    public <T> Optional<T> find(Setting<T> setting) {
        Optional<SettingSource.Entry> entry = values.entry(setting);
        return entry.isPresent() ? Optional.ofNullable(setting.parse(entry.get().raw(), entry.get().origin())) : Optional.empty();
    }

    /** Return where a setting's value comes from: its origin when set, else its default. */
    public Origin origin(Setting<?> setting) {
        Optional<SettingSource.Entry> entry = values.entry(setting);
        return entry.isPresent() ? entry.get().origin() : Origin.defaultValue(setting.key());
    }
}
