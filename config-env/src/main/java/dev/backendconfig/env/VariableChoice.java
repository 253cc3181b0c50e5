package dev.backendconfig.env;

import dev.backendconfig.api.ServiceEndpoint;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.api.spi.Setting;
import dev.backendconfig.toolkit.BackendUrls;
import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.toolkit.Origin;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The winning URL among a setting and a list of variables, with notes about the ones that lost; a loser set to a
 * different URL is a conflict, worth a warning.
 */
final class VariableChoice {

    private final URI url;
    private final Origin origin;
    private final List<String> notes;
    private final List<String> conflicts;

    private VariableChoice(URI url, Origin origin, List<String> notes, List<String> conflicts) {
        this.url = url;
        this.origin = origin;
        this.notes = List.copyOf(notes);
        this.conflicts = List.copyOf(conflicts);
    }

    /** Choose the HTTP URL among {@code setting} (null for none) and {@code variables}. */
    static VariableChoice http(ResolutionContext context, Setting<String> setting, List<String> variables) {
        return choose(context, setting, variables, false);
    }

    /** Choose the WebSocket URL among {@code setting} (null for none) and {@code variables}. */
    static VariableChoice webSocket(ResolutionContext context, Setting<String> setting, List<String> variables) {
        return choose(context, setting, variables, true);
    }

    boolean isEmpty() {
        return url == null;
    }

    /** Return where the winner came from. */
    Origin origin() {
        return origin;
    }

    /** Return the winner's name: the variable name, or the setting's origin described. */
    String describe() {
        return name(origin);
    }

    /** Return every note about losers, conflicts included. */
    List<String> notes() {
        return notes;
    }

    /** Return the notes about losers set to a different URL. */
    List<String> conflicts() {
        return conflicts;
    }

    void applyHttp(ServiceEndpoint.Builder endpoint) {
        if (url != null) {
            endpoint.http(url, origin);
        }
    }

    void applyWebSocket(ServiceEndpoint.Builder endpoint) {
        if (url != null) {
            endpoint.webSocket(url, origin);
        }
    }

    private static VariableChoice choose(ResolutionContext context, Setting<String> setting, List<String> variables,
            boolean webSocket) {
        List<Candidate> candidates = new ArrayList<>();
        // plain conditions rather than ifPresent(lambda): this runs in every first resolution, where each lambda's
        // linking costs a fresh JVM more than the work
        Optional<String> set = setting == null ? Optional.empty() : context.settings().find(setting);
        if (set.isPresent()) {
            candidates.add(new Candidate(set.get(), context.settings().origin(setting)));
        }
        for (String variable : variables) {
            Optional<String> value = context.variable(variable);
            if (value.isPresent()) {
                candidates.add(new Candidate(value.get(), Origin.variable(variable)));
            }
        }
        if (candidates.isEmpty()) {
            return new VariableChoice(null, null, List.of(), List.of());
        }
        Candidate winner = candidates.get(0);
        URI url = parse(winner, webSocket).orElseThrow();
        List<String> notes = new ArrayList<>();
        List<String> conflicts = new ArrayList<>();
        String won = name(winner.origin());
        for (Candidate loser : candidates.subList(1, candidates.size())) {
            String lost = name(loser.origin());
            try {
                URI other = parse(loser, webSocket).orElseThrow();
                if (other.equals(url)) {
                    notes.add(lost + " is also set, to the same URL");
                } else {
                    String conflict = won + " wins over " + lost + ", which is set to a different URL ("
                            + BackendUrls.hostAndPort(other) + " instead of " + BackendUrls.hostAndPort(url) + ")";
                    notes.add(conflict);
                    conflicts.add(conflict);
                }
            } catch (InvalidInputException e) {
                String conflict = won + " wins over " + lost + ", which is also set but is not a valid URL ("
                        + e.problem() + ")";
                notes.add(conflict);
                conflicts.add(conflict);
            }
        }
        return new VariableChoice(url, winner.origin(), notes, conflicts);
    }

    /** Parse a candidate as a WebSocket or an HTTP URL: a flag, not a method reference, which a first call would link. */
    private static Optional<URI> parse(Candidate candidate, boolean webSocket) {
        return webSocket ? BackendUrls.parseWebSocket(candidate.value(), candidate.origin())
                : BackendUrls.parseHttp(candidate.value(), candidate.origin());
    }

    private static String name(Origin origin) {
        return origin.kind() == Origin.Kind.VARIABLE ? origin.location() : origin.describe();
    }

    private record Candidate(String value, Origin origin) {
    }
}
