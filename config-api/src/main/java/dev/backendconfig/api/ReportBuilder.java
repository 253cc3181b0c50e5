package dev.backendconfig.api;

import dev.backendconfig.api.ResolutionReport.Line;
import dev.backendconfig.api.ResolutionReport.Outcome;
import dev.backendconfig.api.internal.ProviderLoader;
import dev.backendconfig.api.internal.SettingValues;
import dev.backendconfig.api.spi.EndpointProvider;
import dev.backendconfig.api.spi.Setting;
import dev.backendconfig.api.spi.Settings;
import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.toolkit.Origin;
import dev.backendconfig.toolkit.OutsideText;
import dev.backendconfig.toolkit.Secrets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Gathers the report of one resolution: a line per provider, then the settings in effect. */
final class ReportBuilder {

    private final Settings settings;
    private final List<Setting<?>> known;
    private final long startNanos;
    private final List<Line> lines = new ArrayList<>();

    ReportBuilder(Settings settings, List<Setting<?>> known, long startNanos) {
        this.settings = settings;
        this.known = known;
        this.startNanos = startNanos;
    }

    /** Return a line without origins. */
    static Line line(EndpointProvider provider, Outcome outcome, String reason, Duration took) {
        return line(provider, outcome, reason, took, List.of());
    }

    /** Return a line without origins, with notes. */
    static Line line(EndpointProvider provider, Outcome outcome, String reason, Duration took,
            List<String> notes) {
        return new Line(provider.id(), provider.priority(), outcome, reason, took, Map.of(), notes, List.of());
    }

    void add(Line line) {
        lines.add(line);
    }

    private boolean valid(SettingValues.Explicit value) {
        for (Setting<?> setting : known) {
            if (setting.key().equals(value.key())) {
                try {
                    setting.parse(value.raw(), value.origin());
                    return true;
                } catch (InvalidInputException e) {
                    return false;
                }
            }
        }
        return false;
    }

    ReportBuilder copy() {
        ReportBuilder copy = new ReportBuilder(settings, known, startNanos);
        copy.lines.addAll(lines);
        return copy;
    }

    /** Add the providers setting {@code providers} left out and the services entries that did not load. */
    void addLeftOut(List<EndpointProvider> asked, List<EndpointProvider> all,
            List<ProviderLoader.Problem> problems, List<String> nextSteps) {
        for (EndpointProvider provider : all) {
            if (!asked.contains(provider)) {
                add(line(provider, Outcome.EXCLUDED, "left out by setting providers", Duration.ZERO));
            }
        }
        for (ProviderLoader.Problem problem : problems) {
            add(new Line(problem.name(), 0, Outcome.NOT_LOADED, problem.reason(), Duration.ZERO, Map.of(), List.of(), List.of()));
            nextSteps.add("fix or remove the META-INF/services entry " + problem.name() + " (" + problem.reason() + ")");
        }
    }

    /** Return the report, with the settings that are set (masked) as notes; {@code found} is null when nothing was. */
    ResolutionReport build(Map<String, ServiceEndpoint> found) {
        return build(found, null);
    }

    /**
     * Return the report, with the settings that are set as notes: masked, and not shown at all when the value is not
     * valid for its setting or is the one the resolution stopped on ({@code invalid}), since a value set in the wrong
     * place may be a password that masking cannot recognise.
     */
    ResolutionReport build(Map<String, ServiceEndpoint> found, Origin invalid) {
        List<String> notes = new ArrayList<>();
        for (SettingValues.Explicit value : SettingValues.of(settings).explicit(known)) {
            String shown = Secrets.isSecretName(value.key()) ? Secrets.MASK
                    : value.origin().equals(invalid) ? "(the value found invalid; not shown)"
                    : !valid(value) ? "(a value that is not valid; not shown)"
                    : OutsideText.excerpt(value.raw(), 500);
            String where = value.origin().describe().replace("setting " + value.key() + " given to ", "given to ");
            notes.add("setting " + value.key() + "=" + shown + " (" + where + ")");
        }
        notes.addAll(SettingValues.of(settings).notes());
        return new ResolutionReport(found == null ? Map.of() : found, lines, notes,
                Duration.ofNanos(System.nanoTime() - startNanos));
    }
}
