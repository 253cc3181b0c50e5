package dev.backendconfig.env;

import static org.apiguardian.api.API.Status.STABLE;

import dev.backendconfig.api.ServiceEndpoint;
import dev.backendconfig.api.spi.EndpointProvider;
import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.api.spi.Service;
import dev.backendconfig.api.spi.ServiceSetting;
import dev.backendconfig.api.spi.Setting;
import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.toolkit.OutsideText;
import dev.backendconfig.toolkit.Suggestions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apiguardian.api.API;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Provider {@code env}: the backend (and every declared service) named by a variable or a system property.
 *
 * <p>The backend's HTTP URL comes from setting {@code url} (usually {@code -Dbackendconfig.url=...}), else the first
 * set variable of setting {@code env.url-variables} (default {@code TEST_BACKEND_URL,BACKEND_URL}); the WebSocket URL
 * likewise from {@code websocket-url} and {@code env.websocket-variables} (default
 * {@code TEST_WEBSOCKET_URL,WEBSOCKET_URL}). A declared service such as {@code auth} reads
 * {@code services.auth.url} (usually {@code -Dbackendconfig.services.auth.url=...}), else
 * {@code services.auth.url-variables} (default {@code TEST_AUTH_URL,AUTH_URL}), and {@code services.auth.websocket-url}
 * or {@code services.auth.websocket-variables}. Without a WebSocket URL it is derived from the HTTP one; with only a
 * WebSocket URL, the HTTP URL is its origin. When two variables are set and differ, the first wins and the report
 * and a WARN say so. An empty or blank value counts as unset; a malformed one is an error. Variables that name some
 * required services but not all are an error too: tests never take one service from variables and another from
 * elsewhere.
 */
@API(status = STABLE, since = "1.0")
public final class EnvEndpointProvider implements EndpointProvider {

    /** The code of variables that name some required services but not all. */
    private static final String CODE = "BCFG02001";

    /** The provider's id. */
    public static final String ID = "env";
    /** The provider's priority: asked before docker (200) and staging (100). */
    public static final int PRIORITY = 300;

    private static final Logger LOG = LoggerFactory.getLogger(EnvEndpointProvider.class);
    /** How many misspelt variables a reason names, so that an environment of thousands stays one readable line. */
    private static final int MAX_HINTS = 5;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public ProviderResult resolve(ResolutionContext context) {
        Map<Service, Choices> chosen = new LinkedHashMap<>();
        for (Service service : context.services()) {
            chosen.put(service, Choices.of(context, service));
        }
        List<String> misspelt = misspelt(context, chosen);
        // loops rather than streams and lambdas on the way to an answer: this runs in every first resolution, where
        // linking each lambda costs a fresh JVM more than the work
        if (firstSet(chosen) == null) {
            ProviderResult skipped = ProviderResult.skipped(nothingSet(chosen) + hints(misspelt));
            return misspelt.isEmpty() ? chosen.size() == 1 ? skipped : skipped.withNextStep(setEach(chosen))
                    : skipped.withNextStep("fix the misspelt name: " + String.join("; ", misspelt));
        }
        requireEveryRequiredService(chosen, misspelt);
        if (chosen.size() == 1) {
            Map.Entry<Service, Choices> backend = chosen.entrySet().iterator().next();
            return withNotes(ProviderResult.found(backend.getValue().endpoint(backend.getKey()),
                    backend.getValue().reason()), chosen);
        }
        ProviderResult.Services answer = ProviderResult.services();
        chosen.forEach((service, choices) -> {
            if (choices.isEmpty()) {
                answer.missing(service.name(), "none of " + String.join(", ", choices.names()) + " is set"
                        + hints(misspelt));
            } else {
                answer.found(choices.endpoint(service), choices.reason());
            }
        });
        return withNotes(answer.result("variables"), chosen);
    }

    @Override
    public List<Setting<?>> settings() {
        return EnvSettings.ALL;
    }

