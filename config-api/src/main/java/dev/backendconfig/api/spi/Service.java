package dev.backendconfig.api.spi;

import static org.apiguardian.api.API.Status.STABLE;

import dev.backendconfig.api.internal.SettingNames;
import java.util.Locale;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One service a resolution must find: {@code backend} always, and those declared with setting {@code services}
 * ({@code services=auth,frontend}). Every provider answers for all of them or for none, so that tests never mix
 * services of two environments.
 *
 * @param name the service's name, lower-case words joined by {@code -}: {@code backend}, {@code auth}
 * @param required whether resolution needs it (setting {@code services.<name>.required}, default true; the backend
 *     is always required)
 */
@API(status = STABLE, since = "1.0")
public record Service(String name, boolean required) {

    /** The name of the service every resolution finds. */
    public static final String BACKEND = "backend";

    public Service {
        Objects.requireNonNull(name, "name");
        if (!SettingNames.isServiceName(name)) {
            throw new IllegalArgumentException("a service name is lower-case letters and digits, words joined by '-'"
                    + " (such as auth or payments-api); got '" + name + "'");
        }
        if (BACKEND.equals(name) && !required) {
            throw new IllegalArgumentException("the backend is always required");
        }
    }

    /** Tell whether this is the backend. */
    public boolean isBackend() {
        return BACKEND.equals(name);
    }

    /**
     * Return the name as variables write it: upper case, {@code -} as {@code _} ({@code payments-api} is
     * {@code PAYMENTS_API}); the {@code <NAME>} of a {@link ServiceSetting}'s default.
     */
    String variableName() {
        return name.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    // equals and hashCode are written out, with the meaning a record's own have: those are bootstrapped through
    // method handles at their first call, which cost a first resolution (services are map keys) about a tenth of its
    // time in a fresh JVM (docs/benchmarks.md)

    @Override
    public boolean equals(Object other) {
        return other instanceof Service service && name.equals(service.name) && required == service.required;
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + Boolean.hashCode(required);
    }
}
