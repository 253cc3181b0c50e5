package dev.backendconfig.docker.internal.lifecycle;

import dev.backendconfig.toolkit.Deadline;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The compose command line to start services with, chosen as a careful user would: {@code docker compose} (the v2
 * plugin) when {@code docker compose version} answers, else {@code docker-compose} when {@code docker-compose version}
 * does, else — for a Podman engine — {@code podman compose}, else {@code podman-compose}. Programs are looked up in the
 * {@code PATH} of the resolution's environment (the one the child gets), never in a setting: a project file cannot
 * name a program to run. Each version check is bounded.
 *
 * @param command the program (absolute) and the words before compose's own arguments
 * @param name how messages name it: {@code docker compose}, {@code docker-compose}, ...
 * @param projectOptions whether it takes {@code --project-directory}, {@code --env-file} and {@code --profile}
 *     (podman-compose 1.0 does not)
 */
record ComposeCli(List<String> command, String name, boolean projectOptions) {

    /** How long one {@code version} check may take (compose v1 is a Python program: a second or two on a busy CI). */
    static final Duration VERSION_BOUND = Duration.ofSeconds(20);

    ComposeCli {
        command = List.copyOf(command);
    }

    /** One command that might be compose. */
    private record Candidate(String program, List<String> words, String name, boolean projectOptions) {
    }

    /**
     * Choose the compose command.
     *
     * @param environment the child's environment (its {@code PATH} is searched)
     * @param directory where to run the checks
     * @param podman whether the engine is Podman (then Podman's compose commands are candidates too)
     * @param bound at most how long all checks may take
     * @param tried receives what was tried and what happened, for an error when none answers
     */
    static Optional<ComposeCli> choose(Map<String, String> environment, Path directory, boolean podman,
            Duration bound, List<String> tried) {
        List<Candidate> candidates = new ArrayList<>(List.of(
                new Candidate("docker", List.of("compose"), "docker compose", true),
                new Candidate("docker-compose", List.of(), "docker-compose", true)));
        if (podman) {
            candidates.add(new Candidate("podman", List.of("compose"), "podman compose", true));
            candidates.add(new Candidate("podman-compose", List.of(), "podman-compose", false));
        }
        String path = environment.getOrDefault("PATH", "");
        Deadline deadline = Deadline.after(bound);
        for (Candidate candidate : candidates) {
            Optional<Path> program = ChildProcess.onPath(candidate.program(), path);
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
                tried.add(candidate.name() + ": not checked (setting docker.start-timeout ran out)");
                continue;
            }
            try {
                ChildProcess.Outcome outcome = ChildProcess.run(check, environment, directory,
                        deadline.bound(VERSION_BOUND), ran -> { });
                if (outcome.succeeded()) {
                    return Optional.of(new ComposeCli(command, candidate.name(), candidate.projectOptions()));
                }
                tried.add(candidate.name() + ": " + String.join(" ", check.subList(1, check.size())).strip() + " "
                        + (outcome.timedOut() ? "did not answer within " + VERSION_BOUND.toSeconds() + " s"
                                : "exited with code " + outcome.exitCode()) + lastLine(outcome));
            } catch (IOException e) {
                tried.add(candidate.name() + ": " + program.get() + " could not be run (" + e.getMessage() + ")");
            }
        }
        return Optional.empty();
    }

    private static String lastLine(ChildProcess.Outcome outcome) {
        return outcome.tail().isEmpty() ? "" : " (" + outcome.tail().get(outcome.tail().size() - 1) + ")";
    }

    /**
     * Return the command line that starts {@code services} of the project: {@code up -d --no-recreate} — detached,
     * and never recreating a container that exists (what runs is left as it is; a stopped container is started as it
     * was) — for just those services; compose brings their dependencies.
     */
    List<String> up(StackSpec spec, List<String> services) {
        List<String> line = new ArrayList<>(command);
        line.addAll(spec.projectArguments(projectOptions));
        line.addAll(List.of("up", "-d", "--no-recreate"));
        line.addAll(services);
        return line;
    }
}
