package dev.backendconfig.testsupport;

/** The staging dotenv file of the plan, with documentation-only hosts; its password must never be shown. */
public final class StagingExample {

    /** The password line's value. */
    public static final String PASSWORD = "not-for-logs";

    /** {@code .env.staging.e2e}: base URL on line 2, WebSocket URL on line 4, password on line 7. */
    public static final String FILE = """
            # Staging E2E
            STAGING_BASE_URL=https://backend-staging.example.test
            STAGING_API_URL=https://backend-staging.example.test/api
            STAGING_WEBSOCKET_URL=wss://backend-staging.example.test/ws
            STAGING_AUTH_URL=https://auth-staging.example.test
            TEST_USER_EMAIL=e2e@example.test
            TEST_USER_PASSWORD=not-for-logs
            ENVIRONMENT=staging
            """;

    private StagingExample() {
    }
}
