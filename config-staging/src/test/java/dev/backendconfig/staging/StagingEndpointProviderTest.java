package dev.backendconfig.staging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backendconfig.api.ServiceEndpoint;
import dev.backendconfig.api.ServiceNotFoundException;
import dev.backendconfig.api.ResolutionReport;
import dev.backendconfig.api.ServiceResolver;
import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.toolkit.Origin;
import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.testkit.RecordingLogs;
import dev.backendconfig.testsupport.FixedProvider;
import dev.backendconfig.testsupport.StagingExample;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.event.Level;

class StagingEndpointProviderTest {

    static final String EXAMPLE = StagingExample.FILE;
    @TempDir
    Path repository;

    private final StagingEndpointProvider provider = new StagingEndpointProvider();

    @BeforeEach
    void makeARepository() throws IOException {
        Files.createDirectory(repository.resolve(".git"));
        RecordingLogs.clear();
    }

    private Path write(String text) throws IOException {
        return Files.writeString(repository.resolve(".env.staging.e2e"), text);
    }

    private ProviderResult resolve(Map<String, String> environment, Map<String, String> settings) {
        return provider.resolve(ResolutionContext.builder().workingDirectory(repository).environment(environment)
                .settings(settings).build());
    }

    private ProviderResult resolve() {
        return resolve(Map.of(), Map.of());
    }

    @Test
    void mapsTheStagingFileToAnHttpsAndWssEndpointWithDetails() throws IOException {
        Path file = write(EXAMPLE);
        ProviderResult result = resolve();
        assertThat(result).isInstanceOf(ProviderResult.Found.class);
        ServiceEndpoint endpoint = ((ProviderResult.Found) result).endpoint();
        assertThat(endpoint.http()).isEqualTo(URI.create("https://backend-staging.example.test"));
        assertThat(endpoint.webSocket()).isEqualTo(URI.create("wss://backend-staging.example.test/ws"));
        assertThat(endpoint.origins()).containsEntry(ServiceEndpoint.HTTP, Origin.file(file.toString(), 2));
        assertThat(endpoint.origins()).containsEntry(ServiceEndpoint.WEBSOCKET, Origin.file(file.toString(), 4));
        assertThat(endpoint.detail("auth-url")).contains("https://auth-staging.example.test");
        assertThat(endpoint.detail("api-url")).contains("https://backend-staging.example.test/api");
        assertThat(endpoint.detail("TEST_USER_PASSWORD")).contains("not-for-logs");
        assertThat(endpoint.maskedDetails()).as("flagged secret").containsEntry("TEST_USER_PASSWORD", "***")
                .containsEntry("TEST_USER_EMAIL", "***").doesNotContainEntry("ENVIRONMENT", "***");
        assertThat(endpoint.maskedDetails()).containsKey("ENVIRONMENT");
        assertThat(result.reason()).isEqualTo("shared staging deployment from " + file + " (STAGING_BASE_URL)");
    }

    @Test
    void aVariableNamedAsASecretIsFlaggedSecretThoughItNamesNoAccountWord() throws IOException {
        write("STAGING_BASE_URL=https://backend-staging.example.test\nSTAGING_API_TOKEN=not-for-logs\n"
                + "CLIENT_SECRET=also-not\nREGION=eu\n");
        ServiceEndpoint endpoint = ((ProviderResult.Found) resolve()).endpoint();
        assertThat(endpoint.detail("STAGING_API_TOKEN")).contains("not-for-logs");
        assertThat(endpoint.maskedDetails()).containsEntry("STAGING_API_TOKEN", "***")
                .containsEntry("CLIENT_SECRET", "***").containsEntry("REGION", "eu");
    }

    @Test
    void choosingStagingLogsOneWarnLine() throws IOException {
        write(EXAMPLE);
        resolve();
        assertThat(RecordingLogs.events(Level.WARN)).singleElement().extracting(RecordingLogs.Event::message).asString()
                .isEqualTo("Tests will run against the shared staging deployment https://backend-staging.example.test"
                        + " (from " + repository.resolve(".env.staging.e2e") + "): no local backend was found. Start the"
                        + " local stack or set TEST_BACKEND_URL to test locally; staging.enabled=false turns this"
                        + " fallback off.");
    }

