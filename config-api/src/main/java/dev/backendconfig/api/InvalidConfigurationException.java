package dev.backendconfig.api;

import static org.apiguardian.api.API.Status.INTERNAL;
import static org.apiguardian.api.API.Status.STABLE;

import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.toolkit.Origin;
import java.util.Optional;
import java.util.function.Function;
import org.apiguardian.api.API;

/**
 * Configuration was given explicitly but is wrong: a malformed {@code BACKEND_URL}, a setting with a typo, a dotenv
 * line that cannot be read, {@code ${VAR:?message}} with {@code VAR} unset. Its {@link #code()} says which kind of
 * problem ({@code BCFG00010} an unknown setting, {@code BCFG01002} a URL that is not valid, ...).
 *
 * <p>This is never a reason to fall back to another provider: the user asked for something specific and must learn that
 * it is broken. It is what the core reports for an {@link InvalidInputException} a provider (or a toolkit reader it
 * called, or the core reading its settings) threw. The message names the source (variable, setting, file and line)
 * and what would be valid; it never contains the value, which may be a secret. When a provider met the problem, the
 * message goes on with the provider and the report so far.
 */
@API(status = STABLE, since = "1.0")
public final class InvalidConfigurationException extends BackendConfigException implements ResolutionOutcome {

    private static final long serialVersionUID = 1L;

    private final transient InvalidInputException input;
    private final String providerId;

    private InvalidConfigurationException(String message, InvalidInputException input, String providerId,
            ResolutionReport report) {
        super(message, report, input.getCause());
        this.input = input;
        this.providerId = providerId;
        setStackTrace(input.getStackTrace());
    }

    /**
     * Return the error the core reports for wrong input met outside a provider (building a resolution context,
     * checking the settings): the same code, origin, problem, cause and stack trace, with a report without lines.
     * For this project's modules: providers throw {@link InvalidInputException} and let the resolver report it.
     */
    @API(status = INTERNAL, since = "1.0")
    public static InvalidConfigurationException of(InvalidInputException input) {
        return new InvalidConfigurationException(input.getMessage(), input, null, ResolutionReport.empty());
    }

    /** Return the error for wrong input met by provider {@code id}, with the report up to it. */
    static InvalidConfigurationException inProvider(InvalidInputException input, String id,
            ResolutionReport reportSoFar) {
        return new InvalidConfigurationException(input.getMessage()
                + "\nResolution stopped at provider " + id + ": explicit configuration that is wrong is never skipped"
                + " in favour of another provider.\n" + reportSoFar.render(), input, id, reportSoFar);
    }

    /** Return the code of the kind of problem, as the input that was wrong carried it. */
    @Override
    public String code() {
        return input.code();
    }

    /** Return where the wrong value came from. */
    public Origin origin() {
        return input.origin();
    }

    /** Return what is wrong with it, without the place. */
    public String problem() {
        return input.problem();
    }

    /** Return the provider that met the problem, when it came up during resolution. */
    public Optional<String> providerId() {
        return Optional.ofNullable(providerId);
    }

    /** Return {@code <origin>: <problem>}. */
    @Override
    public String summary() {
        return input.getMessage();
    }

    @Override
    public BackendConfigException repeated() {
        return new InvalidConfigurationException(summary() + (providerId != null
                ? " (see the first failure in this run for the whole report)"
                : " (the first failure in this run says the same)"), input, providerId, report());
    }


}
