package dev.backendconfig.api;

import java.util.List;
import java.util.Objects;

/**
 * Thrown when no provider found the backend. The message is the whole report (one line per provider, with
 * why it did not answer) followed by what the user can do next; nothing needs to be looked up in a log.
 */
public class BackendNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient ResolutionReport report;
    private final List<String> nextSteps;

    /**
     * Create the exception.
     *
     * @param report the report of the resolution that found nothing
     * @param nextSteps what the user can do, one step per entry
     */
    public BackendNotFoundException(ResolutionReport report, List<String> nextSteps) {
        this(message(report, nextSteps), report, nextSteps);
    }

    private BackendNotFoundException(String message, ResolutionReport report, List<String> nextSteps) {
        super(message);
        this.report = Objects.requireNonNull(report, "report");
        this.nextSteps = List.copyOf(nextSteps);
    }

    /**
     * Return the same failure with a one-line message, for the second and later tests of a run that meet it: the
     * first failure carries the whole report; repeating it in every test buries it.
     */
    public BackendNotFoundException repeated() {
        return new BackendNotFoundException("No backend found (see the first failure in this run for the whole report,"
                + " or run explain): " + summary(), report, nextSteps);
    }

    /** Return what became of each provider, on one line: {@code env skipped, docker unavailable, staging skipped}. */
    public String summary() {
        return String.join(", ", report.lines().stream().map(line -> line.provider() + " " + line.outcome().label())
                .toList());
    }

    /** Return the report of the resolution that found nothing. */
    public ResolutionReport report() {
        return report;
    }

    /** Return what the user can do next, one step per entry. */
    public List<String> nextSteps() {
        return nextSteps;
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
