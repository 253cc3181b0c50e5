package dev.backendconfig.api.testing;

import dev.backendconfig.api.spi.EndpointProvider;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

/** Build a class loader whose only addition is a real {@code META-INF/services} file listing given class names. */
public final class ServiceFiles {

    private ServiceFiles() {
    }

    /** Return a class loader, child of this test's, that sees a services file with these lines. */
    public static ClassLoader loaderListing(Path directory, String... lines) throws IOException {
        return loaderListing(directory, EndpointProvider.class, lines);
    }

    /**
     * Return a class loader, child of this test's, that sees a services file of {@code service} with these lines, and
     * the services files written into {@code directory} before.
     */
    public static ClassLoader loaderListing(Path directory, Class<?> service, String... lines) throws IOException {
        Path services = Files.createDirectories(directory.resolve("META-INF/services"));
        Files.write(services.resolve(service.getName()), java.util.List.of(lines));
        return new URLClassLoader(new URL[] {directory.toUri().toURL()}, ServiceFiles.class.getClassLoader()) {
            @Override
            public java.util.Enumeration<URL> getResources(String name) throws IOException {
                // only the services file of this directory, not the ones of the modules under test
                return name.startsWith("META-INF/services/") ? findResources(name) : super.getResources(name);
            }
        };
    }
}
