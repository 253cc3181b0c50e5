package dev.backendconfig.maven;

import dev.backendconfig.api.spi.RunScope;
import java.util.Optional;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code backend-config:stop} (default phase {@code post-integration-test}, which runs even when tests failed, since
 * Failsafe fails the build only in {@code verify}): give back the lease {@code start} took; the last holder stops
 * and removes what the lease started, and only that (setting {@code docker.stop}). In a reactor it waits for the last
 * module that runs {@code start}. A build killed before {@code stop} leaves a lease whose holder is gone: the next
 * build's {@code start} adopts the stack and its {@code stop} stops it.
 */
@Mojo(name = "stop", defaultPhase = LifecyclePhase.POST_INTEGRATION_TEST, threadSafe = true)
public class StopMojo extends BackendConfigMojo {

    @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
    PluginDescriptor plugin;

    @Override
    String goal() {
        return "stop";
    }

    @Override
    void run() {
        Optional<String> later = ReactorStacks.stopped(project, session, plugin.getGroupId() + ":"
                + plugin.getArtifactId());
        if (later.isPresent()) {
            getLog().info("backend-config: the stack stays up for " + later.get() + ", later in this build, whose"
                    + " start attaches to it; the last module's stop gives the lease back");
            return;
        }
        // The resolutions of this build held the lease in this plugin's run scope (docker.start=if-missing); leaving
        // it makes the last holder stop what the lease started. Nothing held: nothing happens.
        RunScope.jvm().close();
        getLog().info("backend-config: gave back what this build held (the stack's lease, if start took it)");
    }

    @Override
    void skipped() {
        run();
    }
}
