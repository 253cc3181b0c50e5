package com.example.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backendconfig.junit.BackendTest;
import dev.backendconfig.junit.BackendUrl;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A fork of its own (reuseForks=false): the stack is found through the lease its first fork took. */
@BackendTest
class ForkThreeTest {

    @Test
    void theBackendAnswers(@BackendUrl("/health") URI health) throws Exception {
        HttpResponse<String> answer = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                .send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), health.toString());
        System.out.println("fork Three (pid " + ProcessHandle.current().pid() + ") reached " + health);
        Forks.awaitTheOthers();
    }
}
