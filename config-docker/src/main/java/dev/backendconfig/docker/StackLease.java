package dev.backendconfig.docker;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.api.spi.RunScope;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A hold on this checkout's compose stack around a whole test phase, for a build tool (a Maven goal before the
 * tests, another after them) rather than a test JVM: {@link #acquire(ResolutionContext)} starts the required
 * services that are not running ({@code docker.start=if-missing}, whatever the settings say) and joins the stack's
 * lease as one more holder; the test JVMs join it too; {@link #close()} leaves it, and the last holder to leave stops
 * what the lease started ({@code docker.stop}). Held this way, the stack is started once before the first test JVM
 * and stopped once after the last, however many JVMs the phase forks.
 *
 * <pre>{@code
 * StackLease lease = StackLease.acquire(ResolutionContext.systemBuilder().build());   // before the tests
 * log.info(lease.describe());
 * ...                                                                        // the tests run, in forks
 * lease.close();                                                             // after them
 * }</pre>
 *
 * <p>The lease is held by this process (its id and start time are recorded in the lease file): keep the object for
 * as long as the phase lasts, and close it in the same process. A process that dies without closing is dropped from
 * the lease by the next JVM that joins it.
 */
@API(status = EXPERIMENTAL, since = "1.0")
public final class StackLease implements AutoCloseable {

    private final RunScope scope;
    private final ProviderResult result;

    private StackLease(RunScope scope, ProviderResult result) {
        this.scope = scope;
        this.result = result;
    }

    /**
     * Start what is missing of this checkout's stack and hold its lease: resolve as provider docker does, with the
     * context's settings and {@code docker.start=if-missing}.
     *
     * @throws dev.backendconfig.toolkit.InvalidInputException when a setting is wrong (code {@code BCFG01000} and the
     *     settings' own), or the start failed (code {@code BCFG03005}: what it started is stopped again; the message
     *     names the command and how it ended)
     */
    public static StackLease acquire(ResolutionContext context) {
        Objects.requireNonNull(context, "context");
        ResolutionContext starting = context.withSettings(context.settings()
                .withOverrides(Map.of("docker.start", "if-missing"), "StackLease.acquire"));
        RunScope scope = RunScope.create("a StackLease");
        try {
            return new StackLease(scope, new DockerEndpointProvider(scope).resolve(starting));
        } catch (RuntimeException e) {
            scope.close();
            throw e;
        }
    }

    /** Tell whether every required service was found running and ready. */
    public boolean ready() {
        return result instanceof ProviderResult.Found;
    }

    /** Return what provider docker found and did, for a log: its reason and notes, one per line. */
    public String describe() {
        StringBuilder text = new StringBuilder(result.reason());
        result.notes().forEach(note -> text.append('\n').append(note));
        return text.toString();
    }

    /** Return provider docker's result, as a resolution would report it. */
    public ProviderResult result() {
        return result;
    }

    /** Leave the lease; the last holder to leave stops what the lease started (setting {@code docker.stop}). */
    @Override
    public void close() {
        scope.close();
    }
}
