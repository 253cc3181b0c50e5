package dev.backendconfig.docker.internal.compose;

import dev.backendconfig.api.ServiceEndpoint;
import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.toolkit.Origin;
import dev.backendconfig.toolkit.Secrets;
import dev.backendconfig.api.spi.ProbeResult;
import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.Service;
import dev.backendconfig.docker.internal.DatabaseLook;
import dev.backendconfig.docker.internal.DockerConfig;
import dev.backendconfig.docker.internal.DockerErrors;
import dev.backendconfig.docker.internal.DockerConfig.ServiceTarget;
import dev.backendconfig.docker.internal.DockerSettings;
import dev.backendconfig.docker.internal.Endpoints;
import dev.backendconfig.docker.internal.HostAndPort;
import dev.backendconfig.docker.internal.Listing;
import dev.backendconfig.docker.internal.ResolutionFacts;
import dev.backendconfig.docker.internal.ServiceMatch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When the engine cannot be asked: predict every service's host port from this checkout's compose project — a guess,
 * since another stack on the machine may publish the same port. A prediction is taken only when a probe hears the
 * protocol spoken there (an HTTP answer on {@code probe.http-path}, which a WebSocket server gives too, whatever
 * setting {@code probe} says; never a bare TCP accept, which any program or port proxy gives), and it is marked
 * unconfirmed: in the endpoint ({@link ServiceEndpoint#unconfirmed()}), the report, and a WARN line. Services are
 * matched exactly as running ones are ({@link ServiceMatch}); setting {@code docker.predict=false} turns prediction
 * off.
 */
public final class ComposePrediction {

    private static final Logger LOG = LoggerFactory.getLogger(ComposePrediction.class);

    private final DockerConfig config;
    private final ResolutionFacts facts;
    private final String providerId;
    private final ComposeProjects.Loaded loaded;

    /** Prepare a prediction for provider {@code providerId} from the project {@code loaded}. */
    public ComposePrediction(DockerConfig config, ResolutionFacts facts, String providerId,
            ComposeProjects.Loaded loaded) {
        this.config = config;
        this.facts = facts;
        this.providerId = providerId;
        this.loaded = loaded;
    }

    /** One service's compose service and port. */
    private record Chosen(ComposeService service, int containerPort, int hostPort, String host, Origin origin) {
    }

    /**
     * Predict.
     *
     * @param engineProblem why the engine could not be asked, for the reason
     * @param noEngineAtAll whether there is no sign of an engine at all (then no compose file means skipped)
     * @throws InvalidInputException when several compose services could be one service and nothing
     *     tells them apart
     */
    public ProviderResult predict(String engineProblem, boolean noEngineAtAll) {
        if (!config.predict()) {
            String reason = engineProblem + "; setting docker.predict=false: no prediction from the compose files";
            return noEngineAtAll ? ProviderResult.skipped(reason) : ProviderResult.unavailable(reason);
        }
        if (loaded instanceof ComposeProjects.Loaded.None none) {
            String reason = engineProblem + "; no compose file " + none.searched() + " to predict the port from";
            ProviderResult result = noEngineAtAll ? ProviderResult.skipped(reason) : ProviderResult.unavailable(reason);
            return result.withNotes(none.notes());
        }
        ComposeProject project = loaded.found().orElseThrow();
        List<String> notes = new ArrayList<>(project.describe());
        notes.addAll(project.notes());
        if (!project.hasFiles()) {
            return ProviderResult.unavailable(engineProblem + "; this checkout's project " + Listing.shown(
                    project.name()) + " (" + project.nameReason() + ") has no compose file here to predict the"
                    + " port from").withNotes(notes);
        }
        return predict(project, engineProblem).withNotes(notes);
    }

    private ProviderResult predict(ComposeProject project, String engineProblem) {
        String fileNames = String.join(", ", project.configFiles().stream().map(Object::toString).toList());
        ProviderResult.Services answer = ProviderResult.services();
        List<ServiceEndpoint> guessed = new ArrayList<>();
        String where = "this checkout's compose project " + Listing.shown(project.name()) + " (" + fileNames + ")";
        for (Map.Entry<ServiceTarget, ServiceMatch.Outcome> match : ProjectServices.match(config.services(), project,
                where).entrySet()) {
            ServiceTarget target = match.getKey();
            ServiceMatch.Outcome outcome = match.getValue();
            if (outcome instanceof ServiceMatch.Outcome.Ambiguous ambiguous) {
                throw new InvalidInputException(DockerErrors.AMBIGUOUS,
                        Origin.file(project.files().get(0).path().toString(), 0),
                        ambiguous.names().size() + " compose services of " + where + " could be service "
                                + target.service().name() + ": " + Listing.join(", ", ambiguous.names().stream()
                                        .map(Listing::shown).toList(), 10) + " (they " + ambiguous.why() + "); set "
                                + target.composeServiceKey() + " to pick one");
            }
            if (outcome instanceof ServiceMatch.Outcome.None none) {
                answer.missing(target.service().name(), leftOutByProfiles(target, project).orElse(none.reason()));
                continue;
            }
            ComposeService service = project.services().get(((ServiceMatch.Outcome.Chosen) outcome).name());
            port(target, service).ifPresentOrElse(chosen -> probe(target, chosen, project, engineProblem, answer)
                    .ifPresent(guessed::add), () -> answer.missing(target.service().name(), portProblem(target,
                    service)));
        }
        ProviderResult result = answer.result("predicted from " + fileNames + "; " + engineProblem);
        if (result instanceof ProviderResult.Found) {
            guessed.forEach(endpoint -> LOG.warn("Tests will use {} for service {}, UNCONFIRMED: {}. Make the engine"
                    + " answer (or set docker.predict=false to never guess).", Secrets.mask(endpoint.http()),
                    endpoint.service(), endpoint.unconfirmed().orElse("")));
        }
        if (config.backendOnly()) {
            if (result instanceof ProviderResult.Found found) {
                return ProviderResult.found(found.endpoint(), found.serviceReasons().get(Service.BACKEND))
                        .withNotes(found.notes());
            }
            return ProviderResult.unavailable(engineProblem + "; " + result.reason()).withNotes(result.notes());
        }
        return result;
    }

    /** Say that a service matched nothing because the active profiles leave its compose service out, if so. */
    private static Optional<String> leftOutByProfiles(ServiceTarget target, ComposeProject project) {
        String name = target.findComposeService().orElse(target.service().name());
        List<String> profiles = project.inactive().get(name);
        if (profiles == null) {
            return Optional.empty();
        }
        return Optional.of("compose service " + Listing.shown(name) + " is left out by profiles (it is in "
                + String.join(", ", profiles) + "; active: " + (project.profiles().isEmpty() ? "none"
                        : String.join(", ", project.profiles())) + ", " + project.profilesReason() + "); set"
                + " docker.profiles or COMPOSE_PROFILES to activate it");
    }

    /** Return the service's container port and host port, when the compose file fixes them. */
    private static Optional<Chosen> port(ServiceTarget target, ComposeService service) {
        Optional<Integer> containerPort = containerPort(target, service);
        if (containerPort.isEmpty()) {
            return Optional.empty();
        }
        int wanted = containerPort.get();
        if (service.hostNetwork()) {
            return Optional.of(new Chosen(service, wanted, wanted, "localhost", service.origin()));
        }
        for (ComposePort port : service.ports()) {
            if (port.maps(wanted) && port.hostPortFor(wanted).isPresent()) {
                String host = port.hostIp().isEmpty() || port.hostIp().equals("0.0.0.0") || port.hostIp().equals("::")
                        ? "localhost" : port.hostIp();
                return Optional.of(new Chosen(service, wanted, port.hostPortFor(wanted).get(), host, port.origin()));
            }
        }
        return Optional.empty();
    }

    private static Optional<Integer> containerPort(ServiceTarget target, ComposeService service) {
        if (target.findContainerPort().isPresent()) {
            return target.findContainerPort();
        }
        List<Integer> ports = service.hostNetwork() ? service.containerPorts() : service.ports().stream()
                .filter(port -> "tcp".equals(port.protocol())).flatMap(port -> java.util.stream.IntStream
                        .rangeClosed(port.target().first(), Math.min(port.target().last(), port.target().first()
                                + 1000)).boxed()).distinct().toList();
        if (target.service().isBackend() && (ports.contains(DockerSettings.BACKEND_CONTAINER_PORT)
                || service.hostNetwork() && ports.isEmpty())) {
            return Optional.of(DockerSettings.BACKEND_CONTAINER_PORT);
        }
        return ports.size() == 1 ? Optional.of(ports.get(0)) : Optional.empty();
    }

    /** Say why no host port could be predicted for a matched service. */
    private static String portProblem(ServiceTarget target, ComposeService service) {
        String shown = "service " + Listing.shown(service.name()) + " (" + service.origin() + ")";
        Optional<Integer> containerPort = containerPort(target, service);
        if (containerPort.isEmpty()) {
            List<Integer> ports = service.containerPorts();
            return shown + (ports.isEmpty() ? " publishes no port" : " names container ports " + ports + " but not "
                    + (target.service().isBackend() ? DockerSettings.BACKEND_CONTAINER_PORT : "just one")) + "; set "
                    + target.containerPortKey();
        }
        int wanted = containerPort.get();
        return service.ports().stream().anyMatch(port -> port.maps(wanted))
                ? shown + " publishes " + wanted + " on a host port Docker picks at start, which only a running"
                        + " engine can tell"
                : shown + " does not publish container port " + wanted + " (setting " + target.containerPortKey()
                        + ")";
    }

    /** Probe a predicted port; return the endpoint when the protocol is spoken there. */
    private Optional<ServiceEndpoint> probe(ServiceTarget target, Chosen chosen, ComposeProject project,
            String engineProblem, ProviderResult.Services answer) {
        Origin origin = Origin.file(chosen.origin().location(), chosen.origin().line());
        String predicted = "predicted " + new HostAndPort(chosen.host(), chosen.hostPort()).http() + " for service "
                + Listing.shown(chosen.service().name()) + " from " + chosen.origin().describe()
                + (chosen.service().hostNetwork() ? " (network_mode: host: it listens on the host at "
                        + chosen.containerPort() + ")" : "");
        ServiceEndpoint.Builder builder = Endpoints.builder(providerId, target,
                new HostAndPort(chosen.host(), chosen.hostPort()).http(), origin)
                .detail("compose-project", project.name(), Origin.other(project.nameReason()))
                .detail("compose-service", chosen.service().name(), chosen.service().origin())
                .detail("container-port", Integer.toString(chosen.containerPort()), origin)
                .detail("predicted-from", chosen.origin().describe(), origin);
        ServiceEndpoint candidate = builder.build();
        ProbeResult probe = facts.probeProtocol(candidate);
        if (!probe.ready()) {
            answer.missing(target.service().name(), predicted + ", but the protocol is not spoken there: "
                    + probe.description());
            return Optional.empty();
        }
        String why = predicted + " while the engine could not be asked (" + engineProblem + "); " + probe.description()
                + ", but nothing confirms it is this checkout's project " + Listing.shown(project.name())
                + " (another stack may publish that port)";
        ServiceEndpoint endpoint = builder.unconfirmed(why).build();
        answer.found(endpoint, "UNCONFIRMED: " + predicted + "; " + probe.description()
                + (config.backendOnly() ? "; " + engineProblem : ""));
        return Optional.of(endpoint);
    }
}
