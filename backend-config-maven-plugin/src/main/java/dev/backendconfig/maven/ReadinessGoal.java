package dev.backendconfig.maven;

import dev.backendconfig.api.ServiceResolver;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;

/** What {@code start} and {@code wait} share: wait until ready, report, export the URLs. */
abstract class ReadinessGoal extends BackendConfigMojo {

    /** The settings this goal puts over the configured ones where they do not set the key. */
    abstract Map<String, String> forced();

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        Readiness.Outcome outcome;
        try (ProjectClasspath classpath = classpath()) {
            ServiceResolver resolver = ServiceResolver.create(classpath.loader());
            outcome = classpath.withContextLoader(() -> new Readiness(extra -> {
                Map<String, String> forced = new LinkedHashMap<>(forced());
                forced.putAll(extra);
                return context(classpath, forced);
            }, resolver, line -> getLog().info(line)).await());
        }
        if (outcome instanceof Readiness.Failed failed) {
            failed.failure().raise();
        }
        Readiness.Ready ready = (Readiness.Ready) outcome;
        info(ready.resolution().report().render());
        ready.probes().forEach(probe -> getLog().info("backend-config: ready: " + probe));
        ExportedProperties.of(ready.resolution()).forEach(project.getProperties()::setProperty);
        info(ExportedProperties.describe(ready.resolution()));
    }
}
