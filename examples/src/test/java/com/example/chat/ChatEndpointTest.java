package com.example.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backendconfig.api.ServiceEndpoint;
import dev.backendconfig.api.TestContext;
import dev.backendconfig.junit.BackendTest;
import dev.backendconfig.junit.BackendUrl;
import dev.backendconfig.junit.HttpUrl;
import dev.backendconfig.junit.WebSocketUrl;
import dev.backendconfig.toolkit.BackendUrls;
import java.net.URI;
import org.junit.jupiter.api.Test;

/**
 * How a suite uses backend-config: the backend, auth and frontend come from TEST_BACKEND_URL and friends, the running
 * compose stack, or the staging file, whichever answers for all three first; the test never writes a host or port
 * down.
 */
@BackendTest
class ChatEndpointTest {

    @Test
    void theChatSocketLivesOnTheBackendsWebSocketUrl(@WebSocketUrl("/ws/chat") URI chat, ServiceEndpoint backend) {
        assertThat(chat.getScheme()).isIn("ws", "wss");
        assertThat(chat.getPath()).endsWith("/ws/chat");
        assertThat(chat.getHost()).isEqualTo(backend.webSocket().getHost());
    }

    @Test
    void authAndFrontendComeFromTheSameEnvironmentAsTheBackend(@HttpUrl(value = "/login", service = "auth") URI login,
            TestContext context, ServiceEndpoint backend) {
        assertThat(login.getPath()).endsWith("/login");
        assertThat(context.service("auth").source()).isEqualTo(backend.source());
        assertThat(context.service("frontend").source()).isEqualTo(backend.source());
    }

    @Test
    void httpAndWebSocketComeFromTheSameSource(@BackendUrl URI http, @WebSocketUrl URI webSocket,
            ServiceEndpoint backend) {
        assertThat(http.getScheme()).isIn("http", "https");
        assertThat(backend.source()).isIn("env", "docker", "staging");
        if (BackendUrls.hostAndPort(backend.http()).equals(BackendUrls.hostAndPort(backend.webSocket()))) {
            assertThat(webSocket.getAuthority()).isEqualTo(http.getAuthority());
        }
    }
}
