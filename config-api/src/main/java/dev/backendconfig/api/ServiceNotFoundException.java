package dev.backendconfig.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.apiguardian.api.API.Status.STABLE;

import java.util.ArrayList;
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

    /**
     * The last next step of a failure a test meets: the report can be had without running the tests. A tool that shows
     * the report itself (the explain command, the Maven plugin) leaves it out ({@link #withoutExplainStep()}).
     */
    static final String EXPLAIN_STEP = "run the explain command of config-cli in the project directory to see this"
            + " report again without running the tests";

    private final List<String> providerSteps;
    private final boolean explainStep;

    ServiceNotFoundException(ResolutionReport report, List<String> providerSteps) {
        this(report, providerSteps, true);
    }

    private ServiceNotFoundException(ResolutionReport report, List<String> providerSteps, boolean explainStep) {
        this(message(report, steps(providerSteps, explainStep)), report, providerSteps, explainStep);
    }

    private ServiceNotFoundException(String message, ResolutionReport report, List<String> providerSteps,
            boolean explainStep) {
        super(message, report, null);
        this.providerSteps = List.copyOf(providerSteps);
        this.explainStep = explainStep;
    }

    @Override
    public String code() {
        return "BCFG00001";
    }

    /** Return what the user can do next, one step per entry. */
    public List<String> nextSteps() {
        return steps(providerSteps, explainStep);
    }

    /**
     * Return this failure as a tool that shows the report itself gives it (the explain command, the Maven plugin's
     * goals): the same report and the providers' next steps, without the last step, which says to run explain to see
     * the report.
     */
    @API(status = EXPERIMENTAL, since = "1.0")
    public ServiceNotFoundException withoutExplainStep() {
        return explainStep ? new ServiceNotFoundException(report(), providerSteps, false) : this;
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
                + " or run explain): " + summary(), report(), providerSteps, explainStep);
    }

    private static List<String> steps(List<String> providerSteps, boolean explainStep) {
        if (!explainStep) {
            return List.copyOf(providerSteps);
        }
        List<String> steps = new ArrayList<>(providerSteps);
        steps.add(EXPLAIN_STEP);
        return List.copyOf(steps);
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
