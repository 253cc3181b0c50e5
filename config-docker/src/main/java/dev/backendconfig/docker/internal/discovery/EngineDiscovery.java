package dev.backendconfig.docker.internal.discovery;

import dev.backendconfig.api.ServiceEndpoint;
import dev.backendconfig.api.spi.ProbeResult;
import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.Service;
import dev.backendconfig.docker.internal.DockerConfig.ServiceTarget;
import dev.backendconfig.docker.internal.DockerConfig;
import dev.backendconfig.docker.internal.DockerSettings;
import dev.backendconfig.docker.internal.Listing;
import dev.backendconfig.docker.internal.NameMatch;
import dev.backendconfig.docker.internal.ResolutionFacts;
import dev.backendconfig.docker.internal.compose.ComposeFiles;
import dev.backendconfig.docker.internal.json.Json;
import dev.backendconfig.docker.internal.transport.EngineClient;
import dev.backendconfig.docker.internal.transport.EngineException;
import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.toolkit.Origin;
import dev.backendconfig.toolkit.OutsideText;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Ask a reachable engine for every service: the running compose containers (one request), the one project they
 * all come from, each service's container and container port, its published host port, and its readiness (the
 * healthcheck, waited for in parallel, else the configured probe) — one inspect per chosen container.
 */
public final class EngineDiscovery {

    private final DockerConfig config;
    private final ResolutionFacts facts;
    private final EngineClient client;
    private final String providerId;
    private final Optional<String> project;
    private final Map<String, ContainerHealth> inspected = new HashMap<>();
    /** Why a container's healthcheck will never run (Podman without systemd), by container id, when it will not. */
    private final Map<String, String> stalled = new HashMap<>();

    /** Prepare to ask {@code client} on behalf of provider {@code providerId}. */
    public EngineDiscovery(DockerConfig config, ResolutionFacts facts, EngineClient client, String providerId) {
        this.config = config;
        this.facts = facts;
        this.client = client;
        this.providerId = providerId;
        this.project = config.project().isEmpty() ? facts.variable("COMPOSE_PROJECT_NAME")
                : Optional.of(config.project());
    }

    /** One service's container and port, and how they were chosen. */
    private record Selected(Service service, ContainerSummary container, int port, String how, List<String> notes) {
    }

    /**
     * Find the services; when the engine cannot be asked at all (its first request fails), answer with
     * {@code unreachable} applied to why (a prediction from the compose file, for a local engine); when it fails
     * mid-way, the result is unavailable.
     *
     * @throws InvalidInputException when several projects or compose services could be one service and
     *     nothing tells them apart, or two services resolve to one compose service
     */
    public ProviderResult discoverOr(java.util.function.Function<String, ProviderResult> unreachable) {
        List<ContainerSummary> running;
        try {
            running = list();
        } catch (EngineException e) {
            return unreachable.apply(e.getMessage());
        }
        try {
            return discover(running);
        } catch (EngineException e) {
            return ProviderResult.unavailable(e.getMessage());
        }
    }

    /**
     * List the running compose containers (of {@code docker.project} when set): the first request, whose failure
     * means the engine cannot be asked at all.
     *
     * @throws EngineException when the engine does not answer, or answers something unusable
     */
    List<ContainerSummary> list() throws EngineException {
        return ContainerSummary.parseList(client.getJson("/containers/json?filters="
                + URLEncoder.encode(filters(onlyService()), StandardCharsets.UTF_8)), engine());
    }

    /**
     * Find the services among the running containers {@link #list()} returned.
     *
     * @throws EngineException when the engine fails mid-way
     * @throws InvalidInputException when several projects or compose services could be one service and
     *     nothing tells them apart, or two services resolve to one compose service
     */
    ProviderResult discover(List<ContainerSummary> running) throws EngineException {
        Optional<String> onlyService = onlyService();
        if (running.isEmpty()) {
            return ProviderResult.unavailable("engine " + engine() + " runs no compose container"
                    + project.map(p -> " of project " + Listing.shown(p)).orElse("")
                    + onlyService.map(s -> " for service " + Listing.shown(s)).orElse("")
                    + " (start the stack with " + upCommand() + ")");
        }
        ProjectChoice.Chosen chosenProject = ProjectChoice.choose(running, checkoutFiles(), this::backendStrength, engine());
        ProviderResult.Services answer = ProviderResult.services();
        chosenProject.notes().forEach(answer::note);
        Map<Service, Selected> selected = new LinkedHashMap<>();
        for (ServiceTarget target : config.services()) {
            select(target, chosenProject, answer).ifPresent(choice -> selected.put(target.service(), choice));
        }
        requireDistinct(selected);
        Map<ContainerSummary, String> waitingFor = new LinkedHashMap<>();
        Map<String, ContainerHealth> first = new LinkedHashMap<>();
        for (Selected choice : selected.values()) {
            waitingFor.put(choice.container(), choice.service().name());
            first.put(choice.container().id(), inspect(choice.container()));
        }
        Duration waitHealthy = config.waitHealthy();
        Duration left = facts.timeLeft();
        Duration limit = waitHealthy.compareTo(left) < 0 ? waitHealthy : left;
        Readiness.Waited waited = Readiness.await(waitingFor, first, limit, this::freshInspect,
                container -> stalled.containsKey(container.id()));
        for (Selected choice : selected.values()) {
            ready(choice, waited, waitHealthy, answer);
        }
        return result(answer, chosenProject.name());
    }

