package dev.backendconfig.maven;

import java.util.Map;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * {@code backend-config:wait} (default phase {@code pre-integration-test}): resolve, then wait until every service
 * found answers its probe (setting {@code probe}), within setting {@code timeout}; export the URLs as project
 * properties as {@code start} does. Never starts anything ({@code docker.start=never}): for a stack someone else
 * starts. Fails the build with the report when the services are not ready in time or the configuration is invalid.
 */
@Mojo(name = "wait", defaultPhase = LifecyclePhase.PRE_INTEGRATION_TEST,
        requiresDependencyResolution = ResolutionScope.TEST, threadSafe = true)
public class WaitMojo extends ReadinessGoal {

    @Override
    String goal() {
        return "wait";
    }

    @Override
    Map<String, String> forced() {
        return Map.of("docker.start", "never");
    }
}
