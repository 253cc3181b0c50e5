package dev.backendconfig.docker.internal.discovery;

import dev.backendconfig.docker.internal.Listing;
import dev.backendconfig.docker.internal.compose.ComposeProject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which compose projects on the engine are this checkout's. Compose knows a project by its name alone, but two
 * checkouts (two clones, two worktrees, two directories called {@code app}) get the same name, and one repository
 * may hold several stacks; so a project's labels ({@code config_files}, joined to {@code working_dir} where relative
 * as docker-compose v1 writes them, and {@code working_dir}) are read as well:
 *
 * <ul>
 *   <li>started from one of this checkout's compose files, or in its project directory: ours, whatever its name
 *       ({@code -p custom} from here);
 *   <li>this checkout's project name, and labels that say nothing: ours by its name, as compose would take it;
 *   <li>this checkout's project name, but started from files that are not this checkout's: a <em>clash</em> —
 *       another checkout's stack with the same name, never served; the caller stops with an error that says how to
 *       choose;
 *   <li>started in this repository from other compose files: another stack of this repository, not ours, when this
 *       checkout has compose files of its own; ours when it has none (then the repository is all that says whose);
 *   <li>anything else: another checkout's or another product's, only listed, with the setting that would choose it.
 * </ul>
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
            for (ContainerSummary container : containers) {
                if (container.running()) {
                    return true;
                }
            }
            return false;
        }

        /** Return where it was started, from its first container's labels: its config files, else its directory. */
        String startedFrom() {
            ContainerSummary first = containers.get(0);
            List<Path> files = first.configFilePaths();
            if (!files.isEmpty()) {
                return Listing.join(", ", shown(files), 3);
            }
            return first.workingDirectory().isEmpty() ? "an unknown directory" : Listing.shown(first.workingDirectory());
        }

        /** Return the project as a list of candidates shows it: {@code shop (started from ...; running: api)}. */
        String describe() {
            Set<String> runningServices = new LinkedHashSet<>();
            Set<String> services = new LinkedHashSet<>();
            for (ContainerSummary container : containers) {
                if (container.running()) {
                    runningServices.add(container.service());
                }
                services.add(container.service());
            }
            List<String> running = new ArrayList<>();
            for (String service : runningServices) {
                running.add(Listing.shown(service));
            }
            List<String> stopped = new ArrayList<>();
            for (String service : services) {
                if (!running.contains(Listing.shown(service))) {
                    stopped.add(Listing.shown(service));
                }
            }
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
     * A project with this checkout's project name that was started from files that are not this checkout's.
     *
     * @param project the project
     * @param why what its labels say, for the error: {@code "it was started from /srv/app-copy/compose.yaml"}
     */
    record Clash(EngineProject project, String why) {
    }

    /**
     * Which projects are ours.
     *
     * @param ours our projects
     * @param clashes projects with our name started from elsewhere (never ours, never silently another's)
     * @param others the other projects
     */
    record Verdict(List<Owned> ours, List<Clash> clashes, List<EngineProject> others) {
    }

    /** Return each path as a report shows it. */
    private static List<String> shown(List<Path> paths) {
        List<String> shown = new ArrayList<>();
        for (Path path : paths) {
            shown.add(Listing.shown(path.toString()));
        }
        return shown;
    }

    /** Group containers by project, in the engine's order. */
    static List<EngineProject> group(List<ContainerSummary> containers) {
        Map<String, List<ContainerSummary>> projects = new LinkedHashMap<>();
        for (ContainerSummary container : containers) {
            List<ContainerSummary> ofProject = projects.get(container.project());
            if (ofProject == null) {
                ofProject = new ArrayList<>();
                projects.put(container.project(), ofProject);
            }
            ofProject.add(container);
        }
        List<EngineProject> all = new ArrayList<>();
        for (Map.Entry<String, List<ContainerSummary>> project : projects.entrySet()) {
            all.add(new EngineProject(project.getKey(), List.copyOf(project.getValue())));
        }
        return all;
    }

    /** Sort the projects into ours, clashes and the others. */
    static Verdict classify(List<EngineProject> projects, Checkout checkout, Optional<ComposeProject> model) {
        List<Owned> ours = new ArrayList<>();
        List<Clash> clashes = new ArrayList<>();
        List<EngineProject> others = new ArrayList<>();
        List<Path> ourFiles = model.isPresent() && model.get().hasFiles() ? model.get().configFiles() : List.of();
        for (EngineProject project : projects) {
            boolean ourName = model.isPresent() && model.get().name().equals(project.name());
            String nameWhy = ourName ? "its name is this checkout's project name (" + model.get().nameReason() + ")"
                    : "";
            Optional<String> fromOurs = Optional.empty();
            Optional<String> foreign = Optional.empty();
            for (ContainerSummary container : project.containers()) {
                Labels labels = Labels.of(container);
                Optional<String> mine = fromOurFiles(labels, ourFiles, model);
                if (mine.isPresent()) {
                    if (fromOurs.isEmpty()) {
                        fromOurs = mine;
                    }
                } else if (!labels.none() && (!ourFiles.isEmpty() || labels.in(checkout).isEmpty())) {
                    if (foreign.isEmpty()) {
                        foreign = Optional.of(labels.describe());
                    }
                }
            }
            Optional<String> inCheckout = Optional.empty();
            for (ContainerSummary container : project.containers()) {
                inCheckout = Labels.of(container).in(checkout);
                if (inCheckout.isPresent()) {
                    break;
                }
            }
            if (fromOurs.isPresent() && foreign.isPresent()) {
                clashes.add(new Clash(project, "some of its containers were started from this checkout's files,"
                        + " others: " + foreign.get()));
            } else if (fromOurs.isPresent()) {
                ours.add(new Owned(project, (ourName ? nameWhy + " and " : "") + fromOurs.get()));
            } else if (ourName && foreign.isEmpty()) {
                ours.add(new Owned(project, nameWhy + (inCheckout.isPresent() ? " and " + inCheckout.get() : "")));
            } else if (ourName) {
                clashes.add(new Clash(project, foreign.get()));
            } else if (ourFiles.isEmpty() && inCheckout.isPresent()) {
                ours.add(new Owned(project, inCheckout.get()));
            } else {
                others.add(project);
            }
        }
        return new Verdict(ours, clashes, others);
    }

    /** Tell whether the labels name one of this checkout's compose files, or its project directory, and which. */
    private static Optional<String> fromOurFiles(Labels labels, List<Path> ourFiles, Optional<ComposeProject> model) {
        if (ourFiles.isEmpty()) {
            return Optional.empty();
        }
        for (Path file : labels.files()) {
            for (Path ours : ourFiles) {
                if (same(file, ours)) {
                    return Optional.of("it was started from this checkout's " + file);
                }
            }
        }
        Path directory = model.orElseThrow().directory();
        for (Path workingDirectory : labels.directories()) {
            if (same(workingDirectory, directory)) {
                return Optional.of("it was started in this checkout's project directory " + workingDirectory);
            }
        }
        return Optional.empty();
    }

    /** Tell whether two absolute paths name one file: equal once normalised, or the same file on disk (links). */
    private static boolean same(Path a, Path b) {
        Path left = a.toAbsolutePath().normalize();
        Path right = b.toAbsolutePath().normalize();
        if (left.equals(right)) {
            return true;
        }
        try {
            return Files.exists(left) && Files.exists(right) && Files.isSameFile(left, right);
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    /**
     * What a container's labels say about where its project was started: its compose files and working directory.
     *
     * @param files the absolute paths of its {@code config_files}
     * @param directories its absolute {@code working_dir}, when it has one
     */
    private record Labels(List<Path> files, List<Path> directories) {

        static Labels of(ContainerSummary container) {
            List<Path> directories = new ArrayList<>();
            String workingDirectory = container.workingDirectory();
            if (!workingDirectory.isEmpty()) {
                try {
                    Path directory = Path.of(workingDirectory);
                    if (directory.isAbsolute()) {
                        directories.add(directory.normalize());
                    }
                } catch (InvalidPathException e) {
                    // a label that is no path names no directory
                }
            }
            return new Labels(container.configFilePaths(), directories);
        }

        /** Tell whether the labels say nothing about where the project was started. */
        boolean none() {
            return files.isEmpty() && directories.isEmpty();
        }

        /** Say where in this checkout the project was started, when it was. */
        Optional<String> in(Checkout checkout) {
            for (Path file : files) {
                if (checkout.contains(file)) {
                    return Optional.of("it was started from this checkout's " + file);
                }
            }
            for (Path directory : directories) {
                if (checkout.contains(directory)) {
                    return Optional.of("it was started in this checkout's " + directory);
                }
            }
            return Optional.empty();
        }

        /** Say where the project was started, as its labels say. */
        String describe() {
            if (!files.isEmpty()) {
                return "it was started from " + Listing.join(", ", shown(files), 3);
            }
            return "it was started in " + Listing.join(", ", shown(directories), 3);
        }
    }
}
