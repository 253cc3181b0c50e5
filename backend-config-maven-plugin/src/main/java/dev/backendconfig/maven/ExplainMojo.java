package dev.backendconfig.maven;

import dev.backendconfig.api.InvalidConfigurationException;
import dev.backendconfig.api.ResolutionOutcome;
import dev.backendconfig.api.ServiceNotFoundException;
import dev.backendconfig.api.ServiceResolver;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * {@code backend-config:explain}: resolve as the project's tests would — with its test class path (its own providers)
 * and its {@code backend-config.properties} — and print the report in the build log. Invalid configuration fails the
 * build; nothing found is a warning, unless {@code failIfNotFound}. Never starts anything ({@code docker.start=never}).
 */
@Mojo(name = "explain", requiresDependencyResolution = ResolutionScope.TEST, threadSafe = true)
public class ExplainMojo extends BackendConfigMojo {

    /** Fail the build when nothing is found (by default the report is a warning). */
    @Parameter(property = "backendconfig.failIfNotFound", defaultValue = "false")
    boolean failIfNotFound;

    @Override
    String goal() {
        return "explain";
    }

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        Optional<Failure> failure;
        try (ProjectClasspath classpath = classpath()) {
            failure = classpath.withContextLoader(() -> explain(outcome(classpath)));
        }
        if (failure.isPresent()) {
            failure.get().raise();
        }
    }

    private ResolutionOutcome outcome(ProjectClasspath classpath) {
        try {
            return ServiceResolver.create(classpath.loader())
                    .outcome(context(classpath, Map.of("docker.start", "never")));
        } catch (InvalidConfigurationException e) {
            return e;
        }
    }

    private Optional<Failure> explain(ResolutionOutcome outcome) {
        return outcome.fold(resolution -> {
            info(resolution.report().render());
            return Optional.empty();
        }, found -> {
            // the goal shows the report itself: no step saying to run explain to see it
            ServiceNotFoundException notFound = found.withoutExplainStep();
            if (failIfNotFound) {
                return Optional.of(Failure.of(notFound));
            }
            warn(notFound.getMessage());
            return Optional.empty();
        }, invalid -> Optional.of(Failure.of(invalid)), broken -> Optional.of(Failure.of(broken)));
    }
}
