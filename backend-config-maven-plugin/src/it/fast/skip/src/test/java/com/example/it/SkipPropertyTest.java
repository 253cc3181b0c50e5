package com.example.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backendconfig.api.ServiceResolver;
import org.junit.jupiter.api.Test;

/** The test JVM gets -Dbackendconfig.skip=true from Surefire too, and resolves all the same. */
class SkipPropertyTest {

    @Test
    void theSkipPropertyIsAKnownSettingInTheTestJvm() {
        assertEquals("true", System.getProperty("backendconfig.skip"));
        assertEquals("http://127.0.0.1:9", ServiceResolver.create().resolve().endpoint().http().toString());
    }
}
