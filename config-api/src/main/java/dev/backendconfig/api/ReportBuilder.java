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
import java.util.HashMap;
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
        return new Line(provider.id(), provider.priority(), outcome, reason, took, Map.of(), notes, List.of(), "");
    }

    void add(Line line) {
        lines.add(line);
    }

    private static boolean valid(Setting<?> setting, SettingValues.Explicit value) {
        try {
            setting.parse(value.raw(), value.origin());
            return true;
        } catch (InvalidInputException e) {
            return false;
        }
    }

    /**
     * Return a command line as the report shows it: the program only, since its arguments may hold a password that
     * masking cannot recognise ({@code sshpass,-p,PASSWORD,ssh}).
     */
    static String programOnly(String raw) {
        String[] words = raw.strip().split("[,\\s]+");
        String program = OutsideText.excerpt(words[0], 120);
        int arguments = words.length - 1;
        return arguments == 0 ? program : program + " (and " + arguments + (arguments == 1 ? " argument" : " arguments")
                + ", not shown: a command line may hold a password)";
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
            add(new Line(problem.name(), 0, Outcome.NOT_LOADED, problem.reason(), Duration.ZERO, Map.of(), List.of(),
                    List.of(), ""));
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
        Map<String, Setting<?>> byKey = new HashMap<>();
        for (Setting<?> setting : known) {
            byKey.putIfAbsent(setting.key(), setting);
        }
        for (SettingValues.Explicit value : SettingValues.of(settings).explicit(known)) {
            Setting<?> setting = byKey.get(value.key());
            String shown = Secrets.isSecretName(value.key()) ? Secrets.MASK
                    : value.origin().equals(invalid) ? "(the value found invalid; not shown)"
                    : !valid(setting, value) ? "(a value that is not valid; not shown)"
                    : setting.namesAProgram() ? programOnly(value.raw())
                    : OutsideText.excerpt(value.raw(), 500);
            String where = value.origin().describe().replace("setting " + value.key() + " given to ", "given to ");
            notes.add("setting " + value.key() + "=" + shown + " (" + where + ")");
        }
        notes.addAll(SettingValues.of(settings).notes());
        return new ResolutionReport(found == null ? Map.of() : found, lines, notes,
                Duration.ofNanos(System.nanoTime() - startNanos));
    }
}
