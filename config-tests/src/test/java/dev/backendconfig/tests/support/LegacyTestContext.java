package dev.backendconfig.tests.support;

/**
 * The test context as it was before the fix, kept here only to show what the 26 tests catch: it reads
 * {@code BACKEND_URL}, else {@code http://localhost:8000}; builds the WebSocket URL by replacing {@code http://}
 * with {@code ws://}; appends endpoint paths as strings; knows nothing of Docker or staging.
 */
final class LegacyTestContext {

    private LegacyTestContext() {
    }

    static String getBackendUrl() {
        String url = System.getenv("BACKEND_URL");
        return url != null ? url : "http://localhost:8000";
    }

    static String getWebSocketUrl() {
        return getBackendUrl().replace("http://", "ws://");
    }

    static String getWebSocketUrl(String endpoint) {
        return getWebSocketUrl() + (endpoint.startsWith("/") ? endpoint : "/" + endpoint);
    }
}
