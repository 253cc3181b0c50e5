package dev.backendconfig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The command lines of {@code up} and {@code down} that are wrong: each exits 64 with one line naming the command and
 * what is wrong, before any engine or file is touched, and never quotes what may be a secret. ({@code UpDownIT} runs
 * the commands themselves against a real engine.)
 */
class StackCommandArgumentsTest {

    @TempDir
    Path directory;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... arguments) {
        return new Explain(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true,
                StandardCharsets.UTF_8), Map.of(), Map.of("user.dir", directory.toString(), "java.io.tmpdir",
                        directory.toString())).run(List.of(arguments));
    }

    private static final String USAGE = "; usage: backend-config up [--dir DIR] [--set key=value]... [--hold=DURATION],"
            + " backend-config down [--dir DIR]";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "up --format=json | up: unknown argument --format" + USAGE,
        "down --set a=b | down: unknown argument --set" + USAGE,
        "down --hold=1m | down: unknown argument --hold" + USAGE,
        "up http://e2e:s3cr3t@host | up: unknown argument (not shown: it may hold a secret)" + USAGE,
        "up --hold | up: --hold needs a value",
        "up --set novalue | up: --set expects key=value",
        "up --set =value | up: --set expects key=value",
    })
    void aWrongArgumentExitsSixtyFourWithOneLine(String arguments, String message) {
        assertThat(run(arguments.split(" "))).isEqualTo(Explain.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo(message + "\n");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void aHoldThatIsNoDurationIsAWrongArgument() {
        assertThat(run("up", "--hold=soon")).isEqualTo(Explain.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("up: --hold: setting hold expects a duration such as 500ms, 2s"
                + " or 1m, at most 24h, got a value that is not a duration\n");
    }

    @Test
    void aDirectoryThatDoesNotExistIsAWrongArgumentNamingIt() {
        assertThat(run("down", "--dir", "missing")).isEqualTo(Explain.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("down: --dir " + directory.resolve("missing")
                + " is not a directory\n");
    }
}
