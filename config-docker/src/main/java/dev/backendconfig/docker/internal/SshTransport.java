package dev.backendconfig.docker.internal;

import dev.backendconfig.api.Secrets;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * ssh's output holds, in steps of at most 8 ms, until the deadline. ssh's error output goes to a private temporary
 * file, so that ssh never blocks on a full pipe, and its last lines (masked, escaped) explain a failure. The process
 * (and anything it started) is always ended: killed when the client closes or an exchange fails, then reaped.
 */
final class SshTransport extends EngineTransport {

    private static final int TAIL_BYTES = 4096;
    private static final long REAP_MILLIS = 2000;

    private final SshCommand command;
    private Process process;
    private Path errors;
    private InputStream stdout;
    private OutputStream stdin;
    private long deadlineNanos;
    private Integer exitCode;
    private String said = "";
    private IOException notRun;
    private boolean reused;
    private long received;

    SshTransport(EngineAddress address, SshCommand command) {
        super(address);
        this.command = command;
    }

    @Override
    boolean keepsAlive() {
        return true;
    }

    @Override
    boolean mayRetry(IOException failure) {
        return reused && received == 0 && !(failure instanceof SocketTimeoutException)
                && !(failure instanceof InterruptedIOException);
    }

    @Override
    InputStream send(byte[] request, long deadlineNanos) throws IOException {
        this.deadlineNanos = deadlineNanos;
        received = 0;
        reused = process != null;
        if (process == null) {
            start();
        }
        stdin.write(request);
        stdin.flush();
        return new Output();
    }

    private void start() throws IOException {
        exitCode = null;
        said = "";
        notRun = null;
        Duration left = Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
        errors = Files.createTempFile("backend-config-ssh-", ".stderr");
        ProcessBuilder builder = new ProcessBuilder(command.commandLine(address, left))
                .redirectError(errors.toFile());
        builder.environment().clear();
        builder.environment().putAll(command.environment());
        try {
            process = builder.start();
        } catch (IOException e) {
            Files.deleteIfExists(errors);
            errors = null;
            notRun = e;
            throw e;
        }
        stdout = process.getInputStream();
        stdin = process.getOutputStream();
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
                int available = stdout.available();
                if (available > 0) {
                    return counted(stdout.read(target, offset, Math.min(length, available)));
                }
                if (!process.isAlive()) {
                    available = stdout.available();
                    return available > 0 ? counted(stdout.read(target, offset, Math.min(length, available))) : -1;
                }
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    throw new SocketTimeoutException("did not answer");
                }
                try {
                    Thread.sleep(Math.max(1, Math.min(pause, left / 1_000_000)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for the engine");
                }
                pause = Math.min(pause * 2, 8);
            }
        }

        private int counted(int count) {
            received += Math.max(0, count);
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
     * @param failed whether an exchange failed: then ssh, which may be exiting on its own, is given up to 200 ms
     *     (within the deadline) so that its own exit code and message are known
     */
    private void end(boolean failed) {
        if (process == null) {
            return;
        }
        Process ending = process;
        process = null;
        try {
            long left = (deadlineNanos - System.nanoTime()) / 1_000_000;
            if (failed && left > 0 && ending.waitFor(Math.min(200, left), TimeUnit.MILLISECONDS)) {
                exitCode = ending.exitValue();
            } else if (!ending.isAlive()) {
                exitCode = ending.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // what ssh said before it is killed (killing what it started can make a shell report "Killed")
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
        try {
            Files.deleteIfExists(errors);
        } catch (IOException e) {
            // a temporary file in java.io.tmpdir that could not be removed
        }
        errors = null;
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
        if (errors == null) {
            return "";
        }
        byte[] bytes;
        try (RandomAccessFile file = new RandomAccessFile(errors.toFile(), "r")) {
            long start = Math.max(0, file.length() - TAIL_BYTES);
            bytes = new byte[(int) (file.length() - start)];
            file.seek(start);
            file.readFully(bytes);
        } catch (IOException e) {
            return "";
        }
        List<String> lines = new ArrayList<>();
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\r?\n")) {
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
        return Printable.oneLine(last, 300);
    }

    @Override
    String explain(IOException failure, String request, Duration timeout) {
        String uri = address.uri();
        // the program only: its arguments (setting docker.ssh-command) could hold anything, a password among them
        String ssh = command.program().get(0);
        if (notRun != null) {
            return "cannot run " + Printable.oneLine(ssh, 120) + " for engine " + uri + " ("
                    + Printable.oneLine(String.valueOf(notRun.getMessage()), 160) + "): install the OpenSSH client, or"
                    + " name the ssh program in setting docker.ssh-command";
        }
        String saidClause = said.isEmpty() ? "; ssh said nothing" : "; ssh said: " + said;
        if (failure instanceof SocketTimeoutException) {
            return super.explain(failure, request, timeout) + (said.isEmpty() ? "" : "; ssh said: " + said);
        }
        if (failure instanceof EOFException || exitCode != null) {
            return "ssh to engine " + uri + " ended" + (exitCode == null ? "" : " with exit code " + exitCode)
                    + " before the engine answered " + request + meaning(exitCode) + saidClause;
        }
        return super.explain(failure, request, timeout) + (said.isEmpty() ? "" : "; ssh said: " + said);
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
