package dev.backendconfig.testsupport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Replies recorded from a real Docker engine (20.10, API 1.41) by the real-Docker tests' stack, kept under
 * {@code src/test/resources/engine}: the list of containers and the inspection of each. Tests take them as they
 * are, or change one field of a copy (a port, a health status) to make a case. They are read and written with
 * Jackson, independently of config-docker's own JSON reader.
 *
 * <ul>
 *   <li>{@code alpine-test-backend}: published on 0.0.0.0:8002 and [::]:8002, healthy.
 *   <li>{@code slow-backend}: published on 127.0.0.1:8021, health starting.
 *   <li>{@code sick-backend}: published on 0.0.0.0:8022 and [::]:8022, unhealthy ("database connection refused").
 *   <li>{@code plain-backend}: published on 0.0.0.0:8023 and [::]:8023, no healthcheck.
 * </ul>
 */
public final class Recorded {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Recorded() {
    }

    /** Return the list entry of a service, recorded by {@code GET /containers/json}. */
    public static Map<String, Object> listEntry(String service) {
        for (String file : List.of("engine/list-all.json", "engine/list-capture.json")) {
            for (Object entry : (List<?>) parse(file)) {
                Map<String, Object> labels = castMap(castMap(entry).get("Labels"));
                if (service.equals(labels.get("com.docker.compose.service"))) {
                    return copy(entry);
                }
            }
        }
        throw new IllegalArgumentException("no recorded container of service " + service);
    }

    /** Return the recorded inspection of a service's container ({@code alpine}, {@code slow}, {@code sick}, {@code plain}). */
    public static Map<String, Object> inspection(String recording) {
        return copy(parse("engine/inspect-" + recording + ".json"));
    }

    /** Return the id of a list entry or inspection. */
    public static String id(Map<String, Object> container) {
        return (String) container.get("Id");
    }

    /** Return a list of entries as the engine's JSON. */
    public static String list(Map<String, Object> first) {
        return write(List.of(first));
    }

    /** Return a list of two entries as the engine's JSON. */
    public static String list(Map<String, Object> first, Map<String, Object> second) {
        return write(List.of(first, second));
    }

    /** Return an inspection with its health status replaced. */
    public static String withHealth(Map<String, Object> inspection, String status) {
        Map<String, Object> copy = copy(inspection);
        edit(copy, "State", state -> edit(state, "Health", health -> health.put("Status", status)));
        return write(copy);
    }

    /** Return an inspection whose every network lists exactly these aliases. */
    public static String withAliases(Map<String, Object> inspection, String... aliases) {
        Map<String, Object> copy = copy(inspection);
        edit(copy, "NetworkSettings", settings -> edit(settings, "Networks", networks -> networks.values().forEach(
                network -> castMap(network).put("Aliases", List.of(aliases)))));
        return write(copy);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object value) {
        return (Map<String, Object>) value;
    }

    /** Set every published port of a list entry to {@code port}. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> withPublicPort(Map<String, Object> entry, int port) {
        for (Object item : (List<Object>) entry.get("Ports")) {
            ((Map<String, Object>) item).put("PublicPort", port);
        }
        return entry;
    }

    /** Give a list entry another id, service and container name, as a second container would have. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> renamed(Map<String, Object> entry, String id, String service, String name) {
        Map<String, Object> copy = copy(entry);
        copy.put("Id", id);
        copy.put("Names", List.of("/" + name));
        ((Map<String, Object>) copy.get("Labels")).put("com.docker.compose.service", service);
        return copy;
    }

    /**
     * Return a copy of a list entry started from {@code checkout} as docker compose v2 labels it: project
     * {@code project}, {@code working_dir} the checkout, {@code config_files} its {@code compose.yaml}.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> startedIn(Map<String, Object> entry, java.nio.file.Path checkout,
            String project) {
        Map<String, Object> copy = copy(entry);
        Map<String, Object> labels = (Map<String, Object>) copy.get("Labels");
        labels.put("com.docker.compose.project", project);
        labels.put("com.docker.compose.project.working_dir", checkout.toString());
        labels.put("com.docker.compose.project.config_files", checkout.resolve("compose.yaml").toString());
        return copy;
    }

    /**
     * Return a copy of a list entry whose {@code Status} tells {@code health} as Docker's list writes it:
     * {@code Up 4 seconds (healthy)}, {@code (unhealthy)}, {@code (health: starting)}, or no health part for
     * {@code none}. A case whose inspection says another health than the recorded entry needs this: Docker's list and
     * its inspect agree.
     */
    public static Map<String, Object> listedWithHealth(Map<String, Object> entry, String health) {
        Map<String, Object> copy = copy(entry);
        copy.put("Status", switch (health) {
            case "healthy" -> "Up 4 seconds (healthy)";
            case "unhealthy" -> "Up 4 seconds (unhealthy)";
            case "starting" -> "Up 4 seconds (health: starting)";
            case "none" -> "Up 4 seconds";
            default -> throw new IllegalArgumentException("no such health: " + health);
        });
        return copy;
    }

    /** Return a copy of a list entry whose container has stopped: {@code State} exited, as the engine lists it. */
    public static Map<String, Object> exited(Map<String, Object> entry) {
        Map<String, Object> copy = copy(entry);
        copy.put("State", "exited");
        copy.put("Status", "Exited (0) 3 minutes ago");
        copy.put("Ports", List.of());
        return copy;
    }

    /** Return the entries as the engine's JSON list. */
    @SafeVarargs
    public static String listOf(Map<String, Object>... entries) {
        return write(List.of(entries));
    }

    /** Return a recorded document as text. */
    public static String text(Map<String, Object> document) {
        return write(document);
    }

    @SuppressWarnings("unchecked")
    private static void edit(Map<String, Object> map, String key, Consumer<Map<String, Object>> change) {
        change.accept((Map<String, Object>) map.get(key));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> copy(Object document) {
        return (Map<String, Object>) deepCopy(document);
    }

    private static Object deepCopy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put((String) k, deepCopy(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(item -> copy.add(deepCopy(item)));
            return copy;
        }
        return value;
    }

    private static Object parse(String resource) {
        try (InputStream in = Recorded.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("missing recording " + resource);
            }
            return JSON.readValue(new String(in.readAllBytes(), StandardCharsets.UTF_8), new TypeReference<Object>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("recording " + resource + " is not JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Return a reply recorded from Podman 4.3.1's Docker-compatible API (stack started by podman-compose 1.0.3, see
     * {@code engine/podman/}): {@code list} (the project's containers), {@code inspect-backend} (health "starting"
     * forever, no systemd), {@code inspect-backend-healthy} (after {@code podman healthcheck run}),
     * {@code inspect-auth} (no healthcheck).
     */
    public static Object podman(String recording) {
        return parse("engine/podman/" + recording + ".json");
    }

    /** Return the text of a recorded resource, for example {@code engine/podman/ping.http}. */
    public static String resource(String path) {
        try (InputStream in = Recorded.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("missing recording " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Return a document (as {@link #inspection} returns it) as JSON text. */
    public static String write(Object document) {
        try {
            return JSON.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a recorded document is always JSON", e);
        }
    }
}
