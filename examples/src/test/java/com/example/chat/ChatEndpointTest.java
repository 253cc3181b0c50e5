package com.example.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backendconfig.api.BackendEndpoint;
import dev.backendconfig.junit.BackendTest;
import dev.backendconfig.junit.BackendUrl;
import dev.backendconfig.junit.WebSocketUrl;
import java.net.URI;
import org.junit.jupiter.api.Test;

/**
 * How a suite uses backend-config: the endpoint comes from TEST_BACKEND_URL, the running compose stack, or the
 * staging file, whichever answers first; the test never writes a host or port down.
 */
@BackendTest
class ChatEndpointTest {

    @Test
    void theChatSocketLivesOnTheBackendsWebSocketUrl(@WebSocketUrl("/ws/chat") URI chat, BackendEndpoint backend) {
        assertThat(chat.getScheme()).isIn("ws", "wss");
        assertThat(chat.getPath()).endsWith("/ws/chat");
        assertThat(chat.getHost()).isEqualTo(backend.webSocket().getHost());
    }

    @Test
    void httpAndWebSocketComeFromTheSameSource(@BackendUrl URI http, @WebSocketUrl URI webSocket,
            BackendEndpoint backend) {
        assertThat(http.getScheme()).isIn("http", "https");
        assertThat(backend.source()).isIn("env", "docker", "staging");
        if (!backend.splitAcrossHosts()) {
            assertThat(webSocket.getAuthority()).isEqualTo(http.getAuthority());
        }
    }
}
