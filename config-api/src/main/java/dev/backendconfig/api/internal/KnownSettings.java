package dev.backendconfig.api.internal;

import dev.backendconfig.api.spi.EndpointProvider;
import dev.backendconfig.api.spi.Service;
import dev.backendconfig.api.spi.ServiceSetting;
import dev.backendconfig.api.spi.Setting;
import dev.backendconfig.api.spi.SettingsOwner;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every setting of the loaded modules: the resolver's own, each provider's, and each other {@link SettingsOwner}'s —
 * what the resolver validates, and what {@code ServiceResolver.settingsByOwner()} returns (the command line's
 * {@code --help} lists them).
 */
public final class KnownSettings {

    private static final Logger LOG = LoggerFactory.getLogger(KnownSettings.class);

    private KnownSettings() {
    }

    /**
     * Return every setting of these loaded modules, grouped by owner: {@code core} first, then each provider by
     * priority, then each other settings owner, in discovery order (one that shares a provider's id adds to its list).
     */
    public static Map<String, List<Setting<?>>> byOwner(ProviderLoader.Loaded loaded) {
        Map<String, List<Setting<?>>> owners = new LinkedHashMap<>();
        owners.put("core", CoreSettings.ALL);
        for (EndpointProvider provider : ProviderOrder.byPriority(loaded.providers())) {
            owners.put(provider.id(), declared(provider.id(), provider));
        }
        for (SettingsOwner owner : loaded.owners()) {
            String id = idOf(owner);
            if (id.isBlank()) {
                continue;
            }
            List<Setting<?>> declared = declared(id, owner);
            List<Setting<?>> earlier = owners.get(id);
            if (earlier == null) {
                owners.put(id, declared);
            } else {
                List<Setting<?>> both = new ArrayList<>(earlier);
                both.addAll(declared);
                owners.put(id, List.copyOf(both));
            }
        }
        return Collections.unmodifiableMap(owners);
    }

    /** Return every setting of these loaded modules, with each declared service's own keys. */
    public static List<Setting<?>> all(ProviderLoader.Loaded loaded, List<Service> services) {
        List<Setting<?>> all = new ArrayList<>();
        for (List<Setting<?>> owned : byOwner(loaded).values()) {
            all.addAll(owned);
        }
        List<ServiceSetting<?>> perService = new ArrayList<>(CoreSettings.SERVICE_SETTINGS);
        for (EndpointProvider provider : loaded.providers()) {
            try {
                List<ServiceSetting<?>> declared = provider.serviceSettings();
                perService.addAll(declared == null ? List.of() : declared);
            } catch (RuntimeException e) {
                LOG.warn("{} could not list its service settings: {}", provider.id(), ProviderLoader.summary(e));
            }
        }
        Set<String> keys = new HashSet<>();
        for (Setting<?> setting : all) {
            keys.add(setting.key());
        }
        for (Setting<?> setting : DeclaredServices.settingsOf(services, perService)) {
            if (keys.add(setting.key())) {
                all.add(setting);
            }
        }
        return all;
    }

    private static String idOf(SettingsOwner owner) {
        try {
            String id = owner.id();
            if (id == null || id.isBlank()) {
                LOG.warn("{} declares settings without an id: they are not known", owner.getClass().getName());
                return "";
            }
            return id;
        } catch (RuntimeException e) {
            LOG.warn("{} could not give its id: {}", owner.getClass().getName(), ProviderLoader.summary(e));
            return "";
        }
    }

    private static List<Setting<?>> declared(String id, SettingsOwner owner) {
        try {
            List<Setting<?>> declared = owner.settings();
            return declared == null ? List.of() : List.copyOf(declared);
        } catch (RuntimeException e) {
            LOG.warn("{} could not list its settings: {}", id, ProviderLoader.summary(e));
            return List.of();
        }
    }
}
