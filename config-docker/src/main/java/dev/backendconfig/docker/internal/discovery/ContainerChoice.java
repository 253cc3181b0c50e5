package dev.backendconfig.docker.internal.discovery;

import dev.backendconfig.api.spi.Service;
import dev.backendconfig.docker.internal.Listing;
import dev.backendconfig.docker.internal.NameMatch;
import dev.backendconfig.docker.internal.transport.EngineException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Pick one service's container among the running containers of one compose project.
 *
 * <p>In order: the compose service a setting names; else the compose service whose service or container name equals
 * the service's name, else contains it; when names do not decide, network aliases (one engine request per
 * candidate); for the backend alone, when nothing is named after it, the one compose service publishing its
 * container port. Replicas of one compose service give their first. A container whose name matches always beats
 * one that merely publishes the port.
 */
final class ContainerChoice {

    /** Look up a container's network aliases (an engine request, made only when names do not decide). */
    @FunctionalInterface
    public interface Aliases {
        /** Return the container's aliases. */
        Set<String> of(ContainerSummary container) throws EngineException;
    }

    /** The outcome: a container, no container, or several that nothing tells apart. */
    public sealed interface Outcome {
        /**
         * The service's container.
         *
         * @param container the container (the first replica)
         * @param how why this one, for the report: {@code "its name"}, {@code "setting docker.service names it"}
         * @param notes what the choice noticed (replicas, a name that points elsewhere)
         */
        record Chosen(ContainerSummary container, String how, List<String> notes) implements Outcome {
        }

        /**
         * No container is the service's.
         *
         * @param reason why, for the report
         */
        record NotChosen(String reason) implements Outcome {
        }

        /**
         * Several compose services could be the service's, and nothing tells them apart.
         *
         * @param candidates the candidates, described
         */
        record Ambiguous(List<String> candidates) implements Outcome {
        }
    }

    private ContainerChoice() {
    }

    /**
     * Choose a service's container.
     *
     * @param explicit the compose service a setting names, if any
     * @param setting the setting's key, for the report
     * @param fallbackPort for the backend, the container port whose only publisher is chosen when nothing is named
     *     after it; ignored for other services
     */
    public static Outcome choose(Service service, List<ContainerSummary> running, Optional<String> explicit,
            String setting, int fallbackPort, Aliases aliases) throws EngineException {
        if (explicit.isPresent()) {
            List<ContainerSummary> ofService = running.stream()
                    .filter(container -> container.service().equals(explicit.get())).toList();
            if (ofService.isEmpty()) {
                return new Outcome.NotChosen("no running container of compose service "
                        + Listing.shown(explicit.get()) + " (setting " + setting + "; running services: "
                        + services(running) + ")");
            }
            List<String> notes = new ArrayList<>();
            running.stream().filter(c -> !c.service().equals(explicit.get()))
                    .filter(c -> NameMatch.of(service.name(), c.service(), c.name()) == NameMatch.EXACT).findFirst()
                    .ifPresent(c -> notes.add("compose service " + Listing.shown(c.service()) + " is named"
                            + " after " + service.name() + ", but setting " + setting + " chose "
                            + Listing.shown(explicit.get())));
            return chosen(ofService, "setting " + setting + " names it", notes);
        }
        for (NameMatch tier : List.of(NameMatch.EXACT, NameMatch.CONTAINS)) {
            Map<String, List<ContainerSummary>> named = byService(running.stream()
                    .filter(c -> NameMatch.of(service.name(), c.service(), c.name()) == tier).toList());
            if (named.size() == 1) {
                return chosen(named.values().iterator().next(), "its name", List.of());
            }
            if (named.size() > 1) {
                return byAliases(service, named, aliases);
            }
        }
        Map<String, List<ContainerSummary>> all = byService(running);
        Outcome aliased = byAliases(service, all, aliases);
        if (!(aliased instanceof Outcome.NotChosen) || !service.isBackend()) {
            return aliased;
        }
        Map<String, List<ContainerSummary>> publishing = byService(running.stream()
                .filter(c -> !c.published(fallbackPort).isEmpty()).toList());
        if (publishing.size() == 1) {
            return chosen(publishing.values().iterator().next(), "it publishes container port " + fallbackPort
                    + " and no container is named after " + service.name(), List.of());
        }
        if (publishing.size() > 1) {
            return new Outcome.Ambiguous(publishing.values().stream().map(list -> list.get(0).describe()
                    + " publishes " + fallbackPort).toList());
        }
        return new Outcome.NotChosen("no running compose container is named after " + service.name() + " or publishes"
                + " container port " + fallbackPort + " (" + describeAll(running) + ")");
    }

