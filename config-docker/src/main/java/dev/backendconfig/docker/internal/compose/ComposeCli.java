package dev.backendconfig.docker.internal.compose;

import dev.backendconfig.toolkit.Deadline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The compose command line installed here, chosen as a careful user would: {@code docker compose} (the v2 plugin)
 * when {@code docker compose version} answers, else {@code docker-compose} (v1, or v2 installed standalone) when
 * {@code docker-compose version} does, else — for a Podman engine — {@code podman compose}, else
 * {@code podman-compose}. The one choice behind both the advice a report gives ("start it: docker-compose ...") and
 * the command the lifecycle runs, so the two never disagree.
 *
 * <p>Programs are looked up in the {@code PATH} of the given environment (the one a child gets), never in a setting:
 * a project file cannot name a program to run. Each {@code version} check runs through {@link ChildProcess}: bounded,
 * killed with what it started at its bound. A choice that answered is remembered for the JVM, keyed by {@code PATH},
 * the engine kind and each candidate program found with its size and modification time (a Python
 * {@code docker-compose} can take seconds to start on a busy machine, and a test run asks once per resolution); a
 * search that found none is not remembered.
 *
 * @param command the program (absolute) and the words before compose's own arguments
 * @param name how messages and advice name it: {@code docker compose}, {@code docker-compose}, ...
 * @param projectOptions whether it takes {@code --project-directory}, {@code --env-file} and {@code --profile}
 *     (podman-compose 1.0 does not)
 */
public record ComposeCli(List<String> command, String name, boolean projectOptions) {

    /** How long one {@code version} check may take when a stack is to be started (v1 is a Python program). */
    public static final Duration START_CHECK = Duration.ofSeconds(20);

    /** How long one {@code version} check may take when only advice is written (a report must not wait long). */
    public static final Duration ADVICE_CHECK = Duration.ofSeconds(10);

    /** The name advice uses when no compose command answers here: the current one. */
    public static final String CURRENT = "docker compose";

    private static final Map<List<String>, ComposeCli> CHOSEN = new ConcurrentHashMap<>();

    public ComposeCli {
        command = List.copyOf(command);
    }

    /** One command that might be compose. */
    private record Candidate(String program, List<String> words, String name, boolean projectOptions) {
    }

    /**
     * Choose the compose command.
     *
     * @param environment the child's environment (its {@code PATH} is searched, and the checks run with it)
     * @param directory where to run the checks
     * @param podman whether the engine is Podman (then Podman's compose commands are candidates too)
     * @param eachCheck at most how long one {@code version} check may take
     * @param bound at most how long all checks may take
     * @param tried receives what was tried and what happened, for an error when none answers
     */
    public static Optional<ComposeCli> choose(Map<String, String> environment, Path directory, boolean podman,
            Duration eachCheck, Duration bound, List<String> tried) {
        List<Candidate> candidates = new ArrayList<>(List.of(
                new Candidate("docker", List.of("compose"), "docker compose", true),
                new Candidate("docker-compose", List.of(), "docker-compose", true)));
        if (podman) {
            candidates.add(new Candidate("podman", List.of("compose"), "podman compose", true));
            candidates.add(new Candidate("podman-compose", List.of(), "podman-compose", false));
        }
        String path = environment.getOrDefault("PATH", "");
        List<Optional<Path>> programs = candidates.stream().map(c -> ChildProcess.onPath(c.program(), path)).toList();
        List<String> key = key(path, podman, programs);
        ComposeCli known = CHOSEN.get(key);
        if (known != null) {
            return Optional.of(known);
        }
        Deadline deadline = Deadline.after(bound);
        for (int i = 0; i < candidates.size(); i++) {
            Candidate candidate = candidates.get(i);
            Optional<Path> program = programs.get(i);
            if (program.isEmpty()) {
                tried.add(candidate.name() + ": no " + candidate.program() + " on PATH");
                continue;
            }
            List<String> command = new ArrayList<>();
            command.add(program.get().toString());
            command.addAll(candidate.words());
            List<String> check = new ArrayList<>(command);
            check.add("version");
            if (deadline.passed()) {
                tried.add(candidate.name() + ": not checked (no time left)");
                continue;
            }
            Duration limit = deadline.bound(eachCheck);
            try {
                ChildProcess.Outcome outcome = ChildProcess.run(check, environment, directory, limit, ran -> { });
                if (outcome.succeeded()) {
                    ComposeCli chosen = new ComposeCli(command, candidate.name(), candidate.projectOptions());
                    CHOSEN.put(key, chosen);
                    return Optional.of(chosen);
                }
                tried.add(candidate.name() + ": " + String.join(" ", check.subList(1, check.size())).strip() + " "
                        + (outcome.timedOut() ? "did not answer within " + shown(limit)
                                : "exited with code " + outcome.exitCode()) + lastLine(outcome));
            } catch (IOException e) {
                tried.add(candidate.name() + ": " + program.get() + " could not be run (" + e.getMessage() + ")");
            }
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
        }
        return Optional.empty();
    }

    /** Return the key a choice is remembered by: what would make the same search find something else. */
    private static List<String> key(String path, boolean podman, List<Optional<Path>> programs) {
        List<String> key = new ArrayList<>(List.of(path, Boolean.toString(podman)));
        for (Optional<Path> program : programs) {
            key.add(program.map(file -> {
                try {
                    return file + "|" + Files.size(file) + "|" + Files.getLastModifiedTime(file).toMillis();
                } catch (IOException e) {
                    return file + "|?";
                }
            }).orElse(""));
        }
        return key;
    }

    private static String lastLine(ChildProcess.Outcome outcome) {
        return outcome.tail().isEmpty() ? "" : " (" + outcome.tail().get(outcome.tail().size() - 1) + ")";
    }

    /** A bound as messages show it: {@code 20 s}, {@code 2500 ms}. */
    private static String shown(Duration bound) {
        long millis = bound.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
