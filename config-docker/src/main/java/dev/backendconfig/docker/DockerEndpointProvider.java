package dev.backendconfig.docker;

import static org.apiguardian.api.API.Status.STABLE;

import dev.backendconfig.api.spi.EndpointProvider;
import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.api.spi.ServiceSetting;
import dev.backendconfig.api.spi.Setting;
import dev.backendconfig.docker.internal.DockerConfig;
import dev.backendconfig.docker.internal.DockerSettings;
import dev.backendconfig.docker.internal.ResolutionFacts;
import dev.backendconfig.docker.internal.compose.ComposePrediction;
import dev.backendconfig.docker.internal.discovery.EngineDiscovery;
import dev.backendconfig.docker.internal.engine.EngineIdentity;
import dev.backendconfig.docker.internal.engine.EngineLocator;
import dev.backendconfig.docker.internal.engine.LocalSockets;
import dev.backendconfig.docker.internal.transport.EngineClient;
import dev.backendconfig.docker.internal.transport.EngineTimeouts;
import dev.backendconfig.docker.internal.transport.SshCommand;
import java.nio.file.Path;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Provider {@code docker}: the host port a running compose service really publishes.
 *
 * <p>It finds the engine as the docker CLI does, asks the Engine API for running compose containers, picks the one
 * publishing {@code docker.container-port} (default 8000), reads its published host port and binding, waits while
 * its healthcheck says {@code starting} and refuses it when {@code unhealthy}; a container without a healthcheck is
 * checked with the configured probe. When the engine cannot be reached, it predicts the port from the compose file
 * and accepts the prediction only if the backend answers there (not for an engine on another machine).
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

    /** Create the provider, as ServiceLoader does. */
    public DockerEndpointProvider() {
        this.sockets = LocalSockets.SYSTEM;
    }

    /**
     * Create the provider with another default socket and no system Podman socket, for tests that must not see this
     * machine's engines.
     */
    DockerEndpointProvider(Path defaultSocket) {
        this.sockets = LocalSockets.only(defaultSocket);
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
        ComposePrediction prediction = new ComposePrediction(config, facts, ID);
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
            return new EngineDiscovery(config, facts, client, ID).discoverOr(problem -> found.address().isRemote()
                    ? ProviderResult.unavailable(problem + "; the engine runs on another machine, so the compose file"
                            + " here cannot tell where its ports are")
                    : prediction.predict(problem, false)).withNote(engineNote(client));
        }
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
        return "start the stack (docker compose -f <your compose file> up -d), or set docker.service and"
                + " docker.container-port if the backend is there under another name or port";
    }
}
