package dev.backendconfig.docker;

import dev.backendconfig.api.spi.BackendEndpointProvider;
import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.api.spi.Setting;
import dev.backendconfig.docker.internal.ComposePrediction;
import dev.backendconfig.docker.internal.DockerSettings;
import dev.backendconfig.docker.internal.EngineClient;
import dev.backendconfig.docker.internal.EngineDiscovery;
import dev.backendconfig.docker.internal.EngineException;
import dev.backendconfig.docker.internal.EngineLocator;
import java.nio.file.Path;
import java.util.List;

/**
 * Provider {@code docker}: the host port a running compose service really publishes.
 *
 * <p>It finds the engine as the docker CLI does, asks the Engine API for running compose containers, picks the one
 * publishing {@code docker.container-port} (default 8000), reads its published host port and binding, waits while
 * its healthcheck says {@code starting} and refuses it when {@code unhealthy}; a container without a healthcheck is
 * checked with the configured probe. When the engine cannot be reached, it predicts the port from the compose file
 * and accepts the prediction only if the backend answers there.
 */
public final class DockerEndpointProvider implements BackendEndpointProvider {

    /** The provider's id. */
    public static final String ID = "docker";
    /** The provider's priority: after env (300), before staging (100). */
    public static final int PRIORITY = 200;

    private final Path defaultSocket;

    /** Create the provider, as ServiceLoader does. */
    public DockerEndpointProvider() {
        this(EngineLocator.DEFAULT_SOCKET);
    }

    /** Create the provider with another default socket, for tests that must not see this machine's engine. */
    DockerEndpointProvider(Path defaultSocket) {
        this.defaultSocket = defaultSocket;
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
        EngineLocator.Located located = EngineLocator.locate(context, defaultSocket);
        ComposePrediction prediction = new ComposePrediction(context, ID);
        if (located instanceof EngineLocator.Located.Missing missing) {
            return prediction.predict(missing.reason(), true);
        }
        if (located instanceof EngineLocator.Located.Unusable unusable) {
            return prediction.predict(unusable.reason(), false);
        }
        EngineLocator.Located.Found found = (EngineLocator.Located.Found) located;
        EngineClient client = new EngineClient(found.address(), context.settings().get(DockerSettings.TIMEOUT),
                context::remaining);
        String engine = "engine " + found.address();
        try {
            client.ping();
        } catch (EngineException e) {
            return prediction.predict(e.getMessage(), false).withNote(engine);
        }
        try {
            return new EngineDiscovery(context, client, ID).discover().withNote(engine);
        } catch (EngineException e) {
            return ProviderResult.unavailable(e.getMessage()).withNote(engine);
        }
    }

    @Override
    public List<Setting<?>> settings() {
        return DockerSettings.ALL;
    }

    @Override
    public String hint() {
        return "start the stack (docker compose -f <your compose file> up -d), or set docker.service and"
                + " docker.container-port if the backend is there under another name or port";
    }
}
