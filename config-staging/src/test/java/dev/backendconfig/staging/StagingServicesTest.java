package dev.backendconfig.staging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backendconfig.api.InvalidConfigurationException;
import dev.backendconfig.api.Resolution;
import dev.backendconfig.api.ServiceEndpoint;
import dev.backendconfig.api.ServiceResolver;
import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.toolkit.Origin;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Provider staging with services declared beside the backend: each from STAGING_<NAME>_URL of the same file. */
class StagingServicesTest {

    private static final String FILE = """
            STAGING_BASE_URL=https://backend-staging.example.test
            STAGING_WEBSOCKET_URL=wss://backend-staging.example.test/ws
            STAGING_AUTH_URL=https://auth-staging.example.test
            STAGING_FRONTEND_URL=https://app-staging.example.test
            TEST_USER_PASSWORD=not-for-logs
            """;

    @TempDir
    Path repository;

    private Path file;

    @BeforeEach
    void writeTheStagingFile() throws IOException {
        Files.createDirectory(repository.resolve(".git"));
        file = Files.writeString(repository.resolve(".env.staging.e2e"), FILE);
    }

    private ProviderResult resolve(Map<String, String> settings) {
        return new StagingEndpointProvider().resolve(ResolutionContext.builder().workingDirectory(repository)
                .settings(settings).build());
    }

    @Test
    void allThreeServicesComeFromTheStagingFile() {
        ProviderResult.Found found = (ProviderResult.Found) resolve(Map.of("services", "auth,frontend"));
        assertThat(found.endpoints()).containsOnlyKeys("backend", "auth", "frontend");
        ServiceEndpoint auth = found.endpoints().get("auth");
        assertThat(auth.http()).isEqualTo(URI.create("https://auth-staging.example.test"));
        assertThat(auth.webSocket()).isEqualTo(URI.create("wss://auth-staging.example.test"));
        assertThat(auth.origins()).containsEntry(ServiceEndpoint.HTTP, Origin.file(file.toString(), 3));
        assertThat(found.endpoints().get("frontend").http()).isEqualTo(URI.create("https://app-staging.example.test"));
        assertThat(found.serviceReasons()).containsEntry("backend", "from STAGING_BASE_URL")
                .containsEntry("auth", "from STAGING_AUTH_URL");
        assertThat(found.reason()).isEqualTo("shared staging deployment from " + file);
    }

    @Test
    void theBackendKeepsTheFileAsDetailsAndTheAuthUrlDetailStillWorks() {
        ProviderResult.Found found = (ProviderResult.Found) resolve(Map.of("services", "auth"));
        ServiceEndpoint backend = found.endpoint();
        assertThat(backend.detail("auth-url")).contains("https://auth-staging.example.test");
        assertThat(backend.maskedDetails()).as("flagged secret").containsEntry("TEST_USER_PASSWORD", "***");
        assertThat(found.endpoints().get("auth").details()).containsOnlyKeys("env-file");
    }

    @Test
    void aRequiredServiceTheFileDoesNotNameIsPartialSayingWhatItLooksFor() {
        ProviderResult result = resolve(Map.of("services", "auth,payments"));
        ProviderResult.Found partial = (ProviderResult.Found) result;
        assertThat(partial.endpoints()).containsOnlyKeys("backend", "auth");
        assertThat(partial.missing().get("payments")).isEqualTo(file + " sets none of STAGING_PAYMENTS_URL,"
                + " STAGING_PAYMENTS_WEBSOCKET_URL; it sets STAGING_BASE_URL, STAGING_WEBSOCKET_URL, STAGING_AUTH_URL,"
                + " STAGING_FRONTEND_URL, TEST_USER_PASSWORD");
    }

    @Test
    void aServiceReadsTheVariablesItsSettingNames() {
        ProviderResult.Found found = (ProviderResult.Found) resolve(Map.of("services", "web",
                "services.web.staging.url-variables", "STAGING_FRONTEND_URL"));
        assertThat(found.endpoints().get("web").http()).isEqualTo(URI.create("https://app-staging.example.test"));
    }

    @Test
    void aMisspeltVariableInTheFileGetsADidYouMean() throws IOException {
        Files.writeString(file, "STAGING_BASE_ULR=https://backend-staging.example.test\nENVIRONMENT=staging\n");
        ProviderResult result = resolve(Map.of());
        assertThat(result).isInstanceOf(ProviderResult.Unavailable.class);
        assertThat(result.reason()).isEqualTo(file + " sets none of STAGING_BASE_URL, STAGING_BACKEND_URL,"
                + " BACKEND_STAGING_URL, STAGING_WEBSOCKET_URL; it sets STAGING_BASE_ULR, ENVIRONMENT; STAGING_BASE_ULR"
                + " (did you mean STAGING_BASE_URL?)");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
            "base, STAGING_BASE_URL, 'STAGING_BASE_URL, STAGING_BACKEND_URL, BACKEND_STAGING_URL, STAGING_WEBSOCKET_URL and STAGING_API_URL', backend",
            "api, STAGING_API_URL, 'STAGING_BASE_URL, STAGING_BACKEND_URL, BACKEND_STAGING_URL, STAGING_WEBSOCKET_URL and STAGING_API_URL', backend",
            "websocket, STAGING_WEBSOCKET_URL, 'STAGING_BASE_URL, STAGING_BACKEND_URL, BACKEND_STAGING_URL, STAGING_WEBSOCKET_URL and STAGING_API_URL', backend"})
    void aServiceThatWouldReadTheBackendsOwnVariableIsRefusedBeforeTheFileIsRead(String service, String variable,
            String backendNames, String other) throws IOException {
        Files.writeString(file, FILE + "STAGING_API_URL=https://api.example.test/?token=pl4nted-s3cret\n");
        assertThatThrownBy(() -> ServiceResolver.of(List.of(new StagingEndpointProvider())).resolve(
                ResolutionContext.builder().workingDirectory(repository).systemProperties(Map.of(
                        "backendconfig.services", service)).build()))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("system property backendconfig.services: setting services: service " + service
                        + " would share variable " + variable + " with service " + other + " (provider staging reads")
                .hasMessageContaining(", and " + backendNames + " for service backend); give service " + service
                        + " another name")
                .hasMessageNotContaining("pl4nted-s3cret").hasMessageNotContaining("example.test");
    }

    @Test
    void servicesWhoseNamesOnlyLookLikeTheBackendsVariablesAreAccepted() {
        Resolution resolution = ServiceResolver.of(List.of(new StagingEndpointProvider())).resolve(ResolutionContext
                .builder().workingDirectory(repository).systemProperties(Map.of("backendconfig.services",
                        "auth,bases,apis", "backendconfig.services.bases.required", "false",
                        "backendconfig.services.apis.required", "false")).build());
        assertThat(resolution.service("auth").http()).isEqualTo(URI.create("https://auth-staging.example.test"));
    }

    /** The file's STAGING_FRONTEND_URL is right; the declared name is the typo: never advise renaming the variable alone. */
    @Test
    void aVariableForAMisspeltServiceNameOffersTheServiceNameFirst() {
        ProviderResult.Found partial = (ProviderResult.Found) resolve(Map.of("services", "fronted"));
        assertThat(partial.missing().get("fronted")).endsWith("; STAGING_FRONTEND_URL (did you mean service frontend?"
                + " setting services declares fronted; or else the variable STAGING_FRONTED_URL)")
                .doesNotContain("STAGING_FRONTEND_URL (did you mean STAGING_FRONTED_URL?)");
    }
}
