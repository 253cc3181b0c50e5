package com.example.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backendconfig.api.InvalidConfigurationException;
import dev.backendconfig.api.Resolution;
import dev.backendconfig.api.ResolutionReport.Outcome;
import dev.backendconfig.api.ServiceResolver;
import dev.backendconfig.api.spi.EndpointProvider;
import dev.backendconfig.api.spi.ResolutionContext;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * This project's providers, registered through its test {@code META-INF/services} as the manual
 * ({@code docs/extending.md}) says, found by the real ServiceLoader beside the built-in provider env, and ordered by
 * priority or by setting {@code providers}.
 */
class CustomProviderRegistrationTest {

    @TempDir
    Path directory;

    private Resolution resolve(Map<String, String> variables, Map<String, String> settings) {
        return ServiceResolver.create().resolve(ResolutionContext.builder().workingDirectory(directory)
                .environment(variables).settings(settings).build());
    }

    private void writePort(String port) throws IOException {
        Files.createDirectories(directory.resolve("target"));
        Files.writeString(directory.resolve("target/backend.port"), port + "\n");
    }

    @Test
    void serviceLoaderFindsTheBuiltInAndTheCustomProviders() {
        assertThat(ServiceResolver.create().providers()).extracting(EndpointProvider::id)
                .containsExactlyInAnyOrder("env", "fixture-350", "port-file");
    }

    @Test
    void priority350BeatsEnv() {
        Resolution resolution = resolve(Map.of("FIXTURE_350_URL", "http://localhost:9350",
                "TEST_BACKEND_URL", "http://localhost:8002"), Map.of());
        assertThat(resolution.endpoint().source()).isEqualTo("fixture-350");
        assertThat(resolution.report().line("env").orElseThrow().outcome()).isEqualTo(Outcome.NOT_ASKED);
    }

    @Test
    void priority250LosesToEnv() throws IOException {
        writePort("8123");
        Resolution resolution = resolve(Map.of("TEST_BACKEND_URL", "http://localhost:8002"), Map.of());
        assertThat(resolution.endpoint().source()).isEqualTo("env");
        assertThat(resolution.report().line("port-file").orElseThrow().outcome()).isEqualTo(Outcome.NOT_ASKED);
    }

    @Test
    void priority250AnswersWhenEnvHasNothing() throws IOException {
        writePort("8123");
        Resolution resolution = resolve(Map.of(), Map.of());
        assertThat(resolution.endpoint().http()).isEqualTo(URI.create("http://localhost:8123"));
        assertThat(resolution.report().lines()).extracting(line -> line.provider() + " " + line.outcome())
                .containsExactly("fixture-350 SKIPPED", "env SKIPPED", "port-file FOUND");
    }

    @Test
    void theProvidersSettingReordersAndExcludes() throws IOException {
        writePort("8123");
        Resolution resolution = resolve(Map.of("FIXTURE_350_URL", "http://localhost:9350",
                "TEST_BACKEND_URL", "http://localhost:8002"), Map.of("providers", "port-file,env"));
        assertThat(resolution.endpoint().source()).isEqualTo("port-file");
        assertThat(resolution.report().lines()).extracting(line -> line.provider() + " " + line.outcome())
                .containsExactly("port-file FOUND", "env NOT_ASKED", "fixture-350 EXCLUDED");
    }

    @Test
    void aCustomProvidersDeclaredSettingIsKnownAndUsed() throws IOException {
        Files.writeString(Files.createDirectories(directory.resolve("run")).resolve("port"), "8124");
        Resolution resolution = resolve(Map.of(), Map.of("port-file.path", "run/port"));
        assertThat(resolution.endpoint().http()).isEqualTo(URI.create("http://localhost:8124"));
    }

    @Test
    void aCustomProvidersInvalidFileStopsResolutionNamingFileAndLine() throws IOException {
        writePort("eighty");
        assertThatThrownBy(() -> resolve(Map.of(), Map.of()))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith(directory.resolve("target/backend.port") + ":1: expected a port from 1 to 65535");
    }

    @Test
    void theManualShowsTheExampleProviderExactlyAsItCompiles() throws IOException {
        Path source = Path.of("src/test/java/com/example/backend/PortFileEndpointProvider.java");
        String manual = Files.readString(Path.of("../../docs/extending.md"));
        assertThat(manual).contains("```java\n" + Files.readString(source) + "```\n");
        assertThat(manual).contains("com.example.backend.PortFileEndpointProvider\n");
        assertThat(PortFileEndpointProvider.PRIORITY).isEqualTo(250);
    }

    @Test
    void thisProjectUsesOnlyWhatIsPublishedAsAProviderAuthorsProjectCan() throws IOException {
        String bom = Files.readString(Path.of("../../config-bom/pom.xml"));
        String pom = Files.readString(Path.of("pom.xml"));
        pom = pom.substring(pom.indexOf("<dependencies>"));
        java.util.regex.Matcher ours = java.util.regex.Pattern.compile(
                "<groupId>dev\\.backendconfig</groupId>\\s*<artifactId>([a-z-]+)</artifactId>").matcher(pom);
        java.util.List<String> used = new java.util.ArrayList<>();
        while (ours.find()) {
            used.add(ours.group(1));
        }
        assertThat(used).contains("config-api", "config-toolkit", "config-testkit")
                .allSatisfy(artifact -> assertThat(bom).as("published in config-bom")
                        .contains("<artifactId>" + artifact + "</artifactId>"));
    }
}
