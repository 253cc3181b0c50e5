package dev.backendconfig.api;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The root of every error backend-config reports to tests: no provider found the services
 * ({@link ServiceNotFoundException}), explicit configuration is wrong ({@link InvalidConfigurationException}),
 * a provider broke ({@link ProviderFailedException}), and the JUnit extension's unreachable service.
 *
 * <p>Each kind has a stable {@link #code()}, {@code BCFG} and five digits, by module ({@code BCFG00xxx} this core,
 * {@code BCFG01xxx} the toolkit, {@code BCFG02xxx} provider env, {@code BCFG03xxx} provider docker, {@code BCFG04xxx}
 * provider staging, {@code BCFG05xxx} the JUnit extension), which the manual's error catalogue explains and
 * {@link #toString()} shows, and carries the {@link #report()} of the resolution it ends. Only this project creates
 * them; providers signal wrong input with {@link dev.backendconfig.toolkit.InvalidInputException}.
 */
@API(status = STABLE, since = "1.0")
public abstract class BackendConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient ResolutionReport report;

    /**
     * Create the exception; for this project's modules only.
     *
     * @param message the whole message a person reads
     * @param report the report of the resolution this error ends (empty when it ended before any provider)
     * @param cause what caused it, or null
     */
    protected BackendConfigException(String message, ResolutionReport report, Throwable cause) {
        super(message, cause);
        this.report = Objects.requireNonNull(report, "report");
    }

    /** Return the stable code of this kind of error, for example {@code BCFG00001}. */
    public abstract String code();

    /**
     * Return the report of the resolution this error ended: every provider's line up to the one that stopped it; no
     * lines when it ended before any provider was asked (a setting that is not valid, say).
     */
    public ResolutionReport report() {
        return report;
    }

    /** Return what happened on one line, for a log or a summary: {@code env skipped, docker unavailable}. */
    public abstract String summary();

    /**
     * Return a fresh copy whose message is one line pointing at the first failure, for the second and later tests of a
     * run that meet the same error: the first failure carries the whole report; repeating it in every test buries it.
     */
    public abstract BackendConfigException repeated();

    /** Return the class, the code and the message: {@code ...ServiceNotFoundException [BCFG00001]: No backend ...}. */
    @Override
    public String toString() {
        return getClass().getName() + " [" + code() + "]: " + getLocalizedMessage();
    }
}
