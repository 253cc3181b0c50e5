package dev.backendconfig.docker;

import static org.apiguardian.api.API.Status.STABLE;

import dev.backendconfig.api.spi.EndpointProvider;
import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.api.spi.ServiceSetting;
import dev.backendconfig.api.spi.Setting;
import dev.backendconfig.docker.internal.DockerConfig;
import dev.backendconfig.docker.internal.DockerErrors;
import dev.backendconfig.docker.internal.DockerSettings;
import dev.backendconfig.docker.internal.ResolutionFacts;
import dev.backendconfig.docker.internal.Results;
import dev.backendconfig.docker.internal.compose.ComposeCli;
import dev.backendconfig.docker.internal.compose.ComposePrediction;
import dev.backendconfig.docker.internal.compose.ComposeProjects;
import dev.backendconfig.docker.internal.discovery.EngineDiscovery;
import dev.backendconfig.docker.internal.engine.EngineIdentity;
import dev.backendconfig.docker.internal.engine.EngineLocator;
import dev.backendconfig.docker.internal.engine.LocalSockets;
import dev.backendconfig.docker.internal.transport.EngineClient;
import dev.backendconfig.docker.internal.transport.EngineTimeouts;
import dev.backendconfig.docker.internal.transport.SshCommand;
import dev.backendconfig.api.spi.RunScope;
import dev.backendconfig.docker.internal.lifecycle.StackLifecycle;
import dev.backendconfig.docker.internal.lifecycle.StackSpec;
import dev.backendconfig.docker.internal.lifecycle.StackSpecs;
import dev.backendconfig.docker.internal.transport.EngineException;
import dev.backendconfig.toolkit.InvalidInputException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apiguardian.api.API;

/**
 * Provider {@code docker}: the host port a running compose service of this checkout's project really publishes.
 *
 * <p>It reads this checkout's compose project as docker compose builds it (name, files, env files, profiles,
 * services), finds the engine as the docker CLI does, and asks the Engine API for the compose containers. Only a
 * project that is this checkout's — by its name, or by the working directory and files its labels record — or the
 * one a setting names is a candidate; ours stopped is unavailable, saying so; ours half up is an error. Each service
 * is matched exactly (a setting, its name, its network alias; for the backend, the one service publishing
 * {@code docker.container-port}, default 8000). It reads the published host port and binding, waits while a
 * healthcheck says {@code starting}; a container without a healthcheck is checked with the configured probe. When the
 * engine cannot be reached, it predicts the port from the compose files and takes the prediction, marked
 * unconfirmed, only where the protocol is spoken (not for an engine on another machine).
 *
 * <p>Engines: Docker and Podman, on a Unix socket, over TCP, TCP with TLS, or ssh ({@code docker system
 * dial-stdio}); the report names the engine's kind and version and how it was reached.
 */
@API(status = STABLE, since = "1.0")
public final class DockerEndpointProvider implements EndpointProvider {

    /** The provider's id. */
    public static final String ID = "docker";
    /** The provider's priority: after env (300), before staging (100). */
    public static final int PRIORITY = 200;

    private final LocalSockets sockets;
    private final RunScope scope;
    private final Duration adviceCheck;

    /** Create the provider, as ServiceLoader does: a started stack's lease is held for the JVM's test run. */
    public DockerEndpointProvider() {
        this(LocalSockets.SYSTEM, RunScope.jvm());
    }

    /**
     * Create the provider with another default socket and no system Podman socket, for tests that must not see this
     * machine's engines.
     */
    DockerEndpointProvider(Path defaultSocket) {
        this(LocalSockets.only(defaultSocket), RunScope.jvm());
    }

    /** Create the provider whose started stacks' leases are held in {@code scope} (a build tool's, a test's). */
    DockerEndpointProvider(RunScope scope) {
        this(LocalSockets.SYSTEM, scope);
    }

    /**
     * Create the provider whose advice checks each compose command within {@code adviceCheck} rather than
     * {@link ComposeCli#ADVICE_CHECK} (10 s), for tests of that bound that should not wait 10 s.
     */
    DockerEndpointProvider(Duration adviceCheck) {
        this(LocalSockets.SYSTEM, RunScope.jvm(), adviceCheck);
    }

    private DockerEndpointProvider(LocalSockets sockets, RunScope scope) {
        this(sockets, scope, ComposeCli.ADVICE_CHECK);
    }

