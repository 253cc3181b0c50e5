package dev.backendconfig.api.internal.spi;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.backendconfig.api.spi.EndpointProvider;
import dev.backendconfig.api.spi.Setting;
import java.util.List;
import org.apiguardian.api.API;

/**
 * A module of this project that reads settings but is not a provider (the JUnit extension) declares them here, so
 * that they are validated and listed like every other setting rather than reported as unknown.
 *
 * <p>Not part of the public API: the package is exported only to this project's modules that need it (module-info).
 * To register one, put its class name in a file
 * {@code META-INF/services/dev.backendconfig.api.internal.spi.SettingsContributor} (and, on the module path, declare
 * {@code provides dev.backendconfig.api.internal.spi.SettingsContributor with ...}). It needs a public no-argument
 * constructor. Providers do not need this: they declare theirs in {@link EndpointProvider#settings()}.
 */
@API(status = INTERNAL, since = "1.0")
public interface SettingsContributor {

    /** Return who owns the settings, as the report and {@code explain --help} name it, for example {@code junit}. */
    String owner();

    /** Return the settings the module reads. */
    List<Setting<?>> settings();
}
