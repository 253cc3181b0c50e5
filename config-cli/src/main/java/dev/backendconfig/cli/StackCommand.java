package dev.backendconfig.cli;

import dev.backendconfig.api.spi.Setting;
import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.toolkit.Origin;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code up} and {@code down}: for shells, what the Maven plugin's {@code start} and {@code stop} do around a build.
 * {@code up} starts a process of its own (the keeper, {@link StackKeeper}) that resolves with
 * {@code docker.start=if-missing} — starting what is missing of the project's stack and holding its lease — and records
 * it; {@code up} prints the report and returns while the keeper holds the lease. {@code down} asks the keeper to leave:
 * the last holder stops what the lease started, and {@code down} prints what it did.
 *
 * <pre>
 *   backend-config up [--dir DIR] [--set key=value]... [--hold=DURATION]
 *   backend-config down [--dir DIR]
 * </pre>
 */
final class StackCommand {

    /** Exit code: up, or released. */
    static final int DONE = 0;
    /** Exit code: nothing found (up), or the keeper did not end in time (down). */
    static final int NOT_DONE = 2;
    /** Exit code: invalid configuration or a failed start. */
    static final int INVALID = 3;

    /** How long the keeper holds the lease without a {@code down}, when {@code --hold} is not given. */
    private static final Setting<Duration> HOLD = Setting.duration("hold", "12h",
            "how long up's keeper holds the stack without a down");
    /** How long {@code up} waits for the keeper's answer: longer than any start ({@code docker.start-timeout}). */
    private static final Duration UP_BOUND = Duration.ofMinutes(30);
    /** How long {@code down} waits for the keeper to stop what it started and end. */
    private static final Duration DOWN_BOUND = Duration.ofMinutes(3);
    private static final Duration POLL = Duration.ofMillis(100);

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> systemProperties;

    StackCommand(PrintStream out, PrintStream err, Map<String, String> systemProperties) {
        this.out = out;
        this.err = err;
        this.systemProperties = systemProperties;
    }

    /** Tell whether {@code word}, the first argument, names one of these commands. */
    static boolean names(String word) {
        return word.equals("up") || word.equals("down");
    }

