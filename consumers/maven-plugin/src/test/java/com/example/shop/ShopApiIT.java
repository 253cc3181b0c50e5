package com.example.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backendconfig.api.ResolutionReport;
import dev.backendconfig.junit.BackendTest;
import dev.backendconfig.junit.BackendUrl;
import dev.backendconfig.junit.HttpUrl;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The shop's integration tests: they run between backend-config:start and backend-config:stop. */
@BackendTest
class ShopApiIT {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void theBackendAnswers(@BackendUrl("/health") URI health) throws Exception {
        assertEquals(200, get(health).statusCode());
    }

    @Test
    void theAuthServiceAnswers(@HttpUrl(value = "/health", service = "auth") URI health) throws Exception {
        assertEquals(200, get(health).statusCode());
    }

    @Test
    void theUrlsAreThoseStartExported(ResolutionReport report) {
        assertTrue(report.render().contains("system property backendconfig.url"), report.render());
        assertTrue(report.render().contains("system property backendconfig.services.auth.url"), report.render());
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
