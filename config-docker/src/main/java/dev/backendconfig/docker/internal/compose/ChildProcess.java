package dev.backendconfig.docker.internal.compose;

import dev.backendconfig.toolkit.Deadline;
import dev.backendconfig.toolkit.OutsideText;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Run one command (a compose command line) with a given environment and directory, bounded: its output (standard
 * output and error together) goes to a temporary file, never a pipe that could fill and block it; each line it writes
 * is logged at DEBUG (masked, escaped) as it comes, and its last lines are kept for an error. At the bound, when the
 * calling thread is interrupted, or when the JVM exits while it runs (a shutdown hook, added when the class loads),
 * the command and every process it started are killed and reaped: nothing it started outlives the call, nor the JVM
 * that made it unless that JVM is killed outright ({@code kill -9}). No thread is started: the calling thread waits
 * in short steps.
 */
public final class ChildProcess {

    private static final Logger LOG = LoggerFactory.getLogger(ChildProcess.class);
    private static final Duration STEP = Duration.ofMillis(50);
    private static final Duration REAP = Duration.ofSeconds(5);
    private static final int KEPT_LINES = 40;
    private static final int MAX_LINE_CHARS = 400;
    /** The commands running now (guarded by itself), killed with what they started when the JVM exits. */
    private static final Set<Process> RUNNING = new HashSet<>();

