package dev.backendconfig.cli.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive's training run in this JVM: every command it runs answers (found, from the stand-in engine, the env
 * variable or the staging file it gives itself), whatever the directory's name, and it leaves nothing behind. That it
 * reads nothing of its caller's is proven on the runnable jar, with a caller's environment planted (DistributionIT).
 */
class TrainingTest {

    @TempDir
    Path temp;

    @Test
    void everyCommandOfTheTrainingAnswersAndItsDirectoryIsRemoved() throws Exception {
        Path directory = Files.createDirectory(temp.resolve("training"));

        List<String> failed = Training.run(directory);

        assertThat(failed).isEmpty();
        assertThat(directory).doesNotExist();
        assertThat(temp).isEmptyDirectory();
    }

    @Test
    void aDirectoryWhoseNameHoldsAQuoteABackslashAndATabStillTrains() throws Exception {
        // the stand-in's list names the checkout in its compose labels: JSON-escaped, or the list is refused
        Path directory = Files.createDirectory(temp.resolve("a\"b\\c\td"));

        assertThat(Training.run(directory)).isEmpty();
        assertThat(directory).doesNotExist();
    }

    @Test
    void theStandInEscapesWhatJsonStringsCannotHold() {
        assertThat(StandInEngine.json("/tmp/a\"b\\c\td\u0001e\u001ff")).isEqualTo(
                "/tmp/a\\\"b\\\\c\\u0009d\\u0001e\\u001ff");
        assertThat(StandInEngine.json("/tmp/plain ü")).isEqualTo("/tmp/plain ü");
    }
}
