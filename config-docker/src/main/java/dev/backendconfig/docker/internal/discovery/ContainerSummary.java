package dev.backendconfig.docker.internal.discovery;

import dev.backendconfig.docker.internal.IpLiteral;
import dev.backendconfig.docker.internal.Listing;
import dev.backendconfig.docker.internal.Scans;
import dev.backendconfig.docker.internal.json.Json;
import dev.backendconfig.docker.internal.transport.EngineException;
import dev.backendconfig.toolkit.OutsideText;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One running container as {@code GET /containers/json} lists it.
 *
 * @param id the full container id
 * @param names its names, without the leading {@code /}
 * @param labels its labels
 * @param ports its port entries (one per address family and published port)
 * @param state its state: {@code running}, {@code exited}, {@code created}, {@code restarting}, {@code paused},
 *     {@code dead} or {@code removing} (shown on one line when the engine says something else)
 * @param status the engine's words on it ({@code Exited (0) 2 hours ago}), shown on one line, or empty text
 * @param image its image, as the engine names it, or empty text
 * @param networkMode its network mode ({@code host}: it shares the host's network and publishes nothing), or empty
 * @param listedHealth the health Docker's list tells in {@code Status} ({@code Up 2 minutes (healthy)}):
 *     {@code healthy}, {@code unhealthy}, {@code starting}, {@code none} for a running container without a health
 *     part ({@code Up 2 minutes}), or empty text when {@code Status} says neither (see {@link #listedHealth(String)})
 * @param createdSeconds {@code Created}, the engine's creation time in whole seconds since the epoch, 0 when none
 */
record ContainerSummary(String id, List<String> names, Map<String, String> labels, List<PortEntry> ports,
        String state, String status, String image, String networkMode, String listedHealth, long createdSeconds) {

    /** The compose label naming the service. */
    public static final String SERVICE_LABEL = "com.docker.compose.service";
    /** The compose label naming the project. */
    public static final String PROJECT_LABEL = "com.docker.compose.project";
    private static final String NUMBER_LABEL = "com.docker.compose.container-number";
    private static final String CONFIG_FILES_LABEL = "com.docker.compose.project.config_files";
    private static final String WORKING_DIR_LABEL = "com.docker.compose.project.working_dir";

    /**
     * One entry of a container's {@code Ports}.
     *
     * @param ip the host address it is bound to ({@code 0.0.0.0}, {@code ::}, {@code 127.0.0.1}), or empty text when
     *     the engine gives none, as Podman's list does for a port published on all interfaces
     * @param privatePort the port inside the container
     * @param publicPort the port on the host, 0 when not published
     * @param type {@code tcp} or {@code udp}
     */
    public record PortEntry(String ip, int privatePort, int publicPort, String type) {

        // equals and hashCode written out with a record's meaning, as ContainerSummary's (no method handles spun)

        @Override
        public boolean equals(Object other) {
            return other instanceof PortEntry that && Objects.equals(ip, that.ip) && privatePort == that.privatePort
                    && publicPort == that.publicPort && Objects.equals(type, that.type);
        }

        @Override
        public int hashCode() {
            return Objects.hash(ip, privatePort, publicPort, type);
        }
    }

    // equals and hashCode are written out, with the meaning a record's own have (every component equal): a record's
    // are bootstrapped through method handles at their first call, some 30 classes spun at run time in a fresh JVM,
    // and a resolution keys a map by the containers it waits for (docs/benchmarks.md)

    @Override
    public boolean equals(Object other) {
        return other instanceof ContainerSummary that && Objects.equals(id, that.id)
                && Objects.equals(names, that.names) && Objects.equals(labels, that.labels)
                && Objects.equals(ports, that.ports) && Objects.equals(state, that.state)
                && Objects.equals(status, that.status) && Objects.equals(image, that.image)
                && Objects.equals(networkMode, that.networkMode) && Objects.equals(listedHealth, that.listedHealth)
                && createdSeconds == that.createdSeconds;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, names, labels, ports, state, status, image, networkMode, listedHealth, createdSeconds);
    }

    /**
     * Read the engine's list of containers, validating what will be used: every id is a container id (12 to 64
     * lower-case hexadecimal characters, so that it can go into a request path), every port lies within 0-65535 and
     * every binding address is an IP address literal (so that it can go into a URL).
     *
     * @throws EngineException when the reply is not a list of containers, or a container in it is not valid
     */
    public static List<ContainerSummary> parseList(Object json, String engine) throws EngineException {
        if (!(json instanceof List<?> list)) {
            throw new EngineException("engine " + engine + " answered GET /containers/json with JSON that is not a list");
        }
        List<ContainerSummary> containers = new ArrayList<>();
        for (Object item : list) {
            String id = Json.string(item, "Id");
            if (id.isEmpty()) {
                throw new EngineException("engine " + engine + " listed a container without an Id");
            }
            if (!Scans.isContainerId(id)) {
                throw new EngineException("engine " + engine + " listed a container whose Id is not a container id"
                        + " (expected 12 to 64 lower-case hexadecimal characters); the reply is not used");
            }
            List<String> names = new ArrayList<>();
            for (Object name : Json.array(item, "Names")) {
                if (name instanceof String text) {
                    names.add(text.startsWith("/") ? text.substring(1) : text);
                }
            }
            Map<String, String> labels = new LinkedHashMap<>();
            for (Map.Entry<String, Object> label : Json.object(item, "Labels").entrySet()) {
                if (label.getValue() instanceof String text) {
                    labels.put(label.getKey(), text);
                }
            }
            List<PortEntry> ports = new ArrayList<>();
            for (Object port : Json.array(item, "Ports")) {
                ports.add(portEntry(port, engine, id));
            }
            String state = Json.string(item, "State");
            String status = Json.string(item, "Status");
            containers.add(new ContainerSummary(id, List.copyOf(names), labels, List.copyOf(ports),
                    state.isEmpty() ? "running" : OutsideText.excerpt(state, 40),
                    OutsideText.excerpt(status, 80), OutsideText.excerpt(Json.string(item,
                            "Image"), 200), OutsideText.excerpt(Json.string(Json.object(item, "HostConfig"),
                                    "NetworkMode"), 100), listedHealth(status), createdSeconds(item)));
        }
        return containers;
    }

    /**
     * Read the health part of Docker's {@code Status}: Docker writes {@code Up 2 minutes (healthy)},
     * {@code (unhealthy)} or {@code (health: starting)} for a container with a healthcheck and nothing after the
     * uptime for one without. Podman's list never tells health (it writes {@code Up 2 minutes} either way), so the
     * caller trusts this only when the engine is Docker.
     *
     * @return {@code healthy}, {@code unhealthy}, {@code starting}, {@code none} ({@code Up ...} without a
     *     parenthesis), or empty text when the status says neither (paused, restarting, anything else)
     */
    static String listedHealth(String status) {
        if (status.endsWith(" (healthy)")) {
            return "healthy";
        }
        if (status.endsWith(" (unhealthy)")) {
            return "unhealthy";
        }
        if (status.endsWith(" (health: starting)")) {
            return "starting";
        }
        return status.startsWith("Up ") && !status.endsWith(")") ? "none" : "";
    }

    /** Return {@code Created} in seconds since the epoch, 0 when it is missing or not a plausible time. */
    private static long createdSeconds(Object item) {
        Object value = item instanceof Map<?, ?> map ? map.get("Created") : null;
        if (value instanceof java.math.BigDecimal number && number.signum() > 0 && number.scale() <= 0
                && number.compareTo(java.math.BigDecimal.valueOf(253_402_300_799L)) <= 0) {
            return number.longValue();
        }
        return 0;
    }

    private static PortEntry portEntry(Object port, String engine, String id) throws EngineException {
        String container = "engine " + engine + " listed container " + id.substring(0, 12) + " with ";
        int privatePort = port(port, "PrivatePort", container);
        int publicPort = port(port, "PublicPort", container);
        String ip = Json.string(port, "IP");
        if (!ip.isEmpty() && !IpLiteral.isValid(ip)) {
            throw new EngineException(container + "a port bound to '" + OutsideText.excerpt(ip, 60) + "', which is not"
                    + " an IP address; the reply is not used");
        }
        String written = Json.string(port, "Type");
        String type = written.toLowerCase(java.util.Locale.ROOT);
        if (!type.isEmpty() && !type.equals("tcp") && !type.equals("udp") && !type.equals("sctp")) {
            throw new EngineException(container + "a port of type '" + OutsideText.excerpt(written, 20) + "', which is"
                    + " not tcp, udp or sctp; the reply is not used");
        }
        return new PortEntry(ip, privatePort, publicPort, type.isEmpty() ? "tcp" : type);
    }

    /** Return a port field: 0 when absent, else a whole number within 0-65535. */
    private static int port(Object entry, String field, String container) throws EngineException {
        Object value = entry instanceof Map<?, ?> map ? map.get(field) : null;
        if (value == null || value == Json.NULL) {
            return 0;
        }
        int number = Json.integer(entry, field, -1);
        if (number < 0 || number > 65535) {
            throw new EngineException(container + field + " " + (value instanceof java.math.BigDecimal decimal
                    && decimal.precision() - decimal.scale() < 12 && decimal.scale() < 12 ? decimal.toPlainString()
                    : "that is not a number") + ", which is not a port from 0 to 65535; the reply is not used");
        }
        return number;
    }

    /** Return the compose service, or empty text when the container is not from compose. */
    public String service() {
        return labels.getOrDefault(SERVICE_LABEL, "");
    }

    /** Return the compose project, or empty text. */
    public String project() {
        return labels.getOrDefault(PROJECT_LABEL, "");
    }

    /** Return the container's first name. */
    public String name() {
        return names.isEmpty() ? shortId() : names.get(0);
    }

    /** Return the first 12 characters of the id, as docker ps shows it. */
    public String shortId() {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }

    /** Return the compose replica number, 1 for the first. */
    public int containerNumber() {
        try {
            return Integer.parseInt(labels.getOrDefault(NUMBER_LABEL, "1"));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** Return the TCP entries that publish {@code containerPort} on a host port. */
    public List<PortEntry> published(int containerPort) {
        List<PortEntry> published = new ArrayList<>();
        for (PortEntry port : ports) {
            if (port.privatePort() == containerPort && port.publicPort() > 0 && !"udp".equals(port.type())) {
                published.add(port);
            }
        }
        return List.copyOf(published);
    }

    /** Return the container ports published on a host port over TCP, in ascending order, each once. */
    public List<Integer> publishedContainerPorts() {
        java.util.TreeSet<Integer> published = new java.util.TreeSet<>();
        for (PortEntry port : ports) {
            if (port.publicPort() > 0 && !"udp".equals(port.type())) {
                published.add(port.privatePort());
            }
        }
        return List.copyOf(published);
    }

    /** Return the compose file paths the container's project was started from, as its labels record them. */
    public List<String> configFiles() {
        String files = labels.getOrDefault(CONFIG_FILES_LABEL, "");
        List<String> paths = new ArrayList<>();
        for (String file : files.split(",")) {
            String path = file.strip();
            if (!path.isEmpty()) {
                paths.add(path);
            }
        }
        return List.copyOf(paths);
    }

    /**
     * Return the compose files the project was started from, absolute. Docker compose (v2) records them absolute.
     * docker-compose (v1) records them as given on its command line, relative to the directory it ran in, which no
     * label records; but its {@code working_dir} is the first file's directory made absolute (unless
     * {@code --project-directory} said otherwise), so that directory is {@code working_dir} less the first file's
     * relative directory: {@code docker/compose.yml} with {@code working_dir} {@code /repo/docker} ran in
     * {@code /repo}. When the first file's directory climbs ({@code ../compose.yml}), the directory it ran in cannot be
     * known: the first file is {@code working_dir} and its name, and the other relative ones are left out. Entries
     * that cannot be paths are left out.
     */
    public List<Path> configFilePaths() {
        List<Path> paths = new ArrayList<>();
        List<String> files = configFiles();
        Optional<Path> workingDirectory = absolute(workingDirectory());
        Optional<Path> ranIn = files.isEmpty() ? Optional.empty()
                : workingDirectory.isPresent() ? ranIn(workingDirectory.get(), files.get(0)) : Optional.empty();
        for (int i = 0; i < files.size(); i++) {
            try {
                Path path = Path.of(files.get(i));
                if (path.isAbsolute()) {
                    paths.add(path.normalize());
                } else if (ranIn.isPresent()) {
                    paths.add(ranIn.get().resolve(path).normalize());
                } else if (i == 0 && workingDirectory.isPresent() && path.getFileName() != null) {
                    paths.add(workingDirectory.get().resolve(path.getFileName()).normalize());
                }
            } catch (InvalidPathException e) {
                // a label that is no path names no file
            }
        }
        return paths;
    }

    /** Return the directory docker-compose v1 ran in, from its working directory and its first relative file. */
    private static Optional<Path> ranIn(Path workingDirectory, String first) {
        try {
            Path file = Path.of(first).normalize();
            if (file.isAbsolute()) {
                return Optional.empty();
            }
            Path folder = file.getParent();
            if (folder == null) {
                return Optional.of(workingDirectory);
            }
            // a folder that climbs (../infra) keeps its .. once normalised, which a normalised absolute working
            // directory never holds: it does not end with it
            if (!workingDirectory.endsWith(folder)) {
                return Optional.empty();
            }
            Path ran = workingDirectory;
            for (int i = 0; i < folder.getNameCount(); i++) {
                ran = ran.getParent();
            }
            return Optional.ofNullable(ran);
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    private static Optional<Path> absolute(String directory) {
        try {
            Path path = Path.of(directory);
            return directory.isEmpty() || !path.isAbsolute() ? Optional.empty()
                    : Optional.of(path.normalize());
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    /** Tell whether the container runs. */
    public boolean running() {
        return state.equals("running");
    }

    /** Tell whether the container uses the host's network ({@code network_mode: host}). */
    public boolean hostNetwork() {
        return networkMode.equals("host");
    }

    /** Return its state as the report shows it: {@code exited (Exited (0) 2 hours ago)}. */
    public String describeState() {
        return Listing.shown(state) + (status.isEmpty() ? "" : " (" + Listing.shown(status) + ")");
    }

    /** Return the directory the container's project was started in, as its labels record it, or empty text. */
    public String workingDirectory() {
        return labels.getOrDefault(WORKING_DIR_LABEL, "");
    }

    /**
     * Return the container as the report names it: {@code service backend (project shop, container shop-backend-1)};
     * the names come from labels and the engine, so they are shown on one line, masked and shortened.
     */
    public String describe() {
        return "service " + Listing.shown(service()) + " (project " + Listing.shown(project()) + ", container "
                + Listing.shown(name()) + ")";
    }

    /** Return what the container publishes, for a report: {@code 9000->9001/tcp} or {@code nothing}. */
    public String describePorts() {
        Set<String> published = new LinkedHashSet<>();
        for (PortEntry port : ports) {
            if (port.publicPort() > 0) {
                published.add(port.publicPort() + "->" + port.privatePort() + "/" + port.type());
            }
        }
        return published.isEmpty() ? "nothing" : String.join(", ", published);
    }
}
