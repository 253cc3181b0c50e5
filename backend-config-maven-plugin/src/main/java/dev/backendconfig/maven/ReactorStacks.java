package dev.backendconfig.maven;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.project.MavenProject;

/**
 * Which modules of this build ran {@code stop}, so that a reactor starts its stack once and stops
 * it after its last module: {@code stop} gives the lease back only when no module that declares {@code start} is
 * still to come. The plugin's goals share one class loader for the whole build (one plugin realm), and so this state.
 */
final class ReactorStacks {

    private static final Set<String> STOPPED = ConcurrentHashMap.newKeySet();

    private ReactorStacks() {
    }

    /**
     * Record that {@code project} ran {@code stop}, and return a module of the build that declares {@code start} and
     * has not run {@code stop} yet, if there is one: the stack must stay up for it.
     */
    static Optional<String> stopped(MavenProject project, MavenSession session, String pluginKey) {
        STOPPED.add(project.getId());
        for (MavenProject other : session.getProjects()) {
            if (!STOPPED.contains(other.getId()) && declaresStart(other, pluginKey)) {
                return Optional.of(other.getArtifactId());
            }
        }
        return Optional.empty();
    }

    private static boolean declaresStart(MavenProject project, String pluginKey) {
        for (Plugin plugin : project.getBuildPlugins()) {
            if (plugin.getKey().equals(pluginKey)) {
                for (PluginExecution execution : plugin.getExecutions()) {
                    if (execution.getGoals().contains("start")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
