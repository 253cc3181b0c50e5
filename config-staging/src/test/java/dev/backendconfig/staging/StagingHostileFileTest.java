package dev.backendconfig.staging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.testsupport.SpecialFiles;
import dev.backendconfig.toolkit.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Staging files that are not files, or built to hurt: refused at once, or read in linear time with honest notes. */
class StagingHostileFileTest {

    private static final Duration DOES_NOT_HANG = Duration.ofSeconds(30);
    private static final String BASE = "STAGING_BASE_URL=https://backend-staging.example.test\n";

    @TempDir
    Path repository;

    @BeforeEach
    void makeARepository() throws IOException {
        Files.createDirectory(repository.resolve(".git"));
    }

    private ProviderResult resolve(Map<String, String> settings) {
        return assertTimeoutPreemptively(DOES_NOT_HANG, () -> new StagingEndpointProvider().resolve(
                ResolutionContext.builder().workingDirectory(repository).settings(settings).build()));
    }

    @Test
    void aStagingFileThatIsANamedPipeIsInvalidInsteadOfBlockingForever() throws IOException {
        Path fifo = SpecialFiles.fifo(repository.resolve(".env.staging.e2e"));
        assertThatThrownBy(() -> resolve(Map.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(fifo + ": is a named pipe (FIFO), not a regular file; expected a dotenv file of NAME=value"
                        + " lines (a named pipe could block and a device never end, so only regular files are read)");
    }

    @Test
    void aNamedStagingFileThatIsADeviceOrLinksToOneIsInvalidInsteadOfFillingTheHeap() throws IOException {
        assertThatThrownBy(() -> resolve(Map.of("staging.env-file", "/dev/zero")))
                .hasMessageStartingWith("/dev/zero: is a character device, not a regular file");
        Path link = SpecialFiles.link(repository.resolve("staging.env"), Path.of("/dev/zero"));
        assertThatThrownBy(() -> resolve(Map.of("staging.env-file", "staging.env")))
                .hasMessageStartingWith(link + ": is a character device, not a regular file");
    }

    @Test
    void aHundredThousandDuplicateNamesGiveOneNote() throws IOException {
        Files.writeString(repository.resolve(".env.staging.e2e"), BASE + "PWD=x\n".repeat(100_000));
        ProviderResult result = resolve(Map.of());
        assertThat(result).isInstanceOf(ProviderResult.Found.class);
        assertThat(result.notes()).containsExactly("PWD is defined 100000 times (lines 2, 3, 4, ... 100001); line"
                + " 100001 wins");
    }

    @Test
    void changesTheDialectMadeToAValueAreNotedWithFileAndLineNeverTheValue() throws IOException {
        Path file = Files.writeString(repository.resolve(".env.staging.e2e"), BASE
                + "TEST_USER_PASSWORD=Tr0ub4dor #3\nSTAGING_AUTH_TOKEN=pa$word\n");
        ProviderResult result = resolve(Map.of());
        assertThat(result.notes()).containsExactly(
                file + ":2: the value of TEST_USER_PASSWORD stops at ' #', which starts a comment: the rest of the line"
                        + " is not part of it (quote the value if the '#' is)",
                file + ":3: the value of STAGING_AUTH_TOKEN refers to a variable that is not set, which became empty"
                        + " text (set it, write $$ for a literal $, or single-quote the value)");
        assertThat(String.join("\n", result.notes())).doesNotContain("Tr0ub4dor", "word");
    }

    @Test
    void aValueNestedTwoThousandDeepIsInvalidWithFileAndLine() throws IOException {
        Path file = Files.writeString(repository.resolve(".env.staging.e2e"), BASE + "STAGING_AUTH_URL="
                + "${A:-".repeat(2000) + "x" + "}".repeat(2000) + "\n");
        assertThatThrownBy(() -> resolve(Map.of())).hasMessage(file + ":2: '${' nests more than 20 levels deep (at"
                + " character 1 of the value; not configurable: defaults of defaults are never that deep)");
    }

    @Test
    void aFileOfThousandsOfOtherNamesIsDescribedInOneShortReason() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            text.append("NAME_").append(i).append("=x\n");
        }
        Path file = Files.writeString(repository.resolve(".env.staging.e2e"), text);
        ProviderResult result = resolve(Map.of());
        assertThat(result).isInstanceOf(ProviderResult.Unavailable.class);
        assertThat(result.reason()).startsWith(file + " sets none of STAGING_BASE_URL, STAGING_BACKEND_URL,"
                + " BACKEND_STAGING_URL, STAGING_WEBSOCKET_URL; it sets NAME_0, NAME_1, ")
                .endsWith(", NAME_19 and 4980 more");
    }
}
