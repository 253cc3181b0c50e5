package com.example.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backendconfig.api.Resolution;
import dev.backendconfig.api.ServiceResolver;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A fork of its own (reuseForks=false): it attaches to the stack start started, through the exported URLs. */
class ForkTwoIT {

    @Test
    void theForkAttachesToTheStartedStack() throws Exception {
        Resolution resolution = ServiceResolver.create().resolve();
        assertTrue(resolution.report().render().contains("system property backendconfig.url"));
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (String service : new String[] {"backend", "auth"}) {
            URI health = resolution.service(service).http("/health");
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, answer.statusCode(), health.toString());
        }
        System.out.println("fork Two (pid " + ProcessHandle.current().pid() + ") attached to "
                + resolution.endpoint().http() + " and " + resolution.service("auth").http());
    }
}
