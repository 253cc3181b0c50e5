package dev.backendconfig.docker.internal.discovery;

import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.toolkit.Origin;
import dev.backendconfig.toolkit.Secrets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * Pick the one compose project every service is taken from: the only project running; else the only one whose
 * backend candidate is strongest (a container named after the backend beats one that merely publishes its port);
 * else the one started from this checkout's compose file (its {@code config_files} and {@code working_dir}
 * labels). Several that nothing tells apart are an error naming them and the setting that picks one — never a
 * fall to another provider while local backends run.
 */
final class ProjectChoice {

    /**
     * The chosen project.
     *
     * @param name the project's name
     * @param containers its running containers
     * @param notes what the choice noticed, with every secret the labels it quotes may hold masked
     */
    record Chosen(String name, List<ContainerSummary> containers, List<String> notes) {
        Chosen {
            notes = notes.stream().map(Secrets::maskText).toList();
        }
    }

    private ProjectChoice() {
    }

    /**
     * Choose the project.
     *
     * @param running the running compose containers (already of {@code docker.project} when that is set)
     * @param checkout this checkout's compose files, absolute; empty when none was found
     * @param backendStrength how strong a project's best backend candidate is: 0 none, higher is stronger
     * @param engine the engine, for the error's origin
     * @throws InvalidInputException when several projects remain and nothing tells them apart
     */
    static Chosen choose(List<ContainerSummary> running, List<Path> checkout,
            ToIntFunction<List<ContainerSummary>> backendStrength, String engine) {
        Map<String, List<ContainerSummary>> projects = new LinkedHashMap<>();
        running.forEach(container -> projects.computeIfAbsent(container.project(), key -> new ArrayList<>())
                .add(container));
        if (projects.size() == 1) {
            Map.Entry<String, List<ContainerSummary>> only = projects.entrySet().iterator().next();
            return new Chosen(only.getKey(), only.getValue(), checkoutNote(only.getKey(), only.getValue(), checkout));
        }
        int strongest = projects.values().stream().mapToInt(backendStrength).max().orElse(0);
        Map<String, List<ContainerSummary>> withBackend = new LinkedHashMap<>();
        projects.forEach((name, containers) -> {
            if (strongest > 0 && backendStrength.applyAsInt(containers) == strongest) {
                withBackend.put(name, containers);
            }
        });
        if (withBackend.size() == 1) {
            Map.Entry<String, List<ContainerSummary>> only = withBackend.entrySet().iterator().next();
            List<String> notes = new ArrayList<>(checkoutNote(only.getKey(), only.getValue(), checkout));
            notes.add("compose project " + only.getKey() + " is the only one of " + projects.size() + " running ("
                    + String.join(", ", projects.keySet()) + ") that runs a backend");
            return new Chosen(only.getKey(), only.getValue(), notes);
        }
        Map<String, List<ContainerSummary>> candidates = withBackend.isEmpty() ? projects : withBackend;
        List<String> fromCheckout = candidates.entrySet().stream()
                .filter(entry -> startedFrom(entry.getValue(), checkout)).map(Map.Entry::getKey).toList();
        if (fromCheckout.size() == 1) {
            String name = fromCheckout.get(0);
            return new Chosen(name, candidates.get(name), List.of("compose project " + name + " was started from this"
                    + " checkout's " + checkout.get(0) + "; also running: " + String.join(", ", candidates.keySet()
                    .stream().filter(other -> !other.equals(name)).toList())));
        }
        // project and container names and compose file paths are labels: text from outside, masked as any other
        throw new InvalidInputException(Origin.other("engine " + engine), Secrets.maskText(candidates.size()
                + " compose projects run " + (withBackend.isEmpty() ? "containers" : "a backend") + ": "
                + String.join("; ", candidates.entrySet().stream().map(entry -> entry.getKey() + " (" + String.join(
                        ", ", entry.getValue().stream().map(ContainerSummary::name).toList()) + ")").toList())
                + ", and nothing tells them apart (" + (checkout.isEmpty() ? "no compose file of this checkout was found"
                        : "none was started from this checkout's " + checkout.get(0)) + "); set docker.project (or"
                + " COMPOSE_PROJECT_NAME) to the one to test against"));
    }

    private static List<String> checkoutNote(String project, List<ContainerSummary> containers, List<Path> checkout) {
        if (checkout.isEmpty() || startedFrom(containers, checkout)) {
            return List.of();
        }
        List<String> files = containers.get(0).configFiles();
        return List.of("compose project " + project + " was not started from this checkout's " + checkout.get(0)
                + (files.isEmpty() ? "" : " but from " + String.join(", ", files)));
    }

    /** Tell whether the project's labels point at one of this checkout's compose files. */
    static boolean startedFrom(List<ContainerSummary> containers, List<Path> checkout) {
        if (checkout.isEmpty() || containers.isEmpty()) {
            return false;
        }
        ContainerSummary first = containers.get(0);
        try {
            Path workingDirectory = first.workingDirectory().isEmpty() ? null : Path.of(first.workingDirectory());
            for (String file : first.configFiles()) {
                Path path = Path.of(file);
                Path absolute = path.isAbsolute() || workingDirectory == null ? path : workingDirectory.resolve(path);
                if (checkout.contains(absolute.normalize()) || startedByComposeV1(path, workingDirectory, checkout)) {
                    return true;
                }
            }
            return first.configFiles().isEmpty() && workingDirectory != null
                    && workingDirectory.normalize().equals(checkout.get(0).getParent());
        } catch (InvalidPathException e) {
            return false;
        }
    }

    /**
     * Compose v1 writes {@code config_files} as given on its command line, relative to the directory it ran in,
     * which no label records; its {@code working_dir} is the first file's directory. A relative entry is this
     * checkout's file when that file ends with it and lies in the working directory.
     */
    private static boolean startedByComposeV1(Path file, Path workingDirectory, List<Path> checkout) {
        if (file.isAbsolute() || workingDirectory == null || file.getNameCount() == 0) {
            return false;
        }
        Path normalized = file.normalize();
        return checkout.stream().anyMatch(own -> own.endsWith(normalized)
                && own.startsWith(workingDirectory.normalize()));
    }
}
