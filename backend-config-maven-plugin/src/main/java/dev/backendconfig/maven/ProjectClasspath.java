package dev.backendconfig.maven;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * What a goal resolves with: the plugin's own providers, plus the project's test class path (its test classes and
 * dependencies, so that its own providers count as they do in its tests) and, after them, its test resource
 * directories when {@code target/test-classes} has no {@code backend-config.properties} yet, so that
 * {@code src/test/resources/backend-config.properties} counts before {@code process-test-resources} has copied it.
 *
 * <p>The plugin's class loader comes first (parent first): a jar of the project that repeats one the plugin holds
 * (config-api, config-env, ...) adds nothing, and {@link java.util.ServiceLoader} loads each provider class once.
 */
final class ProjectClasspath implements AutoCloseable {

    private final URLClassLoader loader;

    private ProjectClasspath(URLClassLoader loader) {
        this.loader = loader;
    }

    /** Open a class loader over {@code elements} (paths as Maven lists them) and then {@code resourceDirectories}. */
    static ProjectClasspath of(List<String> elements, List<Path> resourceDirectories) {
        List<URL> urls = new ArrayList<>();
        for (String element : elements) {
            Path path = Path.of(element);
            if (Files.exists(path)) {
                urls.add(url(path));
            }
        }
        for (Path directory : resourceDirectories) {
            if (Files.isDirectory(directory)) {
                urls.add(url(directory));
            }
        }
        return new ProjectClasspath(new URLClassLoader("backend-config: the project's test class path",
                urls.toArray(URL[]::new), ProjectClasspath.class.getClassLoader()));
    }

    /** Return the class loader providers, settings contributors and {@code backend-config.properties} are found by. */
    ClassLoader loader() {
        return loader;
    }

    /** Run {@code action} with {@link #loader()} as the thread's context class loader, as the tests' threads have it. */
    <T> T withContextLoader(Supplier<T> action) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return action.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Override
    public void close() {
        try {
            loader.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the project's test class path", e);
        }
    }

    private static URL url(Path path) {
        try {
            return path.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException("a file path is always a URL: " + path, e);
        }
    }
}
