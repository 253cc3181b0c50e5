package dev.backendconfig.staging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backendconfig.api.ServiceEndpoint;
import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.toolkit.Origin;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A variable of the real environment that moves one of a service's URLs to another deployment while the other URL
 * still comes from the staging file: refused (BCFG04002), never HTTP to one deployment and WebSocket to another.
 */
class StagingOneDeploymentTest {

    private static final String FILE = """
            STAGING_BASE_URL=https://backend-staging.example.test
            STAGING_WEBSOCKET_URL=wss://backend-staging.example.test/ws
            STAGING_AUTH_URL=https://auth-staging.example.test
            STAGING_AUTH_WEBSOCKET_URL=wss://auth-staging.example.test/live
            """;

    @TempDir
    Path repository;

    private Path file;

    @BeforeEach
    void writeTheStagingFile() throws IOException {
        Files.createDirectory(repository.resolve(".git"));
        file = Files.writeString(repository.resolve(".env.staging.e2e"), FILE);
    }

    private ProviderResult resolve(Map<String, String> environment, Map<String, String> settings) {
        return new StagingEndpointProvider().resolve(ResolutionContext.builder().workingDirectory(repository)
                .environment(environment).settings(settings).build());
    }

    private ServiceEndpoint backend(Map<String, String> environment) {
        return ((ProviderResult.Found) resolve(environment, Map.of())).endpoint();
    }

