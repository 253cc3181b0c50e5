package dev.backendconfig.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A stand-in for {@code ssh HOST docker system dial-stdio} in fast tests: a POSIX shell script that records its
 * arguments and each start, then answers HTTP requests read from its standard input with canned replies, on one
 * connection (keep-alive), as dial-stdio relays them to an engine. Variables of its environment make it misbehave:
 * {@code FAKE_SSH_STDERR} (printed to stderr first, {@code printf %b} escapes), {@code FAKE_SSH_EXIT} (exit with it
 * before answering), {@code FAKE_SSH_SLEEP} (seconds to sleep before answering).
 */
public final class FakeSsh {

    private static final String SCRIPT = """
            #!/bin/sh
            dir=$(dirname "$0")
            printf '%s\\n' "$@" > "$dir/args"
            echo start >> "$dir/starts"
            printf '%s' "$SSH_AUTH_SOCK" > "$dir/agent"
            [ -n "$FAKE_SSH_STDERR" ] && printf '%b' "$FAKE_SSH_STDERR" >&2
            [ -n "$FAKE_SSH_EXIT" ] && exit "$FAKE_SSH_EXIT"
            if [ -n "$FAKE_SSH_SLEEP" ]; then
              # like ssh, which ends what it started (a ProxyCommand) when it is told to end
              trap 'kill "$sleeper" 2>/dev/null; exit 143' TERM
              sleep "$FAKE_SSH_SLEEP" & sleeper=$!
              wait "$sleeper"
              trap - TERM
            fi
            cr=$(printf '\\r')
            path=""
            while IFS= read -r line; do
              line=${line%"$cr"}
              case $line in
                "GET "*) path=${line#GET }; path=${path%% *} ;;
                "") case $path in
                      /_ping) cat "$dir/ping.http" ;;
                      /containers/json*) cat "$dir/list.http" ;;
                      /containers/*/json) cat "$dir/inspect.http" ;;
                    esac ;;
              esac
            done
            """;

    private final Path directory;

    private FakeSsh(Path directory) {
        this.directory = directory;
    }

    /** Write the script and its replies into {@code directory}. */
    public static FakeSsh in(Path directory, String listJson, String inspectJson) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("ssh.sh"), SCRIPT);
        Files.writeString(directory.resolve("ping.http"), reply("OK", "text/plain; charset=utf-8"));
        Files.writeString(directory.resolve("list.http"), reply(listJson, "application/json"));
        Files.writeString(directory.resolve("inspect.http"), reply(inspectJson, "application/json"));
        return new FakeSsh(directory);
    }

    private static String reply(String body, String type) {
        return "HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\nContent-Type: " + type + "\r\nServer: Docker/20.10.24"
                + " (fake)\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    /** Return the value of setting {@code docker.ssh-command} that runs this script. */
    public String command() {
        return "/bin/sh," + directory.resolve("ssh.sh");
    }

    /** Return the script's path. */
    public Path script() {
        return directory.resolve("ssh.sh");
    }

    /** Return the arguments the script was last started with. */
    public List<String> arguments() throws IOException {
        return Files.readAllLines(directory.resolve("args"));
    }

    /** Return how many times the script was started. */
    public int starts() throws IOException {
        Path starts = directory.resolve("starts");
        return Files.exists(starts) ? Files.readAllLines(starts).size() : 0;
    }

    /** Return the SSH_AUTH_SOCK the script last saw. */
    public String agent() throws IOException {
        return Files.readString(directory.resolve("agent"));
    }
}
