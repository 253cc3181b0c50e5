package dev.backendconfig.cli;

import static org.apiguardian.api.API.Status.STABLE;

import dev.backendconfig.api.InvalidConfigurationException;
import dev.backendconfig.api.ProbeKind;
import dev.backendconfig.api.Resolution;
import dev.backendconfig.api.ResolutionOutcome;
import dev.backendconfig.api.ServiceResolver;
import dev.backendconfig.api.spi.ProbeResult;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.api.spi.Setting;
import dev.backendconfig.toolkit.Secrets;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * {@code explain}: resolve the backend from the shell, with every provider on the classpath, and print why.
 *
 * <pre>
 *   java -jar backend-config.jar [--dir DIR] [--classpath PATH] [--format=text|env|json]
 *                                [--probe=none|tcp|http|websocket] [--set key=value]... [--help]
 * </pre>
 *
 * {@code --classpath} adds the project's test class path (as {@code java -cp} writes it), so that its own providers,
 * their settings and its {@code backend-config.properties} count as in its tests.
 *
 * Exit codes: 0 found, 2 not found (or the probe failed), 3 invalid configuration, 64 bad arguments, 70 an
 * unexpected error. Errors go to standard error, one line each.
 */
@API(status = STABLE, since = "1.0")
public final class Explain {

    /** The backend was found (and answered the probe, when one was asked for). */
    public static final int FOUND = 0;
    /** No provider found the backend, or it did not answer the probe. */
    public static final int NOT_FOUND = 2;
    /** Explicit configuration is wrong. */
    public static final int INVALID = 3;
    /** The command line is wrong. */
    public static final int USAGE = 64;
    /** Something unexpected went wrong; a bug. */
    public static final int INTERNAL = 70;

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> environment;
    private final Map<String, String> systemProperties;

    Explain(PrintStream out, PrintStream err, Map<String, String> environment, Map<String, String> systemProperties) {
        this.out = out;
        this.err = err;
        this.environment = environment;
        this.systemProperties = systemProperties;
    }

    /** Run from the shell. */
    public static void main(String[] arguments) {
        Map<String, String> properties = new LinkedHashMap<>();
        System.getProperties().stringPropertyNames().forEach(name -> properties.put(name, System.getProperty(name)));
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        System.exit(new Explain(out, err, System.getenv(), properties).run(Arrays.asList(arguments)));
    }

    /**
     * Run {@code explain} in this JVM, as a tool embedding it would, and return the exit code.
     *
     * @param environment the environment variables to resolve with
     * @param systemProperties the system properties to resolve with ({@code user.dir} is the default directory)
     */
    public static int execute(List<String> arguments, PrintStream out, PrintStream err, Map<String, String> environment,
            Map<String, String> systemProperties) {
        return new Explain(out, err, environment, systemProperties).run(arguments);
    }

    /** Run with these arguments and return the exit code. */
    int run(List<String> arguments) {
        Options options;
        try {
            options = Options.parse(arguments, Path.of(systemProperties.getOrDefault("user.dir", ".")));
        } catch (UsageException e) {
            err.println("explain: " + e.getMessage());
            return USAGE;
        }
        try (UserClasspath classpath = UserClasspath.of(options.classpath())) {
            return classpath.withContextLoader(() -> explainOrHelp(options, classpath));
        }
    }

    private int explainOrHelp(Options options, UserClasspath classpath) {
        ServiceResolver resolver = ServiceResolver.create(classpath.loader());
        if (options.help()) {
            out.print(Help.text(resolver));
            return FOUND;
        }
        try {
            return explain(options, resolver, classpath.settingsResource(options.directory()));
        } catch (RuntimeException e) {
            err.println("explain: unexpected " + e.getClass().getName() + (e.getMessage() == null ? "" : ": "
                    + Secrets.maskText(e.getMessage().lines().findFirst().orElse(""))) + " (please report it)");
            return INTERNAL;
        }
    }

    private int explain(Options options, ServiceResolver resolver, ClassLoader settingsResource) {
        Map<String, String> settings = new LinkedHashMap<>(options.settings());
        options.probe().ifPresent(kind -> settings.putIfAbsent("probe", Setting.spelling(kind)));
        ResolutionContext.Builder builder = ResolutionContext.builder()
                .environment(environment)
                .systemProperties(systemProperties)
                .settingsResource(settingsResource)
                .workingDirectory(options.directory())
                .settings(settings, "--set");
        Output output = Output.of(options.format(), resolver.providers());
        ResolutionContext context;
        ResolutionOutcome outcome;
        try {
            context = builder.build();
            outcome = resolver.outcome(context);
        } catch (InvalidConfigurationException e) {
            return invalid(e, output, options);
        }
        return outcome.fold(found -> found(found, context, output, options), notFound -> {
            output.notFound(notFound, out);
            err.println("explain: no backend found" + (options.format() == Options.Format.ENV ? "" : "; the report"
                    + " says why"));
            return NOT_FOUND;
        }, invalid -> invalid(invalid, output, options), broken -> {
            output.partial(broken.report(), out);
            err.println("explain: " + broken.getMessage().lines().findFirst().orElse("") + " (please report it)");
            return INTERNAL;
        });
    }

    private int found(Resolution resolution, ResolutionContext context, Output output, Options options) {
        Optional<ProbeResult> probe = options.probe().filter(kind -> kind != ProbeKind.NONE)
                .map(kind -> context.probe(resolution.endpoint(), kind, ""));
        output.found(resolution, probe, out);
        if (probe.isPresent() && !probe.get().ready()) {
            err.println("explain: the backend does not answer: " + probe.get().description());
            return NOT_FOUND;
        }
        return FOUND;
    }

    /** Print the report up to the provider that stopped the resolution, if one did, and the error's first line. */
    private int invalid(InvalidConfigurationException invalid, Output output, Options options) {
        if (!invalid.report().lines().isEmpty() && options.format() != Options.Format.ENV) {
            output.partial(invalid.report(), out);
        }
        err.println("explain: " + invalid.getMessage().lines().findFirst().orElse(""));
        return INVALID;
    }
}