    @Test
    void anHttpUrlMovedToAnotherDeploymentWhileTheWebSocketStaysInTheFileIsRefusedSayingWhatToSet() {
        assertThatThrownBy(() -> resolve(Map.of("STAGING_BASE_URL", "https://pr-7.example.test"), Map.of()))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.code()).isEqualTo("BCFG04002");
                    assertThat(e.origin()).isEqualTo(Origin.variable("STAGING_BASE_URL"));
                })
                .hasMessage("variable STAGING_BASE_URL: from the environment, https://pr-7.example.test replaces the"
                        + " staging file's STAGING_BASE_URL=https://backend-staging.example.test (" + file + ":1), but the"
                        + " WebSocket URL still comes from the file:"
                        + " STAGING_WEBSOCKET_URL=wss://backend-staging.example.test/ws (" + file + ":2), on another"
                        + " deployment (backend-staging.example.test:443, not pr-7.example.test:443). Set"
                        + " STAGING_WEBSOCKET_URL in the environment too, or remove STAGING_WEBSOCKET_URL from the file"
                        + " to derive the WebSocket URL from the HTTP URL");
    }

    @Test
    void aWebSocketUrlSetInTheEnvironmentIsTheUsersChoiceOfWhereTheWebSocketLives() {
        ServiceEndpoint endpoint = backend(Map.of("STAGING_WEBSOCKET_URL", "wss://realtime.example.test/ws"));
        assertThat(endpoint.http()).isEqualTo(URI.create("https://backend-staging.example.test"));
        assertThat(endpoint.webSocket()).isEqualTo(URI.create("wss://realtime.example.test/ws"));
    }

    @Test
    void anotherServiceMovedAloneIsRefusedNamingTheService() {
        assertThatThrownBy(() -> resolve(Map.of("STAGING_AUTH_URL", "https://auth-pr-7.example.test"),
                Map.of("services", "auth")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("replaces the staging file's STAGING_AUTH_URL=https://auth-staging.example.test ("
                        + file + ":3) for service auth, but the WebSocket URL still comes from the file:"
                        + " STAGING_AUTH_WEBSOCKET_URL=wss://auth-staging.example.test/live")
                .hasMessageEndingWith("Set STAGING_AUTH_WEBSOCKET_URL in the environment too, or remove"
                        + " STAGING_AUTH_WEBSOCKET_URL from the file to derive the WebSocket URL from the HTTP URL");
    }

    @Test
    void credentialsInEitherUrlNeverReachTheMessage() throws IOException {
        Files.writeString(file, """
                STAGING_BASE_URL=https://deploy:Hunter2FilePw@backend-staging.example.test
                STAGING_WEBSOCKET_URL=wss://deploy:Hunter2WsPw@backend-staging.example.test/ws
                """);
        assertThatThrownBy(() -> resolve(Map.of("STAGING_BASE_URL", "https://ci:Hunter2EnvPw@pr-7.example.test"),
                Map.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("from the environment, https://***@pr-7.example.test replaces")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("Hunter2"));
    }

    @Test
    void bothMovedTogetherAreOneDeployment() {
        ServiceEndpoint endpoint = backend(Map.of("STAGING_BASE_URL", "https://pr-7.example.test",
                "STAGING_WEBSOCKET_URL", "wss://pr-7.example.test/ws"));
        assertThat(endpoint.http()).isEqualTo(URI.create("https://pr-7.example.test"));
        assertThat(endpoint.webSocket()).isEqualTo(URI.create("wss://pr-7.example.test/ws"));
    }

    @Test
    void anHttpUrlMovedOnTheSameHostAndPortKeepsTheFilesWebSocket() {
        ServiceEndpoint endpoint = backend(Map.of("STAGING_BASE_URL", "https://BACKEND-staging.example.test:443/v2"));
        assertThat(endpoint.http()).isEqualTo(URI.create("https://BACKEND-staging.example.test:443/v2"));
        assertThat(endpoint.webSocket()).isEqualTo(URI.create("wss://backend-staging.example.test/ws"));
    }

    @Test
    void anHttpUrlMovedOntoTheWebSocketsOwnHostIsOneDeployment() throws IOException {
        Files.writeString(file, """
                STAGING_BASE_URL=https://backend-staging.example.test
                STAGING_WEBSOCKET_URL=wss://live.example.test/ws
                """);
        ServiceEndpoint endpoint = backend(Map.of("STAGING_BASE_URL", "https://live.example.test"));
        assertThat(endpoint.webSocket()).isEqualTo(URI.create("wss://live.example.test/ws"));
    }

    @Test
    void withoutAWebSocketUrlInTheFileItIsDerivedFromTheMovedHttpUrl() throws IOException {
        Files.writeString(file, "STAGING_BASE_URL=https://backend-staging.example.test\n");
        ServiceEndpoint endpoint = backend(Map.of("STAGING_BASE_URL", "https://pr-7.example.test"));
        assertThat(endpoint.webSocket()).isEqualTo(URI.create("wss://pr-7.example.test"));
    }

    @Test
    void anHttpUrlOnlyTheEnvironmentSetsIsNotAMoveWhateverTheFilesWebSocketSays() throws IOException {
        Files.writeString(file, "STAGING_WEBSOCKET_URL=wss://backend-staging.example.test/ws\n");
        ServiceEndpoint endpoint = backend(Map.of("STAGING_BASE_URL", "https://pr-7.example.test"));
        assertThat(endpoint.http()).isEqualTo(URI.create("https://pr-7.example.test"));
        assertThat(endpoint.webSocket()).isEqualTo(URI.create("wss://backend-staging.example.test/ws"));
    }
    @Test
    void aBlankHttpLineOfTheFileIsNotTheValueReplacedTheNextNameIs() throws IOException {
        Files.writeString(file, """
                STAGING_BASE_URL=
                STAGING_BACKEND_URL=https://backend-staging.example.test
                STAGING_WEBSOCKET_URL=wss://backend-staging.example.test/ws
                """);
        assertThatThrownBy(() -> resolve(Map.of("STAGING_BASE_URL", "https://pr-7.example.test"), Map.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("replaces the staging file's STAGING_BACKEND_URL=https://backend-staging.example.test"
                        + " (" + file + ":2)");
    }

    @Test
    void aServiceWithOnlyAWebSocketUrlInTheFileIsFoundAsBefore() throws IOException {
        Files.writeString(file, "STAGING_WEBSOCKET_URL=wss://backend-staging.example.test/ws\n");
        ServiceEndpoint endpoint = backend(Map.of());
        assertThat(endpoint.webSocket()).isEqualTo(URI.create("wss://backend-staging.example.test/ws"));
        assertThat(endpoint.origins()).containsEntry(ServiceEndpoint.WEBSOCKET, Origin.file(file.toString(), 1));
    }
}
