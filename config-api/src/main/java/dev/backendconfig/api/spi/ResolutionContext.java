package dev.backendconfig.api.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.apiguardian.api.API.Status.STABLE;

import dev.backendconfig.api.InvalidConfigurationException;
import dev.backendconfig.api.ProbeKind;
import dev.backendconfig.api.ResolutionReport;
import dev.backendconfig.api.ServiceEndpoint;
import dev.backendconfig.api.internal.CoreSettings;
import dev.backendconfig.api.internal.DeclaredServices;
import dev.backendconfig.api.internal.ProcessSnapshot;
import dev.backendconfig.api.internal.probe.ProbePolicy;
import dev.backendconfig.toolkit.Deadline;
import dev.backendconfig.toolkit.InvalidInputException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apiguardian.api.API;

/**
 * Everything a provider may know of the outside world for one resolution: environment variables, system
 * properties, settings, the services to find, working directory, clock, time budget, and the probe.
 *
 * <p>Providers read nothing global directly, so that each one can be tested with plain maps. Build a context
 * for a test with {@link #builder()}; the resolver builds one from the real process with {@link #systemBuilder()}.
 */
@API(status = STABLE, since = "1.0")
public final class ResolutionContext {

    private final Map<String, String> environment;
    private final Map<String, String> systemProperties;
    private final Settings settings;
    private final Path workingDirectory;
    private final Clock clock;
    private final List<Service> services;
    private final AtomicReference<Deadline> budget;
    private final ProbePolicy probes;
    private final List<ResolutionReport.Line> earlierAnswers;

    /** Create a context whose budget starts now. */
    private ResolutionContext(Map<String, String> environment, Map<String, String> systemProperties, Settings settings,
            Path workingDirectory, Clock clock) {
        this.environment = environment;
        this.systemProperties = systemProperties;
        this.settings = settings;
        this.workingDirectory = workingDirectory;
        this.clock = clock;
        this.budget = new AtomicReference<>(Deadline.after(settings.get(CoreSettings.TIMEOUT)));
        this.services = DeclaredServices.from(settings);
        this.probes = new ProbePolicy(settings, budget);
        this.earlierAnswers = List.of();
    }

    /** Create a copy of {@code context}, with the same budget, seeing {@code earlierAnswers}. */
    private ResolutionContext(ResolutionContext context, List<ResolutionReport.Line> earlierAnswers) {
        this.environment = context.environment;
        this.systemProperties = context.systemProperties;
        this.settings = context.settings;
        this.workingDirectory = context.workingDirectory;
        this.clock = context.clock;
        this.budget = context.budget;
        this.services = context.services;
        this.probes = context.probes;
        this.earlierAnswers = List.copyOf(earlierAnswers);
    }

    /**
     * Start a context filled from the real process — {@code System.getenv()}, the system properties, the working
     * directory {@code user.dir}, the system clock, and settings including the classpath resource
     * {@code backend-config.properties} as the thread's context class loader sees it — to which settings overrides, a
     * working directory or a clock can still be added: {@code ResolutionContext.systemBuilder().build()} is the
     * context of the real process.
     */
    public static Builder systemBuilder() {
        ProcessSnapshot process = ProcessSnapshot.now();
        return builder()
                .environment(process.environment())
                .systemProperties(process.systemProperties())
                .settingsResource(process.resources());
    }

    /** Start a context with nothing in it: no variables, no system properties, no settings. */
    public static Builder builder() {
        return new Builder();
    }

    /** Return the environment variables, as a map that cannot be changed. */
    public Map<String, String> environment() {
        return environment;
    }

    /** Return a variable's value; empty when unset, empty or blank (they all mean the same thing). */
    public Optional<String> variable(String name) {
        return nonBlank(environment.get(name));
    }

    /** Return a system property's value; empty when unset, empty or blank. */
    public Optional<String> systemProperty(String name) {
        return nonBlank(systemProperties.get(name));
    }

    /** Return the settings. */
    public Settings settings() {
        return settings;
    }

    /**
     * Return the services to find: {@code backend} first, then those setting {@code services} declares. A provider
     * answers for all of them (or says what it lacked), never for a mix of environments.
     */
    public List<Service> services() {
        return services;
    }

    /** Return the directory to search from (for compose files, dotenv files). */
    public Path workingDirectory() {
        return workingDirectory;
    }

    /** Return the clock for timestamps. */
    public Clock clock() {
        return clock;
    }

    /** Return the time left of the budget, never negative. */
    public Duration remaining() {
        return budget.get().remaining();
    }

    /**
     * Make at least {@code atLeast} from now left of the budget, for a step a setting of the provider's own bounds
     * (provider docker starting a stack within {@code docker.start-timeout}): setting {@code timeout} is the budget
     * for finding the services, not for starting them. The budget never shrinks; the provider's report line says
     * which bound applied.
     */
    @API(status = EXPERIMENTAL, since = "1.0")
    public void extendBudget(Duration atLeast) {
        budget.updateAndGet(now -> now.remaining().compareTo(atLeast) >= 0 ? now : Deadline.after(atLeast));
    }

