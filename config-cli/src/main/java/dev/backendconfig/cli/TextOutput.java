package dev.backendconfig.cli;

import dev.backendconfig.api.Resolution;
import dev.backendconfig.api.ResolutionReport;
import dev.backendconfig.api.ServiceNotFoundException;
import dev.backendconfig.api.spi.ProbeResult;
import java.io.PrintStream;
import java.util.Optional;

/** The report as a person reads it. */
final class TextOutput implements Output {

    @Override
    public void found(Resolution resolution, Optional<ProbeResult> probe, PrintStream out) {
        out.print(resolution.report().render());
        probe.ifPresent(result -> out.println("probe: " + result.description()));
    }

    @Override
    public void notFound(ServiceNotFoundException failure, PrintStream out) {
        out.print(failure.getMessage());
    }

    @Override
    public void partial(ResolutionReport report, PrintStream out) {
        out.print(report.render());
    }
}
