package dev.backendconfig.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.function.Function;
import org.apiguardian.api.API;

/**
 * What a resolution ended in: found ({@link Resolution}), or the error that says why not — nothing found
 * ({@link ServiceNotFoundException}), explicit configuration that is wrong ({@link InvalidConfigurationException})
 * or a provider that broke ({@link ProviderFailedException}) — each with its report. The errors are returned here, not
 * thrown; {@link #orElseThrow()} throws them.
 *
 * <pre>{@code
 * int exit = ServiceResolver.create().outcome(context).fold(
 *         found -> 0, notFound -> 2, invalid -> 3, broken -> 70);
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "1.0")
public sealed interface ResolutionOutcome
        permits Resolution, ServiceNotFoundException, InvalidConfigurationException, ProviderFailedException {

    /** Return the report: one line per provider, and why. */
    ResolutionReport report();

    /** Return the resolution, or throw the error that says why there is none. */
    default Resolution orElseThrow() {
        // instanceof rather than fold with four lambdas: every TestContext.get() comes through here, in a fresh JVM
        // where linking lambdas costs more than the test
        if (this instanceof Resolution resolution) {
            return resolution;
        }
        throw (RuntimeException) this;
    }

    /**
     * Apply the function that matches this outcome and return what it returns; exactly one is called. (The one place
     * that tells the four apart, until a {@code switch} over a sealed type can.)
     */
    default <T> T fold(Function<Resolution, T> found, Function<ServiceNotFoundException, T> notFound,
            Function<InvalidConfigurationException, T> invalid, Function<ProviderFailedException, T> broken) {
        if (this instanceof Resolution resolution) {
            return found.apply(resolution);
        }
        if (this instanceof ServiceNotFoundException missing) {
            return notFound.apply(missing);
        }
        if (this instanceof InvalidConfigurationException wrong) {
            return invalid.apply(wrong);
        }
        return broken.apply((ProviderFailedException) this);
    }
}
