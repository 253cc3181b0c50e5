package dev.backendconfig.docker.internal.transport;

import dev.backendconfig.docker.internal.engine.EngineAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How {@code ssh} is run for an {@code ssh://} engine, as the docker CLI runs it:
 * {@code ssh [setting docker.ssh-command's arguments] -o BatchMode=yes -o ConnectTimeout=N -T [-l USER] [-p PORT]
 * -- HOST docker system dial-stdio}. The options of {@code docker.ssh-command} come first, so they win (ssh keeps
 * the first value it is given for an option); {@code BatchMode} keeps ssh from ever asking for a password.
 *
 * @param program the program and the arguments that come before the library's own (setting
 *     {@code docker.ssh-command}, default {@code ssh})
 * @param environment the environment ssh runs with (the resolution's variables: {@code SSH_AUTH_SOCK} and the like)
 */
public record SshCommand(List<String> program, Map<String, String> environment) {

    /** {@code ssh} from the PATH, with the JVM's environment. */
    public static final SshCommand DEFAULT = new SshCommand(List.of("ssh"), System.getenv());

    public SshCommand {
        program = List.copyOf(program);
        environment = Map.copyOf(environment);
        if (program.isEmpty()) {
            throw new IllegalArgumentException("the ssh command needs a program");
        }
    }

    /** Return the program only: the environment and the arguments may hold secrets. */
    @Override
    public String toString() {
        return "SshCommand[" + program.get(0) + "]";
    }

    /**
     * What runs ssh: a POSIX shell that starts it with this process's standard streams and then watches this JVM,
     * every 0.2 s; when the JVM is gone (killed with {@code kill -9}, say, so that nothing of it could end ssh), it
     * ends ssh (SIGTERM, which makes ssh end a ProxyCommand it started, then SIGKILL if it still runs a second later;
     * the shell leaves as soon as ssh has ended, a zombie counting as ended). Otherwise it
     * waits for ssh and exits with its exit code. A killed JVM's ssh would otherwise live on while it connects or
     * logs in (it reads its input, whose end would stop it, only once logged in).
     *
     * <p>The JVM is gone when the shell's parent is no longer the JVM: a dying process's children are given to another
     * parent at once, even while the dead JVM waits, a zombie, to be reaped (its pid then still answers
     * {@code kill -0}). The parent is read from {@code /proc/$$/stat} where there is one (no process started to
     * learn it), else the JVM's pid is tried with {@code kill -0}.
     */
    static final String WATCHDOG = """
            parent_gone() {
              if [ -r /proc/$$/stat ]; then
                read -r stat < /proc/$$/stat
                set -- ${stat##*) }
                [ "$2" != "$PPID" ]
              else
                ! kill -0 "$PPID" 2>/dev/null
              fi
            }
            alive() {
              if [ -r "/proc/$1/stat" ]; then
                read -r stat < "/proc/$1/stat"
                set -- ${stat##*) }
                [ "$1" != Z ]
              else
                kill -0 "$1" 2>/dev/null
              fi
            }
            exec 3<&0
            "$@" <&3 3<&- &
            child=$!
            exec 3<&- 0</dev/null
            while alive "$child"; do
              if parent_gone; then
                kill -TERM "$child" 2>/dev/null
                tries=0
                while alive "$child" && [ "$tries" -lt 10 ]; do
                  sleep 0.1 2>/dev/null || sleep 1
                  tries=$((tries + 1))
                done
                kill -KILL "$child" 2>/dev/null; exit 137
              fi
              sleep 0.2 2>/dev/null || sleep 1
            done
            wait "$child"
            """;

    /** The shell that runs the watchdog; where there is none (Windows), ssh runs by itself. */
    private static final Path SHELL = Path.of("/bin/sh");

    /**
     * Return what to start for an engine: the {@link #WATCHDOG} shell running {@link #commandLine ssh's command
     * line}, or that command line alone where there is no POSIX shell.
     */
    List<String> processCommand(EngineAddress address, Duration timeout) {
        List<String> ssh = commandLine(address, timeout);
        if (!Files.isExecutable(SHELL)) {
            return ssh;
        }
        List<String> watched = new ArrayList<>(List.of(SHELL.toString(), "-c", WATCHDOG, "backend-config-ssh"));
        watched.addAll(ssh);
        return watched;
    }

    /**
     * Check that the program can run: a path must be an executable file, a name must be one on the {@code PATH} of
     * {@link #environment()}. The watchdog shell would start whatever it is given, so a missing program is found here,
     * where it can be named as such, rather than by the shell's exit code 127 (which ssh also gives for a remote host
     * without docker).
     *
     * @throws IOException saying why the program cannot run
     */
    void checkRunnable() throws IOException {
        String name = program.get(0);
        if (name.contains("/")) {
            Path path = Path.of(name);
            if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
                throw new IOException("Cannot run program \"" + name + "\": no such executable file");
            }
            return;
        }
        String path = environment.getOrDefault("PATH", "");
        for (String directory : path.split(java.io.File.pathSeparator)) {
            if (!directory.isEmpty()) {
                Path candidate = Path.of(directory).resolve(name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return;
                }
            }
        }
        throw new IOException("Cannot run program \"" + name + "\": not found on PATH (" + path + ")");
    }

    /** Return ssh's ConnectTimeout for {@code timeout}: whole seconds, rounded up, at least one. */
    static long connectTimeoutSeconds(Duration timeout) {
        return Math.max(1, (timeout.toMillis() + 999) / 1000);
    }

    /** Return the whole command line for an engine, with ssh's connect timeout from {@code timeout}. */
    List<String> commandLine(EngineAddress address, Duration timeout) {
        Objects.requireNonNull(address.host(), "host");
        List<String> command = new ArrayList<>(program);
        command.addAll(List.of("-o", "BatchMode=yes", "-o", "ConnectTimeout=" + connectTimeoutSeconds(timeout), "-T"));
        if (!address.user().isEmpty()) {
            command.addAll(List.of("-l", address.user()));
        }
        if (address.port() > 0) {
            command.addAll(List.of("-p", Integer.toString(address.port())));
        }
        command.addAll(List.of("--", address.host(), "docker", "system", "dial-stdio"));
        return command;
    }
}
