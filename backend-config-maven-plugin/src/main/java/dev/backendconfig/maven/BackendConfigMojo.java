package dev.backendconfig.maven;

import dev.backendconfig.api.InvalidConfigurationException;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.api.spi.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Resource;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What every goal shares: the project, its {@code <settings>}, {@code <skip>}, and a resolution context built as the
 * project's tests would build theirs — the build's environment, the Maven JVM's system properties and the build's
 * {@code -D} properties, the project's {@code backend-config.properties}, and the project's directory.
 */
abstract class BackendConfigMojo extends AbstractMojo {

    /** Who handed in the {@code <settings>}, as reports and error messages name it. */
    static final String SETTINGS_SOURCE = "the <settings> of backend-config-maven-plugin";

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    MavenSession session;

    /**
     * Settings of the library, as in {@code backend-config.properties} (keys without the {@code backendconfig.}
     * prefix): {@code <settings><services>auth</services><docker.project>shop</docker.project></settings>}. They win
     * over system properties, variables and the properties file.
     */
    @Parameter
    Map<String, String> settings;

    /** Do nothing (the setting {@code skip}: {@code -Dbackendconfig.skip}). */
    @Parameter(property = "backendconfig.skip", defaultValue = "false")
    boolean skip;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("backend-config: " + goal() + " skipped (<skip> or -Dbackendconfig.skip=true)");
            skipped();
            return;
        }
        run();
    }

    /** The goal's name, for log lines. */
    abstract String goal();

    /** Do the goal's work. */
    abstract void run() throws MojoExecutionException, MojoFailureException;

    /** Called instead of {@link #run()} when the goal is skipped. */
    void skipped() {
    }

    /** Open the project's test class path and test resource directories. */
    ProjectClasspath classpath() throws MojoExecutionException {
        List<String> elements;
        try {
            elements = project.getTestClasspathElements();
        } catch (DependencyResolutionRequiredException e) {
            throw new MojoExecutionException("backend-config: the project's test class path is not resolved: "
                    + e.getMessage(), e);
        }
        // Before process-test-resources (explain run from the command line) the file is only in the sources.
        List<Path> resources = new ArrayList<>();
        if (!Files.isRegularFile(Path.of(project.getBuild().getTestOutputDirectory(), Settings.RESOURCE))) {
            for (Resource resource : project.getTestResources()) {
                resources.add(Path.of(resource.getDirectory()));
            }
        }
        return ProjectClasspath.of(elements, resources);
    }

    /**
     * Build a context for one resolution: {@code <settings>} with {@code forced} put over them where they do not set
     * the key themselves. What this goal forces is reported as the goal's (say, {@code setting docker.start=never (goal
     * backend-config:explain)}), never as {@code <settings>} the user did not write.
     *
     * @throws InvalidConfigurationException when a setting is not valid
     */
    ResolutionContext context(ProjectClasspath classpath, Map<String, String> forced) {
        Map<String, String> configured = new LinkedHashMap<>();
        if (settings != null) {
            settings.forEach((key, value) -> {
                if (key != null && value != null) {
                    configured.put(key, value);
                }
            });
        }
        ResolutionContext context = ResolutionContext.builder()
                .environment(System.getenv())
                .systemProperties(systemProperties())
                .settingsResource(classpath.loader())
                .workingDirectory(project.getBasedir().toPath())
                .settings(configured, SETTINGS_SOURCE)
                .build();
        Map<String, String> goalsOwn = new LinkedHashMap<>(forced);
        goalsOwn.keySet().removeAll(configured.keySet());
        return goalsOwn.isEmpty() ? context
                : context.withSettings(context.settings().withOverrides(goalsOwn, "the goal backend-config:"
                        + goal()));
    }

    /** Return the Maven JVM's system properties with the build's {@code -D} properties over them. */
    private Map<String, String> systemProperties() {
        Map<String, String> properties = new TreeMap<>();
        copy(session.getSystemProperties(), properties);
        copy(session.getUserProperties(), properties);
        return properties;
    }

    private static void copy(Properties from, Map<String, String> to) {
        for (String name : from.stringPropertyNames()) {
            to.put(name, from.getProperty(name));
        }
    }

    /** Log a multi-line text at INFO, one line at a time, as Maven users read a build log. */
    void info(String text) {
        text.lines().forEach(line -> getLog().info(line));
    }

    /** Log a multi-line text at WARN, one line at a time. */
    void warn(String text) {
        text.lines().forEach(line -> getLog().warn(line));
    }
}
