package dev.backendconfig.docker.internal.compose;

import dev.backendconfig.docker.internal.DockerConfig.ServiceTarget;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which compose service of this checkout's compose files each service to find is, by the same rules as a prediction
 * (a setting, else the name, else for the backend the one publishing its container port): what the lifecycle names
 * on {@code compose up}.
 */
public final class ServicePicks {

    private ServicePicks() {
    }

    /**
     * A service's compose service, or why there is none.
     *
     * @param composeService the compose service's name, or empty text
     * @param problem why none, or empty text
     */
    public record Pick(String composeService, String problem) {

        /** Tell whether a compose service was picked. */
        public boolean picked() {
            return !composeService.isEmpty();
        }
    }

    /**
     * Pick the compose service of each target from the files.
     *
     * @param environment the variables the files are interpolated with
     * @return by service name, in the targets' order
     * @throws dev.backendconfig.toolkit.InvalidInputException when a file cannot be read as a compose file
     */
    public static Map<String, Pick> pick(List<ServiceTarget> targets, List<Path> files,
            Map<String, String> environment) {
        ComposeModel model = ComposeModel.load(files, environment);
        String fileNames = String.join(", ", files.stream().map(Object::toString).toList());
        Map<String, Pick> picks = new LinkedHashMap<>();
        for (ServiceTarget target : targets) {
            ComposePrediction.Picked picked = ComposePrediction.pick(target, model, fileNames);
            picks.put(target.service().name(), picked.service() == null ? new Pick("", picked.problem())
                    : new Pick(picked.service().name(), ""));
        }
        return picks;
    }
}
