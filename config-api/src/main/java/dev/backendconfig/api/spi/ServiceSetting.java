package dev.backendconfig.api.spi;

import static org.apiguardian.api.API.Status.STABLE;

import dev.backendconfig.api.internal.SettingNames;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A setting every service has its own value of: key {@code services.<name>.<suffix>}, for example
 * {@code services.auth.url-variables}. For the backend, a provider may map it to the setting it has always read
 * ({@code env.url-variables}), so that today's keys keep their meaning.
 *
 * <p>A default may name the service: {@code TEST_<NAME>_URL,<NAME>_URL} gives {@code TEST_AUTH_URL,AUTH_URL} for
 * {@code auth} ({@code <NAME>} is {@link Service#variableName()}). Providers declare theirs in
 * {@link EndpointProvider#serviceSettings()} and read a service's value as any setting's, through
 * {@link #forService(Service)}: {@code context.settings().get(URL_VARIABLES.forService(service))}.
 *
 * @param <T> the type of the parsed value
 */
@API(status = STABLE, since = "1.0")
public final class ServiceSetting<T> {

    private final String suffix;
    private final Setting<T> backend;
    private final String defaultTemplate;
    private final String description;
    /**
     * The setting of a service named {@code example}: its kind, bounds and description, which each service's setting
     * takes under its own key and default ({@link #forService(Service)}).
     */
    private final Setting<T> example;

    private ServiceSetting(String suffix, Setting<T> backend, String defaultTemplate, String description,
            Setting<T> example) {
        this.suffix = Objects.requireNonNull(suffix, "suffix");
        this.backend = backend;
        this.defaultTemplate = defaultTemplate;
        this.description = Objects.requireNonNull(description, "description");
        this.example = example;
    }

    private static String exampleKey(String suffix) {
        return SettingNames.SERVICE_PREFIX + "example." + suffix;
    }


    /**
     * Declare a per-service list setting.
     *
     * @param backend the setting the backend reads instead, or null for {@code services.backend.<suffix>}
     * @param defaultTemplate the default with {@code <NAME>} for the service's variable name, or null for none
     */
    public static ServiceSetting<List<String>> list(String suffix, Setting<List<String>> backend,
            String defaultTemplate, String description) {
        return new ServiceSetting<>(suffix, backend, defaultTemplate, description,
                Setting.list(exampleKey(suffix), null, description));
    }

    /** Declare a per-service text setting without a default. */
    public static ServiceSetting<String> text(String suffix, Setting<String> backend, String description) {
        return new ServiceSetting<>(suffix, backend, null, description,
                Setting.text(exampleKey(suffix), null, description));
    }

    /** Declare a per-service whole-number setting from {@code min} to {@code max}, without a default. */
    public static ServiceSetting<Integer> integer(String suffix, Setting<Integer> backend, int min, int max,
            String description) {
        return new ServiceSetting<>(suffix, backend, null, description,
                Setting.integer(exampleKey(suffix), null, min, max, description));
    }

    /** Declare a per-service true/false setting. */
    public static ServiceSetting<Boolean> flag(String suffix, Setting<Boolean> backend, boolean defaultValue,
            String description) {
        return new ServiceSetting<>(suffix, backend, Boolean.toString(defaultValue), description,
                Setting.flag(exampleKey(suffix), defaultValue, description));
    }

    /** Return the key with a placeholder, as docs/settings.md lists it: {@code services.<name>.url-variables}. */
    public String keyPattern() {
        return SettingNames.SERVICE_PREFIX + "<name>." + suffix;
    }

    /** Return the setting the backend reads instead of {@code services.backend.<suffix>}, if there is one. */
    public Optional<Setting<T>> backendSetting() {
        return Optional.ofNullable(backend);
    }

    /** Return the default as the manual writes it, with {@code <NAME>} in it, if there is one. */
    public Optional<String> defaultTemplate() {
        return Optional.ofNullable(defaultTemplate);
    }

    /** Return what the setting is for, one sentence. */
    public String description() {
        return description;
    }

    /** Return the setting of one service: the backend's own setting when there is one, else the per-service key. */
    public Setting<T> forService(Service service) {
        if (service.isBackend() && backend != null) {
            return backend;
        }
        return example.renamed(SettingNames.SERVICE_PREFIX + service.name() + "." + suffix,
                defaultFor(defaultTemplate, service));
    }

    private static String defaultFor(String defaultTemplate, Service service) {
        return defaultTemplate == null ? null : defaultTemplate.replace("<NAME>", service.variableName());
    }
}
