package dev.backendconfig.cli;

import dev.backendconfig.api.BackendConfigException;
import dev.backendconfig.api.InvalidConfigurationException;
import dev.backendconfig.api.ProviderFailedException;
import dev.backendconfig.api.Resolution;
import dev.backendconfig.api.ResolutionOutcome;
import dev.backendconfig.api.ServiceNotFoundException;
import dev.backendconfig.api.ServiceResolver;
import dev.backendconfig.api.spi.ResolutionContext;
import java.io.PrintStream;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * One command's resolution and how its outcome is printed, for explain and wait alike: an answer on standard output;
 * on a failure the report on standard error, in every format, then one line saying what failed (the JSON format
 * still prints its document on standard output).
 */
final class Run {

    private final String command;
    private final ServiceResolver resolver;
    private final ResolutionContext.Builder builder;
    private final ProjectRoot project;
    private final Output output;
    private final PrintStream out;
    private final PrintStream err;

    Run(String command, ServiceResolver resolver, ResolutionContext.Builder builder, ProjectRoot project, Output output,
            PrintStream out, PrintStream err) {
        this.command = command;
        this.resolver = resolver;
        this.builder = builder;
        this.project = project;
        this.output = output;
        this.out = out;
        this.err = err;
    }

    /** Return the project resolved for. */
    ProjectRoot project() {
        return project;
    }

    /**
     * Build the context, let {@code prepare} adjust it, resolve, and hand what was found to {@code found}; print what
     * went wrong otherwise.
     *
     * @return the exit code: {@code found}'s, or 2 (nothing found), 3 (invalid configuration) or 70 (a provider broke)
     */
    int resolve(UnaryOperator<ResolutionContext> prepare, BiFunction<ResolutionContext, Resolution, Integer> found) {
        ResolutionContext context;
        ResolutionOutcome outcome;
        try {
            context = prepare.apply(builder.build());
            outcome = resolver.outcome(context);
        } catch (InvalidConfigurationException e) {
            return stopped(e, Explain.INVALID, "");
        }
        // instanceof rather than fold with four lambdas: the command's first and only resolution links none
        if (outcome instanceof Resolution resolution) {
            return found.apply(context, resolution);
        }
        if (outcome instanceof ServiceNotFoundException missing) {
            return notFound(missing);
        }
        if (outcome instanceof InvalidConfigurationException invalid) {
            return stopped(invalid, Explain.INVALID, "");
        }
        return stopped((ProviderFailedException) outcome, Explain.INTERNAL, " (please report it)");
    }

    /**
     * Print an answer: on standard output when it is ready (exit 0); otherwise its report on standard error with
     * {@code failure} as the last line (exit 2), and, in JSON, the document on standard output.
     */
    int answer(Answer answer, Supplier<String> failure) {
        if (answer.ready()) {
            output.found(answer, out);
            return Explain.FOUND;
        }
        if (output.printsFailures()) {
            output.found(answer, out);
        }
        err.print(TextOutput.text(answer));
        err.println(command + ": " + failure.get());
        return Explain.NOT_FOUND;
    }

    private int notFound(ServiceNotFoundException found) {
        // the command shows the report itself: a step saying to run explain to see it would send the user in a circle
        ServiceNotFoundException failure = found.withoutExplainStep();
        output.notFound(failure, project, out);
        err.print(TextOutput.failure(failure, project));
        err.println(command + ": no backend found; the report says why");
        return Explain.NOT_FOUND;
    }

    private int stopped(BackendConfigException failure, int exit, String suffix) {
        output.stopped(failure, project, out);
        err.print(TextOutput.failure(failure, project));
        err.println(command + ": " + failure.getMessage().lines().findFirst().orElse("") + suffix);
        return exit;
    }
}
