package dev.backendconfig.docker.internal.lifecycle;

import dev.backendconfig.toolkit.OutsideText;
import dev.backendconfig.docker.internal.json.Json;
import dev.backendconfig.docker.internal.transport.EngineClient;
import dev.backendconfig.docker.internal.transport.EngineException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Every container of one compose project on the engine, running or not ({@code GET /containers/json?all=1}), and the
 * project's networks ({@code GET /networks}), both by compose's project label: what exists before a start, and after
 * it. Ids are checked before use (they go into request paths).
 *
 * @param containers the project's containers
 * @param networks the project's networks' ids
 */
record ProjectSnapshot(List<Container> containers, List<String> networks) {

    private static final String PROJECT_LABEL = "com.docker.compose.project";
    private static final String SERVICE_LABEL = "com.docker.compose.service";
    private static final Pattern ID = Pattern.compile("[0-9a-f]{12,64}");

    ProjectSnapshot {
        containers = List.copyOf(containers);
        networks = List.copyOf(networks);
    }

    /**
     * One container.
     *
     * @param id its id
     * @param name its name, without the leading {@code /}
     * @param service its compose service
     * @param running whether it runs
     */
    record Container(String id, String name, String service, boolean running) {
    }

    /**
     * Take the snapshot of {@code project}.
     *
     * @throws EngineException when the engine cannot be asked, or lists an id that is not one
     */
    static ProjectSnapshot take(EngineClient client, String project) throws EngineException {
        String filters = URLEncoder.encode(Json.write(Map.of("label", List.of(PROJECT_LABEL + "=" + project))),
                StandardCharsets.UTF_8);
        List<Container> containers = new ArrayList<>();
        for (Object item : list(client.getJson("/containers/json?all=1&filters=" + filters), "/containers/json",
                client)) {
            String name = Json.array(item, "Names").stream().filter(String.class::isInstance).map(String.class::cast)
                    .findFirst().map(text -> text.startsWith("/") ? text.substring(1) : text).orElse("");
            String state = Json.string(item, "State");
            containers.add(new Container(id(Json.string(item, "Id"), client), OutsideText.excerpt(name, 100),
                    Json.string(Json.object(item, "Labels"), SERVICE_LABEL), state.equals("running")));
        }
        List<String> networks = new ArrayList<>();
        for (Object item : list(client.getJson("/networks?filters=" + filters), "/networks", client)) {
            networks.add(id(Json.string(item, "Id"), client));
        }
        return new ProjectSnapshot(containers, networks);
    }

    private static List<Object> list(Object reply, String request, EngineClient client) throws EngineException {
        if (!(reply instanceof List<?> list)) {
            throw new EngineException("engine " + client.address().uri() + " answered GET " + request
                    + " with JSON that is not a list");
        }
        return new ArrayList<>(list);
    }

    private static String id(String id, EngineClient client) throws EngineException {
        if (!ID.matcher(id).matches()) {
            throw new EngineException("engine " + client.address().uri() + " listed an id that is not one (expected 12"
                    + " to 64 lower-case hexadecimal characters); the reply is not used");
        }
        return id;
    }

    /** Return the compose services that have a running container. */
    Set<String> runningServices() {
        return containers.stream().filter(Container::running).map(Container::service).collect(Collectors.toSet());
    }

    /** Return the ids of every container. */
    List<String> ids() {
        return containers.stream().map(Container::id).toList();
    }

    /** Return the ids of the running containers. */
    List<String> runningIds() {
        return containers.stream().filter(Container::running).map(Container::id).toList();
    }

    /**
     * Return the containers running now that did not run before ({@code before}): what a start started, each marked
     * created when it did not exist at all before.
     */
    List<LeaseState.Started> startedSince(LeaseState.Before before) {
        List<LeaseState.Started> started = new ArrayList<>();
        for (Container container : containers) {
            if (container.running() && !before.running().contains(container.id())) {
                started.add(new LeaseState.Started(container.id(), container.name(), container.service(),
                        !before.containers().contains(container.id())));
            }
        }
        return started;
    }

    /** Return the networks there now that were not there before. */
    List<String> networksSince(LeaseState.Before before) {
        return networks.stream().filter(id -> !before.networks().contains(id)).toList();
    }

    /** Return the snapshot as what existed before a start. */
    LeaseState.Before asBefore() {
        return new LeaseState.Before(ids(), runningIds(), networks);
    }

    /** Return the containers by id. */
    Map<String, Container> byId() {
        Map<String, Container> byId = new LinkedHashMap<>();
        containers.forEach(container -> byId.put(container.id(), container));
        return byId;
    }
}
