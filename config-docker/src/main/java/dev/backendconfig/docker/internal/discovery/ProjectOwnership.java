package dev.backendconfig.docker.internal.discovery;

import dev.backendconfig.docker.internal.Listing;
import dev.backendconfig.docker.internal.compose.ComposeProject;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which compose projects on the engine are this checkout's. A project is ours when its name is the one compose gives
 * this checkout's project ({@link ComposeProject#name()}), or when its {@code working_dir} label or one of its
 * {@code config_files} (joined to {@code working_dir} where relative, as docker-compose v1 writes them) lies in
 * this {@link Checkout}. Every other project is another checkout's or another product's: never a candidate, only
 * listed, with the setting that would choose it.
 */
final class ProjectOwnership {

    private ProjectOwnership() {
    }

    /**
     * A compose project on the engine: its containers, running or not.
     *
     * @param name the project's name
     * @param containers its containers
     */
    record EngineProject(String name, List<ContainerSummary> containers) {

        /** Tell whether any of its containers runs. */
        boolean anyRunning() {
            return containers.stream().anyMatch(ContainerSummary::running);
        }

        /** Return where it was started, from its first container's labels: its config files, else its directory. */
        String startedFrom() {
            ContainerSummary first = containers.get(0);
            List<Path> files = first.configFilePaths();
            if (!files.isEmpty()) {
                return Listing.join(", ", files.stream().map(Path::toString).map(Listing::shown).toList(), 3);
            }
            return first.workingDirectory().isEmpty() ? "an unknown directory" : Listing.shown(first.workingDirectory());
        }

        /** Return the project as a list of candidates shows it: {@code shop (started from ...; running: api)}. */
        String describe() {
            List<String> running = containers.stream().filter(ContainerSummary::running).map(ContainerSummary::service)
                    .distinct().map(Listing::shown).toList();
            List<String> stopped = containers.stream().filter(c -> !c.running()).map(ContainerSummary::service)
                    .distinct().filter(service -> !running.contains(Listing.shown(service))).map(Listing::shown)
                    .toList();
            return Listing.shown(name) + " (started from " + startedFrom()
                    + (running.isEmpty() ? "" : "; running: " + Listing.join(", ", running, 5))
                    + (stopped.isEmpty() ? "" : "; not running: " + Listing.join(", ", stopped, 5)) + ")";
        }
    }

    /**
     * One of our projects, and why it is ours.
     *
     * @param project the project
     * @param why why it is ours, for the report: {@code "its name is this checkout's project name"}
     */
    record Owned(EngineProject project, String why) {
    }

    /**
     * Which projects are ours.
     *
     * @param ours our projects
     * @param others the other projects
     */
    record Verdict(List<Owned> ours, List<EngineProject> others) {
    }

    /** Group containers by project, in the engine's order. */
    static List<EngineProject> group(List<ContainerSummary> containers) {
        Map<String, List<ContainerSummary>> projects = new LinkedHashMap<>();
        containers.forEach(container -> projects.computeIfAbsent(container.project(), key -> new ArrayList<>())
                .add(container));
        List<EngineProject> all = new ArrayList<>();
        projects.forEach((name, list) -> all.add(new EngineProject(name, List.copyOf(list))));
        return all;
    }

    /** Sort the projects into ours and the others. */
    static Verdict classify(List<EngineProject> projects, Checkout checkout, Optional<ComposeProject> model) {
        List<Owned> ours = new ArrayList<>();
        List<EngineProject> others = new ArrayList<>();
        for (EngineProject project : projects) {
            Optional<String> why = why(project, checkout, model);
            if (why.isPresent()) {
                ours.add(new Owned(project, why.get()));
            } else {
                others.add(project);
            }
        }
        return new Verdict(ours, others);
    }

    private static Optional<String> why(EngineProject project, Checkout checkout, Optional<ComposeProject> model) {
        if (model.isPresent() && model.get().name().equals(project.name())) {
            return Optional.of("its name is this checkout's project name (" + model.get().nameReason() + ")");
        }
        for (ContainerSummary container : project.containers()) {
            for (Path file : container.configFilePaths()) {
                if (checkout.contains(file)) {
                    return Optional.of("it was started from this checkout's " + file);
                }
            }
            String workingDirectory = container.workingDirectory();
            if (!workingDirectory.isEmpty()) {
                try {
                    Path directory = Path.of(workingDirectory);
                    if (directory.isAbsolute() && checkout.contains(directory)) {
                        return Optional.of("it was started in this checkout's " + directory);
                    }
                } catch (InvalidPathException e) {
                    // a label that is no path names no directory of ours
                }
            }
        }
        return Optional.empty();
    }
}
