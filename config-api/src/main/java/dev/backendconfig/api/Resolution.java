package dev.backendconfig.api;

import java.util.Objects;

/**
 * The outcome of a successful resolution: the endpoint and the report explaining it.
 *
 * @param endpoint where the backend is
 * @param report why: one line per provider
 */
public record Resolution(BackendEndpoint endpoint, ResolutionReport report) {

    public Resolution {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(report, "report");
    }
}
