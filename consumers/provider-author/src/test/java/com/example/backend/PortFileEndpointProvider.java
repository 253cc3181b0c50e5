package com.example.backend;

import dev.backendconfig.api.ServiceEndpoint;
import dev.backendconfig.api.spi.EndpointProvider;
import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.api.spi.Setting;
import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.toolkit.Origin;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Finds a backend that your test launcher started on a random port and wrote to a file.
 * Asked after env (300) and before docker (200).
 */
public final class PortFileEndpointProvider implements EndpointProvider {

    public static final int PRIORITY = 250;

    static final Setting<String> PORT_FILE = Setting.text("port-file.path", "target/backend.port",
            "File, relative to the working directory, holding the port the test launcher chose.");

    @Override
    public String id() {
        return "port-file";
    }

    @Override
    public int priority() {
        return PRIORITY;
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
        String text;
        try {
            text = Files.readString(file).strip();
        } catch (IOException e) {
            return ProviderResult.unavailable("cannot read " + file + ": " + e.getMessage());
        }
        Origin origin = Origin.file(file.toString(), 1);
        if (!text.matches("[0-9]{1,5}") || Integer.parseInt(text) < 1 || Integer.parseInt(text) > 65535) {
            throw new InvalidInputException(origin, "expected a port from 1 to 65535");
        }
        ServiceEndpoint endpoint = ServiceEndpoint.builder(id())
                .http(URI.create("http://localhost:" + text), origin)
                .build();
        return ProviderResult.found(endpoint, "the launcher wrote port " + text + " to " + file);
    }

    @Override
    public String hint() {
        return "start the backend with the test launcher, which writes target/backend.port";
    }
}
