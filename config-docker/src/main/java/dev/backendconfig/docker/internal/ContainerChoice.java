package dev.backendconfig.docker.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Pick the backend among running compose containers: those publishing the container port (of
 * {@code docker.service} when set); of several, replicas of one service give their first, else the one whose
 * service, container name or network alias contains {@code backend}; else none, listing the candidates.
 */
public final class ContainerChoice {

    /** Look up a container's network aliases (an extra engine request, made only when needed). */
    @FunctionalInterface
    public interface Aliases {
        /** Return the container's aliases. */
        java.util.Set<String> of(ContainerSummary container) throws EngineException;
    }

    /** The outcome: a container, or why none. */
    public sealed interface Outcome {
        /** The backend container, and what the choice noticed. */
        record Chosen(ContainerSummary container, List<String> notes) implements Outcome {
        }

        /** No container could be chosen. */
        record NotChosen(String reason) implements Outcome {
        }
    }

    private ContainerChoice() {
    }

    /** Choose the backend container. */
    public static Outcome choose(List<ContainerSummary> running, int containerPort, Optional<String> service,
            Aliases aliases) throws EngineException {
        List<ContainerSummary> ofService = service.map(name -> running.stream()
                .filter(container -> container.service().equals(name)).toList()).orElse(running);
        if (service.isPresent() && ofService.isEmpty()) {
            return new Outcome.NotChosen("no running container of service " + ContainerSummary.shown(service.get())
                    + " (running services: " + services(running) + ")");
        }
        List<ContainerSummary> candidates = ofService.stream()
                .filter(container -> !container.published(containerPort).isEmpty()).toList();
        if (candidates.isEmpty()) {
            return new Outcome.NotChosen("no running compose container publishes container port " + containerPort
                    + " on a host port (" + describeAll(ofService) + "; setting docker.container-port names the port)");
        }
        if (candidates.size() == 1) {
            return new Outcome.Chosen(candidates.get(0), List.of());
        }
        if (candidates.stream().map(c -> c.project() + "/" + c.service()).distinct().count() == 1) {
            ContainerSummary first = candidates.stream().min(Comparator.comparingInt(ContainerSummary::containerNumber))
                    .orElseThrow();
            return new Outcome.Chosen(first, List.of("service " + ContainerSummary.shown(first.service()) + " has "
                    + candidates.size() + " containers; using the first, " + ContainerSummary.shown(first.name())));
        }
        List<ContainerSummary> named = candidates.stream()
                .filter(c -> mentionsBackend(c.service()) || mentionsBackend(c.name())).toList();
        if (named.size() == 1) {
            return new Outcome.Chosen(named.get(0), List.of(preferred(candidates, named.get(0), "its name")));
        }
        List<ContainerSummary> aliased = new ArrayList<>();
        for (ContainerSummary candidate : named.isEmpty() ? candidates : named) {
            if (aliases.of(candidate).stream().anyMatch(ContainerChoice::mentionsBackend)) {
                aliased.add(candidate);
            }
        }
        if (aliased.size() == 1) {
            return new Outcome.Chosen(aliased.get(0), List.of(preferred(candidates, aliased.get(0), "a network alias")));
        }
        return new Outcome.NotChosen(candidates.size() + " running containers publish container port " + containerPort
                + ": " + Listing.join("; ", candidates.stream().map(ContainerSummary::describe).toList(), 10)
                + "; set docker.service (and docker.project) to pick one");
    }

    private static String preferred(List<ContainerSummary> candidates, ContainerSummary chosen, String why) {
        return candidates.size() + " containers publish the port; chose " + chosen.describe() + " because " + why
                + " contains 'backend' (set docker.service to choose otherwise)";
    }

    private static boolean mentionsBackend(String name) {
        return name.toLowerCase(Locale.ROOT).contains("backend");
    }

    private static String services(List<ContainerSummary> running) {
        List<String> names = running.stream().map(ContainerSummary::service).distinct().sorted()
                .map(ContainerSummary::shown).toList();
        return names.isEmpty() ? "none" : Listing.join(", ", names, 10);
    }

    private static String describeAll(List<ContainerSummary> containers) {
        if (containers.isEmpty()) {
            return "none is running";
        }
        return "running: " + Listing.join(", ", containers.stream()
                .map(c -> ContainerSummary.shown(c.service()) + " publishes " + c.describePorts()).toList(), 10);
    }
}
