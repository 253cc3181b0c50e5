package com.example.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.backendconfig.api.Resolution;
import dev.backendconfig.api.ServiceResolver;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Attaches to the stack start started, then fails: the build stops in phase test, before stop. */
class FailingTest {

    @Test
    void attachesThenFails() throws Exception {
        Resolution resolution = ServiceResolver.create().resolve();
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                resolution.endpoint().http("/health")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode());
        System.out.println("attached to " + resolution.endpoint().http() + ", now failing on purpose");
        fail("a failing integration test, on purpose");
    }
}
