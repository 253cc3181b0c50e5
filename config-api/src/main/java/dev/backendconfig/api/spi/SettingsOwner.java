package dev.backendconfig.api.spi;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.List;
import org.apiguardian.api.API;

/**
 * A module that reads settings and declares them, so that they are validated, listed by {@code explain --help}, and
 * not called unknown. Every {@link EndpointProvider} is one: it declares its settings here.
 *
 * <p>A module that reads settings but finds no service (the JUnit extension, with {@code junit.on-missing})
 * implements this interface alone: put its class name in a file
 * {@code META-INF/services/dev.backendconfig.api.spi.SettingsOwner} (on the module path,
 * {@code provides dev.backendconfig.api.spi.SettingsOwner with ...}). It needs a public no-argument constructor.
 */
@API(status = STABLE, since = "1.0")
public interface SettingsOwner {

    /**
     * Return the owner's id: short, lower case, unique — for a provider, as used in the {@code providers} setting; for
     * another module, as the report and {@code explain --help} name the owner of its settings ({@code junit}).
     */
    String id();

    /** Return the settings this module reads, so that they are validated, listed, and not called unknown. */
    default List<Setting<?>> settings() {
        return List.of();
    }
}
