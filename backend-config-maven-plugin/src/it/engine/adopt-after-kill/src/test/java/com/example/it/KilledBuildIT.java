package com.example.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backendconfig.api.Resolution;
import dev.backendconfig.api.ServiceResolver;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** In the first build (-Dkill.build=true) it kills the Maven JVM that forked it; in the second it attaches. */
class KilledBuildIT {

    @Test
    void attachesOrKillsTheBuild() throws Exception {
        Resolution resolution = ServiceResolver.create().resolve();
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                resolution.endpoint().http("/health")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode());
        if (Boolean.getBoolean("kill.build")) {
            // Surefire forks through /bin/sh: the build's JVM is the nearest java process above this one.
            ProcessHandle maven = ProcessHandle.current().parent().orElseThrow();
            while (!maven.info().command().orElse("").endsWith("/java")) {
                maven = maven.parent().orElseThrow();
            }
            System.out.println("killing the build's Maven JVM, pid " + maven.pid());
            maven.destroyForcibly();
            Thread.sleep(30_000);
        }
        System.out.println("attached to " + resolution.endpoint().http());
    }
}