    /** Among several compose services, the one with a network alias equal to (else containing) the name. */
    private static Outcome byAliases(Service service, Map<String, List<ContainerSummary>> candidates, Aliases aliases)
            throws EngineException {
        Map<String, NameMatch> matches = new LinkedHashMap<>();
        for (Map.Entry<String, List<ContainerSummary>> entry : candidates.entrySet()) {
            matches.put(entry.getKey(), NameMatch.ofAliases(service.name(), aliases.of(entry.getValue().get(0))));
        }
        for (NameMatch tier : List.of(NameMatch.EXACT, NameMatch.CONTAINS)) {
            List<String> aliased = matches.entrySet().stream().filter(e -> e.getValue() == tier).map(Map.Entry::getKey)
                    .toList();
            if (aliased.size() == 1) {
                return chosen(candidates.get(aliased.get(0)), "a network alias names it", List.of());
            }
            if (aliased.size() > 1) {
                return new Outcome.Ambiguous(aliased.stream().map(key -> candidates.get(key).get(0).describe())
                        .toList());
            }
        }
        if (candidates.size() > 1 && candidates.values().stream()
                .anyMatch(list -> NameMatch.of(service.name(), list.get(0).service(), list.get(0).name())
                        != NameMatch.NONE)) {
            return new Outcome.Ambiguous(candidates.values().stream().map(list -> list.get(0).describe()).toList());
        }
        return new Outcome.NotChosen("no running compose container is named after " + service.name() + " (running"
                + " services: " + services(candidates.values().stream().flatMap(List::stream).toList()) + ")");
    }

    private static Outcome chosen(List<ContainerSummary> replicas, String how, List<String> notes) {
        ContainerSummary first = replicas.stream().min(Comparator.comparingInt(ContainerSummary::containerNumber))
                .orElseThrow();
        List<String> all = new ArrayList<>(notes);
        if (replicas.size() > 1) {
            all.add("compose service " + Listing.shown(first.service()) + " has " + replicas.size()
                    + " containers; using the first, " + Listing.shown(first.name()));
        }
        return new Outcome.Chosen(first, how, all);
    }

    private static Map<String, List<ContainerSummary>> byService(List<ContainerSummary> containers) {
        Map<String, List<ContainerSummary>> byService = new LinkedHashMap<>();
        for (ContainerSummary container : containers) {
            byService.computeIfAbsent(container.project() + "/" + container.service(), key -> new ArrayList<>())
                    .add(container);
        }
        return byService;
    }

    /** Return the compose services of {@code running}, sorted, for a report. */
    static String services(List<ContainerSummary> running) {
        List<String> names = running.stream().map(ContainerSummary::service).distinct().sorted()
                .map(Listing::shown).toList();
        return names.isEmpty() ? "none" : Listing.join(", ", names, 10);
    }

    private static String describeAll(List<ContainerSummary> containers) {
        if (containers.isEmpty()) {
            return "none is running";
        }
        return "running: " + Listing.join(", ", containers.stream()
                .map(c -> Listing.shown(c.service()) + " publishes " + c.describePorts()).toList(), 10);
    }
}
