package dev.backendconfig.tests;

import static dev.backendconfig.testsupport.Recorded.id;
import static dev.backendconfig.testsupport.Recorded.inspection;
import static dev.backendconfig.testsupport.Recorded.list;
import static dev.backendconfig.testsupport.Recorded.listEntry;
import static dev.backendconfig.testsupport.Recorded.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.backendconfig.testkit.LoopbackWebSocketServer;
import dev.backendconfig.testkit.WebSocketEcho;
import dev.backendconfig.testsupport.FakeDockerEngine;
import dev.backendconfig.tests.support.ConfigurationScenario;
import dev.backendconfig.tests.support.SuiteContext;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Group 3 of the plan: the context tests read the backend from ({@link SuiteContext}). */
class TestContextConfigurationTest extends ConfigurationScenario {

    @Test
    void theBackendUrlComesFromTestBackendUrlWhenBackendUrlIsUnset() {
        variables.set("TEST_BACKEND_URL", "http://localhost:8002");
        assertThat(SuiteContext.current().backendUrl()).isEqualTo(URI.create("http://localhost:8002"));
    }

    @Test
    void theWebSocketUrlOfTheChatEndpointReallyHandshakes() throws Exception {
        LoopbackWebSocketServer server = closeLater(LoopbackWebSocketServer.startAccepting("/ws/chat"));
        variables.set("BACKEND_URL", server.httpUri().toString());
        URI chat = SuiteContext.current().webSocketUrl("/ws/chat");
        assertThat(chat).isEqualTo(URI.create("ws://127.0.0.1:" + server.port() + "/ws/chat"));
        assertThat(WebSocketEcho.exchange(chat, "hello")).isEqualTo("hello");
        assertThat(server.handshakePaths()).containsExactly("/ws/chat");
    }

    @Test
    void stagingGivesHttpsWssAndTheAuthUrl() throws Exception {
        writeStagingFile();
        SuiteContext context = SuiteContext.current();
        assertThat(context.backendUrl()).isEqualTo(URI.create("https://backend-staging.example.test"));
        assertThat(context.webSocketUrl()).isEqualTo(URI.create("wss://backend-staging.example.test/ws"));
        assertThat(context.details()).containsEntry("auth-url", "https://auth-staging.example.test");
    }

    @Test
    void thirtyTwoConcurrentCallersCauseOneResolutionAndResetResolvesAgain() throws Exception {
        FakeDockerEngine engine = engine();
        Map<String, Object> alpine = ours(listEntry("alpine-test-backend"));
        engine.containers(list(alpine)).inspect(id(alpine), text(inspection("alpine")));

        assertThat(callConcurrently(32)).containsOnly(URI.create("http://localhost:8002"));
        assertThat(listRequests(engine)).as("engine asked once for 32 callers").isEqualTo(1);

        SuiteContext.reset();
        assertThat(SuiteContext.current().backendUrl()).isEqualTo(URI.create("http://localhost:8002"));
        assertThat(listRequests(engine)).as("engine asked again after reset").isEqualTo(2);
    }

    private static List<URI> callConcurrently(int callers) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(callers);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<URI>> futures = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                futures.add(threads.submit(() -> {
                    start.await();
                    return SuiteContext.current().backendUrl();
                }));
            }
            start.countDown();
            List<URI> urls = new ArrayList<>();
            for (Future<URI> future : futures) {
                urls.add(future.get(30, TimeUnit.SECONDS));
            }
            return urls;
        } finally {
            threads.shutdownNow();
        }
    }

    private static long listRequests(FakeDockerEngine engine) {
        return engine.requests().stream().filter(request -> request.startsWith("GET /containers/json")).count();
    }
}
