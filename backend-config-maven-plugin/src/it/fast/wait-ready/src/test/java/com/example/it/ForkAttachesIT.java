package com.example.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backendconfig.api.Resolution;
import dev.backendconfig.api.ServiceResolver;
import org.junit.jupiter.api.Test;

/** The fork resolves from what wait exported: the URLs come from the system properties Failsafe set. */
class ForkAttachesIT {

    @Test
    void theForkTakesTheExportedUrls() {
        String backend = System.getProperty("backendconfig.url");
        assertTrue(backend.matches("http://127\\.0\\.0\\.1:[0-9]+"), backend);
        Resolution resolution = ServiceResolver.create().resolve();
        assertEquals(backend, resolution.endpoint().http().toString());
        assertEquals(backend + "/auth", resolution.service("auth").http().toString());
        String report = resolution.report().render();
        assertTrue(report.contains("system property backendconfig.url"), report);
        assertTrue(report.contains("system property backendconfig.services.auth.url"), report);
        System.out.println("fork attached: " + report.lines().findFirst().orElse(""));
    }
}
