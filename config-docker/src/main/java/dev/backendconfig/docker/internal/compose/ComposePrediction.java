package dev.backendconfig.docker.internal.compose;

import dev.backendconfig.api.ServiceEndpoint;
import dev.backendconfig.api.spi.ProbeResult;
import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.Service;
import dev.backendconfig.docker.internal.DockerConfig.ServiceTarget;
import dev.backendconfig.docker.internal.DockerConfig;
import dev.backendconfig.docker.internal.DockerSettings;
import dev.backendconfig.docker.internal.HostAndPort;
import dev.backendconfig.docker.internal.Listing;
import dev.backendconfig.docker.internal.NameMatch;
import dev.backendconfig.docker.internal.ResolutionFacts;
import dev.backendconfig.toolkit.Origin;
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

    private final DockerConfig config;
    private final ResolutionFacts facts;
    private final String providerId;

    /** Prepare a prediction for provider {@code providerId}. */
    public ComposePrediction(DockerConfig config, ResolutionFacts facts, String providerId) {
        this.config = config;
        this.facts = facts;
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
        Optional<ComposeFiles.Found> files = ComposeFiles.find(config, facts, searched);
        if (files.isEmpty()) {
            String reason = engineProblem + "; no compose file " + searched + " to predict the port from";
            return noEngineAtAll ? ProviderResult.skipped(reason) : ProviderResult.unavailable(reason);
        }
        List<Path> paths = files.get().files();
        ComposeModel model = ComposeModel.load(paths, facts.environment());
        return predict(model, paths, engineProblem).withNotes(model.notes());
    }

    private ProviderResult predict(ComposeModel model, List<java.nio.file.Path> paths, String engineProblem) {
        String fileNames = String.join(", ", paths.stream().map(Object::toString).toList());
        ProviderResult.Services answer = ProviderResult.services();
        for (ServiceTarget target : config.services()) {
            Chosen chosen = choose(target, model, fileNames);
            if (chosen.problem() != null) {
                answer.missing(target.service().name(), chosen.problem());
            } else {
                probe(target.service(), chosen, engineProblem, answer);
            }
        }
        ProviderResult result = answer.result("predicted from " + fileNames + "; " + engineProblem);
        if (config.backendOnly()) {
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

    private static Chosen choose(ServiceTarget target, ComposeModel model, String fileNames) {
        Service service = target.service();
        String serviceKey = target.composeServiceKey();
        Optional<String> explicit = target.findComposeService();
        Optional<Integer> explicitPort = target.findContainerPort();
        int backendPort = explicitPort.orElse(DockerSettings.BACKEND_CONTAINER_PORT);
        ComposeModel.Service composeService;
        if (explicit.isPresent()) {
            composeService = model.services().get(explicit.get());
            if (composeService == null) {
                return problem(fileNames + " has no service " + Listing.shown(explicit.get()) + " (setting "
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
        return port(target, composeService);
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

    private static Chosen port(ServiceTarget serviceTarget, ComposeModel.Service composeService) {
        Service service = serviceTarget.service();
        Optional<Integer> explicit = serviceTarget.findContainerPort();
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
        String portKey = serviceTarget.containerPortKey();
        if (explicit.isPresent()) {
            containerPort = explicit.get();
        } else if (service.isBackend() && targets.contains(DockerSettings.BACKEND_CONTAINER_PORT)) {
            containerPort = DockerSettings.BACKEND_CONTAINER_PORT;
        } else if (targets.size() == 1) {
            containerPort = targets.get(0);
        } else {
            return problem("service " + Listing.shown(composeService.name()) + " (" + composeService.origin()
                    + ") publishes "
                    + (targets.isEmpty() ? "no port" : "container ports " + targets + " but not "
                    + (service.isBackend() ? DockerSettings.BACKEND_CONTAINER_PORT : "just one") + "; set " + portKey));
        }
        int wanted = containerPort;
        Optional<ComposePort> entry = composeService.ports().stream().filter(p -> p.maps(wanted)).findFirst();
        if (entry.isEmpty()) {
            return problem("service " + Listing.shown(composeService.name()) + " (" + composeService.origin()
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
            answer.missing(service.name(), "service " + Listing.shown(composeService.name()) + " ("
                    + port.origin() + ") publishes "
                    + chosen.containerPort() + " on a host port Docker picks at start, which only a running engine can"
                    + " tell");
            return;
        }
        String host = port.hostIp().isEmpty() || port.hostIp().equals("0.0.0.0") || port.hostIp().equals("::")
                ? "localhost" : port.hostIp();
        Origin origin = Origin.file(port.origin().location(), port.origin().line());
        ServiceEndpoint endpoint = ServiceEndpoint.builder(providerId).service(service.name())
                .http(new HostAndPort(host, hostPort.get()).http(), origin)
                .detail("compose-service", composeService.name(), composeService.origin())
                .detail("container-port", Integer.toString(chosen.containerPort()), origin)
                .detail("predicted-from", port.origin().describe(), origin)
                .build();
        String predicted = "predicted " + endpoint.maskedHttp() + " for service "
                + Listing.shown(composeService.name()) + " from "
                + port.origin().describe();
        String engine = config.backendOnly() ? "; " + engineProblem : "";
        if (!facts.probing()) {
            answer.found(endpoint, predicted + ", not probed (probe=none)" + engine);
            return;
        }
        ProbeResult probe = facts.probe(endpoint);
        if (probe.ready()) {
            answer.found(endpoint, predicted + "; " + probe.description() + engine);
        } else {
            answer.missing(service.name(), predicted + ", but nothing answers there: " + probe.description());
        }
    }

    /** Return compose service names as a report lists them: on one line each, masked, at most ten. */
    private static String names(java.util.Collection<String> names) {
        return Listing.join(", ", names.stream().map(Listing::shown).toList(), 10);
    }

    private static Chosen problem(String problem) {
        return new Chosen(null, null, 0, problem);
    }
}
