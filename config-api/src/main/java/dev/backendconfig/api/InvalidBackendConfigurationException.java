package dev.backendconfig.api;

import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.toolkit.Origin;
import dev.backendconfig.toolkit.OutsideText;
import java.util.Objects;
import java.util.Optional;

/**
 * Thrown when configuration was given explicitly but is wrong: a malformed {@code BACKEND_URL}, a setting with
 * a typo, a dotenv line that cannot be read, {@code ${VAR:?message}} with {@code VAR} unset.
 *
 * <p>This is never a reason to fall back to another provider: the user asked for something specific and
 * must learn that it is broken. The message names the source (variable, setting, file and line) and what
 * would be valid; it never contains the value, which may be a secret. The problem is kept on one line
 * ({@link OutsideText#oneLine(String)}), since it may quote a name from outside.
 */
public class InvalidBackendConfigurationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;
    private final Origin origin;
    private final String problem;
    private final transient ResolutionReport report;
    private final String providerId;

    /**
     * Create the exception for a problem found at {@code origin}.
     *
     * @param origin where the wrong value came from
     * @param problem what was expected and what was found, without the value itself
     */
    public InvalidBackendConfigurationException(Origin origin, String problem) {
        this(InvalidInputException.GENERIC, origin, problem, null, null, null);
    }

    /** Create the exception for a problem found at {@code origin}, caused by {@code cause}. */
    public InvalidBackendConfigurationException(Origin origin, String problem, Throwable cause) {
        this(InvalidInputException.GENERIC, origin, problem, null, null, cause);
    }

    /**
     * Return the error the facade reports for explicit input found wrong outside a provider (building a resolution
     * context, say): the same code, origin, problem, cause and stack trace.
     */
    public static InvalidBackendConfigurationException of(InvalidInputException input) {
        InvalidBackendConfigurationException error = new InvalidBackendConfigurationException(input.code(),
                input.origin(), input.problem(), null, null, input.getCause());
        error.setStackTrace(input.getStackTrace());
        return error;
    }

    private InvalidBackendConfigurationException(String code, Origin origin, String problem, String providerId,
            ResolutionReport report, Throwable cause) {
        super(message(origin, OutsideText.oneLine(Objects.requireNonNull(problem, "problem")), providerId, report),
                cause);
        this.code = code;
        this.origin = Objects.requireNonNull(origin, "origin");
        this.problem = OutsideText.oneLine(problem);
        this.providerId = providerId;
        this.report = report;
    }

    /**
     * Return a copy that also names the provider that met the problem and the report up to that point.
     * The resolver calls this; providers throw the plain form.
     */
    public InvalidBackendConfigurationException inProvider(String id, ResolutionReport reportSoFar) {
        InvalidBackendConfigurationException copy =
                new InvalidBackendConfigurationException(code, origin, problem, id, reportSoFar, getCause());
        copy.setStackTrace(getStackTrace());
        return copy;
    }

    /** Return the stable code of this kind of problem, for example {@code BCFG01002}. */
    public String code() {
        return code;
    }

    /** Return where the wrong value came from. */
    public Origin origin() {
        return origin;
    }

    /** Return what is wrong with it, without the place. */
    public String problem() {
        return problem;
    }

    /** Return the provider that met the problem, when it came up during resolution. */
    public Optional<String> providerId() {
        return Optional.ofNullable(providerId);
    }

    /** Return the report up to the provider that met the problem, when it came up during resolution. */
    public Optional<ResolutionReport> report() {
        return Optional.ofNullable(report);
    }

    private static String message(Origin origin, String problem, String providerId, ResolutionReport report) {
        String first = origin.describe() + ": " + problem;
        if (providerId == null) {
            return first;
        }
        StringBuilder message = new StringBuilder(first)
                .append("\nResolution stopped at provider ").append(providerId)
                .append(": explicit configuration that is wrong is never skipped in favour of another provider.");
        if (report != null) {
            message.append('\n').append(report.render());
        }
        return message.toString();
    }
}
