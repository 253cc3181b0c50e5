package com.example.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backendconfig.api.Resolution;
import dev.backendconfig.api.ServiceResolver;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Module two's fork attaches to the reactor's one stack. */
class ModuleTwoIT {

    @Test
    void theModuleAttachesToTheReactorsStack() throws Exception {
        Resolution resolution = ServiceResolver.create().resolve();
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                resolution.service("auth").http("/health")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode());
        System.out.println("module two attached to " + resolution.endpoint().http());
    }
}
