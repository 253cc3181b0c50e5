package dev.backendconfig.cli;

import static org.apiguardian.api.API.Status.STABLE;

import dev.backendconfig.api.ProbeKind;
import dev.backendconfig.api.Resolution;
import dev.backendconfig.api.ServiceResolver;
import dev.backendconfig.api.spi.EndpointProvider;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.api.spi.Setting;
import dev.backendconfig.toolkit.Origin;
import dev.backendconfig.toolkit.Secrets;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.apiguardian.api.API;

/**
 * The command line of backend-config: {@code explain} resolves the services from the shell, with every provider on
 * the classpath, and prints why; {@code wait} resolves them, then waits until each answers.
 *
 * <pre>
 *   java -jar backend-config.jar [explain] [--dir DIR] [--classpath PATH] [--format=text|env|json] [--export]
 *                                [--details] [--probe=none|tcp|http|websocket] [--set key=value]... [--help]
 *   java -jar backend-config.jar wait [--service NAME]... [--probe=tcp|http|websocket] [--path /health]
 *                                [--timeout 60s] [and explain's options]
 * </pre>
 *
 * The project is the directory {@code --dir} gives, else the nearest directory from the working directory up that holds
 * a build file, a compose file, the settings file or {@code .git} ({@link ProjectRoot}). {@code --classpath} adds the project's test class path (as {@code java -cp}
 * writes it), so that its own providers, their settings and its {@code backend-config.properties} count as in its
 * tests.
 *
 * Exit codes: 0 found (and ready), 2 not found (or not answering: the probe failed, wait ran out of time), 3 invalid
 * configuration, 64 bad arguments, 70 an unexpected error, 71 a provider ended the JVM ({@code System.exit}) before
 * the command answered. Standard output holds the answer; on a failure the report
 * goes to standard error in every format (the JSON format still prints its document), and the last line there says
 * what failed.
 */
@API(status = STABLE, since = "1.0")
public final class Explain {

    /** The services were found (and answered, when a probe or wait asked). */
    public static final int FOUND = 0;
    /** No provider found the services, or they did not answer the probe or in the time wait had. */
    public static final int NOT_FOUND = 2;
    /** Explicit configuration is wrong. */
    public static final int INVALID = 3;
    /** The command line is wrong. */
    public static final int USAGE = 64;
    /** Something unexpected went wrong; a bug. */
    public static final int INTERNAL = 70;
    /**
     * Code on the class path ended the JVM ({@code System.exit}) before the command answered; nothing was printed as
     * an answer.
     */
    public static final int ENDED_EARLY = 71;

    /** The setting that starts a stack, which explain never follows. */
    private static final String START = "docker.start";

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
        for (String name : System.getProperties().stringPropertyNames()) {
            properties.put(name, System.getProperty(name));
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        List<String> given = Arrays.asList(arguments);
        // before any provider is loaded: a provider's System.exit must not end the command as if it had answered
        EarlyExitGuard guard = EarlyExitGuard.install(commandWord(given), err);
        int code = new Explain(out, err, System.getenv(), properties).run(given);
        guard.answered(code);
        System.exit(code);
    }

    private static String commandWord(List<String> arguments) {
        return !arguments.isEmpty() && StackCommand.names(arguments.get(0)) ? arguments.get(0)
                : Options.commandOf(arguments).word();
    }

