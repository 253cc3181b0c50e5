package dev.backendconfig.docker.internal.lifecycle;

import dev.backendconfig.toolkit.Origin;
import dev.backendconfig.docker.internal.DockerSettings;
import dev.backendconfig.docker.internal.engine.EngineAddress;
import dev.backendconfig.docker.internal.transport.EngineClient;
import dev.backendconfig.docker.internal.transport.EngineTimeouts;
import dev.backendconfig.docker.internal.transport.SshCommand;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This JVM's hold on one lease, given back at the end of the run ({@link #close()}): it leaves the holders, drops
 * those whose process is gone, and — when no holder is left — stops and removes what the lease started (setting
 * {@code docker.stop=started}) or leaves it running ({@code never}), and empties the lease.
 */
final class LeaseHold implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LeaseHold.class);
    /** How long leaving may wait for the lease file (another JVM may be starting): a JVM that exits is dropped anyway. */
    static final Duration LEAVE_BOUND = Duration.ofSeconds(20);

    private final LeaseFile lease;
    private final LeaseState.Holder holder;
    private final EngineAddress engine;
    private final SshCommand ssh;
    private final EngineTimeouts requestTimeout;
    private final DockerSettings.Stop stop;
    private final Origin origin;
    private final String project;
    private final AtomicBoolean left = new AtomicBoolean();

    LeaseHold(LeaseFile lease, LeaseState.Holder holder, EngineAddress engine, SshCommand ssh, EngineTimeouts requestTimeout,
            DockerSettings.Stop stop, Origin origin, String project) {
        this.lease = lease;
        this.holder = holder;
        this.engine = engine;
        this.ssh = ssh;
        this.requestTimeout = requestTimeout;
        this.stop = stop;
        this.origin = origin;
        this.project = project;
    }

    @Override
    public void close() {
        if (!left.compareAndSet(false, true)) {
            return;
        }
        try (LeaseFile.Locked locked = lease.lock(LEAVE_BOUND, origin, waited -> { })) {
            LeaseState state = locked.read().without(other -> other.equals(holder) || !other.alive());
            if (state.holders().isEmpty() && state.starter().filter(LeaseState.Holder::alive).isEmpty()) {
                state = last(state);
            } else {
                LOG.debug("docker: leaving the lease of compose project {} ({}); still held by {}", project,
                        lease.path(), state.holders());
            }
            locked.write(state);
        }
    }

    /** The last holder leaves: stop what the lease started, or leave it running. */
    private LeaseState last(LeaseState state) {
        if (state.started().isEmpty() && state.networks().isEmpty()) {
            return LeaseState.empty();
        }
        if (stop == DockerSettings.Stop.NEVER) {
            LOG.info("docker: the last JVM holding the lease of compose project {} leaves; what it started stays"
                    + " running (setting docker.stop=never): {}", project, names(state));
            return LeaseState.empty();
        }
        try (EngineClient client = new EngineClient(engine, requestTimeout, ssh, () -> StackStop.STOP_BOUND)) {
            StackStop.Outcome outcome = StackStop.stop(client, state.started(), state.networks());
            LOG.info("docker: the last JVM holding the lease of compose project {} leaves: {} (what the lease"
                    + " started; setting docker.stop=started)", project, outcome.describe());
            LeaseState rest = state.forgetting(outcome.stopped(), outcome.networks());
            return rest.started().isEmpty() && rest.networks().isEmpty() ? LeaseState.empty() : rest;
        }
    }

    private static String names(LeaseState state) {
        return String.join(", ", state.started().stream().map(LeaseState.Started::name).toList());
    }
}