    @Override
    public List<ServiceSetting<?>> serviceSettings() {
        return EnvSettings.SERVICE_SETTINGS;
    }

    /** Return the convention: {@code TEST_<NAME>_URL, <NAME>_URL} ({@code TEST_BACKEND_URL, BACKEND_URL}). */
    @Override
    public List<String> urlVariables(Service service) {
        return EnvSettings.SERVICE_URL_VARIABLES.forService(service).parsedDefault().orElse(List.of());
    }

    /**
     * Return the convention: {@code TEST_<NAME>_WEBSOCKET_URL, <NAME>_WEBSOCKET_URL} ({@code TEST_WEBSOCKET_URL,
     * WEBSOCKET_URL} for the backend).
     */
    @Override
    public List<String> webSocketVariables(Service service) {
        return EnvSettings.SERVICE_WEBSOCKET_VARIABLES.forService(service).parsedDefault().orElse(List.of());
    }

    @Override
    public String hint() {
        return "set TEST_BACKEND_URL (or another variable of setting env.url-variables) to the backend's URL, for"
                + " example TEST_BACKEND_URL=http://localhost:8002, or run with -Dbackendconfig.url=http://host:port";
    }

    private static String nothingSet(Map<Service, Choices> chosen) {
        if (chosen.size() == 1) {
            return "none of " + String.join(", ", chosen.values().iterator().next().names()) + " is set";
        }
        List<String> per = new ArrayList<>();
        chosen.forEach((service, choices) -> per.add(service.name() + ": " + String.join(", ", choices.names())));
        return "no variable of any service is set (" + String.join("; ", per) + ")";
    }

    /** The next step when services are declared: one variable for each required service, all of one environment. */
    private static String setEach(Map<Service, Choices> chosen) {
        List<String> first = new ArrayList<>();
        chosen.forEach((service, choices) -> {
            if (service.required() && !choices.names().isEmpty()) {
                first.add(choices.names().get(0));
            }
        });
        String listed = first.size() == 1 ? first.get(0) : String.join(", ", first.subList(0, first.size() - 1))
                + " and " + first.get(first.size() - 1);
        return "set " + listed + " to the URLs of one environment (the variables each service reads are settings"
                + " env.url-variables and services.<name>.url-variables)";
    }

