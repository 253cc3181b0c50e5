package dev.backendconfig.api;

import java.util.function.Function;

/**
 * What a resolution ended in: found ({@link Resolution}), or the error that says why not — nothing found
 * ({@link BackendNotFoundException}), explicit configuration that is wrong ({@link InvalidBackendConfigurationException})
 * or a provider that broke ({@link ProviderFailedException}) — each with its report. The errors are returned here, not
 * thrown; {@link #orElseThrow()} throws them.
 *
 * <pre>{@code
 * int exit = BackendResolver.create().outcome(context).fold(
 *         found -> 0, notFound -> 2, invalid -> 3, broken -> 70);
 * }</pre>
 */
public sealed interface ResolutionOutcome
        permits Resolution, BackendNotFoundException, InvalidBackendConfigurationException, ProviderFailedException {

    /** Return the report: one line per provider, and why. */
    ResolutionReport report();

    /** Return the resolution, or throw the error that says why there is none. */
    Resolution orElseThrow();

    /** Apply the function that matches this outcome and return what it returns; exactly one is called. */
    <T> T fold(Function<Resolution, T> found, Function<BackendNotFoundException, T> notFound,
            Function<InvalidBackendConfigurationException, T> invalid, Function<ProviderFailedException, T> broken);
}
