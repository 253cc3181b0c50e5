package dev.backendconfig.docker.internal.transport;

import dev.backendconfig.docker.internal.engine.EngineAddress;
import dev.backendconfig.toolkit.OutsideText;
import dev.backendconfig.toolkit.Secrets;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP over the standard streams of {@code ssh HOST docker system dial-stdio}, as the docker CLI reaches an
 * {@code ssh://} engine. One ssh process carries every request of a resolution (HTTP keep-alive: starting ssh,
 * logging in and starting the remote docker CLI takes a few hundred milliseconds).
 *
 * <p>Nothing waits past the exchange's deadline and no thread is started: the response is read by polling what
 * ssh's output holds, in steps of at most 8 ms, until the deadline. The same polling drains ssh's error output into
 * a bounded tail (so that ssh never blocks on a full pipe), whose last lines (masked, escaped) explain a failure;
 * nothing is written to disk. The process (and anything it started) is always ended: killed when the client closes
 * or an exchange fails, then reaped; if this JVM dies (even by {@code kill -9}), the shell that runs ssh
 * ({@link SshCommand#WATCHDOG}) ends it within a second.
 */
final class SshTransport extends KeptConnectionTransport {

    private static final int TAIL_BYTES = 4096;
    private static final int KEPT_BYTES = 2 * TAIL_BYTES;
    private static final long REAP_MILLIS = 2000;
    /**
     * How long ssh, after its output ended in a failed exchange, is given to exit on its own so that its exit code
     * explains the failure: it has as good as exited, but on a loaded machine the JVM may take hundreds of
     * milliseconds to see it (200 ms was seen to be too short on two busy cores, leaving the code out).
     */
    private static final long EXIT_WAIT_MILLIS = 1000;

    private final SshCommand command;
    private Process process;
    private InputStream stdout;
    private InputStream stderr;
    private final ByteArrayOutputStream errors = new ByteArrayOutputStream();
    private OutputStream stdin;
    private Step step;
    private long connectSeconds;
    private Integer exitCode;
    private String said = "";
    private IOException notRun;

    SshTransport(EngineAddress address, SshCommand command) {
        super(address);
        this.command = command;
    }

    @Override
    InputStream send(byte[] request, Exchange exchange) throws IOException {
        beginExchange(process != null);
        if (process == null) {
            step = exchange.startingSsh();
            start(exchange.sshConnectTimeout());
        } else {
            step = exchange.answering();
        }
        stdin.write(request);
        stdin.flush();
        return new Output();
    }

    private void start(Duration connectTimeout) throws IOException {
        exitCode = null;
        said = "";
        notRun = null;
        errors.reset();
        connectSeconds = SshCommand.connectTimeoutSeconds(connectTimeout);
        ProcessBuilder builder = new ProcessBuilder(command.processCommand(address, connectTimeout));
        builder.environment().clear();
        builder.environment().putAll(command.environment());
        try {
            command.checkRunnable();
            process = builder.start();
        } catch (IOException e) {
            notRun = e;
            throw e;
        }
        stdout = process.getInputStream();
        stderr = process.getErrorStream();
        stdin = process.getOutputStream();
    }

    /** Move what ssh wrote to its error output so far into the tail, keeping the last {@link #KEPT_BYTES}. */
    private void drainErrors() {
        try {
            int available;
            while ((available = stderr.available()) > 0) {
                byte[] chunk = new byte[Math.min(available, TAIL_BYTES)];
                int read = stderr.read(chunk);
                if (read <= 0) {
                    return;
                }
                errors.write(chunk, 0, read);
                if (errors.size() > KEPT_BYTES) {
                    byte[] all = errors.toByteArray();
                    errors.reset();
                    errors.write(all, all.length - TAIL_BYTES, TAIL_BYTES);
                }
            }
        } catch (IOException e) {
            // the pipe is closed: what it held is already in the tail
        }
    }

    /** ssh's output, read without blocking past the deadline. */
    private final class Output extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            long pause = 1;
            while (true) {
                drainErrors();
                int available = stdout.available();
                if (available > 0) {
                    return counted(stdout.read(target, offset, Math.min(length, available)));
                }
                if (!process.isAlive()) {
                    available = stdout.available();
                    return available > 0 ? counted(stdout.read(target, offset, Math.min(length, available))) : -1;
                }
                int left = step.millisLeft();
                try {
                    Thread.sleep(Math.min(pause, left));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for the engine");
                }
                pause = Math.min(pause * 2, 8);
            }
        }

        private int counted(int count) {
            arrived(count);
            return count;
        }
    }

    @Override
    void done(boolean reusable) {
        if (!reusable) {
            end(true);
        }
    }

    @Override
    public void close() {
        end(false);
    }

    /**
     * End ssh and what it started, reap it, and keep its exit code and last words.
     *
     * @param failed whether an exchange failed: then ssh, which may be exiting on its own, is given up to
     *     {@link #EXIT_WAIT_MILLIS} (within the deadline) so that its own exit code and message are known
     */
    private void end(boolean failed) {
        if (process == null) {
            return;
        }
        Process ending = process;
        process = null;
        try {
            long left = step.deadline().remaining().toMillis(); // a process runs only once send set its step
            if (failed && left > 0 && ending.waitFor(Math.min(EXIT_WAIT_MILLIS, left), TimeUnit.MILLISECONDS)) {
                exitCode = ending.exitValue();
            } else if (!ending.isAlive()) {
                exitCode = ending.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // what ssh said before it is killed (killing what it started can make a shell report "Killed")
        drainErrors();
        said = tail();
        ending.descendants().forEach(ProcessHandle::destroyForcibly);
        ending.destroyForcibly();
        boolean interrupted = Thread.interrupted();
        try {
            ending.waitFor(REAP_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        closeQuietly(stdin);
        closeQuietly(stdout);
        closeQuietly(stderr);
    }

    private static void closeQuietly(AutoCloseable stream) {
        try {
            if (stream != null) {
                stream.close();
            }
        } catch (Exception e) {
            // the process is gone; so is the pipe
        }
    }

    /** Return ssh's last three lines of error output, masked and escaped, or empty text. */
    private String tail() {
        byte[] bytes = errors.toByteArray();
        String text = new String(bytes, Math.max(0, bytes.length - TAIL_BYTES), Math.min(bytes.length, TAIL_BYTES),
                StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\r?\n")) {
            if (!line.isBlank()) {
                lines.add(line.strip());
            }
        }
        String last = String.join(" / ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
        if (!address.user().isEmpty()) {
            // the user name, like all user info of the engine's URL, is not shown: before an @, or as a whole word
            String user = Pattern.quote(address.user());
            last = last.replaceAll(user + "@", Matcher.quoteReplacement(Secrets.MASK + "@"))
                    .replaceAll("(?<![A-Za-z0-9._-])" + user + "(?![A-Za-z0-9._-])", Matcher.quoteReplacement(Secrets.MASK));
        }
        return OutsideText.excerpt(last, 300);
    }

    @Override
    String explain(IOException failure, Exchange exchange) {
        String uri = address.uri();
        String request = exchange.request();
        // the program only: its arguments (setting docker.ssh-command) could hold anything, a password among them
        String ssh = command.program().get(0);
        if (notRun != null) {
            return "cannot run " + OutsideText.excerpt(ssh, 120) + " for engine " + uri + " ("
                    + OutsideText.excerpt(String.valueOf(notRun.getMessage()), 160) + "): install the OpenSSH client, or"
                    + " name the ssh program in setting docker.ssh-command";
        }
        String saidClause = said.isEmpty() ? "; ssh said nothing" : "; ssh said: " + said;
        if (timedOut(failure, exchange) != null) {
            return super.explain(failure, exchange) + (said.isEmpty() ? "" : "; ssh said: " + said);
        }
        if (failure instanceof EOFException || exitCode != null) {
            String connectTimedOut = exitCode != null && exitCode == 255 && said.toLowerCase(java.util.Locale.ROOT)
                    .contains("timed out") ? "; ssh's ConnectTimeout was " + connectSeconds + " s (setting "
                    + EngineTimeouts.CONNECT_SETTING + ")" : "";
            return "ssh to engine " + uri + " ended" + (exitCode == null ? "" : " with exit code " + exitCode)
                    + " before the engine answered " + request + meaning(exitCode) + saidClause + connectTimedOut;
        }
        return super.explain(failure, exchange) + (said.isEmpty() ? "" : "; ssh said: " + said);
    }

    private static String meaning(Integer exitCode) {
        if (exitCode == null) {
            return "";
        }
        return switch (exitCode) {
            case 255 -> " (ssh could not connect or log in)";
            case 127 -> " (the remote shell found no docker command: the docker CLI must be installed on that host)";
            case 1 -> " (docker system dial-stdio could not reach the engine on that host)";
            default -> "";
        };
    }
}