    @Test
    void theWarnSaysWhyTheLocalStackDidNotAnswerInTheEarlierProvidersOwnWordsNeverNoLocalBackendWasFound()
            throws IOException {
        write(EXAMPLE);
        FixedProvider env = new FixedProvider("env", 300, context -> ProviderResult.skipped("none of TEST_BACKEND_URL,"
                + " BACKEND_URL is set"));
        FixedProvider docker = new FixedProvider("docker", 200, context -> ProviderResult.unavailable("this"
                + " checkout's project holdvar is stopped (holdvar-api-1 exited (Exited (0) 3 minutes ago))")
                .withNextStep("start it: docker-compose -f compose.yaml start"));
        RecordingLogs.clear();
        ServiceResolver.of(List.of(env, docker, new StagingEndpointProvider())).resolve(ResolutionContext.builder()
                .workingDirectory(repository).build());
        assertThat(RecordingLogs.events(Level.WARN)).singleElement().extracting(RecordingLogs.Event::message).asString()
                .isEqualTo("Tests will run against the shared staging deployment https://backend-staging.example.test"
                        + " (from " + repository.resolve(".env.staging.e2e") + "): docker unavailable: this checkout's"
                        + " project holdvar is stopped (holdvar-api-1 exited (Exited (0) 3 minutes ago)). To test"
                        + " locally: start it: docker-compose -f compose.yaml start; staging.enabled=false turns this"
                        + " fallback off.");
    }

    @Test
    void theWarnQuotesEveryEarlierProviderThatTriedAndFailedPartialOnesTooAndOnlyTheNextStepsTheyGave()
            throws IOException {
        write(EXAMPLE);
        FixedProvider docker = new FixedProvider("docker", 200, context -> ProviderResult.unavailable("engine not"
                + " reachable"));
        FixedProvider compose = new FixedProvider("compose", 150, context -> ProviderResult.unavailable("stack"
                + " stopped").withNextStep("start it: docker compose start"));
        RecordingLogs.clear();
        ServiceResolver.of(List.of(docker, compose, new StagingEndpointProvider())).resolve(ResolutionContext
                .builder().workingDirectory(repository).environment(Map.of()).build());
        assertThat(RecordingLogs.events(Level.WARN)).singleElement().extracting(RecordingLogs.Event::message).asString()
                .isEqualTo("Tests will run against the shared staging deployment https://backend-staging.example.test"
                        + " (from " + repository.resolve(".env.staging.e2e") + "): docker unavailable: engine not"
                        + " reachable; compose unavailable: stack stopped. To test locally: configure docker; start it:"
                        + " docker compose start; staging.enabled=false turns this fallback off.");
    }

    @Test
    void anEarlierProviderThatGaveNoNextStepAddsNoneToTheWarn() throws IOException {
        write(EXAMPLE);
        ResolutionReport.Line silent = new ResolutionReport.Line("docker", 200, ResolutionReport.Outcome.UNAVAILABLE,
                "engine not reachable", java.time.Duration.ZERO, Map.of(), List.of(), List.of(), "");
        ResolutionReport.Line helpful = new ResolutionReport.Line("compose", 150,
                ResolutionReport.Outcome.UNAVAILABLE, "stack stopped", java.time.Duration.ZERO, Map.of(), List.of(),
                List.of(), "start it: docker compose start");
        RecordingLogs.clear();
        provider.resolve(ResolutionContext.builder().workingDirectory(repository).environment(Map.of()).build()
                .withEarlierAnswers(List.of(silent, helpful)));
        assertThat(RecordingLogs.events(Level.WARN)).singleElement().extracting(RecordingLogs.Event::message).asString()
                .endsWith(": docker unavailable: engine not reachable; compose unavailable: stack stopped. To test"
                        + " locally: start it: docker compose start; staging.enabled=false turns this fallback off.");
    }

