package dev.backendconfig.testkit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apiguardian.api.API;

/** A real WebSocket client for tests (the JDK's), independent of the library's own handshake probe. */
@API(status = EXPERIMENTAL, since = "1.0")
public final class WebSocketEcho {

    private WebSocketEcho() {
    }

    /** Open {@code webSocket}, send {@code message}, and return the first text that comes back, trimmed. */
    public static String exchange(URI webSocket, String message) throws Exception {
        CompletableFuture<String> reply = new CompletableFuture<>();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(webSocket, new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        reply.complete(data.toString().strip());
                        return null;
                    }
                }).get(5, TimeUnit.SECONDS);
        socket.sendText(message, true).get(5, TimeUnit.SECONDS);
        String answer = reply.get(5, TimeUnit.SECONDS);
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
        return answer;
    }
}
