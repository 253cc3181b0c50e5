package dev.backendconfig.api.spi;

import static org.apiguardian.api.API.Status.STABLE;

import java.time.Duration;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * What a probe found.
 *
 * @param ready whether the endpoint answered as a running backend would
 * @param description what was probed and what happened, for example
 *     {@code "tcp localhost:8002: connection refused"}
 * @param elapsed how long the probe took
 */
@API(status = STABLE, since = "1.0")
public record ProbeResult(boolean ready, String description, Duration elapsed) {

    public ProbeResult {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(elapsed, "elapsed");
    }
}
