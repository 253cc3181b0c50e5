package dev.backendconfig.staging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.backendconfig.api.Resolution;
import dev.backendconfig.api.ServiceResolver;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.testkit.RecordingLogs;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TEST_USER_PASSWORD never appears in any exception, report line, log line or toString(). */
class StagingSecretsTest {

    private static final String PASSWORD = "not-for-logs";

    @TempDir
    Path repository;

    @BeforeEach
    void setUp() throws IOException {
        Files.createDirectory(repository.resolve(".git"));
        RecordingLogs.clear();
    }

    private ResolutionContext context() {
        return ResolutionContext.builder().workingDirectory(repository).build();
    }

    private static String stackTrace(Throwable thrown) {
        StringWriter text = new StringWriter();
        thrown.printStackTrace(new PrintWriter(text));
        return text.toString();
    }

    @Test
    void aFoundStagingEndpointShowsThePasswordNowhere() throws IOException {
        Files.writeString(repository.resolve(".env.staging.e2e"), StagingEndpointProviderTest.EXAMPLE);
        Resolution resolution = ServiceResolver.of(List.of(new StagingEndpointProvider())).resolve(context());
        assertThat(resolution.endpoint().detail("TEST_USER_PASSWORD")).contains(PASSWORD);
        assertThat(List.of(resolution.endpoint().toString(), resolution.report().render(), resolution.toString(),
                resolution.endpoint().maskedDetails().toString(), RecordingLogs.text()))
                .noneMatch(text -> text.contains(PASSWORD));
        assertThat(RecordingLogs.text()).contains("DEBUG").contains("backend resolution:");
    }

    @Test
    void aBrokenStagingFileShowsThePasswordNowhere() throws IOException {
        Files.writeString(repository.resolve(".env.staging.e2e"), "TEST_USER_PASSWORD=" + PASSWORD
                + "\nSTAGING_BASE_URL=https://${HOST:?" + "HOST must be set}\n");
        Throwable thrown = catchThrowable(() -> ServiceResolver.of(List.of(new StagingEndpointProvider())).resolve(context()));
        assertThat(thrown).hasMessageContaining("HOST must be set");
        assertThat(List.of(thrown.getMessage(), thrown.toString(), stackTrace(thrown), RecordingLogs.text()))
                .noneMatch(text -> text.contains(PASSWORD));
    }

    @Test
    void aPasswordInTheStagingUrlIsMaskedToo() throws IOException {
        Files.writeString(repository.resolve(".env.staging.e2e"), "STAGING_BASE_URL=https://e2e:" + PASSWORD
                + "@backend-staging.example.test\n");
        Resolution resolution = ServiceResolver.of(List.of(new StagingEndpointProvider())).resolve(context());
        assertThat(List.of(resolution.endpoint().toString(), resolution.report().render(), RecordingLogs.text()))
                .noneMatch(text -> text.contains(PASSWORD));
        assertThat(resolution.report().render()).contains("https://***@backend-staging.example.test");
    }
}
