package dev.backendconfig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The example project (examples/) as explain sees it on a machine without Docker and without variables. */
final class ExamplesProject {

    private ExamplesProject() {
    }

    /**
     * The stack's port variables (ALPINE_TEST_BACKEND_PORT, ...) pointing at free ports, where nothing listens,
     * whatever runs on this machine.
     */
    static Map<String, String> portsWhereNothingListens() throws IOException {
        Map<String, String> ports = new HashMap<>();
        for (String service : List.of("BACKEND", "AUTH", "FRONTEND")) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                ports.put("ALPINE_TEST_" + service + "_PORT", Integer.toString(socket.getLocalPort()));
            }
        }
        return ports;
    }

    /** Assert the staging fallback with all three services, docker's predictions refused at {@code ports}. */
    static void assertTheStagingFallback(ProcessOutcome outcome, Path examples, Map<String, String> ports) {
        Path compose = examples.resolve("docker/docker-compose.alpine-test.yml");
        assertThat(outcome.exit()).as(outcome.err()).isZero();
        assertThat(outcome.out()).startsWith("backend:  https://backend-staging.example.test"
                + "  wss://backend-staging.example.test/ws  (from staging, ")
                .contains("\nauth:     https://auth-staging.example.test  wss://auth-staging.example.test\n"
                        + "frontend: https://app-staging.example.test  wss://app-staging.example.test\n")
                .contains("backend: predicted http://localhost:" + ports.get("ALPINE_TEST_BACKEND_PORT") + " for service"
                        + " alpine-test-backend from " + compose + ":15, but the protocol is not spoken there")
                .contains("auth: predicted http://localhost:" + ports.get("ALPINE_TEST_AUTH_PORT") + " for service"
                        + " alpine-test-auth from " + compose + ":32, but the protocol is not spoken there")
                .contains("this checkout's compose project: backend-config-example (COMPOSE_PROJECT_NAME in "
                        + examples.resolve("docker/.env") + ":5)")
                .contains("shared staging deployment from " + examples.resolve(".env.staging.e2e"))
                .contains("                             auth: from STAGING_AUTH_URL\n")
                .doesNotContain("not-for-logs");
        assertThat(outcome.err()).startsWith("[WARN] Tests will run against the shared staging deployment");
    }
}
