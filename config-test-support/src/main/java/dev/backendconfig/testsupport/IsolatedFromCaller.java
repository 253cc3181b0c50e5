package dev.backendconfig.testsupport;

import java.nio.file.Path;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import uk.org.webcompere.systemstubs.environment.EnvironmentVariables;

/**
 * Run a module's tests isolated from the shell that runs the build, for a module whose tests resolve from the real
 * process exactly as a user's suite does and so cannot remove variables themselves (the example project): before the
 * first test, every variable {@link CallerEnvironment} names is removed from this JVM's environment and
 * {@code DOCKER_HOST} names a socket that does not exist; when the run ends, the environment is restored.
 *
 * <p>Register it in the module's {@code src/test/resources/META-INF/services/org.junit.platform.launcher.LauncherSessionListener},
 * with test dependencies on {@code junit-platform-launcher} and {@code system-stubs-jupiter} (optional here, so that
 * the other modules do not get them).
 */
public final class IsolatedFromCaller implements LauncherSessionListener {

    private EnvironmentVariables isolated;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        EnvironmentVariables variables = new EnvironmentVariables();
        CallerEnvironment.present().forEach(variables::remove);
        Path nowhere = Path.of(System.getProperty("java.io.tmpdir"), "backend-config-" + ProcessHandle.current().pid());
        variables.set("DOCKER_HOST", CallerEnvironment.noEngine(nowhere));
        try {
            variables.setup();
        } catch (Exception e) {
            throw new IllegalStateException("could not isolate the tests from the caller's environment", e);
        }
        isolated = variables;
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (isolated != null) {
            try {
                isolated.teardown();
            } catch (Exception e) {
                throw new IllegalStateException("could not restore the caller's environment", e);
            }
            isolated = null;
        }
    }
}
