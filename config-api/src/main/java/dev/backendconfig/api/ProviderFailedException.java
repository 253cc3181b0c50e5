package dev.backendconfig.api;

import static org.apiguardian.api.API.Status.STABLE;

import dev.backendconfig.api.internal.MaskedThrowable;
import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.toolkit.OutsideText;
import dev.backendconfig.toolkit.Secrets;
import java.util.Objects;
import java.util.function.Function;
import org.apiguardian.api.API;

/**
 * A provider broke (code {@code BCFG00002}): it threw something other than {@link InvalidInputException}, returned
 * nothing usable, or was interrupted.
 *
 * <p>Resolution stops there rather than asking the next provider: the one that broke may be the very one that
 * should have answered, and the next one may be a shared staging deployment that nobody meant to test against.
 * The message names the provider, what it threw (masked), the report so far, and how to leave the provider out. The
 * cause is a masked copy of what the provider threw ({@link MaskedThrowable}: same class name and stack trace, every
 * message masked), so that printing the stack trace never shows a password the original message quoted.
 */
@API(status = STABLE, since = "1.0")
public final class ProviderFailedException extends BackendConfigException implements ResolutionOutcome {

    private static final long serialVersionUID = 1L;

    private final String providerId;
    private final String problem;

    /**
     * Create the exception.
     *
     * @param providerId the provider that broke
     * @param problem what it did, for example {@code "threw NullPointerException: ..."}, masked
     * @param report the report up to and including that provider
     * @param cause what it threw, if anything; kept as a masked copy
     */
    ProviderFailedException(String providerId, String problem, ResolutionReport report, Throwable cause) {
        this(providerId, OutsideText.oneLine(Secrets.maskText(problem)), report, MaskedThrowable.of(cause), false);
    }

    private ProviderFailedException(String providerId, String problem, ResolutionReport report, Throwable maskedCause,
            boolean repeated) {
        super(repeated ? "Provider " + providerId + " failed: " + problem + " (see the first failure in this run for"
                + " the whole report)" : message(providerId, problem, report), report, maskedCause);
        this.providerId = Objects.requireNonNull(providerId, "providerId");
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    @Override
    public String code() {
        return "BCFG00002";
    }

    /** Return the provider that broke. */
    public String providerId() {
        return providerId;
    }

    /** Return what the provider did, for example {@code "threw NullPointerException: ..."}, masked. */
    public String problem() {
        return problem;
    }

    /** Return {@code Provider <id> failed: <problem>}. */
    @Override
    public String summary() {
        return "Provider " + providerId + " failed: " + problem;
    }

    @Override
    public BackendConfigException repeated() {
        ProviderFailedException copy = new ProviderFailedException(providerId, problem, report(), getCause(), true);
        copy.setStackTrace(getStackTrace());
        return copy;
    }



    private static String message(String providerId, String problem, ResolutionReport report) {
        return "Provider " + providerId + " failed: " + problem + "\n"
                + "Resolution stopped: the providers after it were not asked, so that a broken provider never hands"
                + " the tests to another environment silently. This is a bug in provider " + providerId
                + " (please report it); to resolve without it, leave it out with setting providers.\n"
                + report.render();
    }
}
