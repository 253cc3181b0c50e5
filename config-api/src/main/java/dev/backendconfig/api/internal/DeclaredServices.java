package dev.backendconfig.api.internal;

import dev.backendconfig.api.spi.OutsideText;
import dev.backendconfig.api.InvalidBackendConfigurationException;
import dev.backendconfig.api.spi.CoreSettings;
import dev.backendconfig.api.spi.Service;
import dev.backendconfig.api.spi.ServiceSetting;
import dev.backendconfig.api.spi.Setting;
import dev.backendconfig.api.spi.Settings;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The services of a resolution: the backend, then those setting {@code services} declares, in its order. */
public final class DeclaredServices {

    private DeclaredServices() {
    }

    /**
     * Read the services from the settings.
     *
     * @throws InvalidBackendConfigurationException when setting {@code services} names something that is not a
     *     service name, or a {@code services.<name>.required} value is not true or false
     */
    public static List<Service> from(Settings settings) {
        List<Service> services = new ArrayList<>();
        services.add(Service.backend());
        Set<String> seen = new LinkedHashSet<>();
        seen.add(Service.BACKEND);
        for (String name : settings.find(CoreSettings.SERVICES).orElse(List.of())) {
            if (!Service.NAME.matcher(name).matches()) {
                throw new InvalidBackendConfigurationException(settings.origin(CoreSettings.SERVICES),
                        "setting services expects names of lower-case letters and digits, words joined by '-' (such as"
                                + " auth,frontend), got '" + OutsideText.excerpt(name, 40) + "'");
            }
            if (seen.add(name)) {
                Service probe = new Service(name, true);
                boolean required = settings.get(CoreSettings.REQUIRED.forService(probe));
                services.add(new Service(name, required));
            }
        }
        return List.copyOf(services);
    }

    /** Return the per-service settings of {@code declared}, for every service, as concrete settings to validate. */
    public static List<Setting<?>> settingsOf(Collection<Service> services, Collection<ServiceSetting<?>> declared) {
        List<Setting<?>> all = new ArrayList<>();
        for (Service service : services) {
            for (ServiceSetting<?> setting : declared) {
                if (service.isBackend() && setting.backendSetting().isEmpty()) {
                    continue;
                }
                Setting<?> concrete = setting.forService(service);
                if (!all.contains(concrete) && all.stream().noneMatch(s -> s.key().equals(concrete.key()))) {
                    all.add(concrete);
                }
            }
        }
        return all;
    }
}
