package dev.backendconfig.staging;

import dev.backendconfig.api.ServiceEndpoint;
import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.api.spi.Service;
import dev.backendconfig.toolkit.BackendUrls;
import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.toolkit.Origin;
import dev.backendconfig.toolkit.OutsideText;
import dev.backendconfig.toolkit.Secrets;
import dev.backendconfig.toolkit.Suggestions;
import dev.backendconfig.toolkit.dotenv.DotenvEntry;
import dev.backendconfig.toolkit.dotenv.DotenvFile;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The staging file's variables, each overridden by the real environment, and the endpoint they describe. */
final class StagingVariables {

    /** Detail keys for the two URLs tests most often need besides the backend's own. */
    static final String API_URL = "api-url";
    /** The variable the backend's {@code api-url} detail comes from. */
    static final String API_VARIABLE = "STAGING_API_URL";
    static final String AUTH_URL = "auth-url";
    /** The code of a service whose HTTP and WebSocket URLs the environment split across two deployments. */
    static final String CODE_TWO_DEPLOYMENTS = "BCFG04002";

    private static final List<String> CREDENTIAL_WORDS = List.of("USER", "EMAIL", "LOGIN");
    /** How many of the file's names a reason lists, so that a file of thousands of names stays one readable line. */
    private static final int MAX_NAMES_LISTED = 20;

    private final DotenvFile file;
    private final ResolutionContext context;
    private final List<String> notes = new ArrayList<>();

    /**
     * A variable's value and where it came from.
     *
     * @param name the variable's name
     * @param raw the value
     * @param origin the file and line, or the real variable
     */
    record Value(String name, String raw, Origin origin) {

        /** Tell whether the value comes from the real environment rather than the file. */
        boolean fromEnvironment() {
            return origin.kind() == Origin.Kind.VARIABLE;
        }
    }

    StagingVariables(DotenvFile file, ResolutionContext context) {
        this.file = file;
        this.context = context;
        notes.addAll(file.notes());
        for (DotenvEntry entry : file.entries().values()) {
            if (context.variable(entry.name()).isPresent()) {
                notes.add(entry.name() + " from the environment wins over " + file.origin(entry).describe());
            }
        }
    }

    /** Return the first of {@code names} that is set, in the environment or the file. */
    Optional<Value> first(List<String> names) {
        for (String name : names) {
            Optional<Value> value = value(name);
            if (value.isPresent()) {
                return value;
            }
        }
        return Optional.empty();
    }

    /** Return the value of a name: the real environment first, then the file; empty or blank is unset. */
    Optional<Value> value(String name) {
        Optional<String> real = context.variable(name);
        if (real.isPresent()) {
            return Optional.of(new Value(name, real.get(), Origin.variable(name)));
        }
        return inFile(name);
    }

    /** Return the value the file sets {@code name} to, when it sets it to more than blanks. */
    private Optional<Value> inFile(String name) {
        Optional<DotenvEntry> entry = file.entry(name);
        if (entry.isEmpty() || entry.get().value().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new Value(name, entry.get().value(), file.origin(entry.get())));
    }

    /** Return the first of {@code names} that the file itself sets, whatever the environment says. */
    Optional<Value> firstInFile(List<String> names) {
        for (String name : names) {
            Optional<Value> value = inFile(name);
            if (value.isPresent()) {
                return value;
            }
        }
        return Optional.empty();
    }

    /**
     * Refuse a service's URLs when the environment moved its HTTP URL to another deployment while its WebSocket URL
     * still comes from the file ({@code STAGING_BASE_URL=https://pr-7.example.test} with the file's
     * {@code STAGING_WEBSOCKET_URL=wss://backend-staging.example.test/ws}): tests would talk HTTP to one deployment and
     * WebSocket to another. Taken as they are: both from the same place; an HTTP URL the file has no value of its own
     * for; a move that stays on the file's host and port, or onto the WebSocket URL's own host and port; and a
     * WebSocket URL set in the environment (the user chose where the WebSocket lives, as on a host of its own).
     *
     * @throws InvalidInputException naming both variables, where each came from, and what to set
     */
    void requireOneDeployment(Service service, Optional<Value> http, Optional<Value> webSocket, List<String> urlNames,
            List<String> webSocketNames) {
        if (http.isEmpty() || webSocket.isEmpty() || !http.get().fromEnvironment()
                || webSocket.get().fromEnvironment()) {
            return;
        }
        Value moved = http.get();
        Value kept = webSocket.get();
        Optional<Value> replaced = firstInFile(urlNames);
        if (replaced.isEmpty()) {
            return;
        }
        String movedTo = hostAndPort(moved, true);
        String keptOn = hostAndPort(kept, false);
        String replacedOn;
        try {
            replacedOn = hostAndPort(replaced.get(), true);
        } catch (InvalidInputException e) {
            // the file's own value is not a URL, and the environment replaces it: nothing to compare with
            return;
        }
        if (movedTo.equals(replacedOn) || movedTo.equals(keptOn)) {
            return;
        }
        throw new InvalidInputException(CODE_TWO_DEPLOYMENTS, moved.origin(), "from the environment, "
                + Secrets.maskText(moved.raw()) + " replaces the staging file's " + replaced.get().name() + "="
                + Secrets.maskText(replaced.get().raw()) + " (" + replaced.get().origin().describe() + ")"
                + (service.isBackend() ? "" : " for service " + service.name())
                + ", but the WebSocket URL still comes from the file: " + kept.name() + "=" + Secrets.maskText(kept.raw())
                + " (" + kept.origin().describe() + "), on another deployment (" + keptOn + ", not " + movedTo
                + "). Set " + String.join(" or ", webSocketNames) + " in the environment too, or remove " + kept.name()
                + " from the file to derive the WebSocket URL from the HTTP URL");
    }

