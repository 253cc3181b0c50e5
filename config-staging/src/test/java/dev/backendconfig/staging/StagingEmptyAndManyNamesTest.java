package dev.backendconfig.staging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backendconfig.api.ServiceEndpoint;
import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.ResolutionContext;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An empty value counts as unset; a file of many names is described with the first twenty. */
class StagingEmptyAndManyNamesTest {

    private static final String LOOKED_FOR = "STAGING_BASE_URL, STAGING_BACKEND_URL, BACKEND_STAGING_URL,"
            + " STAGING_WEBSOCKET_URL";

    @TempDir
    Path repository;

    private final StagingEndpointProvider provider = new StagingEndpointProvider();

    @BeforeEach
    void makeARepository() throws IOException {
        Files.createDirectory(repository.resolve(".git"));
    }

    private Path write(String text) throws IOException {
        return Files.writeString(repository.resolve(".env.staging.e2e"), text);
    }

    private ProviderResult resolve() {
        return provider.resolve(ResolutionContext.builder().workingDirectory(repository).environment(Map.of())
                .settings(Map.of()).build());
    }

    @Test
    void anEmptyBaseUrlIsUnsetAndTheNextNameIsTaken() throws IOException {
        write("STAGING_BASE_URL=\nSTAGING_BACKEND_URL=https://backend.example.test\n");
        ProviderResult result = resolve();
        assertThat(result).isInstanceOf(ProviderResult.Found.class);
        ServiceEndpoint endpoint = ((ProviderResult.Found) result).endpoint();
        assertThat(endpoint.http()).isEqualTo(URI.create("https://backend.example.test"));
    }

    @Test
    void aFileWhoseOnlyBaseUrlIsBlankIsUnavailable() throws IOException {
        Path file = write("STAGING_BASE_URL=   \n");
        assertThat(resolve()).isEqualTo(ProviderResult.unavailable(file + " sets none of " + LOOKED_FOR
                + "; it sets STAGING_BASE_URL"));
    }

    @Test
    void aMisspeltBackendVariableIsOfferedTheVariableNeverAServiceOfThatName() throws IOException {
        Path file = write("STAGING_BAKEND_URL=https://backend.example.test\n");
        assertThat(resolve()).isEqualTo(ProviderResult.unavailable(file + " sets none of " + LOOKED_FOR
                + "; it sets STAGING_BAKEND_URL; STAGING_BAKEND_URL (did you mean STAGING_BACKEND_URL?)"));
    }

    @Test
    void aMisspeltBackendWebSocketVariableOfASettingIsOfferedTheVariableNeverAService() throws IOException {
        Path file = write("STAGING_BAKEND_WS_URL=wss://backend.example.test\n");
        ProviderResult result = provider.resolve(ResolutionContext.builder().workingDirectory(repository)
                .environment(Map.of()).settings(Map.of("staging.url-variables", "STAGING_BASE_URL",
                        "staging.websocket-variables", "STAGING_BACKEND_WS_URL")).build());
        assertThat(result).isEqualTo(ProviderResult.unavailable(file + " sets none of STAGING_BASE_URL,"
                + " STAGING_BACKEND_WS_URL; it sets STAGING_BAKEND_WS_URL; STAGING_BAKEND_WS_URL (did you mean"
                + " STAGING_BACKEND_WS_URL?)"));
    }

    private static String names(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> "NAME_" + i).collect(Collectors.joining(", "));
    }

    private static String file(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> "NAME_" + i + "=x\n").collect(Collectors.joining());
    }

    @Test
    void twentyNamesAreListedAndMoreAreCounted() throws IOException {
        Path file = write(file(20));
        assertThat(resolve().reason()).isEqualTo(file + " sets none of " + LOOKED_FOR + "; it sets " + names(1, 20));
        write(file(21));
        assertThat(resolve().reason()).isEqualTo(file + " sets none of " + LOOKED_FOR + "; it sets " + names(1, 20)
                + " and 1 more");
    }

    @Test
    void atMostTwentyTyposAreSuggested() throws IOException {
        String typos = "ABCDEFGHIJKMNOPQRSTUV".chars().mapToObj(c -> "STAGING_BASE_UR" + (char) c + "=x\n")
                .collect(Collectors.joining());
        Path file = write(typos);
        String reason = resolve().reason();
        assertThat(reason).startsWith(file + " sets none of " + LOOKED_FOR + "; it sets STAGING_BASE_URA, ");
        assertThat(reason.split("did you mean").length - 1).isEqualTo(20);
        assertThat(reason).contains("; STAGING_BASE_URA (did you mean STAGING_BASE_URL?)")
                .doesNotContain("STAGING_BASE_URV (did you mean");
    }
}