    @Test
    void aProviderThatFoundOnlySomeServicesTriedAndFailedAsOneThatWasUnavailable() {
        ResolutionReport.Line partial = new ResolutionReport.Line("docker", 200, ResolutionReport.Outcome.PARTIAL,
                "found backend, not auth", java.time.Duration.ZERO, Map.of(), List.of(), List.of(), "");
        ResolutionReport.Line unavailable = new ResolutionReport.Line("compose", 150,
                ResolutionReport.Outcome.UNAVAILABLE, "stack stopped", java.time.Duration.ZERO, Map.of(), List.of(),
                List.of(), "");
        ResolutionReport.Line skipped = new ResolutionReport.Line("env", 300, ResolutionReport.Outcome.SKIPPED,
                "nothing set", java.time.Duration.ZERO, Map.of(), List.of(), List.of(), "");
        assertThat(StagingEndpointProvider.whyNotLocal(List.of(skipped, partial, unavailable)))
                .isEqualTo("docker partial: found backend, not auth; compose unavailable: stack stopped");
        assertThat(StagingEndpointProvider.whyNotLocal(List.of(skipped))).isEqualTo("no local backend was found (env"
                + " skipped)");
    }

    @Test
    void whenEveryEarlierProviderWasSkippedTheWarnSaysNoLocalBackendWasFoundAndNamesThem() throws IOException {
        write(EXAMPLE);
        FixedProvider env = new FixedProvider("env", 300, context -> ProviderResult.skipped("nothing set"));
        RecordingLogs.clear();
        ServiceResolver.of(List.of(env, new StagingEndpointProvider())).resolve(ResolutionContext.builder()
                .workingDirectory(repository).build());
        assertThat(RecordingLogs.events(Level.WARN)).singleElement().extracting(RecordingLogs.Event::message).asString()
                .contains("): no local backend was found (env skipped). Start the local stack");
    }

