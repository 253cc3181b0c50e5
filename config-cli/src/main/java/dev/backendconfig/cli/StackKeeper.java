package dev.backendconfig.cli;

import dev.backendconfig.api.InvalidConfigurationException;
import dev.backendconfig.api.ResolutionOutcome;
import dev.backendconfig.api.ServiceResolver;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.api.spi.RunScope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The process {@code up} leaves running: it resolves with {@code docker.start=if-missing} — starting what is missing of
 * the project's stack and holding its lease, as the Maven plugin's {@code start} does — records the outcome, and holds
 * the lease until {@code down} asks it to leave (or its bound passes); leaving, the last holder stops what the lease
 * started. It is started by {@link StackCommand} only: {@code StackKeeper RECORD DIRECTORY HOLD_MS [key=value]...}.
 */
final class StackKeeper {

    private static final Duration POLL = Duration.ofMillis(200);

    private StackKeeper() {
    }

    /** Keep the stack: the arguments are {@code up}'s, checked by it. */
    public static void main(String[] arguments) {
        UpRecord record = new UpRecord(Path.of(arguments[0]));
        Path directory = Path.of(arguments[1]);
        Duration hold = Duration.ofMillis(Long.parseLong(arguments[2]));
        Map<String, String> settings = new LinkedHashMap<>();
        for (String pair : List.of(arguments).subList(3, arguments.length)) {
            int equals = pair.indexOf('=');
            settings.put(pair.substring(0, equals), pair.substring(equals + 1));
        }
        settings.putIfAbsent("docker.start", "if-missing");
        ProcessHandle self = ProcessHandle.current();
        Instant started = self.info().startInstant().orElse(Instant.EPOCH);
        record.write(self.pid(), started, directory, UpRecord.State.STARTING);
        UpRecord.State state = resolve(record, directory, settings);
        record.write(self.pid(), started, directory, state);
        if (state == UpRecord.State.UP) {
            awaitRelease(record, hold);
        }
        System.err.println("releasing");
        RunScope.jvm().close();
        System.err.println("released");
        System.exit(0);
    }

    private static UpRecord.State resolve(UpRecord record, Path directory, Map<String, String> settings) {
        ResolutionOutcome outcome;
        try {
            Map<String, String> properties = new LinkedHashMap<>();
            System.getProperties().stringPropertyNames()
                    .forEach(name -> properties.put(name, System.getProperty(name)));
            ResolutionContext context = ResolutionContext.builder()
                    .environment(System.getenv())
                    .systemProperties(properties)
                    .settingsResource(UserClasspath.of(List.of()).settingsResource(directory))
                    .workingDirectory(directory)
                    .settings(settings, "up --set")
                    .build();
            outcome = ServiceResolver.create().outcome(context);
        } catch (InvalidConfigurationException e) {
            outcome = e;
        }
        // up shows this report itself: no step saying to run explain to see it
        String text = outcome.fold(found -> found.report().render(), notFound -> notFound.withoutExplainStep()
                .getMessage(),
                invalid -> invalid.getMessage(), broken -> broken.getMessage());
        write(record.report(), text);
        return outcome.fold(found -> UpRecord.State.UP, notFound -> UpRecord.State.NOT_FOUND,
                invalid -> UpRecord.State.INVALID, broken -> UpRecord.State.BROKEN);
    }

    /** Wait until {@code down} writes the release file, the record is removed, or {@code hold} has passed. */
    private static void awaitRelease(UpRecord record, Duration hold) {
        long deadline = System.nanoTime() + hold.toNanos();
        while (!Files.exists(record.release()) && Files.exists(record.file()) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
