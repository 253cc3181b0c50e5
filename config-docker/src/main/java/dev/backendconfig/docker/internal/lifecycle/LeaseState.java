package dev.backendconfig.docker.internal.lifecycle;

import dev.backendconfig.docker.internal.json.Json;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * What a lease file records for one engine and project: the JVMs holding the lease, whether a start is under way
 * (and what existed before it), and what the lease started — the containers (and whether each was created by the
 * start or only started again) and the networks it created. Written as JSON; read back with every value checked, so
 * that a file someone else wrote can never make the lease stop a container it did not start by a malformed id.
 *
 * @param holders the JVMs holding the lease
 * @param starter the JVM running {@code compose up} now, if one is (its process may be gone: then the start ended
 *     with it)
 * @param before what existed when that start began
 * @param started the containers the lease started, oldest first
 * @param networks the networks the lease created
 */
record LeaseState(List<Holder> holders, Optional<Holder> starter, Before before, List<Started> started,
        List<String> networks) {

    /** The file format's version. */
    static final int VERSION = 1;
    private static final Pattern ID = Pattern.compile("[0-9a-f]{12,64}");

    LeaseState {
        holders = List.copyOf(holders);
        Objects.requireNonNull(starter, "starter");
        Objects.requireNonNull(before, "before");
        started = List.copyOf(started);
        networks = List.copyOf(networks);
    }

    /** The state of a lease nobody holds. */
    static LeaseState empty() {
        return new LeaseState(List.of(), Optional.empty(), Before.NOTHING, List.of(), List.of());
    }

    /**
     * A JVM holding the lease.
     *
     * @param pid its process id
     * @param started when its process started, as the system says ({@code ProcessHandle.Info.startInstant}); empty
     *     text when the system does not say
     */
    record Holder(long pid, String started) {

        /** Return this JVM. */
        static Holder current() {
            ProcessHandle self = ProcessHandle.current();
            return new Holder(self.pid(), self.info().startInstant().map(Object::toString).orElse(""));
        }

        /** Tell whether the process still runs: the same pid, started at the same time (a pid can be reused). */
        boolean alive() {
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(handle -> started.isEmpty()
                    || handle.info().startInstant().map(Object::toString).map(started::equals).orElse(true))
                    .orElse(false);
        }

        @Override
        public String toString() {
            return "pid " + pid;
        }
    }

    /**
     * What existed before a start began, so that a start cut short (its JVM killed) can still be told apart.
     *
     * @param containers every container of the project, running or not, by id
     * @param running those that were running
     * @param networks the project's networks, by id
     */
    record Before(List<String> containers, List<String> running, List<String> networks) {
        static final Before NOTHING = new Before(List.of(), List.of(), List.of());

        Before {
            containers = List.copyOf(containers);
            running = List.copyOf(running);
            networks = List.copyOf(networks);
        }
    }

    /**
     * A container the lease started.
     *
     * @param id its id
     * @param name its name
     * @param service its compose service
     * @param created whether the start created it (then stopping removes it); false: it existed, stopped, and the
     *     start only started it (then stopping only stops it)
     */
    record Started(String id, String name, String service, boolean created) {
    }

    /** Return the state with {@code holder} among the holders. */
    LeaseState withHolder(Holder holder) {
        if (holders.contains(holder)) {
            return this;
        }
        List<Holder> more = new ArrayList<>(holders);
        more.add(holder);
        return new LeaseState(more, starter, before, started, networks);
    }

    /** Return the state without the holders {@code gone} says are gone. */
    LeaseState without(Predicate<Holder> gone) {
        return new LeaseState(holders.stream().filter(gone.negate()).toList(), starter, before, started, networks);
    }

    /** Return the state of a start under way by {@code holder}, with what existed before it. */
    LeaseState starting(Holder holder, Before existing) {
        return new LeaseState(holders, Optional.of(holder), existing, started, networks);
    }

    /** Return the state after a start: nobody starting, and what it started added. */
    LeaseState afterStart(List<Started> more, List<String> createdNetworks) {
        List<Started> all = new ArrayList<>(started);
        more.stream().filter(add -> all.stream().noneMatch(known -> known.id().equals(add.id()))).forEach(all::add);
        List<String> nets = new ArrayList<>(networks);
        createdNetworks.stream().filter(id -> !nets.contains(id)).forEach(nets::add);
        return new LeaseState(holders, Optional.empty(), Before.NOTHING, all, nets);
    }

    /** Return the state without these containers and networks among what the lease started. */
    LeaseState forgetting(List<Started> stopped, List<String> removedNetworks) {
        return new LeaseState(holders, starter, before, started.stream().filter(s -> stopped.stream()
                .noneMatch(gone -> gone.id().equals(s.id()))).toList(), networks.stream()
                .filter(id -> !removedNetworks.contains(id)).toList());
    }

    /** Tell whether nothing is recorded: no holder, no start, nothing started. */
    boolean isEmpty() {
        return holders.isEmpty() && starter.isEmpty() && started.isEmpty() && networks.isEmpty();
    }

    /** Return the state as the lease file writes it. */
    String toJson(String engine, String project) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("version", VERSION);
        json.put("engine", engine);
        json.put("project", project);
        json.put("holders", holders.stream().map(LeaseState::holderJson).toList());
        starter.ifPresent(holder -> json.put("starter", holderJson(holder)));
        Map<String, Object> existing = new LinkedHashMap<>();
        existing.put("containers", before.containers());
        existing.put("running", before.running());
        existing.put("networks", before.networks());
        json.put("before", existing);
        json.put("started", started.stream().map(s -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", s.id());
            entry.put("name", s.name());
            entry.put("service", s.service());
            entry.put("created", s.created());
            return entry;
        }).toList());
        json.put("networks", networks);
        return Json.write(json);
    }

    private static Map<String, Object> holderJson(Holder holder) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("pid", holder.pid());
        entry.put("started", holder.started());
        return entry;
    }

    /**
     * Read a lease file's text.
     *
     * @throws IllegalArgumentException when it is not a lease file of this version, or a value in it is not valid
     *     (an id that is not a container id, say)
     */
    static LeaseState fromJson(String text) {
        if (text.isBlank()) {
            return empty();
        }
        Object json;
        try {
            json = Json.parse(text);
        } catch (Json.ParseException e) {
            throw new IllegalArgumentException("it is not JSON (" + e.getMessage() + ")");
        }
        if (Json.integer(json, "version", -1) != VERSION) {
            throw new IllegalArgumentException("it is not a lease file of version " + VERSION);
        }
        List<Holder> holders = new ArrayList<>();
        for (Object entry : Json.array(json, "holders")) {
            holders.add(holder(entry));
        }
        Map<String, Object> starter = Json.object(json, "starter");
        Object before = Json.object(json, "before");
        List<Started> started = new ArrayList<>();
        for (Object entry : Json.array(json, "started")) {
            started.add(new Started(id(Json.string(entry, "id")), Json.string(entry, "name"),
                    Json.string(entry, "service"), entry instanceof Map<?, ?> fields
                            && Boolean.TRUE.equals(fields.get("created"))));
        }
        return new LeaseState(holders, starter.isEmpty() ? Optional.empty() : Optional.of(holder(starter)),
                new Before(ids(Json.array(before, "containers")), ids(Json.array(before, "running")),
                        ids(Json.array(before, "networks"))), started, ids(Json.array(json, "networks")));
    }

    private static Holder holder(Object entry) {
        Object pid = entry instanceof Map<?, ?> map ? map.get("pid") : null;
        if (!(pid instanceof BigDecimal number) || number.signum() <= 0 || number.scale() > 0
                || number.precision() > 18) {
            throw new IllegalArgumentException("a holder has no valid process id");
        }
        return new Holder(number.longValueExact(), Json.string(entry, "started"));
    }

    private static List<String> ids(List<Object> values) {
        List<String> ids = new ArrayList<>();
        for (Object value : values) {
            ids.add(id(value instanceof String text ? text : ""));
        }
        return ids;
    }

    private static String id(String id) {
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("it names an id that is not an engine id (12 to 64 lower-case"
                    + " hexadecimal characters)");
        }
        return id;
    }
}