    /** Tell whether a probe will really check candidates (false for {@code probe=none}). */
    public boolean probing() {
        return probes.probing();
    }

    /**
     * Check a candidate with the probe configured by setting {@code probe}, within
     * {@code probe.timeout} and what is left of the budget.
     *
     * @param candidate the endpoint to check
     * @return ready or not, with what was probed and what happened
     */
    public ProbeResult probe(ServiceEndpoint candidate) {
        return probes.probe(candidate);
    }

    /**
     * Check a candidate with a probe of the given kind, within {@code probe.timeout} and what is left of the budget.
     *
     * @param candidate the endpoint to check
     * @param kind how to probe
     * @param path for {@link ProbeKind#HTTP}, the path to GET (empty: setting {@code probe.http-path}); for
     *     {@link ProbeKind#WEBSOCKET}, a path joined onto the WebSocket URL (empty: the URL itself)
     * @return ready or not, with what was probed and what happened
     */
    public ProbeResult probe(ServiceEndpoint candidate, ProbeKind kind, String path) {
        return probes.probe(candidate, kind, path);
    }

    /**
     * Return the report lines of the providers asked before this one in this resolution, in the order they were asked
     * (empty for the first): a fallback says why they did not answer, from their own words — their
     * {@linkplain ResolutionReport.Line#outcome() outcome} (skipped, unavailable or partial: a provider that found,
     * failed or met invalid configuration ends the resolution), {@linkplain ResolutionReport.Line#reason() reason} and
     * {@linkplain ResolutionReport.Line#nextStep() next step}.
     */
    @API(status = EXPERIMENTAL, since = "1.0")
    public List<ResolutionReport.Line> earlierAnswers() {
        return earlierAnswers;
    }

    /** Return a copy, on the same time budget, whose {@link #earlierAnswers()} are {@code answers}; the resolver's. */
    @API(status = EXPERIMENTAL, since = "1.0")
    public ResolutionContext withEarlierAnswers(List<ResolutionReport.Line> answers) {
        return new ResolutionContext(this, answers);
    }

    /**
     * Return a copy with these settings whose budget starts now, from their {@code timeout} (the resolver makes one at
     * the start of every resolution: {@code context.withSettings(context.settings())}).
     *
     * @throws InvalidInputException when setting {@code timeout} or {@code services} is not valid
     */
    public ResolutionContext withSettings(Settings newSettings) {
        return new ResolutionContext(environment, systemProperties, newSettings, workingDirectory, clock);
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    /** Builds a {@link ResolutionContext}. */
    @API(status = STABLE, since = "1.0")
    public static final class Builder {
        private Map<String, String> environment = Map.of();
        private Map<String, String> systemProperties = Map.of();
        private Map<String, String> overrides = Map.of();
        private String overridesSource = "ResolutionContext.Builder.settings";
        private ClassLoader settingsResource;
        private Path workingDirectory;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** Set the environment variables ({@code BACKENDCONFIG_*} among them are read as settings). */
        public Builder environment(Map<String, String> variables) {
            this.environment = Objects.requireNonNull(variables, "variables");
            return this;
        }

        /** Set the system properties ({@code backendconfig.*} among them are read as settings). */
        public Builder systemProperties(Map<String, String> properties) {
            this.systemProperties = Objects.requireNonNull(properties, "properties");
            return this;
        }

        /** Set settings (keys without prefix) that win over system properties, variables and the resource. */
        public Builder settings(Map<String, String> values) {
            return settings(values, "ResolutionContext.Builder.settings");
        }

        /**
         * Set settings that win over everything else, naming who handed them in for the report.
         *
         * @param source for example {@code "--set"} or {@code "TestContext.resolve"}
         */
        public Builder settings(Map<String, String> values, String source) {
            this.overrides = Objects.requireNonNull(values, "values");
            this.overridesSource = Objects.requireNonNull(source, "source");
            return this;
        }

        /** Read the classpath resource {@code backend-config.properties} through this class loader. */
        public Builder settingsResource(ClassLoader loader) {
            this.settingsResource = loader;
            return this;
        }

        /** Set the directory to search from; default: system property {@code user.dir} of this context. */
        public Builder workingDirectory(Path directory) {
            this.workingDirectory = Objects.requireNonNull(directory, "directory");
            return this;
        }


        /** Set the clock for timestamps. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Build the context; its budget starts now.
         *
         * @throws InvalidConfigurationException when the settings resource cannot be read, or setting
         *     {@code timeout} or {@code services} is not valid
         */
        public ResolutionContext build() {
            try {
                Settings settings = Settings.load(systemProperties, environment, settingsResource)
                        .withOverrides(overrides, overridesSource);
                Map<String, String> properties = Collections.unmodifiableMap(new TreeMap<>(systemProperties));
                Path directory = workingDirectory != null ? workingDirectory
                        : Path.of(properties.getOrDefault("user.dir", ""));
                return new ResolutionContext(Collections.unmodifiableMap(new TreeMap<>(environment)), properties,
                        settings, directory.toAbsolutePath().normalize(), clock);
            } catch (InvalidInputException e) {
                throw InvalidConfigurationException.of(e);
            }
        }
    }
}