    /**
     * Run a command ({@code explain} unless the arguments name {@code wait}) in this JVM, as a tool embedding it would,
     * and return the exit code.
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
        if (!arguments.isEmpty() && StackCommand.names(arguments.get(0))) {
            return new StackCommand(out, err, systemProperties).run(arguments.get(0),
                    arguments.subList(1, arguments.size()));
        }
        Options options;
        try {
            options = Options.parse(arguments, Path.of(systemProperties.getOrDefault("user.dir", ".")));
        } catch (UsageException e) {
            err.println(Options.commandOf(arguments).word() + ": " + e.getMessage());
            return USAGE;
        }
        try (UserClasspath classpath = UserClasspath.of(options.classpath())) {
            ClassLoader previous = classpath.becomeContextLoader();
            try {
                return commandOrHelp(options, classpath);
            } finally {
                Thread.currentThread().setContextClassLoader(previous);
            }
        }
    }

    private int commandOrHelp(Options options, UserClasspath classpath) {
        ServiceResolver resolver = ServiceResolver.create(classpath.loader());
        if (options.help()) {
            out.print(Help.text(resolver));
            return FOUND;
        }
        String name = options.command().word();
        try {
            ProjectRoot project = options.directoryGiven() ? ProjectRoot.given(options.directory())
                    : ProjectRoot.from(options.directory());
            Run run = new Run(name, resolver, builder(options, classpath, project), project,
                    Output.of(options, resolver.providers()), out, err);
            return options.command() == Options.Command.WAIT ? new Wait(run, options, err).run()
                    : explain(run, options, resolver);
        } catch (RuntimeException e) {
            err.println(name + ": unexpected " + e.getClass().getName() + (e.getMessage() == null ? "" : ": "
                    + Secrets.maskText(e.getMessage().lines().findFirst().orElse(""))) + " (please report it)");
            return INTERNAL;
        }
    }

    private ResolutionContext.Builder builder(Options options, UserClasspath classpath, ProjectRoot project) {
        Map<String, String> settings = new LinkedHashMap<>(options.settings());
        if (options.command() == Options.Command.EXPLAIN) {
            // explain's probe checks candidates too; wait's is only for waiting, so that a service still starting is
            // found and waited for rather than passed over
            Optional<ProbeKind> probe = options.probe();
            if (probe.isPresent()) {
                settings.putIfAbsent("probe", Setting.spelling(probe.get()));
            }
        }
        return ResolutionContext.builder()
                .environment(environment)
                .systemProperties(systemProperties)
                .settingsResource(classpath.settingsResource(project.directory()))
                .workingDirectory(project.directory())
                .settings(settings, "--set");
    }

    private int explain(Run run, Options options, ServiceResolver resolver) {
        // explain is a diagnosis: a docker.start=if-missing set anywhere (a checkout's settings file, for its tests, wait
        // and up) never starts a stack here; the report shows the override whenever it changed something
        // (classes and loops here, not lambdas and streams: explain's first and only resolution links none)
        return run.resolve(new NeverStarts(startSetting(resolver)), new Explained(run, options));
    }

    /** Return the first provider's setting {@link #START}, or null when no provider declares it. */
    private static Setting<?> startSetting(ServiceResolver resolver) {
        for (EndpointProvider provider : resolver.providers()) {
            for (Setting<?> setting : provider.settings()) {
                if (setting.key().equals(START)) {
                    return setting;
                }
            }
        }
        return null;
    }

    /** explain's context: {@code docker.start} set anywhere (not its default) is overridden with {@code never}. */
    private static final class NeverStarts implements UnaryOperator<ResolutionContext> {

        private final Setting<?> start;

        NeverStarts(Setting<?> start) {
            this.start = start;
        }

        @Override
        public ResolutionContext apply(ResolutionContext context) {
            if (start == null || context.settings().origin(start).kind() == Origin.Kind.DEFAULT) {
                return context;
            }
            return context.withSettings(context.settings().withOverrides(Map.of(START, "never"),
                    "explain, which never starts a stack"));
        }
    }

    /** explain's answer to what was found: probed when {@code --probe} asks, then printed. */
    private static final class Explained implements BiFunction<ResolutionContext, Resolution, Integer> {

        private final Run run;
        private final Options options;

        Explained(Run run, Options options) {
            this.run = run;
            this.options = options;
        }

        @Override
        public Integer apply(ResolutionContext context, Resolution resolution) {
            Optional<ProbeKind> probe = options.probe();
            Answer.Check check = probe.isPresent() && probe.get() != ProbeKind.NONE
                    ? new Answer.Probed(context.probe(resolution.endpoint(), probe.get(), ""))
                    : new Answer.NotChecked();
            return run.answer(new Answer(resolution, run.project(), check), new NotAnswering(check));
        }
    }

    /** The failure line of an answer that is not ready: only a probed one can be, and its probe says why. */
    private static final class NotAnswering implements Supplier<String> {

        private final Answer.Check check;

        NotAnswering(Answer.Check check) {
            this.check = check;
        }

        @Override
        public String get() {
            return "the backend does not answer: " + ((Answer.Probed) check).result().description();
        }
    }
}
