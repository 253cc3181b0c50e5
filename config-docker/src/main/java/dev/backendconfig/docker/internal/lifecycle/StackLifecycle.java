package dev.backendconfig.docker.internal.lifecycle;

import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.RunScope;
import dev.backendconfig.docker.internal.DockerConfig;
import dev.backendconfig.docker.internal.Listing;
import dev.backendconfig.docker.internal.ResolutionFacts;
import dev.backendconfig.docker.internal.compose.ChildProcess;
import dev.backendconfig.docker.internal.compose.ComposeCli;
import dev.backendconfig.docker.internal.discovery.ContainerLogs;
import dev.backendconfig.docker.internal.json.Json;
import dev.backendconfig.docker.internal.transport.EngineClient;
import dev.backendconfig.docker.internal.transport.EngineTimeouts;
import dev.backendconfig.docker.internal.transport.EngineException;
import dev.backendconfig.docker.internal.transport.SshCommand;
import dev.backendconfig.toolkit.Deadline;
import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.toolkit.Origin;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Setting {@code docker.start=if-missing}: join this checkout's project's lease (a JVM of the run among others), and
 * when required services are not running, start just those with the compose command line — one JVM at a time, the
 * lease file locked meanwhile, so that the others wait and then attach — and record what the start started. After
 * the services were looked for, a start whose services are not all found failed: what it started is stopped again
 * and the resolution stops with an error naming the command, how it ended, its output and the services' logs.
 *
 * <p>A start is bounded by {@code docker.start-timeout}, not by setting {@code timeout}: the resolution's budget is
 * extended to cover it, and the report says which bound applied.
 */
public final class StackLifecycle {

    /** The code of every error the lifecycle stops a resolution with (a start that failed, a lease that cannot be used). */
    public static final String START_FAILED = dev.backendconfig.docker.internal.DockerErrors.START_FAILED;

