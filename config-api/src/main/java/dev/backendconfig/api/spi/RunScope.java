package dev.backendconfig.api.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.backendconfig.toolkit.OutsideText;
import dev.backendconfig.toolkit.Secrets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What providers hold for a test run and give back at its end — a started stack's lease, say, whose last holder stops
 * what it started. A provider holds a resource under a key ({@link #hold(String, AutoCloseable)}); the end of the run
 * closes the scope, which releases every resource held, newest first.
 *
 * <p>{@link #jvm()} is the JVM's run: the JUnit extension closes it when the test run ends (its root store closes);
 * without the extension, a shutdown hook closes it when the JVM exits. A build tool that holds resources around a
 * whole test phase, or a test, makes a scope of its own with {@link #create(String)} and closes it itself.
 */
@API(status = EXPERIMENTAL, since = "1.0")
public final class RunScope implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunScope.class);
    private static final RunScope JVM = new RunScope("the JVM's test run", true);

    private final String name;
    private final boolean closeAtExit;
    private final Map<String, AutoCloseable> held = new LinkedHashMap<>();
    private boolean hookAdded;
    /** Held for a whole close, so that a second close (another shutdown hook) returns only once the first is done. */
    private final Object closing = new Object();

    private RunScope(String name, boolean closeAtExit) {
        this.name = Objects.requireNonNull(name, "name");
        this.closeAtExit = closeAtExit;
    }

    /** Return the JVM's run: closed by the JUnit extension at the end of the run, else when the JVM exits. */
    public static RunScope jvm() {
        return JVM;
    }

    /** Return a scope of its own, which its creator closes: {@code name} says whose it is in log lines. */
    public static RunScope create(String name) {
        return new RunScope(name, false);
    }

    /**
     * Hold {@code resource} until the scope closes (or {@link #release(String)}), under {@code key}; holding a key
     * that is already held does nothing.
     *
     * @return whether the resource is now held (false: the key was held already, and {@code resource} is not)
     */
    public synchronized boolean hold(String key, AutoCloseable resource) {
        Objects.requireNonNull(resource, "resource");
        if (held.containsKey(key)) {
            return false;
        }
        held.put(key, resource);
        if (closeAtExit && !hookAdded) {
            Runtime.getRuntime().addShutdownHook(new Thread(this::close, "backend-config-run-end"));
            hookAdded = true;
        }
        return true;
    }

    /** Release what is held under {@code key} now, if anything is. */
    public void release(String key) {
        AutoCloseable resource;
        synchronized (this) {
            resource = held.remove(key);
        }
        if (resource != null) {
            releaseQuietly(key, resource);
        }
    }

    /**
     * Release everything held, newest first. A release that throws is logged at WARN and the others still run. The
     * scope can hold resources again afterwards (a later run in the same JVM). A close while another runs (two shutdown
     * hooks) returns when both are done.
     */
    @Override
    public void close() {
        synchronized (closing) {
            List<Map.Entry<String, AutoCloseable>> releasing;
            synchronized (this) {
                releasing = new ArrayList<>(held.entrySet());
                held.clear();
            }
            for (int i = releasing.size() - 1; i >= 0; i--) {
                releaseQuietly(releasing.get(i).getKey(), releasing.get(i).getValue());
            }
        }
    }

    private void releaseQuietly(String key, AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            LOG.warn("releasing {} at the end of {} failed: {}", OutsideText.oneLine(key), name,
                    OutsideText.oneLine(Secrets.maskText(String.valueOf(e.getMessage()))));
        }
    }

    @Override
    public String toString() {
        return "RunScope[" + name + "]";
    }
}
