package dev.backendconfig.maven;

import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * {@code backend-config:start} (default phase {@code pre-integration-test}): resolve with
 * {@code docker.start=if-missing} (unless {@code <settings>} say otherwise) — which takes the stack's lease for this
 * build and starts the required services that are not running — then wait until every service answers its probe, and
 * export the URLs as project properties ({@code backendconfig.url}, {@code backendconfig.services.<name>.url}, ...) for
 * the test forks. {@code stop} gives the lease back. In a reactor, the first module's {@code start} starts the stack,
 * the others attach to it, and the last module's {@code stop} stops it.
 */
@Mojo(name = "start", defaultPhase = LifecyclePhase.PRE_INTEGRATION_TEST,
        requiresDependencyResolution = ResolutionScope.TEST, threadSafe = true)
public class StartMojo extends ReadinessGoal {

    @Override
    String goal() {
        return "start";
    }

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        // the lease goes back at the session's end even when stop never runs (SessionEnd says why not at JVM exit)
        SessionEnd.listen(session);
        super.run();
    }

    @Override
    Map<String, String> forced() {
        return Map.of("docker.start", "if-missing");
    }
}
