package dev.backendconfig.api.internal.spi;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.backendconfig.api.internal.CoreSettings;
import dev.backendconfig.api.internal.DeclaredServices;
import dev.backendconfig.api.internal.ProviderLoader;
import dev.backendconfig.api.internal.ProviderOrder;
import dev.backendconfig.api.spi.EndpointProvider;
import dev.backendconfig.api.spi.Service;
import dev.backendconfig.api.spi.ServiceSetting;
import dev.backendconfig.api.spi.Setting;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.apiguardian.api.API;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every setting of the loaded modules: the resolver's own, each provider's, and each {@link SettingsContributor}'s —
 * what the resolver validates, and what the command line's {@code --help} lists.
 */
@API(status = INTERNAL, since = "1.0")
public final class KnownSettings {

    private static final Logger LOG = LoggerFactory.getLogger(KnownSettings.class);

    private KnownSettings() {
    }

    /**
     * Return every setting the modules visible to {@code loader} declare (providers and settings contributors loaded
     * one services entry at a time, as the resolver loads them), grouped by owner: {@code core} first, then each
     * provider by priority, then each contributor.
     */
    public static Map<String, List<Setting<?>>> byOwner(ClassLoader loader) {
        return byOwner(ProviderLoader.load(Objects.requireNonNull(loader, "loader")));
    }

    /** Return every setting of these loaded modules, grouped by owner as {@link #byOwner(ClassLoader)} does. */
    public static Map<String, List<Setting<?>>> byOwner(ProviderLoader.Loaded loaded) {
        Map<String, List<Setting<?>>> owners = new LinkedHashMap<>();
        owners.put("core", CoreSettings.ALL);
        for (EndpointProvider provider : ProviderOrder.byPriority(loaded.providers())) {
            owners.put(provider.id(), declared(provider.id(), provider::settings));
        }
        for (SettingsContributor contributor : loaded.contributors()) {
            owners.merge(contributor.owner(), declared(contributor.owner(), contributor::settings), (a, b) -> {
                List<Setting<?>> both = new ArrayList<>(a);
                both.addAll(b);
                return both;
            });
        }
        return owners;
    }

    /** Return every setting of these loaded modules, with each declared service's own keys. */
    public static List<Setting<?>> all(ProviderLoader.Loaded loaded, List<Service> services) {
        List<Setting<?>> all = new ArrayList<>();
        byOwner(loaded).values().forEach(all::addAll);
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
        all.forEach(setting -> keys.add(setting.key()));
        for (Setting<?> setting : DeclaredServices.settingsOf(services, perService)) {
            if (keys.add(setting.key())) {
                all.add(setting);
            }
        }
        return all;
    }

    private static List<Setting<?>> declared(String owner, Supplier<List<Setting<?>>> settings) {
        try {
            List<Setting<?>> declared = settings.get();
            return declared == null ? List.of() : List.copyOf(declared);
        } catch (RuntimeException e) {
            LOG.warn("{} could not list its settings: {}", owner, ProviderLoader.summary(e));
            return List.of();
        }
    }
}