    private DockerEndpointProvider(LocalSockets sockets, RunScope scope, Duration adviceCheck) {
        this.sockets = sockets;
        this.scope = scope;
        this.adviceCheck = adviceCheck;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public ProviderResult resolve(ResolutionContext context) {
        DockerConfig config = DockerConfig.read(context);
        ResolutionFacts facts = ResolutionFacts.of(context);
        EngineLocator.Located located = EngineLocator.locate(config, facts, sockets);
        ComposeProjects.Loaded project = ComposeProjects.load(config, facts);
        ComposePrediction prediction = new ComposePrediction(config, facts, ID, project);
        if (located instanceof EngineLocator.Located.Missing missing) {
            return prediction.predict(missing.reason(), true);
        }
        if (located instanceof EngineLocator.Located.Unusable unusable) {
            return prediction.predict(unusable.reason(), false).withNextStep(unusable.nextStep());
        }
        EngineLocator.Located.Found found = (EngineLocator.Located.Found) located;
        SshCommand ssh = new SshCommand(config.sshCommand(), facts.environment());
        EngineTimeouts timeouts = new EngineTimeouts(config.timeout(), config.answerTimeout());
        try (EngineClient client = new EngineClient(found.address(), timeouts, ssh, facts.remaining())) {
            Function<String, ProviderResult> unreachable = new Unreachable(found.address().isRemote(), prediction);
            EngineDiscovery discovery = new EngineDiscovery(config, facts, client, ID, project.found(), adviceCheck);
            ProviderResult result = config.lifecycle().starts() ? withLifecycle(config, facts, client, project,
                    discovery, unreachable) : discovery.discoverOr(unreachable);
            return Results.withFirstNote(result, engineNote(client));
        }
    }

    /**
     * Setting {@code docker.start=if-missing}: when the engine answers, join this checkout's project's lease, start
     * what is missing, then find the services of that project (waiting for a start's health within what is left of
     * {@code docker.start-timeout}); a start whose services are not all found failed.
     */
    private ProviderResult withLifecycle(DockerConfig config, ResolutionFacts facts, EngineClient client,
            ComposeProjects.Loaded project, EngineDiscovery discovery, Function<String, ProviderResult> unreachable) {
        // setting timeout does not cut a start short
        facts.extendBudget(StackLifecycle.budget(config.lifecycle().startTimeout()));
        StringBuilder why = new StringBuilder();
        Optional<StackSpec> spec = StackSpecs.of(config, project, why);
        if (spec.isEmpty()) {
            return discovery.discoverOr(unreachable).withNotes(List.of("docker.start=if-missing: nothing can be started: "
                    + why + " (set docker.compose-file, or COMPOSE_FILE, to the file that starts the stack)"));
        }
        try {
            client.get("/_ping"); // the engine must answer before anything is started (and says what it is)
        } catch (EngineException e) {
            return discovery.discoverOr(unreachable);
        }
        StackLifecycle lifecycle = new StackLifecycle(config, facts, client, scope);
        StackLifecycle.Joined joined;
        try {
            discovery.refuseNameClash(spec.get().project()); // never start into another checkout's project
            joined = lifecycle.join(spec.get());
        } catch (EngineException e) {
            return ProviderResult.unavailable(e.getMessage());
        }
        joined.readinessLimit().ifPresent(discovery::afterStart);
        ProviderResult found;
        boolean refused = false;
        try {
            found = discovery.discoverOr(unreachable);
        } catch (InvalidInputException e) {
            if (joined.command().isEmpty()) {
                throw e; // nothing was started here: this checkout's stack is half up as it was
            }
            // what was just started is not all ready (half up), or cannot be served as asked (two projects of this
            // checkout, an ambiguous service): the start failed, and confirm stops what it started
            found = ProviderResult.unavailable(e.getMessage());
            refused = !DockerErrors.HALF_UP.equals(e.code());
        }
        return lifecycle.confirm(joined, found, refused);
    }

    /** Return the report's line on the engine: where, why, what it is, and how it was reached. */
    private static String engineNote(EngineClient client) {
        EngineIdentity identity = client.identity();
        return "engine " + client.address() + ": " + (identity == EngineIdentity.UNKNOWN ? "" : identity.describe()
                + ", ") + "reached over " + client.reachedOver();
    }

    @Override
    public List<Setting<?>> settings() {
        return DockerSettings.ALL;
    }

    @Override
    public List<ServiceSetting<?>> serviceSettings() {
        return DockerSettings.SERVICE_SETTINGS;
    }

    @Override
    public String hint() {
        return "start the stack (docker compose -f <your compose file> up -d, or let the tests start it with setting"
                + " docker.start=if-missing), or set docker.service and"
                + " docker.container-port if the backend is there under another name or port";
    }

    /**
     * What the provider answers when the engine cannot be asked at all: for an engine on this machine, the prediction
     * from the compose files; for one on another machine, unavailable (the compose file here cannot tell where its
     * ports are).
     */
    private static final class Unreachable implements Function<String, ProviderResult> {

        private final boolean remote;
        private final ComposePrediction prediction;

        Unreachable(boolean remote, ComposePrediction prediction) {
            this.remote = remote;
            this.prediction = prediction;
        }

        @Override
        public ProviderResult apply(String problem) {
            return remote ? ProviderResult.unavailable(problem + "; the engine runs on another machine, so the compose"
                    + " file here cannot tell where its ports are") : prediction.predict(problem, false);
        }
    }
}
