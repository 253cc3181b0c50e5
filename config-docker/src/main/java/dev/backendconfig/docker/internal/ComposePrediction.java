package dev.backendconfig.docker.internal;

import dev.backendconfig.api.BackendEndpoint;
import dev.backendconfig.api.spi.Origin;
import dev.backendconfig.api.spi.ProbeResult;
import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.ResolutionContext;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * When the engine cannot be reached: predict the backend's host port from the compose file, and accept the
 * prediction only if something really answers there.
 */
public final class ComposePrediction {

    private final ResolutionContext context;
    private final String providerId;
    private final int containerPort;
    private final Optional<String> service;

    /** Prepare a prediction for provider {@code providerId}. */
    public ComposePrediction(ResolutionContext context, String providerId) {
        this.context = context;
        this.providerId = providerId;
        this.containerPort = context.settings().get(DockerSettings.CONTAINER_PORT);
        this.service = context.settings().find(DockerSettings.SERVICE);
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
        List<java.nio.file.Path> paths = files.get().files();
        ComposeModel model = ComposeModel.load(paths, context.environment());
        return predict(model, paths, engineProblem).withNotes(model.notes());
    }

    private ProviderResult predict(ComposeModel model, List<java.nio.file.Path> paths, String engineProblem) {
        String fileNames = String.join(", ", paths.stream().map(Object::toString).toList());
        List<ComposeModel.Service> publishing = model.services().values().stream()
                .filter(s -> service.map(name -> name.equals(s.name())).orElse(true))
                .filter(s -> s.ports().stream().anyMatch(port -> port.maps(containerPort)))
                .toList();
        if (publishing.isEmpty()) {
            return ProviderResult.unavailable(engineProblem + "; " + fileNames + " has no service"
                    + service.map(name -> " " + name).orElse("") + " publishing container port " + containerPort
                    + " (services: " + Listing.join(", ", model.services().keySet().stream()
                    .map(ContainerSummary::shown).toList(), 10) + ")");
        }
        Optional<ComposeModel.Service> chosen = choose(publishing);
        if (chosen.isEmpty()) {
            return ProviderResult.unavailable(engineProblem + "; in " + fileNames + " " + publishing.size()
                    + " services publish container port " + containerPort + ": " + Listing.join(", ",
                    publishing.stream().map(s -> ContainerSummary.shown(s.name())).toList(), 10)
                    + "; set docker.service to pick one");
        }
        return probe(chosen.get(), engineProblem);
    }

    private ProviderResult probe(ComposeModel.Service chosen, String engineProblem) {
        ComposePort port = chosen.ports().stream().filter(p -> p.maps(containerPort)).findFirst().orElseThrow();
        Optional<Integer> hostPort = port.hostPortFor(containerPort);
        if (hostPort.isEmpty()) {
            return ProviderResult.unavailable(engineProblem + "; service " + ContainerSummary.shown(chosen.name())
                    + " (" + port.origin()
                    + ") publishes " + containerPort + " on a host port Docker picks at start, which only a running"
                    + " engine can tell");
        }
        String host = port.hostIp().isEmpty() || port.hostIp().equals("0.0.0.0") || port.hostIp().equals("::")
                ? "localhost" : port.hostIp().contains(":") ? "[" + port.hostIp() + "]" : port.hostIp();
        Origin origin = Origin.file(port.origin().location(), port.origin().line());
        BackendEndpoint endpoint = BackendEndpoint.builder(providerId)
                .http(URI.create("http://" + host + ":" + hostPort.get()), origin)
                .detail("compose-service", chosen.name(), chosen.origin())
                .detail("container-port", Integer.toString(containerPort), origin)
                .detail("predicted-from", port.origin().describe(), origin)
                .build();
        String predicted = "predicted " + endpoint.maskedHttp() + " for service " + ContainerSummary.shown(chosen.name())
                + " from "
                + port.origin().describe();
        if (!context.probing()) {
            return ProviderResult.found(endpoint, predicted + ", not probed (probe=none); " + engineProblem);
        }
        ProbeResult probe = context.probe(endpoint);
        if (probe.ready()) {
            return ProviderResult.found(endpoint, predicted + "; " + probe.description() + "; " + engineProblem);
        }
        return ProviderResult.unavailable(engineProblem + "; " + predicted + ", but nothing answers there: "
                + probe.description());
    }

    private Optional<ComposeModel.Service> choose(List<ComposeModel.Service> publishing) {
        if (publishing.size() == 1) {
            return Optional.of(publishing.get(0));
        }
        List<ComposeModel.Service> named = publishing.stream().filter(s -> backend(s.name()) || backend(s.containerName())
                || s.aliases().stream().anyMatch(ComposePrediction::backend)).toList();
        return named.size() == 1 ? Optional.of(named.get(0)) : Optional.empty();
    }

    private static boolean backend(String name) {
        return name.toLowerCase(Locale.ROOT).contains("backend");
    }
}
