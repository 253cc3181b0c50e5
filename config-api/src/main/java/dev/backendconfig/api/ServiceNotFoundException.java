package dev.backendconfig.api;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.List;
import java.util.function.Function;
import org.apiguardian.api.API;

/**
 * No provider found every required service (code {@code BCFG00001}). The message is the whole report (one line per
 * provider, with why it did not answer) followed by what the user can do next; nothing needs to be looked up in a log.
 */
@API(status = STABLE, since = "1.0")
public final class ServiceNotFoundException extends BackendConfigException implements ResolutionOutcome {

    private static final long serialVersionUID = 1L;

    private final List<String> nextSteps;

    ServiceNotFoundException(ResolutionReport report, List<String> nextSteps) {
        this(message(report, nextSteps), report, nextSteps);
    }

    private ServiceNotFoundException(String message, ResolutionReport report, List<String> nextSteps) {
        super(message, report, null);
        this.nextSteps = List.copyOf(nextSteps);
    }

    @Override
    public String code() {
        return "BCFG00001";
    }

    /** Return what the user can do next, one step per entry. */
    public List<String> nextSteps() {
        return nextSteps;
    }

    /** Return what became of each provider, on one line: {@code env skipped, docker unavailable, staging skipped}. */
    @Override
    public String summary() {
        return String.join(", ", report().lines().stream().map(line -> line.provider() + " " + line.outcome().label())
                .toList());
    }

    @Override
    public BackendConfigException repeated() {
        return new ServiceNotFoundException("No backend found (see the first failure in this run for the whole report,"
                + " or run explain): " + summary(), report(), nextSteps);
    }



    private static String message(ResolutionReport report, List<String> nextSteps) {
        StringBuilder message = new StringBuilder("No backend found.\n").append(report.render());
        if (!nextSteps.isEmpty()) {
            message.append("What to do next:\n");
            nextSteps.forEach(step -> message.append("  - ").append(step).append('\n'));
        }
        return message.toString();
    }
}
