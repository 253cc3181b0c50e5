package dev.backendconfig.cli;

import dev.backendconfig.api.spi.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What explain sees: the providers inside its own jar, plus the user's test class path given with
 * {@code --classpath} (their classes, resources and jars), so that a custom provider, its settings and the project's
 * {@code backend-config.properties} count as they do in the tests.
 *
 * <p>The user's entries are searched after explain's own (parent first), so a jar that repeats one explain already
 * holds (config-env, say) adds nothing: {@link java.util.ServiceLoader} meets the same provider class name twice and
 * loads it once, and no provider is reported as a duplicate of itself.
 */
final class UserClasspath implements AutoCloseable {

    private final URLClassLoader opened;

    private UserClasspath(URLClassLoader opened) {
        this.opened = opened;
    }

    /** Return explain's own class loader, extended with {@code entries} when there are any. */
    static UserClasspath of(List<Path> entries) {
        if (entries.isEmpty()) {
            return new UserClasspath(null);
        }
        URL[] urls = new URL[entries.size()];
        for (int i = 0; i < urls.length; i++) {
            urls[i] = url(entries.get(i));
        }
        return new UserClasspath(new URLClassLoader("explain --classpath", urls, UserClasspath.class.getClassLoader()));
    }

    /** Return the class loader providers and settings contributors are discovered through. */
    ClassLoader loader() {
        return opened != null ? opened : UserClasspath.class.getClassLoader();
    }

    /**
     * Return where {@code backend-config.properties} is read: the user's class path (its copy in
     * {@code target/test-classes}, which messages name by the file it was copied from), or, without
     * {@code --classpath}, {@code DIR/src/test/resources}; null when there is none.
     */
    ClassLoader settingsResource(Path directory) {
        if (opened != null) {
            return opened;
        }
        Path resources = directory.resolve("src/test/resources");
        if (!Files.isRegularFile(resources.resolve(Settings.RESOURCE))) {
            return null;
        }
        return new URLClassLoader(new URL[] {url(resources)}, null);
    }

    /**
     * Make {@link #loader()} the current thread's context class loader, as the tests' threads have it; return the one
     * it replaces, which the caller puts back when the command is done.
     */
    ClassLoader becomeContextLoader() {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader());
        return previous;
    }

    @Override
    public void close() {
        if (opened != null) {
            try {
                opened.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close the --classpath class loader", e);
            }
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