    /**
     * Return a URL's host and effective port, {@code staging.example.test:443} for both https and wss.
     *
     * @throws InvalidInputException when the value is not a URL of its kind, naming where it came from
     */
    private static String hostAndPort(Value value, boolean http) {
        URI uri = (http ? BackendUrls.parseHttp(value.raw(), value.origin())
                : BackendUrls.parseWebSocket(value.raw(), value.origin())).orElseThrow();
        return BackendUrls.hostAndPort(uri).toLowerCase(Locale.ROOT);
    }

    /**
     * Return a service's endpoint. The backend's carries every variable of the file as a detail (credentials flagged
     * secret) plus {@code api-url} and {@code auth-url}; another service's only the file it came from.
     */
    ServiceEndpoint endpoint(String source, Service service, Optional<Value> http, Optional<Value> webSocket) {
        ServiceEndpoint.Builder endpoint = ServiceEndpoint.builder(source).service(service.name());
        // ifs and loops rather than lambdas: this runs in every staging resolution, often the run's first
        if (http.isPresent()) {
            Value value = http.get();
            endpoint.http(BackendUrls.parseHttp(value.raw(), value.origin()).orElseThrow(), value.origin());
        }
        if (webSocket.isPresent()) {
            Value value = webSocket.get();
            endpoint.webSocket(BackendUrls.parseWebSocket(value.raw(), value.origin()).orElseThrow(), value.origin());
        }
        if (!service.isBackend()) {
            return endpoint.detail("env-file", file.source(), Origin.other("the staging file found")).build();
        }
        detail(endpoint, API_URL, value(API_VARIABLE), false);
        detail(endpoint, AUTH_URL, value("STAGING_AUTH_URL"), false);
        for (String name : file.entries().keySet()) {
            detail(endpoint, name, value(name), isCredential(name));
        }
        endpoint.detail("env-file", file.source(), Origin.other("the staging file found"));
        return endpoint.build();
    }

    /**
     * Return why a service is missing: the names looked for, the names the file sets, and each that looks like a
     * misspelling of one looked for; where they differ in the service's name, the service's name is offered first
     * ({@code services=fronted} and {@code STAGING_FRONTEND_URL} in the file).
     */
    String describeMissing(Service service, List<String> urlNames, List<String> webSocketNames) {
        Map<String, String> lookedFor = new LinkedHashMap<>();
        for (String name : urlNames) {
            lookedFor.put(name, service.isBackend() ? "" : service.name());
        }
        for (String name : webSocketNames) {
            lookedFor.putIfAbsent(name, service.isBackend() ? "" : service.name());
        }
        List<String> present = List.copyOf(file.entries().keySet());
        String sets = present.size() <= MAX_NAMES_LISTED ? String.join(", ", present)
                : String.join(", ", present.subList(0, MAX_NAMES_LISTED)) + " and " + (present.size() - MAX_NAMES_LISTED)
                        + " more";
        List<String> typos = new ArrayList<>();
        for (String name : present) {
            if (typos.size() < MAX_NAMES_LISTED) {
                Suggestions.misspeltVariable(name, lookedFor).ifPresent(typos::add);
            }
        }
        return OutsideText.oneLine(file.source()) + " sets none of " + String.join(", ", lookedFor.keySet()) + "; "
                + (present.isEmpty() ? "it sets no variables at all" : "it sets " + sets)
                + (typos.isEmpty() ? "" : "; " + String.join("; ", typos));
    }

    ProviderResult withNotes(ProviderResult result) {
        return result.withNotes(notes);
    }

    private static void detail(ServiceEndpoint.Builder endpoint, String name, Optional<Value> value, boolean secret) {
        if (value.isEmpty()) {
            return;
        }
        if (secret) {
            endpoint.secretDetail(name, value.get().raw(), value.get().origin());
        } else {
            endpoint.detail(name, value.get().raw(), value.get().origin());
        }
    }

    /**
     * Tell whether a variable names an account (a user, an e-mail, a login): a credential the endpoint's builder would
     * not flag itself, as it flags every name that says it is a secret ({@code PASSWORD}, {@code TOKEN}, ...).
     */
    private static boolean isCredential(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        for (String word : CREDENTIAL_WORDS) {
            if (upper.contains(word)) {
                return true;
            }
        }
        return false;
    }
}
