package dev.backendconfig.cli;

import dev.backendconfig.api.BackendConfigException;
import dev.backendconfig.api.ServiceNotFoundException;
import dev.backendconfig.api.spi.EndpointProvider;
import java.io.PrintStream;
import java.util.List;

/**
 * How a command prints its outcome on standard output, in one of its formats. Standard output carries an answer a
 * script can use; on a failure only the JSON format prints (a document saying what failed), and the report goes to
 * standard error in every format ({@link TextOutput#failure}).
 */
interface Output {

    /** Print what was found, and what was probed; called for an answer that is not ready only by the JSON format. */
    void found(Answer answer, PrintStream out);

    /** Print that nothing was found. */
    void notFound(ServiceNotFoundException failure, ProjectRoot project, PrintStream out);

    /** Print that the resolution stopped: invalid configuration, or a provider that broke. */
    void stopped(BackendConfigException failure, ProjectRoot project, PrintStream out);

    /** Tell whether this format prints an answer that is not ready (a probe or a wait that failed). */
    default boolean printsFailures() {
        return false;
    }

    /** Return the output of the options' format; {@code providers} name the variables of {@code --format=env}. */
    static Output of(Options options, List<EndpointProvider> providers) {
        return switch (options.format()) {
            case TEXT -> new TextOutput();
            case ENV -> new EnvOutput(providers, options.export(), options.details());
            case JSON -> new JsonOutput(options.details());
        };
    }
}
