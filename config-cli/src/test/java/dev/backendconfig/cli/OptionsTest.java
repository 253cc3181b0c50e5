package dev.backendconfig.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line parsed on its own: which command it names, what each option keeps, and what it refuses. */
class OptionsTest {

    @TempDir
    Path directory;

    private Options parse(String... arguments) throws UsageException {
        return Options.parse(List.of(arguments), directory);
    }

    @Test
    void theCommandIsAWordWhereNoOptionsValueStands() {
        assertThat(Options.commandOf(List.of("--dir", "wait"))).isEqualTo(Options.Command.EXPLAIN);
        assertThat(Options.commandOf(List.of("--dir=e2e", "wait"))).isEqualTo(Options.Command.WAIT);
        assertThat(Options.commandOf(List.of("--export", "wait"))).isEqualTo(Options.Command.WAIT);
        assertThat(Options.commandOf(List.of("--timeout", "5s", "wait"))).isEqualTo(Options.Command.WAIT);
    }

    @Test
    void waitKeepsTheServicesAndThePathGiven() throws UsageException {
        Options options = parse("wait", "--service", "auth", "--service=backend", "--path", "/health");
        assertThat(options.waitFor()).containsExactly("auth", "backend");
        assertThat(options.path()).isEqualTo("/health");
    }

    @Test
    void aServiceNameMayHaveSixtyThreeCharactersNotMore() throws UsageException {
        String longest = "a".repeat(63);
        assertThat(parse("wait", "--service", longest).waitFor()).containsExactly(longest);
        assertThatThrownBy(() -> parse("wait", "--service", longest + "a")).isInstanceOf(UsageException.class)
                .hasMessage("--service expects a service name such as backend or auth (lower-case letters and digits,"
                        + " words joined by '-'), got a value that is not one (not shown: it may hold a secret)");
    }

    @Test
    void aDirectoryThatIsAFileIsRefusedSayingSo() throws IOException {
        Files.writeString(directory.resolve("notes.txt"), "x");
        assertThatThrownBy(() -> parse("--dir", "notes.txt")).isInstanceOf(UsageException.class)
                .hasMessage("--dir notes.txt: " + directory.resolve("notes.txt") + " is not a directory");
    }

    @Test
    void theClasspathKeepsTheEntriesThatExistAndTheJarsOfAWildcardInOrder() throws IOException, UsageException {
        Path classes = Files.createDirectories(directory.resolve("target/test-classes"));
        Path lib = Files.createDirectories(directory.resolve("lib"));
        Files.writeString(lib.resolve("b.jar"), "");
        Files.writeString(lib.resolve("A.JAR"), "");
        Files.writeString(lib.resolve("notes.txt"), "");
        String value = String.join(File.pathSeparator, "target/test-classes", "", "target/classes",
                "lib" + File.separator + "*");
        assertThat(parse("--classpath", value).classpath()).containsExactly(classes, lib.resolve("A.JAR"),
                lib.resolve("b.jar"));
    }

    @Test
    void aWildcardAloneStandsForTheJarsOfTheWorkingDirectory() throws IOException, UsageException {
        Files.writeString(directory.resolve("app.jar"), "");
        assertThat(parse("--classpath=*").classpath()).containsExactly(directory.resolve("app.jar"));
    }

    @Test
    void aClasspathWithoutEntriesOrWithNoneThatExistsIsRefused() {
        assertThatThrownBy(() -> parse("--classpath=" + File.pathSeparator)).isInstanceOf(UsageException.class)
                .hasMessage("--classpath needs at least one entry, separated by '" + File.pathSeparator + "'");
        assertThatThrownBy(() -> parse("--classpath", "target/classes")).isInstanceOf(UsageException.class)
                .hasMessage("--classpath 'target/classes': none of its entries exists under " + directory
                        + " (build the project first, for example with mvn test-compile)");
        assertThatThrownBy(() -> parse("--classpath", "https://e2e:s3cr3t@repo.example.test/x.jar"))
                .isInstanceOf(UsageException.class).hasMessage("--classpath (not shown: it looks like a URL, which"
                        + " may hold a password): none of its entries exists under " + directory + " (build the"
                        + " project first, for example with mvn test-compile)");
    }
}
