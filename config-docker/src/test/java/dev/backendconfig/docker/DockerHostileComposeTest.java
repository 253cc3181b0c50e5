package dev.backendconfig.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.testsupport.Leftovers;
import dev.backendconfig.testsupport.SpecialFiles;
import dev.backendconfig.testsupport.TricklingServer;
import dev.backendconfig.toolkit.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Provider docker with the engine out of reach, predicting from compose files and .env files built to hurt. */
class DockerHostileComposeTest {

    private static final Duration DOES_NOT_HANG = Duration.ofSeconds(20);

    @TempDir
    Path repository;

    private String unreachable;

    @BeforeEach
    void repositoryWithoutEngine() throws IOException {
        Files.createDirectory(repository.resolve(".git"));
        unreachable = "unix://" + repository.resolve("no-engine.sock");
    }

    private ProviderResult resolve(Map<String, String> environment, Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(settings);
        all.putIfAbsent("docker.host", unreachable);
        return assertTimeoutPreemptively(DOES_NOT_HANG, () -> new DockerEndpointProvider().resolve(
                ResolutionContext.builder().workingDirectory(repository).environment(environment).settings(all)
                        .build()));
    }

    @Test
    void aComposeFileNamedBySettingOrComposeFileThatIsANamedPipeIsInvalidNotABlockedThread() throws IOException {
        Path fifo = SpecialFiles.fifo(repository.resolve("docker/compose.yaml"));
        assertThatThrownBy(() -> resolve(Map.of(), Map.of("docker.compose-file", "docker/compose.yaml")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(fifo + ": is a named pipe (FIFO), not a regular file");
        assertThatThrownBy(() -> resolve(Map.of("COMPOSE_FILE", "docker/compose.yaml"), Map.of()))
                .hasMessageStartingWith(fifo + ": is a named pipe (FIFO), not a regular file");
    }

    @Test
    void aComposeFileFoundUpwardsThatIsANamedPipeIsInvalidToo() throws IOException {
        Path fifo = SpecialFiles.fifo(repository.resolve("compose.yaml"));
        assertThatThrownBy(() -> resolve(Map.of(), Map.of()))
                .hasMessageStartingWith(fifo + ": is a named pipe (FIFO), not a regular file");
    }

    @Test
    void theProbeOfAPredictionEndsWithTheBudgetHoweverSlowlyThePortAnswers() throws IOException {
        Leftovers leftovers;
        ProviderResult result;
        try (TricklingServer server = TricklingServer.httpHead(Duration.ofMillis(50))) {
            Files.writeString(repository.resolve("compose.yaml"), "services:\n  api:\n    ports: [\"127.0.0.1:"
                    + server.port() + ":8000\"]\n");
            leftovers = Leftovers.snapshot(repository);
            result = resolve(Map.of(), Map.of("probe", "http", "probe.timeout", "1h", "timeout", "800ms"));
            assertThat(server.accepted()).isEqualTo(1);
        }
        assertThat(result).isInstanceOf(ProviderResult.Unavailable.class);
        assertThat(result.reason()).matches(".*, but the protocol is not spoken there: http GET"
                + " http://127.0.0.1:[0-9]+/: no answer within [0-9]{3} ms");
        assertThat(leftovers.newDescriptors()).as("sockets left open").isEmpty();
    }

    @Test
    void notesAboutTheEnvFileBesideTheComposeFileReachTheResultWithFileAndLineNeverTheValue() throws IOException {
        Files.writeString(repository.resolve("compose.yaml"), "services:\n  api:\n    ports: [\"${PORT:-8002}:8000\"]\n");
        Path env = Files.writeString(repository.resolve(".env"), "DB_PASSWORD=Tr0ub4dor #3\nTOKEN=pa$word\n");
        ProviderResult result = resolve(Map.of(), Map.of("probe", "none"));
        assertThat(result.notes()).contains(
                env + ":1: the value of DB_PASSWORD stops at ' #', which starts a comment: the rest of the line is not"
                        + " part of it (quote the value if the '#' is)",
                env + ":2: the value of TOKEN refers to a variable that is not set, which became empty text (set it,"
                        + " write $$ for a literal $, or single-quote the value)");
        assertThat(String.join("\n", result.notes())).doesNotContain("Tr0ub4dor", "word");
    }
}
