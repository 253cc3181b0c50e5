package dev.backendconfig.docker.internal;

import dev.backendconfig.api.BackendEndpoint;
import dev.backendconfig.api.spi.Origin;
import dev.backendconfig.api.spi.ProbeResult;
import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.ResolutionContext;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Ask a reachable engine for the backend: the running compose containers, the one publishing the container port,
 * its published host port, and its readiness (healthcheck, else the configured probe).
 */
public final class EngineDiscovery {

    private static final Duration POLL = Duration.ofMillis(500);

    private final ResolutionContext context;
    private final EngineClient client;
    private final String providerId;
    private final int containerPort;
    private final Optional<String> project;
    private final Optional<String> service;

    /** Prepare to ask {@code client} on behalf of provider {@code providerId}. */
    public EngineDiscovery(ResolutionContext context, EngineClient client, String providerId) {
        this.context = context;
        this.client = client;
        this.providerId = providerId;
        this.containerPort = context.settings().get(DockerSettings.CONTAINER_PORT);
        this.project = context.settings().find(DockerSettings.PROJECT)
                .or(() -> context.variable("COMPOSE_PROJECT_NAME"));
        this.service = context.settings().find(DockerSettings.SERVICE);
    }

    /** Find the backend; an engine that fails mid-way makes the result unavailable. */
    public ProviderResult discover() throws EngineException {
        List<ContainerSummary> running = ContainerSummary.parseList(client.getJson("/containers/json?filters="
                + URLEncoder.encode(filters(), StandardCharsets.UTF_8)), client.address().uri());
        if (running.isEmpty()) {
            return ProviderResult.unavailable("engine " + client.address().uri() + " runs no compose container"
                    + project.map(p -> " of project " + ContainerSummary.shown(p)).orElse("")
                    + service.map(s -> " for service " + ContainerSummary.shown(s)).orElse("")
                    + " (start the stack with docker compose up -d)");
        }
        ContainerChoice.Outcome outcome = ContainerChoice.choose(running, containerPort, service,
                container -> inspect(container).aliases());
        if (outcome instanceof ContainerChoice.Outcome.NotChosen notChosen) {
            return ProviderResult.unavailable(notChosen.reason());
        }
        ContainerChoice.Outcome.Chosen chosen = (ContainerChoice.Outcome.Chosen) outcome;
        ContainerSummary container = chosen.container();
        PublishedAddress address = PublishedAddress.from(container.published(containerPort), client.address());
        BackendEndpoint endpoint = endpoint(container, address);
        String publishes = "service " + ContainerSummary.shown(container.service()) + " publishes " + containerPort
                + " on " + address.binding();
        ProviderResult result = ready(container, endpoint, publishes);
        for (String note : chosen.notes()) {
            result = result.withNote(note);
        }
        for (String note : address.notes()) {
            result = result.withNote(note);
        }
        return result;
    }

    private ProviderResult ready(ContainerSummary container, BackendEndpoint endpoint, String publishes)
            throws EngineException {
        ContainerHealth health = inspect(container);
        Duration waitHealthy = context.settings().get(DockerSettings.WAIT_HEALTHY);
        long start = System.nanoTime();
        long waitNanos = Math.min(waitHealthy.toNanos(), context.remaining().toNanos());
        while (health.status().equals("starting") && System.nanoTime() - start < waitNanos
                && !Thread.currentThread().isInterrupted()) {
            sleep(Math.min(POLL.toNanos(), waitNanos - (System.nanoTime() - start)));
            health = inspect(container);
        }
        String waited = System.nanoTime() - start > POLL.toNanos() / 2
                ? " after waiting " + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms for it to start" : "";
        switch (health.status()) {
            case "healthy":
                return ProviderResult.found(endpoint, publishes + " (healthy" + waited + ")");
            case "starting":
                return ProviderResult.unavailable(container.describe() + " is still starting after "
                        + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms (setting docker.wait-healthy = "
                        + waitHealthy.toMillis() + " ms)" + health.lastOutputClause());
            case "unhealthy":
                return ProviderResult.unavailable(container.describe() + " is unhealthy" + health.lastOutputClause());
            default:
                return probed(endpoint, publishes);
        }
    }

    private ProviderResult probed(BackendEndpoint endpoint, String publishes) {
        if (!context.probing()) {
            return ProviderResult.found(endpoint, publishes + " (no healthcheck; not probed, probe=none)");
        }
        ProbeResult probe = context.probe(endpoint);
        if (probe.ready()) {
            return ProviderResult.found(endpoint, publishes + " (no healthcheck; " + probe.description() + ")");
        }
        return ProviderResult.unavailable(publishes + ", but it has no healthcheck and the probe failed: "
                + probe.description());
    }

    private BackendEndpoint endpoint(ContainerSummary container, PublishedAddress address) {
        Origin origin = Origin.other("container " + ContainerSummary.shown(container.name()) + " ("
                + container.shortId() + ")");
        Origin engine = Origin.other("engine " + client.address().uri());
        return BackendEndpoint.builder(providerId)
                .http(URI.create("http://" + address.host() + ":" + address.port()), origin)
                .detail("compose-project", container.project(), origin)
                .detail("compose-service", container.service(), origin)
                .detail("container-name", container.name(), origin)
                .detail("container-id", container.shortId(), origin)
                .detail("container-port", Integer.toString(containerPort), origin)
                .detail("engine", client.address().uri(), engine)
                .build();
    }

    private ContainerHealth inspect(ContainerSummary container) throws EngineException {
        return ContainerHealth.from(client.getJson(EngineClient.path("containers", container.id(), "json")));
    }

    private String filters() {
        List<String> labels = new ArrayList<>();
        labels.add(project.map(p -> ContainerSummary.PROJECT_LABEL + "=" + p).orElse(ContainerSummary.PROJECT_LABEL));
        service.ifPresent(s -> labels.add(ContainerSummary.SERVICE_LABEL + "=" + s));
        Map<String, Object> filters = new LinkedHashMap<>();
        filters.put("label", labels);
        return Json.write(filters);
    }

    private static void sleep(long nanos) {
        try {
            Thread.sleep(Math.max(1, nanos / 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