    /** The backend's compose service, when it is the only service and a setting names it (the engine filters). */
    private Optional<String> onlyService() {
        return config.backendOnly() ? config.backend().findComposeService() : Optional.empty();
    }

    private ProviderResult result(ProviderResult.Services answer, String projectName) {
        ProviderResult result = answer.result("compose project " + projectName);
        if (config.backendOnly() && result instanceof ProviderResult.Found found) {
            ProviderResult single = ProviderResult.found(found.endpoint(),
                    found.serviceReasons().get(Service.BACKEND));
            for (String note : found.notes()) {
                single = single.withNote(note);
            }
            return single;
        }
        return result;
    }

    private Optional<Selected> select(ServiceTarget target, ProjectChoice.Chosen chosenProject,
            ProviderResult.Services answer) throws EngineException {
        Service service = target.service();
        String serviceKey = target.composeServiceKey();
        String portKey = target.containerPortKey();
        Optional<Integer> explicitPort = target.findContainerPort();
        ContainerChoice.Outcome outcome = ContainerChoice.choose(service, chosenProject.containers(),
                target.findComposeService(), serviceKey,
                explicitPort.orElse(DockerSettings.BACKEND_CONTAINER_PORT), container -> inspect(container).aliases());
        if (outcome instanceof ContainerChoice.Outcome.Ambiguous ambiguous) {
            throw new InvalidInputException(Origin.other("engine " + engine()), ambiguous.candidates()
                    .size() + " compose services of project " + chosenProject.name() + " could be service "
                    + service.name() + ": " + String.join("; ", ambiguous.candidates()) + "; set " + serviceKey
                    + " to pick one");
        }
        if (outcome instanceof ContainerChoice.Outcome.NotChosen notChosen) {
            answer.missing(service.name(), notChosen.reason());
            return Optional.empty();
        }
        ContainerChoice.Outcome.Chosen chosen = (ContainerChoice.Outcome.Chosen) outcome;
        PortChoice.Outcome port = PortChoice.choose(chosen.container(), service, explicitPort, portKey);
        if (!port.chosen()) {
            answer.missing(service.name(), port.problem());
            return Optional.empty();
        }
        List<String> notes = new ArrayList<>(chosen.notes());
        if (!port.note().isEmpty()) {
            notes.add(port.note());
        }
        return Optional.of(new Selected(service, chosen.container(), port.port(), chosen.how(), notes));
    }

    private void requireDistinct(Map<Service, Selected> selected) {
        Map<String, Service> byComposeService = new HashMap<>();
        for (Selected choice : selected.values()) {
            Service earlier = byComposeService.putIfAbsent(choice.container().service(), choice.service());
            if (earlier != null) {
                throw new InvalidInputException(Origin.other("engine " + engine()), "services "
                        + earlier.name() + " and " + choice.service().name() + " both resolve to compose service "
                        + choice.container().service() + " of project " + choice.container().project() + "; set "
                        + DockerSettings.SERVICE_COMPOSE_SERVICE.forService(choice.service()).key() + " (or "
                        + DockerSettings.SERVICE_COMPOSE_SERVICE.forService(earlier).key() + ") to tell them apart");
            }
        }
    }

    private void ready(Selected choice, Readiness.Waited waited, Duration waitHealthy, ProviderResult.Services answer) {
        ContainerSummary container = choice.container();
        PublishedAddress address = PublishedAddress.from(container.published(choice.port()), client.address());
        if (!address.unreachable().isEmpty()) {
            answer.missing(choice.service().name(), container.describe() + " " + address.unreachable());
            return;
        }
        ServiceEndpoint endpoint = endpoint(choice, address);
        String publishes = "service " + Listing.shown(container.service()) + " publishes " + choice.port()
                + " on " + address.binding();
        String how = choice.how().equals("its name") ? "" : "; chosen because " + choice.how();
        choice.notes().forEach(answer::note);
        address.notes().forEach(answer::note);
        ContainerHealth health = waited.health().get(container.id());
        String waitedClause = waited.waited().compareTo(Duration.ofMillis(250)) > 0
                ? " after waiting " + waited.waited().toMillis() + " ms for it to start" : "";
        String stalledHealthcheck = stalled.get(container.id());
        if (stalledHealthcheck != null) {
            probed(choice, endpoint, publishes, how, stalledHealthcheck, stalledHealthcheck, answer);
            return;
        }
        switch (health.status()) {
            case "healthy" -> answer.found(endpoint, publishes + " (healthy" + waitedClause + ")" + how);
            case "starting" -> answer.missing(choice.service().name(), container.describe() + " is still starting after "
                    + waited.waited().toMillis() + " ms (setting docker.wait-healthy = " + waitHealthy.toMillis()
                    + " ms)" + health.lastOutputClause());
            case "unhealthy" -> answer.missing(choice.service().name(), container.describe() + " is unhealthy"
                    + health.lastOutputClause());
            default -> probed(choice, endpoint, publishes, how, "no healthcheck", "it has no healthcheck", answer);
        }
    }

