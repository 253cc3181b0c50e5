package dev.backendconfig.docker.internal;

import dev.backendconfig.api.ServiceEndpoint;
import dev.backendconfig.api.spi.ProbeResult;
import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.api.spi.Service;
import dev.backendconfig.toolkit.Origin;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * When the engine cannot be reached: predict every service's host port from the compose file, and accept a
 * prediction only if something really answers there. Services are matched to compose services by the same rules as
 * running containers (a setting, else the name: service name, {@code container_name} or network alias equal to,
 * else containing, the service's name; for the backend, else the one compose service publishing its container
 * port).
 */
public final class ComposePrediction {

    private final ResolutionContext context;
    private final String providerId;

    /** Prepare a prediction for provider {@code providerId}. */
    public ComposePrediction(ResolutionContext context, String providerId) {
        this.context = context;
        this.providerId = providerId;
    }

    /** One service's compose service and port entry, or why none. */
    private record Chosen(ComposeModel.Service service, ComposePort port, int containerPort, String problem) {
    }

    /**
     * Predict.
     *
     * @param engineProblem why the engine could not be asked, for the reason
     * @param noEngineAtAll whether there is no sign of an engine at all (then no compose file means skipped)
     */
    public ProviderResult predict(String engineProblem, boolean noEngineAtAll) {
        StringBuilder searched = new StringBuilder();
        Optional<ComposeFiles.Found> files = ComposeFiles.find(context, searched);
        if (files.isEmpty()) {
            String reason = engineProblem + "; no compose file " + searched + " to predict the port from";
            return noEngineAtAll ? ProviderResult.skipped(reason) : ProviderResult.unavailable(reason);
        }
        List<Path> paths = files.get().files();
        ComposeModel model = ComposeModel.load(paths, context.environment());
        return predict(model, paths, engineProblem).withNotes(model.notes());
    }

    private ProviderResult predict(ComposeModel model, List<java.nio.file.Path> paths, String engineProblem) {
        String fileNames = String.join(", ", paths.stream().map(Object::toString).toList());
        ProviderResult.Services answer = ProviderResult.services();
        for (Service service : context.services()) {
            Chosen chosen = choose(service, model, fileNames);
            if (chosen.problem() != null) {
                answer.missing(service.name(), chosen.problem());
            } else {
                probe(service, chosen, engineProblem, answer);
            }
        }
        ProviderResult result = answer.result("predicted from " + fileNames + "; " + engineProblem);
        if (context.services().size() == 1) {
            return single(result, engineProblem);
        }
        return result;
    }

    /** For the backend alone, the reasons read as they always have: the engine's problem last when found, first when not. */
    private ProviderResult single(ProviderResult result, String engineProblem) {
        if (result instanceof ProviderResult.Found found) {
            return ProviderResult.found(found.endpoint(), found.serviceReasons().get(Service.BACKEND));
        }
        return ProviderResult.unavailable(engineProblem + "; " + result.reason());
    }

    private Chosen choose(Service service, ComposeModel model, String fileNames) {
        String serviceKey = DockerSettings.SERVICE_COMPOSE_SERVICE.forService(service).key();
        Optional<String> explicit = context.findSetting(DockerSettings.SERVICE_COMPOSE_SERVICE, service);
        Optional<Integer> explicitPort = context.findSetting(DockerSettings.SERVICE_CONTAINER_PORT, service);
        int backendPort = explicitPort.orElse(PortChoice.BACKEND_DEFAULT);
        ComposeModel.Service composeService;
        if (explicit.isPresent()) {
            composeService = model.services().get(explicit.get());
            if (composeService == null) {
                return problem(fileNames + " has no service " + ContainerSummary.shown(explicit.get()) + " (setting "
                        + serviceKey + "; services: " + names(model.services().keySet()) + ")");
            }
        } else {
            List<ComposeModel.Service> named = named(service, model);
            if (named.isEmpty() && service.isBackend()) {
                named = model.services().values().stream()
                        .filter(s -> s.ports().stream().anyMatch(port -> port.maps(backendPort))).toList();
            }
            if (named.size() != 1) {
                return problem(named.isEmpty() ? fileNames + " has no service named after " + service.name()
                        + (service.isBackend() ? " or publishing container port " + backendPort : "") + " (services: "
                        + names(model.services().keySet()) + ")"
                        : "in " + fileNames + " " + named.size() + " services could be " + service.name() + ": "
                                + names(named.stream().map(ComposeModel.Service::name).toList()) + "; set "
                                + serviceKey + " to pick one");
            }
            composeService = named.get(0);
        }
        return port(service, composeService, explicitPort);
    }