    /**
     * Variables that cover some required services but not all are explicit configuration that is incomplete: the
     * user set a backend variable and would silently get the auth service of another environment. Every required
     * service that is missing is named at once.
     */
    private static void requireEveryRequiredService(Map<Service, Choices> chosen, List<String> misspelt) {
        Choices someSet = firstSet(chosen);
        Map<Service, Choices> missing = new LinkedHashMap<>();
        for (Map.Entry<Service, Choices> entry : chosen.entrySet()) {
            if (entry.getKey().required() && entry.getValue().isEmpty()) {
                missing.put(entry.getKey(), entry.getValue());
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        List<String> optional = missing.keySet().stream().filter(service -> !service.isBackend())
                .map(service -> "services." + service.name() + ".required=false").toList();
        String names = missing.keySet().stream().map(Service::name).collect(Collectors.joining(", "));
        String problem;
        if (missing.size() == 1) {
            Map.Entry<Service, Choices> only = missing.entrySet().iterator().next();
            problem = "is set, but required service " + only.getKey().name() + " has none of "
                    + String.join(", ", only.getValue().names()) + " set: set one of them";
        } else {
            problem = "is set, but required services " + names + " have none of their variables set ("
                    + missing.entrySet().stream().map(entry -> entry.getKey().name() + ": "
                            + String.join(", ", entry.getValue().names())).collect(Collectors.joining("; "))
                    + "): set one for each";
        }
        throw new InvalidInputException(CODE, someSet.origin(), problem
                + (optional.isEmpty() ? "" : ", or mark " + (optional.size() == 1 ? "the service" : "them")
                        + " optional with " + String.join(", ", optional))
                + " (tests must not take " + names + " from another environment than the others)" + hints(misspelt));
    }

    /**
     * Return the variables that are set but read by no service, near a name one of them reads: {@code TEST_BAKEND_URL
     * (did you mean TEST_BACKEND_URL?)}; where they differ in the service's name, the service is offered first.
     */
    private static List<String> misspelt(ResolutionContext context, Map<Service, Choices> chosen) {
        Map<String, String> lookedFor = new LinkedHashMap<>();
        for (Map.Entry<Service, Choices> entry : chosen.entrySet()) {
            for (String name : entry.getValue().names()) {
                lookedFor.putIfAbsent(name, entry.getKey().isBackend() ? "" : entry.getKey().name());
            }
        }
        List<String> hints = new ArrayList<>();
        for (String name : new TreeSet<>(context.environment().keySet())) {
            if (hints.size() < MAX_HINTS && context.variable(name).isPresent()) {
                Optional<String> hint = Suggestions.misspeltVariable(name, lookedFor);
                if (hint.isPresent()) {
                    hints.add(OutsideText.oneLine(hint.get()));
                }
            }
        }
        return hints;
    }

    /** Return the choices of the first service with a variable set, or null when none has one. */
    private static Choices firstSet(Map<Service, Choices> chosen) {
        for (Choices choices : chosen.values()) {
            if (!choices.isEmpty()) {
                return choices;
            }
        }
        return null;
    }

    private static String hints(List<String> misspelt) {
        return misspelt.isEmpty() ? "" : "; set but read by no service: " + String.join("; ", misspelt);
    }

    private static ProviderResult withNotes(ProviderResult result, Map<Service, Choices> chosen) {
        List<String> notes = new ArrayList<>();
        for (Map.Entry<Service, Choices> entry : chosen.entrySet()) {
            for (VariableChoice choice : entry.getValue().both()) {
                for (String conflict : choice.conflicts()) {
                    LOG.warn("{}", OutsideText.oneLine(conflict));
                }
                for (String note : choice.notes()) {
                    notes.add(chosen.size() > 1 ? entry.getKey().name() + ": " + note : note);
                }
            }
        }
        return notes.isEmpty() ? result : result.withNotes(notes);
    }

    /** The HTTP and WebSocket choices of one service. */
    private record Choices(VariableChoice http, VariableChoice webSocket, List<String> names) {

        static Choices of(ResolutionContext context, Service service) {
            List<String> urlVariables = context.settings().get(EnvSettings.SERVICE_URL_VARIABLES.forService(service));
            List<String> webSocketVariables = context.settings()
                    .get(EnvSettings.SERVICE_WEBSOCKET_VARIABLES.forService(service));
            VariableChoice http = VariableChoice.http(context, EnvSettings.SERVICE_URL.forService(service),
                    urlVariables);
            VariableChoice webSocket = VariableChoice.webSocket(context,
                    EnvSettings.SERVICE_WEBSOCKET_URL.forService(service), webSocketVariables);
            List<String> names = new ArrayList<>(urlVariables);
            names.addAll(webSocketVariables);
            return new Choices(http, webSocket, names);
        }

        boolean isEmpty() {
            return http.isEmpty() && webSocket.isEmpty();
        }

        List<VariableChoice> both() {
            return List.of(http, webSocket);
        }

        dev.backendconfig.toolkit.Origin origin() {
            return http.isEmpty() ? webSocket.origin() : http.origin();
        }

        ServiceEndpoint endpoint(Service service) {
            ServiceEndpoint.Builder endpoint = ServiceEndpoint.builder(ID).service(service.name());
            http.applyHttp(endpoint);
            webSocket.applyWebSocket(endpoint);
            return endpoint.build();
        }

        String reason() {
            if (webSocket.isEmpty()) {
                return http.describe() + " is set; WebSocket URL derived from it";
            }
            if (http.isEmpty()) {
                return webSocket.describe() + " is set; HTTP URL is its origin";
            }
            return http.describe() + " and " + webSocket.describe() + " are set";
        }
    }
}