    static {
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(ChildProcess::killRunning, "backend-config-compose-exit"));
        } catch (IllegalStateException e) {
            // loaded while the JVM exits: a command run now is still bounded by its caller's deadline
        }
    }

    /**
     * How a command ended.
     *
     * @param commandLine the command as messages show it (masked, on one line)
     * @param exitCode its exit code; -1 when it did not end by itself
     * @param timedOut whether it was killed at the bound (or on interruption)
     * @param tail its last lines of output, masked and on one line each
     * @param took how long it ran
     */
    public record Outcome(String commandLine, int exitCode, boolean timedOut, List<String> tail, Duration took) {

        /** Tell whether it ended by itself with exit code 0. */
        public boolean succeeded() {
            return !timedOut && exitCode == 0;
        }

        /** Return its last {@code count} lines of output as one indented block, or {@code (no output)}. */
        public String tailText(int count) {
            List<String> last = tail.subList(Math.max(0, tail.size() - count), tail.size());
            return last.isEmpty() ? "    (no output)" : "    " + String.join("\n    ", last);
        }
    }

    private ChildProcess() {
    }

    /**
     * Run {@code command} in {@code directory} with exactly {@code environment}, waiting at most {@code bound}.
     *
     * @param progress called now and then while it runs, with how long it has run (for INFO lines)
     * @throws IOException when it cannot be started (the program is missing, say)
     */
    public static Outcome run(List<String> command, Map<String, String> environment, Path directory, Duration bound,
            Consumer<Duration> progress) throws IOException {
        String shown = shown(command);
        Path output = Files.createTempFile("backend-config-compose", ".log");
        long start = System.nanoTime();
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
            builder.environment().clear();
            builder.environment().putAll(environment);
            Process process;
            synchronized (RUNNING) { // an exit that begins now waits until the process is known, then kills it
                process = builder.start();
                RUNNING.add(process);
            }
            Lines lines = new Lines(shown);
            boolean ended = false;
            boolean interrupted = false;
            try (InputStream in = Files.newInputStream(output)) {
                Deadline deadline = Deadline.after(bound);
                while (true) {
                    ended = process.waitFor(Math.max(1, deadline.bound(STEP).toNanos()), TimeUnit.NANOSECONDS);
                    lines.read(in);
                    if (ended || deadline.passed()) {
                        break;
                    }
                    progress.accept(Duration.ofNanos(System.nanoTime() - start));
                }
            } catch (InterruptedException e) {
                interrupted = true;
            } finally {
                if (!ended) {
                    kill(process);
                }
                synchronized (RUNNING) {
                    RUNNING.remove(process);
                }
            }
            try (InputStream in = Files.newInputStream(output)) {
                in.skipNBytes(lines.offset);
                lines.read(in);
            }
            lines.flush();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return new Outcome(shown, ended ? process.exitValue() : -1, !ended, lines.kept(),
                    Duration.ofNanos(System.nanoTime() - start));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** Kill every command running now, with what each started: the JVM exits. */
    private static void killRunning() {
        List<Process> running;
        synchronized (RUNNING) {
            running = new ArrayList<>(RUNNING);
        }
        running.forEach(ChildProcess::kill);
    }

    /**
     * Kill the process and everything it started (the descendants known before it dies: then they are re-parented),
     * reap it, and wait — at most {@link #REAP} in all — until the descendants have ended too. A killed descendant
     * that only its new parent has yet to reap (a zombie) has ended.
     */
    public static void kill(Process process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        boolean interrupted = Thread.interrupted();
        Deadline deadline = Deadline.after(REAP);
        try {
            process.waitFor(REAP.toMillis(), TimeUnit.MILLISECONDS);
            while (descendants.stream().anyMatch(ChildProcess::running) && !deadline.passed()) {
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (descendants.stream().anyMatch(ChildProcess::running)) {
            LOG.warn("a process compose started did not end within {} s of being killed", REAP.toSeconds());
        }
    }

    /** Tell whether a process runs: alive, and not a zombie waiting to be reaped by its parent. */
    public static boolean running(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        Path stat = Path.of("/proc", Long.toString(process.pid()), "stat");
        try {
            String text = Files.readString(stat);
            int end = text.lastIndexOf(')');
            return end < 0 || end + 2 >= text.length() || text.charAt(end + 2) != 'Z';
        } catch (IOException | RuntimeException e) {
            return process.isAlive();
        }
    }

    /** Return the command as a message shows it: each word masked, the whole on one line. */
    public static String shown(List<String> command) {
        return OutsideText.oneLine(dev.backendconfig.toolkit.Secrets.maskText(String.join(" ", command)));
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name", "").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    /** The command's output, read as it grows: each complete line logged and the last ones kept. */
    private static final class Lines {
        private final String command;
        private final Deque<String> kept = new ArrayDeque<>();
        private final java.io.ByteArrayOutputStream partial = new java.io.ByteArrayOutputStream();
        private long offset;

        Lines(String command) {
            this.command = command;
        }

        void read(InputStream in) throws IOException {
            byte[] buffer = new byte[8192];
            int count;
            while (in.available() > 0 && (count = in.read(buffer)) > 0) {
                offset += count;
                for (int i = 0; i < count; i++) {
                    byte b = buffer[i];
                    if (b == '\n' || b == '\r') {
                        line();
                    } else if (partial.size() < MAX_LINE_CHARS * 4) {
                        partial.write(b);
                    }
                }
            }
        }

        void flush() {
            line();
        }

        private void line() {
            String text = partial.toString(StandardCharsets.UTF_8);
            partial.reset();
            if (text.isBlank()) {
                return;
            }
            String line = OutsideText.excerpt(stripAnsi(text.strip()), MAX_LINE_CHARS);
            LOG.debug("{}: {}", command, line);
            kept.addLast(line);
            if (kept.size() > KEPT_LINES) {
                kept.removeFirst();
            }
        }

        List<String> kept() {
            return new ArrayList<>(kept);
        }

        private static String stripAnsi(String text) {
            return text.replaceAll("\u001B\\[[0-9;?]*[A-Za-z]", "");
        }
    }

    /** Return the first executable file named {@code program} in the directories of {@code path}, as a shell finds it. */
    public static Optional<Path> onPath(String program, String path) {
        for (String directory : path.split(java.io.File.pathSeparator)) {
            if (directory.isBlank()) {
                continue;
            }
            try {
                Path candidate = Path.of(directory).resolve(program);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate.toAbsolutePath());
                }
            } catch (java.nio.file.InvalidPathException e) {
                // a PATH entry that is not a path: skipped, as a shell does
            }
        }
        return Optional.empty();
    }
}