    /** The compose services named after the service: exact names first, then names that contain it. */
    private static List<ComposeModel.Service> named(Service service, ComposeModel model) {
        for (NameMatch tier : List.of(NameMatch.EXACT, NameMatch.CONTAINS)) {
            Predicate<ComposeModel.Service> matches = s -> NameMatch.of(service.name(), s.name(), s.containerName())
                    == tier || NameMatch.ofAliases(service.name(), s.aliases()) == tier;
            List<ComposeModel.Service> found = model.services().values().stream().filter(matches).toList();
            if (!found.isEmpty()) {
                return found;
            }
        }
        return List.of();
    }

    private static Chosen port(Service service, ComposeModel.Service composeService, Optional<Integer> explicit) {
        List<Integer> targets = new ArrayList<>();
        for (ComposePort port : composeService.ports()) {
            if ("tcp".equals(port.protocol())) {
                for (int target = port.target().first(); target <= port.target().last(); target++) {
                    if (!targets.contains(target)) {
                        targets.add(target);
                    }
                }
            }
        }
        int containerPort;
        String portKey = DockerSettings.SERVICE_CONTAINER_PORT.forService(service).key();
        if (explicit.isPresent()) {
            containerPort = explicit.get();
        } else if (service.isBackend() && targets.contains(PortChoice.BACKEND_DEFAULT)) {
            containerPort = PortChoice.BACKEND_DEFAULT;
        } else if (targets.size() == 1) {
            containerPort = targets.get(0);
        } else {
            return problem("service " + ContainerSummary.shown(composeService.name()) + " (" + composeService.origin()
                    + ") publishes "
                    + (targets.isEmpty() ? "no port" : "container ports " + targets + " but not "
                    + (service.isBackend() ? PortChoice.BACKEND_DEFAULT : "just one") + "; set " + portKey));
        }
        int wanted = containerPort;
        Optional<ComposePort> entry = composeService.ports().stream().filter(p -> p.maps(wanted)).findFirst();
        if (entry.isEmpty()) {
            return problem("service " + ContainerSummary.shown(composeService.name()) + " (" + composeService.origin()
                    + ") does not publish"
                    + " container port " + wanted + " (setting " + portKey + ")");
        }
        return new Chosen(composeService, entry.get(), containerPort, null);
    }

    private void probe(Service service, Chosen chosen, String engineProblem, ProviderResult.Services answer) {
        ComposePort port = chosen.port();
        ComposeModel.Service composeService = chosen.service();
        Optional<Integer> hostPort = port.hostPortFor(chosen.containerPort());
        if (hostPort.isEmpty()) {
            answer.missing(service.name(), "service " + ContainerSummary.shown(composeService.name()) + " ("
                    + port.origin() + ") publishes "
                    + chosen.containerPort() + " on a host port Docker picks at start, which only a running engine can"
                    + " tell");
            return;
        }
        String host = port.hostIp().isEmpty() || port.hostIp().equals("0.0.0.0") || port.hostIp().equals("::")
                ? "localhost" : port.hostIp().contains(":") ? "[" + port.hostIp() + "]" : port.hostIp();
        Origin origin = Origin.file(port.origin().location(), port.origin().line());
        ServiceEndpoint endpoint = ServiceEndpoint.builder(providerId).service(service.name())
                .http(URI.create("http://" + host + ":" + hostPort.get()), origin)
                .detail("compose-service", composeService.name(), composeService.origin())
                .detail("container-port", Integer.toString(chosen.containerPort()), origin)
                .detail("predicted-from", port.origin().describe(), origin)
                .build();
        String predicted = "predicted " + endpoint.maskedHttp() + " for service "
                + ContainerSummary.shown(composeService.name()) + " from "
                + port.origin().describe();
        String engine = context.services().size() == 1 ? "; " + engineProblem : "";
        if (!context.probing()) {
            answer.found(endpoint, predicted + ", not probed (probe=none)" + engine);
            return;
        }
        ProbeResult probe = context.probe(endpoint);
        if (probe.ready()) {
            answer.found(endpoint, predicted + "; " + probe.description() + engine);
        } else {
            answer.missing(service.name(), predicted + ", but nothing answers there: " + probe.description());
        }
    }

    /** Return compose service names as a report lists them: on one line each, masked, at most ten. */
    private static String names(java.util.Collection<String> names) {
        return Listing.join(", ", names.stream().map(ContainerSummary::shown).toList(), 10);
    }

    private static Chosen problem(String problem) {
        return new Chosen(null, null, 0, problem);
    }
}
