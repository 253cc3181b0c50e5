package dev.backendconfig.docker.internal.transport;

import dev.backendconfig.docker.internal.engine.EngineAddress;
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
