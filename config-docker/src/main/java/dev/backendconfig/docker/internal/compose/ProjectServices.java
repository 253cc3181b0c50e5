package dev.backendconfig.docker.internal.compose;

import dev.backendconfig.docker.internal.DatabaseLook;
import dev.backendconfig.docker.internal.DockerConfig.ServiceTarget;
import dev.backendconfig.docker.internal.ServiceMatch;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which compose service of this checkout's project each service is, from the files alone, by {@link ServiceMatch}'s
 * exact rules: what a prediction reads ports from and what the lifecycle names on {@code compose up}.
 */
public final class ProjectServices {

    private ProjectServices() {
    }

    /**
     * Match every target among the project's active services: a compose service another target names (by its setting
     * or by its own name) is never taken for this one.
     *
     * @param targets every service to find, the backend first
     * @param where the project as an outcome's reason names it
     * @return each target's outcome, in the targets' order
     */
    public static Map<ServiceTarget, ServiceMatch.Outcome> match(List<ServiceTarget> targets, ComposeProject project,
            String where) {
        Map<String, ServiceMatch.Candidate> candidates = new LinkedHashMap<>();
        project.services().values().forEach(s -> candidates.put(s.name(), new ServiceMatch.Candidate(s.name(),
                s.aliases(), s.containerPorts(), DatabaseLook.of(s.image(), s.containerPorts()).orElse(""))));
        Set<String> claimed = new LinkedHashSet<>();
        targets.forEach(t -> t.findComposeService().ifPresent(claimed::add));
        targets.stream().map(t -> t.service().name()).filter(candidates::containsKey).forEach(claimed::add);
        Map<ServiceTarget, ServiceMatch.Outcome> outcomes = new LinkedHashMap<>();
        // a target's own setting or name in the set changes nothing: a service named by its setting is chosen by it,
        // and one of its own name by that name, before the set is read
        for (ServiceTarget target : targets) {
            outcomes.put(target, ServiceMatch.choose(target, candidates.values(), claimed, where));
        }
        return Collections.unmodifiableMap(outcomes);
    }
}