    @Test
    void derivesTheWebSocketUrlWhenTheFileHasNone() throws IOException {
        write("STAGING_BASE_URL=https://backend-staging.example.test/api\n");
        ServiceEndpoint endpoint = ((ProviderResult.Found) resolve()).endpoint();
        assertThat(endpoint.webSocket()).isEqualTo(URI.create("wss://backend-staging.example.test/api"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"STAGING_BACKEND_URL", "BACKEND_STAGING_URL"})
    void acceptsTheOtherHttpNames(String name) throws IOException {
        write(name + "=https://b.example.test\n");
        assertThat(((ProviderResult.Found) resolve()).endpoint().http()).isEqualTo(URI.create("https://b.example.test"));
    }

    @Test
    void theFirstSetNameWinsAndTheListIsASetting() throws IOException {
        write("STAGING_BACKEND_URL=https://second.example.test\nSTAGING_BASE_URL=https://first.example.test\n"
                + "MY_STAGING=https://mine.example.test\n");
        assertThat(((ProviderResult.Found) resolve()).endpoint().http()).isEqualTo(URI.create("https://first.example.test"));
        assertThat(((ProviderResult.Found) resolve(Map.of(), Map.of("staging.url-variables", "MY_STAGING")))
                .endpoint().http()).isEqualTo(URI.create("https://mine.example.test"));
    }

    @Test
    void aRealVariableWinsOverTheFileAndTheReportSaysSo() throws IOException {
        Path file = write(EXAMPLE);
        ProviderResult result = resolve(Map.of("STAGING_BASE_URL", "https://override.example.test",
                "STAGING_WEBSOCKET_URL", "wss://override.example.test/ws", "TEST_USER_PASSWORD", "from-env"), Map.of());
        ServiceEndpoint endpoint = ((ProviderResult.Found) result).endpoint();
        assertThat(endpoint.http()).isEqualTo(URI.create("https://override.example.test"));
        assertThat(endpoint.origins()).containsEntry(ServiceEndpoint.HTTP, Origin.variable("STAGING_BASE_URL"));
        assertThat(endpoint.webSocket()).isEqualTo(URI.create("wss://override.example.test/ws"));
        assertThat(endpoint.detail("TEST_USER_PASSWORD")).contains("from-env");
        assertThat(result.notes()).containsExactly(
                "STAGING_BASE_URL from the environment wins over " + file + ":2",
                "STAGING_WEBSOCKET_URL from the environment wins over " + file + ":4",
                "TEST_USER_PASSWORD from the environment wins over " + file + ":7");
    }

    @Test
    void turnedOffBySettingIsSkipped() throws IOException {
        write(EXAMPLE);
        assertThat(resolve(Map.of(), Map.of("staging.enabled", "false"))).isEqualTo(ProviderResult.skipped(
                "turned off by setting staging.enabled=false (setting staging.enabled given to"
                        + " ResolutionContext.Builder.settings)").withNextStep("nothing to do here: the fallback is"
                                + " turned off (setting staging.enabled=false, setting staging.enabled given to"
                                + " ResolutionContext.Builder.settings)"));
    }

    @Test
    void turnedOffTheNextStepsNeverAskToCreateTheStagingFile() {
        ServiceNotFoundException notFound = (ServiceNotFoundException) ServiceResolver.of(List.of(provider))
                .outcome(ResolutionContext.builder().workingDirectory(repository)
                        .settings(Map.of("staging.enabled", "false")).build());
        assertThat(notFound.nextSteps()).noneMatch(step -> step.contains(StagingEndpointProvider.FILE_NAME))
                .anyMatch(step -> step.startsWith("staging: nothing to do here: the fallback is turned off"));
    }

    @Test
    void noFileIsSkippedSayingWhereItLooked() throws IOException {
        Path module = Files.createDirectories(repository.resolve("e2e"));
        ProviderResult result = provider.resolve(ResolutionContext.builder().workingDirectory(module).build());
        assertThat(result).isEqualTo(ProviderResult.skipped("no .env.staging.e2e from " + module + " up to " + repository));
    }

    @Test
    void aFileWithoutABackendUrlIsUnavailableNamingWhatItLookedForAndFound() throws IOException {
        Path file = write("STAGING_AUTH_URL=https://auth.example.test\nTEST_USER_PASSWORD=not-for-logs\n");
        assertThat(resolve()).isEqualTo(ProviderResult.unavailable(file + " sets none of STAGING_BASE_URL,"
                + " STAGING_BACKEND_URL, BACKEND_STAGING_URL, STAGING_WEBSOCKET_URL; it sets STAGING_AUTH_URL,"
                + " TEST_USER_PASSWORD"));
    }

    @Test
    void aFileOfOnlyCommentsIsUnavailable() throws IOException {
        Path file = write("# nothing yet\n\n");
        assertThat(resolve().reason()).isEqualTo(file + " sets none of STAGING_BASE_URL, STAGING_BACKEND_URL,"
                + " BACKEND_STAGING_URL, STAGING_WEBSOCKET_URL; it sets no variables at all");
    }

    @Test
    void theFileCanBeNamedBySettingRelativeToTheWorkingDirectory() throws IOException {
        Files.createDirectories(repository.resolve("config"));
        Files.writeString(repository.resolve("config/staging.env"), "STAGING_BASE_URL=https://named.example.test\n");
        ProviderResult result = resolve(Map.of(), Map.of("staging.env-file", "config/staging.env"));
        assertThat(((ProviderResult.Found) result).endpoint().http()).isEqualTo(URI.create("https://named.example.test"));
    }

    @Test
    void aNamedFileThatDoesNotExistIsAnError() {
        assertThatThrownBy(() -> resolve(Map.of(), Map.of("staging.env-file", "config/missing.env")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("setting staging.env-file given to ResolutionContext.Builder.settings: setting staging.env-file"
                        + " names " + repository.resolve("config/missing.env") + ", which does not exist");
    }

    /** Cases write a line break as ⏎. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "STAGING_BASE_URL=not a url | 1: expected an absolute http or https URL such as http://localhost:8002, got a"
                + " value with a space at character 4 (a URL cannot contain one; encode a space as %20)",
        "STAGING_BASE_URL=ftp://x.example.test | 1: expected an absolute http or https URL such as http://localhost:8002,"
                + " got scheme 'ftp'",
        "A=1⏎STAGING_WEBSOCKET_URL=https://x.example.test/ws | 2: expected an absolute ws or wss URL such as"
                + " ws://localhost:8002/ws, got scheme 'https'",
        "TEST_USER_PASSWORD='not-for-logs | 1: the single quote opened here is never closed (the file ends first);"
                + " close it with '",
        "TEST_USER_PASSWORD=\"not-for-logs | 1: the double quote opened here is never closed (the file ends first);"
                + " close it with \"",
        "KEY | 1: expected NAME=value, got a line without '=' (the line is not shown: it may be part of a value, and"
                + " a value that spans lines must be quoted)",
        "TEST_USER_PASSWORD=first half⏎not-for-logs | 2: expected NAME=value, got a line without '=' (the line is"
                + " not shown: it may be part of a value, and a value that spans lines must be quoted)",
        "1KEY=x | 1: a name must start with a letter or '_' (the line is not shown: it may be part of a value, and a"
                + " value that spans lines must be quoted)",
        "TEST_USER_PASSWORD=x⏎4not-for-logs=y | 2: a name must start with a letter or '_' (the line is not shown: it"
                + " may be part of a value, and a value that spans lines must be quoted)",
        "KEY WITH SPACE=x | 1: expected '=' after the name, got a space: a name cannot contain spaces (the line is not"
                + " shown: it may be part of a value, and a value that spans lines must be quoted)",
        "TEST_USER_PASSWORD=x⏎not-for-logs and=more | 2: expected '=' after the name, got a space: a name cannot"
                + " contain spaces (the line is not shown: it may be part of a value, and a value that spans lines"
                + " must be quoted)",
        "STAGING_BASE_URL=${STAGING_HOST:?must be set} | 1: variable STAGING_HOST is required and must not be empty:"
                + " must be set",
        "STAGING_BASE_URL=${unclosed | 1: the '${' at character 1 of the value is never closed: expected '}' (write"
                + " ${NAME}, ${NAME:-default} or $$ for a literal $)",
        "TEST_USER_PASSWORD=not-for-logs${logs | 1: the '${' at character 13 of the value is never closed: expected"
                + " '}' (write ${NAME}, ${NAME:-default} or $$ for a literal $)",
        "TEST_USER_PASSWORD=not-for-logs⏎A=${STAGING_HOST:?set it, not $TEST_USER_PASSWORD} | 2: variable"
                + " STAGING_HOST is required and must not be empty: set it, not $TEST_USER_PASSWORD",
        "# Staging\\nSTAGING_BASE_URL=https://x\\nTEST_USER_PASSWORD=not-for-logs | 1: yields no variables: its only"
                + " line holds literal \\n sequences instead of line breaks (was it written with echo without -e?); put"
                + " each NAME=value on its own line",
    })
    void badInputIsAnErrorNamingFileAndLineNeverTheValue(String text, String message) throws IOException {
        Path file = write(text.replace("⏎", "\n"));
        assertThatThrownBy(this::resolve)
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(file + ":" + message)
                .hasMessageNotContaining("not-for-logs");
    }

    @Test
    void aDirectoryWhereTheFileShouldBeIsAnError() throws IOException {
        Path directory = Files.createDirectory(repository.resolve(".env.staging.e2e"));
        assertThatThrownBy(this::resolve).hasMessage(directory + ": is a directory; expected a dotenv file of NAME=value"
                + " lines");
    }

    @Test
    void aNonUtf8FileIsAnError() throws IOException {
        Path file = repository.resolve(".env.staging.e2e");
        Files.write(file, "TEST_USER_PASSWORD=n\u00f6t-for-logs\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(this::resolve).hasMessage(file + ":1: is not UTF-8 text (an invalid byte at offset 20); save"
                + " the file as UTF-8");
    }
}
