package dev.backendconfig.env;

import dev.backendconfig.api.BackendEndpoint;
import dev.backendconfig.api.InvalidBackendConfigurationException;
import dev.backendconfig.api.spi.BackendUrls;
import dev.backendconfig.api.spi.Origin;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.api.spi.Setting;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The winning URL among a setting and a list of variables, and notes about the ones that lost.
 */
final class VariableChoice {

    private final URI url;
    private final Origin origin;

    private VariableChoice(URI url, Origin origin) {
        this.url = url;
        this.origin = origin;
    }

    static VariableChoice http(ResolutionContext context, Setting<String> setting, List<String> variables,
            List<String> notes) {
        return choose(context, setting, variables, notes, BackendUrls::parseHttp);
    }

    static VariableChoice webSocket(ResolutionContext context, Setting<String> setting, List<String> variables,
            List<String> notes) {
        return choose(context, setting, variables, notes, BackendUrls::parseWebSocket);
    }

    boolean isEmpty() {
        return url == null;
    }

    String describe() {
        return origin.kind() == Origin.Kind.VARIABLE ? origin.location() : origin.describe();
    }

    void applyHttp(BackendEndpoint.Builder endpoint) {
        if (url != null) {
            endpoint.http(url, origin);
        }
    }

    void applyWebSocket(BackendEndpoint.Builder endpoint) {
        if (url != null) {
            endpoint.webSocket(url, origin);
        }
    }

    private static VariableChoice choose(ResolutionContext context, Setting<String> setting, List<String> variables,
            List<String> notes, BiFunction<String, Origin, Optional<URI>> parser) {
        List<Candidate> candidates = new ArrayList<>();
        context.settings().find(setting)
                .ifPresent(value -> candidates.add(new Candidate(value, context.settings().origin(setting))));
        for (String variable : variables) {
            context.variable(variable).ifPresent(value -> candidates.add(new Candidate(value, Origin.variable(variable))));
        }
        if (candidates.isEmpty()) {
            return new VariableChoice(null, null);
        }
        Candidate winner = candidates.get(0);
        URI url = parser.apply(winner.value(), winner.origin()).orElseThrow();
        for (Candidate loser : candidates.subList(1, candidates.size())) {
            notes.add(compare(winner, url, loser, parser));
        }
        return new VariableChoice(url, winner.origin());
    }

    private static String compare(Candidate winner, URI url, Candidate loser,
            BiFunction<String, Origin, Optional<URI>> parser) {
        String won = name(winner.origin());
        String lost = name(loser.origin());
        try {
            URI other = parser.apply(loser.value(), loser.origin()).orElseThrow();
            if (other.equals(url)) {
                return lost + " is also set, to the same URL";
            }
            return won + " wins over " + lost + ", which is set to a different URL (" + BackendUrls.hostAndPort(other)
                    + " instead of " + BackendUrls.hostAndPort(url) + ")";
        } catch (InvalidBackendConfigurationException e) {
            return won + " wins over " + lost + ", which is also set but is not a valid URL (" + e.problem() + ")";
        }
    }

    private static String name(Origin origin) {
        return origin.kind() == Origin.Kind.VARIABLE ? origin.location() : origin.describe();
    }

    private record Candidate(String value, Origin origin) {
    }
}