    /** Run {@code up} or {@code down} with the arguments after the command's word. */
    int run(String command, List<String> arguments) {
        Path directory = Path.of(systemProperties.getOrDefault("user.dir", "."));
        List<String> settings = new ArrayList<>();
        Duration hold = HOLD.parsedDefault().orElseThrow();
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            String name = argument.contains("=") ? argument.substring(0, argument.indexOf('=')) : argument;
            Optional<String> inline = argument.contains("=") && argument.startsWith("--")
                    ? Optional.of(argument.substring(argument.indexOf('=') + 1)) : Optional.empty();
            if (!List.of("--dir", "--set", "--hold").contains(name) || (command.equals("down") && !name.equals("--dir"))) {
                err.println(command + ": unknown argument " + (name.matches("--?[A-Za-z0-9-]{1,40}") ? name
                        : "(not shown: it may hold a secret)") + "; usage: backend-config up [--dir DIR] [--set"
                        + " key=value]... [--hold=DURATION], backend-config down [--dir DIR]");
                return Explain.USAGE;
            }
            String value;
            if (inline.isPresent()) {
                value = inline.get();
            } else if (i + 1 < arguments.size()) {
                value = arguments.get(++i);
            } else {
                err.println(command + ": " + name + " needs a value");
                return Explain.USAGE;
            }
            switch (name) {
                case "--dir" -> directory = directory.resolve(value);
                case "--hold" -> {
                    try {
                        hold = HOLD.parse(value, Origin.other("--hold"));
                    } catch (InvalidInputException e) {
                        err.println(command + ": " + e.getMessage());
                        return Explain.USAGE;
                    }
                }
                default -> {
                    if (value.indexOf('=') < 1) {
                        err.println(command + ": --set expects key=value");
                        return Explain.USAGE;
                    }
                    settings.add(value);
                }
            }
        }
        directory = directory.toAbsolutePath().normalize();
        if (!Files.isDirectory(directory)) {
            err.println(command + ": --dir " + directory + " is not a directory");
            return Explain.USAGE;
        }
        UpRecord record = UpRecord.of(directory, Path.of(systemProperties.getOrDefault("java.io.tmpdir", "/tmp")),
                systemProperties.getOrDefault("user.name", "user"));
        try {
            return command.equals("up") ? up(record, directory, settings, hold) : down(record, directory);
        } catch (IOException e) {
            err.println(command + ": " + e.getMessage());
            return Explain.INTERNAL;
        }
    }

    private int up(UpRecord record, Path directory, List<String> settings, Duration hold) throws IOException {
        Optional<UpRecord.Entry> existing = record.read();
        if (existing.isPresent() && existing.get().keeper().isPresent()) {
            err.println("up: " + directory + " is already up (held by process " + existing.get().pid()
                    + "); backend-config down releases it");
            return DONE;
        }
        record.createDirectory();
        record.delete();
        List<String> command = new ArrayList<>();
        Path setsid = Path.of("/usr/bin/setsid");
        if (Files.isExecutable(setsid)) {
            command.add(setsid.toString()); // a session of its own: closing the terminal does not end the keeper
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // its INFO lines (what was started, what was stopped) go to its log, which down prints
        command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=info");
        command.add("-cp");
        command.add(absoluteClasspath()); // the keeper runs in the project directory
        command.add(StackKeeper.class.getName());
        command.add(record.file().toString());
        command.add(directory.toString());
        command.add(Long.toString(hold.toMillis()));
        command.addAll(settings);
        Process keeper = new ProcessBuilder(command).directory(directory.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(record.log().toFile()))
                .redirectErrorStream(true).start();
        long deadline = System.nanoTime() + UP_BOUND.toNanos();
        while (true) {
            boolean ended = !keeper.isAlive(); // before reading: a keeper that answered and ended is read after
            Optional<UpRecord.Entry> entry = record.read();
            if (entry.isPresent() && entry.get().state() != UpRecord.State.STARTING) {
                return answer(record, entry.get().state(), keeper);
            }
            if (ended || System.nanoTime() > deadline) {
                keeper.destroyForcibly();
                err.println("up: the process that starts and holds the stack ended without an answer; its log:");
                err.print(read(record.log()));
                record.delete();
                return Explain.INTERNAL;
            }
            pause();
        }
    }

    private int answer(UpRecord record, UpRecord.State state, Process keeper) throws IOException {
        String report = read(record.report());
        if (state == UpRecord.State.UP) {
            out.print(report.endsWith("\n") ? report : report + "\n");
            err.println("up: held by process " + keeper.pid() + " until backend-config down");
            return DONE;
        }
        await(keeper.toHandle());
        err.print(report.endsWith("\n") ? report : report + "\n");
        record.delete();
        return switch (state) {
            case NOT_FOUND -> {
                err.println("up: nothing found; the report says why");
                yield NOT_DONE;
            }
            case INVALID -> INVALID;
            default -> Explain.INTERNAL;
        };
    }

    private int down(UpRecord record, Path directory) throws IOException {
        Optional<UpRecord.Entry> entry = record.read();
        if (entry.isEmpty()) {
            err.println("down: no up of " + directory + " is recorded; nothing to release");
            return DONE;
        }
        Optional<ProcessHandle> keeper = entry.get().keeper();
        if (keeper.isEmpty()) {
            err.println("down: the process that held " + directory + " (pid " + entry.get().pid() + ") is gone;"
                    + " the lease drops it, and the next start of the stack (up, or docker.start=if-missing) adopts"
                    + " what it started and stops it at its end");
            record.delete();
            return NOT_DONE;
        }
        Files.writeString(record.release(), "release\n", StandardCharsets.UTF_8);
        if (!await(keeper.get())) {
            err.println("down: the process holding " + directory + " (pid " + entry.get().pid() + ") did not end"
                    + " within " + DOWN_BOUND.toSeconds() + " s; its log: " + record.log());
            return NOT_DONE;
        }
        String log = read(record.log());
        int released = log.indexOf("releasing\n");
        String after = released < 0 ? "" : log.substring(released + "releasing\n".length())
                .replace("released\n", "");
        out.print(after);
        err.println("down: released " + directory);
        record.delete();
        return DONE;
    }

    private static String absoluteClasspath() {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            entries.add(Path.of(entry).toAbsolutePath().toString());
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    private static boolean await(ProcessHandle process) {
        try {
            process.onExit().get(DOWN_BOUND.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String read(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for up's keeper", e);
        }
    }
}