    private static final Logger LOG = LoggerFactory.getLogger(StackLifecycle.class);
    /** How many log lines of a service that failed the error shows. */
    static final int LOG_LINES = 50;
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);
    private static final Duration QUIET = Duration.ofSeconds(2);
    /** What a start may take beyond {@code docker.start-timeout}: stopping what a failed start started. */
    static final Duration CLEANUP = Duration.ofSeconds(30);

    private final DockerConfig config;
    private final ResolutionFacts facts;
    private final EngineClient client;
    private final RunScope scope;
    private final ChildEngine engine;
    private final Origin origin;

    /**
     * Prepare the lifecycle of one resolution.
     *
     * @param client the engine the resolution found (the child is pointed at the same one)
     * @param scope where this JVM's hold on the lease is kept until the run ends
     */
    public StackLifecycle(DockerConfig config, ResolutionFacts facts, EngineClient client, RunScope scope) {
        this.config = config;
        this.facts = facts;
        this.client = client;
        this.scope = scope;
        this.engine = ChildEngine.of(client.address(), client.identity().isPodman());
        this.origin = Origin.other("setting docker.start=if-missing");
    }

    /**
     * What joining did.
     *
     * @param spec the project
     * @param lease the lease file
     * @param notes what the report says of it
     * @param startedNow what this resolution started and was running after it (empty when it only attached)
     * @param touched every container the start created or started, running or not after it
     * @param command the command it ran, or empty text when it only attached
     * @param readinessLimit how long to wait for health (what is left of {@code docker.start-timeout}), when the
     *     lease's stack was started by a lease; else empty (then {@code docker.wait-healthy} applies)
     */
    public record Joined(StackSpec spec, LeaseFile lease, List<String> notes, List<LeaseState.Started> startedNow,
            List<LeaseState.Started> touched, String command, Optional<Duration> readinessLimit) {
    }

    /**
     * Join the lease of {@code spec}'s project and start what is missing.
     *
     * @throws InvalidInputException when the start failed (the message names the command, how it
     *     ended and compose's last words; the cause holds the output and the services' logs), no compose command is
     *     installed, or the lease cannot be used
     * @throws EngineException when the engine fails while the project is looked at
     */
    public Joined join(StackSpec spec) throws EngineException {
        Duration startTimeout = config.lifecycle().startTimeout();
        LeaseFile lease = LeaseFile.of(config.lifecycle().leaseDirectory(), engine.key(), spec.project());
        LeaseState.Holder me = LeaseState.Holder.current();
        List<String> notes = new ArrayList<>();
        facts.extendBudget(budget(startTimeout));
        long waitStart = System.nanoTime();
        Progress waiting = new Progress("waiting for another JVM starting compose project " + spec.project()
                + " (lease file " + lease.path() + ")", startTimeout);
        String key = "docker lease " + lease.path();
        Failed failed;
        try (LeaseFile.Locked locked = lease.lock(startTimeout, origin, waiting::report)) {
            Duration waited = Duration.ofNanos(System.nanoTime() - waitStart);
            LeaseState state = locked.read();
            List<LeaseState.Holder> gone = state.holders().stream().filter(holder -> !holder.equals(me)
                    && !holder.alive()).toList();
            state = state.without(holder -> gone.contains(holder));
            state = adoptCutShort(state, spec, notes);
            if (!gone.isEmpty() && state.holders().isEmpty() && !state.started().isEmpty()) {
                notes.add("adopted compose project " + spec.project() + "'s containers that a JVM now gone ("
                        + gone.get(0) + ") started: " + names(state.started()) + "; this run stops them at its end"
                        + " (setting docker.stop)");
            }
            state = state.withHolder(me);
            LeaseHold hold = new LeaseHold(lease, me, client.address(), new SshCommand(config.sshCommand(),
                    facts.environment()), new EngineTimeouts(config.timeout(), config.answerTimeout()),
                    config.lifecycle().stop(), origin, spec.project());
            scope.hold(key, hold);
            locked.write(state);
            ProjectSnapshot before = ProjectSnapshot.take(client, spec.project());
            List<String> missing = missing(spec, before);
            String waitedClause = waited.compareTo(QUIET) > 0 ? " after waiting " + waited.toSeconds() + " s for"
                    + " another JVM's start" : "";
            spec.unmapped().forEach((service, why) -> notes.add("docker.start=if-missing cannot start service "
                    + service + ": " + why));
            if (missing.isEmpty()) {
                notes.add("docker.start=if-missing: every required service of compose project " + spec.project()
                        + " runs; attached" + waitedClause + " (lease " + lease.path() + ", held by "
                        + state.holders().size() + " JVM" + (state.holders().size() == 1 ? "" : "s") + ")");
                return new Joined(spec, lease, notes, List.of(), List.of(), "", state.started().isEmpty() ? Optional.empty()
                        : Optional.of(startTimeout));
            }
            return start(spec, missing, before, state, locked, lease, notes);
        } catch (Failed e) {
            failed = e;
        }
        // leave the lease as the end of a run would (the file is unlocked now): the last JVM out stops the rest
        scope.release(key);
        throw failed.error;
    }

    /** A start that failed: the lease file was updated; the error is thrown once the file is unlocked. */
    private static final class Failed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient InvalidInputException error;

        Failed(InvalidInputException error) {
            super(null, null, false, false);
            this.error = error;
        }
    }

    /**
     * Return how much of the resolution's budget a start needs from now: {@code docker.start-timeout}, and
     * {@link #CLEANUP} to stop what a failed start started.
     */
    public static Duration budget(Duration startTimeout) {
        return startTimeout.plus(CLEANUP);
    }

    /** A start whose JVM died during {@code compose up}: what it started is the lease's now. */
    private LeaseState adoptCutShort(LeaseState state, StackSpec spec, List<String> notes) throws EngineException {
        if (state.starter().isEmpty() || state.starter().get().alive()) {
            return state;
        }
        ProjectSnapshot now = ProjectSnapshot.take(client, spec.project());
        List<LeaseState.Started> started = now.startedSince(state.before());
        notes.add("a start of compose project " + spec.project() + " was cut short (" + state.starter().get()
                + " is gone); what it started is this lease's: " + (started.isEmpty() ? "nothing" : names(started)));
        return state.afterStart(started, now.networksSince(state.before()));
    }

    private Joined start(StackSpec spec, List<String> missing, ProjectSnapshot before, LeaseState joined,
            LeaseFile.Locked locked, LeaseFile lease, List<String> notes) throws EngineException {
        Duration startTimeout = config.lifecycle().startTimeout();
        Deadline deadline = Deadline.after(startTimeout);
        facts.extendBudget(budget(startTimeout));
        java.util.Map<String, String> environment = engine.applyTo(facts.environment());
        List<String> tried = new ArrayList<>();
        ComposeCli cli = ComposeCli.choose(environment, spec.projectDirectory(), engine.podman(),
                ComposeCli.START_CHECK, startTimeout, tried)
                .orElseThrow(() -> fail(locked, joined, "services " + String.join(", ", missing)
                        + " of compose project " + spec.project() + " are not running and no compose command answers:"
                        + " " + String.join("; ", tried) + "; install docker compose (the v2 plugin) or docker-compose"
                        + (engine.podman() ? ", or podman-compose" : "") + ", or start the stack yourself", null));
        if (!cli.projectOptions() && (!spec.profiles().isEmpty() || !spec.envFiles().isEmpty())) {
            throw fail(locked, joined, cli.name() + " takes no --profile or --env-file, but compose"
                    + " project " + spec.project() + " needs " + (spec.profiles().isEmpty() ? "env files"
                    : "profiles " + String.join(", ", spec.profiles())) + ": install docker compose or docker-compose",
                    null);
        }
        LeaseState.Holder me = LeaseState.Holder.current();
        LeaseState.Before existing = before.asBefore();
        LeaseState state = joined.starting(me, existing);
        locked.write(state);
        List<String> command = spec.up(cli, missing);
        String shown = ChildProcess.shown(command);
        LOG.info("docker: starting {} of compose project {} with {} on engine {} (setting docker.start=if-missing,"
                + " up to {} s, setting docker.start-timeout): {}", String.join(", ", missing), spec.project(),
                cli.name(), engine.shown(), startTimeout.toSeconds(), shown);
        Progress progress = new Progress("starting " + String.join(", ", missing) + " of compose project "
                + spec.project() + " with " + cli.name(), startTimeout);
        ChildProcess.Outcome outcome;
        try {
            outcome = ChildProcess.run(command, environment, spec.projectDirectory(),
                    deadline.remaining(), progress::report);
        } catch (IOException e) {
            throw fail(locked, state.afterStart(List.of(), List.of()), shown + " could not be run ("
                    + e.getMessage() + ")", null);
        }
        ProjectSnapshot after = ProjectSnapshot.take(client, spec.project());
        List<LeaseState.Started> started = after.startedSince(existing);
        state = state.afterStart(started, after.networksSince(existing));
        locked.write(state);
        if (!outcome.succeeded()) {
            List<String> failed = new ArrayList<>();
            for (ProjectSnapshot.Container container : after.containers()) {
                if (!container.running() && !existing.containers().contains(container.id())) {
                    failed.add(container.id());
                }
            }
            String details = details(outcome, failedServices(failed, after));
            removeCreatedStopped(failed);
            StackStop.Outcome stopped = StackStop.stop(client, started, after.networksSince(existing));
            state = state.forgetting(stopped.stopped(), stopped.networks());
            throw fail(locked, state, shown + " " + ended(outcome) + lastWords(outcome)
                    + "; what it started was stopped again: " + stopped.describe(), new StartFailure(details));
        }
        String took = String.format(java.util.Locale.ROOT, "%.1f s", outcome.took().toMillis() / 1000.0);
        LOG.info("docker: {} started {} in {}", cli.name(), started.isEmpty() ? "nothing new" : names(started), took);
        notes.add("docker.start=if-missing: started " + String.join(", ", missing) + " of compose project "
                + spec.project() + " (" + spec.why() + ") with " + cli.name() + " in " + took + ", bounded by setting"
                + " docker.start-timeout = " + startTimeout.toMillis() + " ms (setting timeout does not cut a start"
                + " short); " + (started.isEmpty() ? "nothing new runs" : "new: " + names(started)) + "; the lease "
                + lease.path() + " stops what it started when its last JVM leaves (setting docker.stop="
                + dev.backendconfig.api.spi.Setting.spelling(config.lifecycle().stop()) + ")");
        return new Joined(spec, lease, notes, started, touched(after, existing), shown, Optional.of(deadline.remaining()));
    }

    /** Return every container a start created or started: there after it, and not running before it. */
    private static List<LeaseState.Started> touched(ProjectSnapshot after, LeaseState.Before existing) {
        return after.containers().stream().filter(container -> !existing.running().contains(container.id()))
                .map(container -> new LeaseState.Started(container.id(), container.name(), container.service(),
                        !existing.containers().contains(container.id()))).toList();
    }

    /**
     * Check the services found after a start: when this resolution ran compose and the services were not all found,
     * the start failed — stop what it started (and remove what it created) and stop the resolution with an error.
     * Otherwise return the result with the lifecycle's notes.
     *
     * @param refused whether the services were found but cannot be used as asked (the search stopped with an error,
     *     such as two of this checkout's projects running): the error says that, not that time ran out
     * @throws InvalidInputException when the start failed
     */
    public ProviderResult confirm(Joined joined, ProviderResult result, boolean refused) {
        if (joined.command().isEmpty() || result instanceof ProviderResult.Found) {
            return result.withNotes(joined.notes());
        }
        String what = refused ? "the services cannot be used as asked: " + result.reason()
                : "the services were not all ready within setting docker.start-timeout = "
                        + config.lifecycle().startTimeout().toMillis() + " ms: " + result.reason();
        List<String> failed = new ArrayList<>();
        StringBuilder details = new StringBuilder("Command: " + joined.command() + "\nIt ended with exit code 0, but "
                + what);
        for (LeaseState.Started container : joined.touched()) {
            Optional<String> problem = problem(container);
            if (problem.isPresent()) {
                failed.add(container.service() + " (" + problem.get() + ")");
                details.append("\n").append(logBlock(container.service(), container.name(), container.id(),
                        problem.get()));
            }
        }
        StackStop.Outcome stopped;
        try (LeaseFile.Locked locked = joined.lease().lock(LeaseHold.LEAVE_BOUND, origin, waited -> { })) {
            stopped = StackStop.stop(client, joined.touched(), List.of());
            locked.write(locked.read().forgetting(stopped.stopped(), List.of()));
        }
        scope.release("docker lease " + joined.lease().path());
        throw new InvalidInputException(START_FAILED, origin, "ran " + joined.command() + " (" + (joined.touched()
                .isEmpty() ? "it started nothing" : "it started " + names(joined.touched())) + "), but " + what
                + (failed.isEmpty() ? ""
                        : "; failed: " + String.join(", ", failed)) + "; what the start started was stopped again: "
                + stopped.describe() + " (the last " + LOG_LINES + " log lines of each failed service follow in the"
                + " cause)", new StartFailure(details.toString()));
    }

    /** Return why a started container is not ready (stopped, unhealthy, still starting), or empty when it is. */
    private Optional<String> problem(LeaseState.Started container) {
        try {
            Object inspect = client.getJson(EngineClient.path("containers", container.id(), "json"));
            Object state = Json.object(inspect, "State");
            String status = Json.string(state, "Status");
            String health = Json.string(Json.object(state, "Health"), "Status");
            if (!status.equals("running")) {
                return Optional.of(Listing.shown(status) + ", exit code " + Json.integer(state, "ExitCode", 0));
            }
            if (!health.isEmpty() && !health.equals("healthy")) {
                return Optional.of(Listing.shown(health));
            }
            return Optional.empty();
        } catch (EngineException e) {
            return Optional.of(e.getMessage());
        }
    }

    private String logBlock(String service, String name, String id, String problem) {
        List<String> lines;
        try {
            lines = ContainerLogs.tail(client, id, LOG_LINES);
        } catch (EngineException e) {
            lines = List.of("(its logs could not be read: " + e.getMessage() + ")");
        }
        String block = "Service " + Listing.shown(service) + " (container " + name + ", " + problem + "), last "
                + LOG_LINES + " log lines:\n    " + (lines.isEmpty() ? "(none)" : String.join("\n    ", lines));
        LOG.warn("docker: {}", block.replace("\n", "\n  "));
        return block;
    }

    private List<String[]> failedServices(List<String> failed, ProjectSnapshot after) {
        List<String[]> services = new ArrayList<>();
        java.util.Map<String, ProjectSnapshot.Container> byId = after.byId();
        for (String id : failed) {
            ProjectSnapshot.Container container = byId.get(id);
            services.add(new String[] {container.service(), container.name(), id});
        }
        return services;
    }

    private String details(ChildProcess.Outcome outcome, List<String[]> failed) {
        StringBuilder details = new StringBuilder("Command: " + outcome.commandLine() + "\n" + capitalized(ended(outcome))
                + "\nIts output (last lines):\n" + outcome.tailText(20));
        for (String[] service : failed) {
            details.append("\n").append(logBlock(service[0], service[1], service[2], "created by the start, not"
                    + " running"));
        }
        return details.toString();
    }

    /** Remove the containers the failed start created that never ran (compose leaves them behind). */
    private void removeCreatedStopped(List<String> ids) {
        List<LeaseState.Started> created = ids.stream().map(id -> new LeaseState.Started(id, id.substring(0, 12), "",
                true)).toList();
        StackStop.stop(client, created, List.of());
    }

    private String ended(ChildProcess.Outcome outcome) {
        return outcome.timedOut() ? "did not end within setting docker.start-timeout = "
                + config.lifecycle().startTimeout().toMillis() + " ms and was killed, with every process it started"
                : "exited with code " + outcome.exitCode();
    }

    private static String lastWords(ChildProcess.Outcome outcome) {
        List<String> tail = outcome.tail();
        if (tail.isEmpty()) {
            return "";
        }
        return ": " + String.join(" / ", tail.subList(Math.max(0, tail.size() - 3), tail.size()));
    }

    /** Write the lease's state after a failed start and return what to throw once the file is unlocked. */
    private static Failed fail(LeaseFile.Locked locked, LeaseState state, String problem, StartFailure cause) {
        locked.write(state);
        return new Failed(new InvalidInputException(START_FAILED, Origin.other("setting docker.start=if-missing"),
                problem, cause));
    }

    /** Return which compose services of the required services have no running container. */
    private static List<String> missing(StackSpec spec, ProjectSnapshot snapshot) {
        Set<String> running = snapshot.runningServices();
        Set<String> missing = new LinkedHashSet<>();
        spec.composeServices().values().stream().filter(service -> !running.contains(service)).forEach(missing::add);
        return List.copyOf(missing);
    }

    private static String names(List<LeaseState.Started> started) {
        return String.join(", ", started.stream().map(LeaseState.Started::name).toList());
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** INFO lines while something slow runs: after two seconds, then every five. */
    private static final class Progress {
        private final String what;
        private final Duration bound;
        private long next = QUIET.toNanos();

        Progress(String what, Duration bound) {
            this.what = what;
            this.bound = bound;
        }

        void report(Duration sofar) {
            if (sofar.toNanos() >= next) {
                LOG.info("docker: {}: {} s so far, up to {} s (setting docker.start-timeout)", what,
                        sofar.toSeconds(), bound.toSeconds());
                next = sofar.toNanos() + PROGRESS_EVERY.toNanos();
            }
        }
    }
}
