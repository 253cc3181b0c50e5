package dev.backendconfig.api.internal;

import dev.backendconfig.api.spi.CoreSettings;
import dev.backendconfig.api.spi.Service;
import dev.backendconfig.api.spi.ServiceSetting;
import dev.backendconfig.api.spi.Setting;
import dev.backendconfig.api.spi.Settings;
import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.toolkit.OutsideText;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The services of a resolution: the backend, then those setting {@code services} declares, in its order. */
public final class DeclaredServices {

    /** The code of a services declaration that is not valid. */
    private static final String CODE = "BCFG00013";

    private DeclaredServices() {
    }

    /**
     * Read the services from the settings.
     *
     * @throws InvalidInputException when setting {@code services} names something that is not a
     *     service name, or a service whose variables would be another's, or a {@code services.<name>.required} value
     *     is not true or false
     */
    public static List<Service> from(Settings settings) {
        List<Service> services = new ArrayList<>();
        services.add(Service.backend());
        Set<String> seen = new LinkedHashSet<>();
        seen.add(Service.BACKEND);
        for (String name : settings.find(CoreSettings.SERVICES).orElse(List.of())) {
            if (!Service.NAME.matcher(name).matches()) {
                throw new InvalidInputException(CODE, settings.origin(CoreSettings.SERVICES),
                        "setting services expects names of lower-case letters and digits, words joined by '-' (such as"
                                + " auth,frontend), got '" + OutsideText.excerpt(name, 40) + "'");
            }
            if (seen.add(name)) {
                Service probe = new Service(name, true);
                requireOwnVariables(probe, services, settings);
                boolean required = settings.get(CoreSettings.REQUIRED.forService(probe));
                services.add(new Service(name, required));
            }
        }
        return List.copyOf(services);
    }

    /**
     * Refuse a service whose conventional variables are another's: {@code websocket} would read the backend's
     * {@code WEBSOCKET_URL}, {@code test-auth} would read {@code auth}'s {@code TEST_AUTH_URL}.
     */
    private static void requireOwnVariables(Service service, List<Service> before, Settings settings) {
        for (Service other : before) {
            for (String variable : service.urlVariables()) {
                if (other.urlVariables().contains(variable)) {
                    throw new InvalidInputException(CODE, settings.origin(CoreSettings.SERVICES),
                            "setting services: service " + service.name() + " would share variable " + variable
                                    + " with service " + other.name() + " (a service's URLs are TEST_<NAME>_URL,"
                                    + " <NAME>_URL, TEST_<NAME>_WEBSOCKET_URL and <NAME>_WEBSOCKET_URL; the backend's"
                                    + " are TEST_BACKEND_URL, BACKEND_URL, TEST_WEBSOCKET_URL and WEBSOCKET_URL);"
                                    + " give service " + service.name() + " another name");
                }
            }
        }
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
