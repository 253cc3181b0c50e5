package dev.backendconfig.tests.support;

import dev.backendconfig.api.TestContext;
import java.net.URI;
import java.util.Map;

/**
 * What a test suite reads its backend from: the library's {@link TestContext}, or, when the run was started with
 * {@code -Dbackendconfig.tests.legacy=true}, the pre-fix context. Only the tests that read the backend the way a
 * suite does go through here; tests of the library's own parts do not depend on it.
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
    }
}
