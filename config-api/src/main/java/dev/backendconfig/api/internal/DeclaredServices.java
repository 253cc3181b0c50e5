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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The services of a resolution: the backend, then those setting {@code services} declares, in its order. */
public final class DeclaredServices {

    /** The code of a services declaration that is not valid. */
    private static final String CODE = "BCFG00013";

    private static final Logger LOG = LoggerFactory.getLogger(DeclaredServices.class);

    private DeclaredServices() {
    }

    /**
     * Read the services from the settings.
     *
     * @throws InvalidInputException when setting {@code services} names something that is not a
     *     service name, or a {@code services.<name>.required} value is not true or false
     */
    public static List<Service> from(Settings settings) {
        List<Service> services = new ArrayList<>();
        services.add(Service.backend());
        Set<String> seen = new LinkedHashSet<>();
        seen.add(Service.BACKEND);
        for (String name : settings.find(CoreSettings.SERVICES).orElse(List.of())) {
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
     * Refuse a service whose variables, by a provider's convention, are another's: with provider env,
     * {@code websocket} would read the backend's {@code TEST_WEBSOCKET_URL}, {@code test-auth} would read
     * {@code auth}'s {@code TEST_AUTH_URL}.
     *
     * @throws InvalidInputException naming setting {@code services}, the two services, the variable and the provider
     */
    public static void requireOwnVariables(List<Service> services, List<EndpointProvider> providers,
            Settings settings) {
        for (EndpointProvider provider : providers) {
            for (int later = 1; later < services.size(); later++) {
                Service service = services.get(later);
                List<String> its = variables(provider, service);
                for (Service other : services.subList(0, later)) {
                    List<String> others = variables(provider, other);
                    its.stream().filter(others::contains).findFirst().ifPresent(variable -> {
                        throw new InvalidInputException(CODE, settings.origin(CoreSettings.SERVICES),
                                "setting services: service " + service.name() + " would share variable " + variable
                                        + " with service " + other.name() + " (provider " + provider.id()
                                        + " reads " + listed(its) + " for service " + service.name() + ", and "
                                        + listed(others) + " for service " + other.name() + "); give service "
                                        + service.name() + " another name");
                    });
                }
            }
        }
    }

    /** Return the provider's variables of a service; none when it cannot say (it threw, or gave null). */
    private static List<String> variables(EndpointProvider provider, Service service) {
        List<String> all = new ArrayList<>();
        try {
            Optional.ofNullable(provider.urlVariables(service)).ifPresent(all::addAll);
            Optional.ofNullable(provider.webSocketVariables(service)).ifPresent(all::addAll);
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
