package dev.backendconfig.docker;

import dev.backendconfig.api.TestContext;
import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.api.spi.RunScope;
import dev.backendconfig.testkit.RecordingLogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * One test JVM of a run, started by {@link LifecycleMultiJvmIT} as a separate process (a Surefire fork would be one):
 * it resolves with {@code docker.start=if-missing}, says what it found on standard output, waits until the file
 * {@code go} exists, and leaves the run as the mode says. Its output lines start with {@code FORK }.
 *
 * <p>Arguments: {@code MODE REPOSITORY LEASE_DIR PROJECT GO_FILE}. Modes: {@code close} ends the run by closing
 * {@link RunScope#jvm()} (as the JUnit extension does) and says whether this JVM stopped the stack; {@code hook}
 * resolves through {@link TestContext#get()} (settings from {@code -Dbackendconfig.*}) and just exits, leaving the
 * release to the shutdown hook; {@code hold} resolves and then waits to be killed.
 */
public final class LifecycleFork {

    private LifecycleFork() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        Path repository = Path.of(args[1]);
        Path go = Path.of(args[4]);
        String result;
        if (mode.equals("hook")) {
            result = "FOUND " + TestContext.get().backendUrl();
        } else {
            ResolutionContext context = ResolutionContext.builder().environment(System.getenv())
                    .systemProperties(Map.of("user.home", System.getProperty("user.home")))
                    .workingDirectory(repository).settings(Map.of("docker.start", "if-missing", "docker.lease-dir",
                            args[2], "docker.project", args[3]), "LifecycleFork").build();
            ProviderResult found = new DockerEndpointProvider().resolve(context);
            result = (found instanceof ProviderResult.Found ? "FOUND " : "NOT FOUND ") + found.reason() + " | "
                    + String.join(" | ", found.notes());
        }
        System.out.println("FORK " + ProcessHandle.current().pid() + " " + result);
        System.out.flush();
        long until = System.nanoTime() + 120_000_000_000L;
        while (!Files.exists(go) && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        if (mode.equals("close")) {
            RunScope.jvm().close();
            boolean stopped = RecordingLogs.events().stream().anyMatch(event -> event.message()
                    .contains("leaves: stopped"));
            System.out.println("FORK " + ProcessHandle.current().pid() + (stopped ? " STOPPED" : " LEFT"));
        }
        System.out.flush();
    }
}
