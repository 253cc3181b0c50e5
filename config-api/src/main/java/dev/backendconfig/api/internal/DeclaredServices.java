package dev.backendconfig.api.internal;

import dev.backendconfig.api.spi.EndpointProvider;
import dev.backendconfig.api.spi.Service;
import dev.backendconfig.api.spi.ServiceSetting;
import dev.backendconfig.api.spi.Setting;
import dev.backendconfig.api.spi.Settings;
import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.toolkit.OutsideText;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The services of a resolution: the backend, then those setting {@code services} declares, in its order. */
public final class DeclaredServices {

    /** The code of a services declaration that is not valid. */
    private static final String CODE = "BCFG00013";

    private static final Logger LOG = LoggerFactory.getLogger(DeclaredServices.class);

    /** The most services one resolution finds: a suite's environment has a handful. */
    public static final int MAX_SERVICES = 100;

    private DeclaredServices() {
    }

    /**
     * Read the services from the settings, in time linear in their number.
     *
     * @throws InvalidInputException when setting {@code services} names more than {@link #MAX_SERVICES} services or
     *     something that is not a service name, or a {@code services.<name>.required} value is not true or false
     */
    public static List<Service> from(Settings settings) {
        List<Service> services = new ArrayList<>();
        services.add(new Service(Service.BACKEND, true));
        Set<String> seen = new LinkedHashSet<>();
        seen.add(Service.BACKEND);
        List<String> names = settings.find(CoreSettings.SERVICES).orElse(List.of());
        if (names.size() > MAX_SERVICES) {
            throw new InvalidInputException(CODE, settings.origin(CoreSettings.SERVICES), "names " + names.size()
                    + " services; at most " + MAX_SERVICES + " are resolved (not configurable: a"
                    + " suite's environment has a handful of services)");
        }
        for (String name : names) {
            if (!SettingNames.isServiceName(name)) {
                throw new InvalidInputException(CODE, settings.origin(CoreSettings.SERVICES),
                        "setting services expects names of lower-case letters and digits, words joined by '-' (such as"
                                + " auth,frontend), got '" + OutsideText.excerpt(name, 40) + "'");
            }
            if (seen.add(name)) {
                boolean required = settings.get(CoreSettings.REQUIRED.forService(new Service(name, true)));
                services.add(new Service(name, required));
            }
        }
        return List.copyOf(services);
    }

    /**
     * Refuse a service whose names, by a provider's convention ({@link EndpointProvider#namesOf(Service)}), are
     * another's: with provider env, {@code websocket} would read the backend's {@code TEST_WEBSOCKET_URL},
     * {@code test-auth} would read {@code auth}'s {@code TEST_AUTH_URL}; with provider staging, {@code base} would
     * read the backend's {@code STAGING_BASE_URL}. Each service's names are asked once, and each name is looked up in
     * a table of the names taken so far: linear in the number of services.
     *
     * @throws InvalidInputException naming setting {@code services}, the two services, the name and the provider
     */
    public static void requireOwnVariables(List<Service> services, List<EndpointProvider> providers,
            Settings settings) {
        for (EndpointProvider provider : providers) {
            Map<Service, List<String>> names = new HashMap<>();
            Map<String, Service> taken = new HashMap<>();
            for (Service service : services) {
                List<String> its = names.get(service);
                if (its == null) {
                    its = variables(provider, service);
                    names.put(service, its);
                }
                for (String variable : its) {
                    Service other = taken.putIfAbsent(variable, service);
                    if (other != null && !other.equals(service)) {
                        throw new InvalidInputException(CODE, settings.origin(CoreSettings.SERVICES),
                                "setting services: service " + service.name() + " would share variable " + variable
                                        + " with service " + other.name() + " (provider " + provider.id()
                                        + " reads " + listed(its) + " for service " + service.name() + ", and "
                                        + listed(names.get(other)) + " for service " + other.name() + "); give service "
                                        + service.name() + " another name");
                    }
                }
            }
        }
    }

    /** Return the provider's names of a service; none when it cannot say (it threw, or gave null). */
    private static List<String> variables(EndpointProvider provider, Service service) {
        List<String> all = new ArrayList<>();
        try {
            List<String> names = provider.namesOf(service);
            if (names != null) {
                all.addAll(names);
            }
        } catch (RuntimeException e) {
            LOG.warn("{} could not list the variables of service {}: {}", OutsideText.oneLine(provider.id()),
                    service.name(), ProviderLoader.summary(e));
        }
        return all;
    }

    private static String listed(List<String> names) {
        return names.size() == 1 ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    /** Return the per-service settings of {@code declared}, for every service, as concrete settings to validate. */
    public static List<Setting<?>> settingsOf(Collection<Service> services, Collection<ServiceSetting<?>> declared) {
        Map<String, Setting<?>> all = new LinkedHashMap<>();
        for (Service service : services) {
            for (ServiceSetting<?> setting : declared) {
                if (service.isBackend() && setting.backendSetting().isEmpty()) {
                    continue;
                }
                Setting<?> concrete = setting.forService(service);
                all.putIfAbsent(concrete.key(), concrete);
            }
        }
        return new ArrayList<>(all.values());
    }
}
