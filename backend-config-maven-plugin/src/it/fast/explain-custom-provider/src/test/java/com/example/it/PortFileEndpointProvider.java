package com.example.it;

import dev.backendconfig.api.ServiceEndpoint;
import dev.backendconfig.api.spi.EndpointProvider;
import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.api.spi.Setting;
import dev.backendconfig.toolkit.Origin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The project's own provider: the backend's port from a file, its name from setting port-file.path. */
public final class PortFileEndpointProvider implements EndpointProvider {

    static final Setting<String> PORT_FILE = Setting.text("port-file.path", "target/backend.port",
            "File holding the backend's port.");

    @Override
    public String id() {
        return "port-file";
    }

    @Override
    public int priority() {
        return 400;
    }

    @Override
    public List<Setting<?>> settings() {
        return List.of(PORT_FILE);
    }

    @Override
    public ProviderResult resolve(ResolutionContext context) {
        Path file = context.workingDirectory().resolve(context.settings().get(PORT_FILE));
        if (!Files.isRegularFile(file)) {
            return ProviderResult.skipped("no port file " + file);
        }
        try {
            String port = Files.readString(file).strip();
            return ProviderResult.found(ServiceEndpoint.builder(id())
                    .http(URI.create("http://127.0.0.1:" + port), Origin.file(file.toString(), 1)).build(),
                    "the port file " + file.getFileName() + " says " + port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
