package dev.backendconfig.tests.support;

import dev.backendconfig.api.ResolutionReport;
import dev.backendconfig.api.TestContext;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * What a test suite reads its backend from: the library's {@link TestContext}, or, when the run was started with
 * {@code -Dbackendconfig.tests.legacy=true}, the pre-fix context. Every one of the 26 configuration tests reads the
 * backend through here, so that a run against the pre-fix context really exercises it; the two that test only the
 * library's own parts (provider discovery, the provider SPI) are not applicable to it and say so
 * ({@link ConfigurationScenario#notApplicableToThePreFixContext(String)}).
 */
public interface SuiteContext {

    /** Return the backend's HTTP URL. */
    URI backendUrl();

    /** Return the backend's WebSocket URL. */
    URI webSocketUrl();

    /** Return the WebSocket URL of an endpoint path. */
    URI webSocketUrl(String endpoint);

    /** Return what the context knows beyond the URLs (the pre-fix context knows nothing). */
    Map<String, String> details();

    /** Return the context's explanation of where the backend came from (the pre-fix context has none). */
    String report();

    /** Return what the explanation says of one provider (the pre-fix context has none). */
    Optional<ResolutionReport.Line> reportLine(String provider);

    /** Return the suite's context as it stands now. */
    static SuiteContext current() {
        return LegacyMode.active() ? new Legacy() : new Library(TestContext.get());
    }

    /** Forget the shared context, as a new test run would start without it. */
    static void reset() {
        TestContext.reset();
    }

    /** The library's context. */
    record Library(TestContext context) implements SuiteContext {
        @Override
        public URI backendUrl() {
            return context.backendUrl();
        }

        @Override
        public URI webSocketUrl() {
            return context.webSocketUrl();
        }

        @Override
        public URI webSocketUrl(String endpoint) {
            return context.webSocketUrl(endpoint);
        }

        @Override
        public Map<String, String> details() {
            return context.endpoint().details();
        }

        @Override
        public String report() {
            return context.report().render();
        }

        @Override
        public Optional<ResolutionReport.Line> reportLine(String provider) {
            return context.report().line(provider);
        }
    }

    /** The pre-fix context. */
    final class Legacy implements SuiteContext {
        @Override
        public URI backendUrl() {
            return URI.create(LegacyTestContext.getBackendUrl());
        }

        @Override
        public URI webSocketUrl() {
            return URI.create(LegacyTestContext.getWebSocketUrl());
        }

        @Override
        public URI webSocketUrl(String endpoint) {
            return URI.create(LegacyTestContext.getWebSocketUrl(endpoint));
        }

        @Override
        public Map<String, String> details() {
            return Map.of();
        }

        @Override
        public String report() {
            return "";
        }

        @Override
        public Optional<ResolutionReport.Line> reportLine(String provider) {
            return Optional.empty();
        }
    }
}
