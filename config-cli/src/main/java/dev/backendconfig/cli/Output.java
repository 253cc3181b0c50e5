package dev.backendconfig.cli;

import dev.backendconfig.api.Resolution;
import dev.backendconfig.api.ResolutionReport;
import dev.backendconfig.api.ServiceNotFoundException;
import dev.backendconfig.api.spi.EndpointProvider;
import dev.backendconfig.api.spi.ProbeResult;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/** How {@code explain} prints an outcome, in one of its formats. */
interface Output {

    /** Print a found endpoint, and the probe's result when one was made. */
    void found(Resolution resolution, Optional<ProbeResult> probe, PrintStream out);

    /** Print that nothing was found. */
    void notFound(ServiceNotFoundException failure, PrintStream out);

    /** Print the report up to a provider that met invalid configuration. */
    void partial(ResolutionReport report, PrintStream out);

    /** Return the output of a format; {@code providers} name the variables of {@code --format=env}. */
    static Output of(Options.Format format, List<EndpointProvider> providers) {
        return switch (format) {
            case TEXT -> new TextOutput();
            case ENV -> new EnvOutput(providers);
            case JSON -> new JsonOutput();
        };
    }
}