    /**
     * Probe a service when its healthcheck cannot decide.
     *
     * @param why why not, for a found result: {@code "no healthcheck"}
     * @param whyNot the same as a clause of a not-found reason: {@code "it has no healthcheck"}
     */
    private void probed(Selected choice, ServiceEndpoint endpoint, String publishes, String how, String why,
            String whyNot, ProviderResult.Services answer) {
        if (!facts.probing()) {
            answer.found(endpoint, publishes + " (" + why + "; not probed, probe=none)" + how);
            return;
        }
        ProbeResult probe = facts.probe(endpoint);
        if (probe.ready()) {
            answer.found(endpoint, publishes + " (" + why + "; " + probe.description() + ")" + how);
        } else {
            answer.missing(choice.service().name(), publishes + ", but " + whyNot + " and the probe failed: "
                    + probe.description());
        }
    }

    private ServiceEndpoint endpoint(Selected choice, PublishedAddress address) {
        ContainerSummary container = choice.container();
        Origin origin = Origin.other("container " + Listing.shown(container.name()) + " ("
                + container.shortId() + ")");
        Origin engine = Origin.other("engine " + engine());
        return ServiceEndpoint.builder(providerId).service(choice.service().name())
                .http(address.address().http(), origin)
                .detail("compose-project", container.project(), origin)
                .detail("compose-service", container.service(), origin)
                .detail("container-name", container.name(), origin)
                .detail("container-id", container.shortId(), origin)
                .detail("container-port", Integer.toString(choice.port()), origin)
                .detail("engine", engine(), engine)
                .build();
    }

    /**
     * Tell how strong a project's backend candidate is, without asking the engine again: 3 the compose service a
     * setting names, 2 a container named after the backend, 1 one that publishes its container port, 0 none.
     */
    private int backendStrength(List<ContainerSummary> containers) {
        Service backend = config.backend().service();
        Optional<String> explicit = config.backend().findComposeService();
        if (explicit.isPresent()) {
            return containers.stream().anyMatch(c -> c.service().equals(explicit.get())) ? 3 : 0;
        }
        if (containers.stream().anyMatch(c -> NameMatch.of(backend.name(), c.service(), c.name()) != NameMatch.NONE)) {
            return 2;
        }
        int port = config.backend().findContainerPort().orElse(DockerSettings.BACKEND_CONTAINER_PORT);
        return containers.stream().anyMatch(c -> !c.published(port).isEmpty()) ? 1 : 0;
    }

    /**
     * Return the command that starts this checkout's stack: {@code docker compose -f docker/compose.yml up -d} with the
     * compose files found — relative to the directory the JVM runs in ({@code user.dir}) when below it, so that it
     * can be pasted into the shell that ran the tests or {@code explain}; absolute otherwise — or
     * {@code docker compose up -d}.
     */
    private String upCommand() {
        Optional<Path> here = Optional.of(facts.launchDirectory()).filter(directory -> !directory.isEmpty())
                .flatMap(EngineDiscovery::path);
        StringBuilder command = new StringBuilder("docker compose");
        for (Path file : checkoutFiles()) {
            Path shown = here.filter(file::startsWith).map(dir -> dir.relativize(file)).orElse(file);
            command.append(" -f ").append(OutsideText.oneLine(shown.toString()));
        }
        return command.append(" up -d").toString();
    }

    private static Optional<Path> path(String text) {
        try {
            return Optional.of(Path.of(text).toAbsolutePath().normalize());
        } catch (java.nio.file.InvalidPathException e) {
            return Optional.empty();
        }
    }

    private List<Path> checkoutFiles() {
        return ComposeFiles.find(config, facts, new StringBuilder()).map(ComposeFiles.Found::files).orElse(List.of());
    }

    private ContainerHealth inspect(ContainerSummary container) throws EngineException {
        ContainerHealth health = inspected.get(container.id());
        return health != null ? health : freshInspect(container);
    }

    private ContainerHealth freshInspect(ContainerSummary container) throws EngineException {
        Object reply = client.getJson(EngineClient.path("containers", container.id(), "json"));
        StalledHealthcheck.diagnose(client.identity(), reply, facts.clock().instant()).ifPresentOrElse(
                why -> stalled.put(container.id(), why), () -> stalled.remove(container.id()));
        ContainerHealth health = ContainerHealth.from(reply);
        inspected.put(container.id(), health);
        return health;
    }

    private String engine() {
        return client.address().uri();
    }

    private String filters(Optional<String> onlyService) {
        List<String> labels = new ArrayList<>();
        labels.add(project.map(p -> ContainerSummary.PROJECT_LABEL + "=" + p).orElse(ContainerSummary.PROJECT_LABEL));
        onlyService.ifPresent(s -> labels.add(ContainerSummary.SERVICE_LABEL + "=" + s));
        Map<String, Object> filters = new LinkedHashMap<>();
        filters.put("label", labels);
        return Json.write(filters);
    }
}
