package dev.backendconfig.api.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.backendconfig.api.ResolutionReport;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * What a provider asked earlier in the same resolution answered, as later providers see it
 * ({@link ResolutionContext#earlierAnswers()}): a fallback such as staging says why the sources before it did not
 * answer ("docker: this checkout's project shop is stopped ...") instead of guessing.
 *
 * @param provider the provider's id
 * @param outcome its outcome: skipped, unavailable or partial (a provider that found, failed or met invalid
 *     configuration ends the resolution, so no later provider sees it)
 * @param reason its reason, as the report shows it
 * @param nextStep what the user can do about it, or empty text
 */
@API(status = EXPERIMENTAL, since = "1.0")
public record EarlierAnswer(String provider, ResolutionReport.Outcome outcome, String reason, String nextStep) {

    public EarlierAnswer {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(nextStep, "nextStep");
    }

    /** Tell whether the provider was configured but could not answer (unavailable or partial), not merely skipped. */
    public boolean triedAndFailed() {
        return outcome == ResolutionReport.Outcome.UNAVAILABLE || outcome == ResolutionReport.Outcome.PARTIAL;
    }
}
