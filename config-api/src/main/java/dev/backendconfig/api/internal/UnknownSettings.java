package dev.backendconfig.api.internal;

import dev.backendconfig.api.spi.Service;
import dev.backendconfig.api.spi.ServiceSetting;
import dev.backendconfig.api.spi.Setting;
import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.toolkit.Origin;
import dev.backendconfig.toolkit.Suggestions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Decide what to say of a key set under the prefix that no loaded module declares: a likely typo of a known key
 * ("did you mean"), a key of a provider that is not on the classpath, or simply unknown. The core knows no
 * provider's keys: a key whose first segment is not the namespace of any declared key is taken to belong to a
 * provider that is not loaded.
 */
public final class UnknownSettings {

    /** The code of a setting no loaded module declares. */
    private static final String CODE = "BCFG00010";

    private static final String LISTED = " (every setting is listed in docs/settings.md, and by 'explain --help')";

    private final Collection<Setting<?>> known;
    private final Collection<String> loadedIds;
    // what an unknown name is compared with, gathered only when a name is unknown: every resolution checks the
    // few names set against every known setting, and a known name is found by a scan without building these
    private final Set<String> keys = new LinkedHashSet<>();
    private final Set<String> variables = new LinkedHashSet<>();
    private final Set<String> namespaces = new LinkedHashSet<>();
    private final Set<String> services = new LinkedHashSet<>();
    private List<String> providerIds = List.of();

    /** Prepare to check keys against {@code known}, declared by modules including providers {@code providerIds}. */
    public UnknownSettings(Collection<Setting<?>> known, Collection<String> providerIds) {
        this.known = known;
        this.loadedIds = providerIds;
    }

    private void gather() {
        for (Setting<?> setting : known) {
            keys.add(setting.key());
            variables.add(SettingNames.variable(setting.key()));
            namespace(setting.key(), '.').ifPresent(namespaces::add);
            serviceOf(setting.key()).ifPresent(services::add);
        }
        this.providerIds = loadedIds.stream().sorted().toList();
        namespaces.addAll(this.providerIds);
    }

    /**
     * Check one name set in {@code source}.
     *
     * @throws InvalidInputException when no loaded module declares it
     */
    public void check(SettingSource source, String name, Origin origin) {
        boolean variable = source.kind() == SettingSource.Kind.VARIABLES;
        for (Setting<?> setting : known) {
            if (name.equals(variable ? SettingNames.variable(setting.key()) : setting.key())) {
                return;
            }
        }
        gather();
        Set<String> names = variable ? variables : keys;
        String written = source.written(name);
        if (!variable && name.startsWith(SettingNames.PROPERTY_PREFIX)
                && keys.contains(name.substring(SettingNames.PROPERTY_PREFIX.length()))) {
            throw new InvalidInputException(CODE, origin, "unknown setting '" + written + "'; write it without"
                    + " the '" + SettingNames.PROPERTY_PREFIX + "' prefix" + LISTED);
        }
        Optional<String> service = variable ? Optional.empty() : serviceOf(name);
        if (service.isPresent() && !services.contains(service.get())) {
            List<String> declared = new ArrayList<>(services);
            declared.add(0, Service.BACKEND);
            List<String> withIt = new ArrayList<>(services);
            withIt.add(service.get());
            throw new InvalidInputException(CODE, origin, "setting '" + written + "' is for service '"
                    + service.get() + "', which setting services does not declare (declared: "
                    + String.join(", ", declared) + ")" + Suggestions.nearest(service.get(), declared)
                            .map(near -> "; did you mean service '" + near + "'? Or add it").orElse("; add it")
                    + " to setting services: services=" + String.join(",", withIt));
        }
        Optional<String> nearest = Suggestions.nearest(name, names);
        if (nearest.isPresent()) {
            throw new InvalidInputException(CODE, origin, "unknown setting '" + written + "'; did you mean '"
                    + source.written(nearest.get()) + "'?" + LISTED);
        }
        Optional<String> namespace = variable
                ? namespace(name.substring(SettingNames.VARIABLE_PREFIX.length()), '_').map(n -> n.toLowerCase(Locale.ROOT))
                : namespace(name, '.');
        if (namespace.isPresent() && !namespaces.contains(namespace.get())) {
            throw new InvalidInputException(CODE, origin, "setting '" + written + "' has no effect: no"
                    + " provider '" + namespace.get() + "' is on the classpath (loaded: "
                    + (providerIds.isEmpty() ? "none" : String.join(", ", providerIds)) + "); add the module that"
                    + " provides it as a test dependency, or remove the setting");
        }
        throw new InvalidInputException(CODE, origin, "unknown setting '" + written + "'" + LISTED);
    }

    /** Return the service of a per-service key {@code services.<name>.<suffix>}. */
    private static Optional<String> serviceOf(String key) {
        if (!key.startsWith(SettingNames.SERVICE_PREFIX)) {
            return Optional.empty();
        }
        int end = key.indexOf('.', SettingNames.SERVICE_PREFIX.length());
        return end > SettingNames.SERVICE_PREFIX.length() ? Optional.of(key.substring(SettingNames.SERVICE_PREFIX.length(), end))
                : Optional.empty();
    }

    private static Optional<String> namespace(String name, char separator) {
        int at = name.indexOf(separator);
        return at > 0 ? Optional.of(name.substring(0, at)) : Optional.empty();
    }
}
