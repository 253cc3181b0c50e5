package dev.backendconfig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a shell script or CI job meets, with the built jar run as a process: the command word, the project found from
 * a subdirectory, details only when asked for, and a failure's report on stderr in every format (the README's export
 * idiom, through the launcher, is in {@link DistributionIT}).
 */
class ScriptingJarIT {

    @TempDir
    Path project;

    private ProcessOutcome run(Path directory, Map<String, String> environment, String... arguments)
            throws IOException, InterruptedException {
        return JarRun.run(project, directory, environment, arguments);
    }

    /** A Maven project: pom.xml, services=auth in its settings file, and a staging file for both services. */
    private void aMavenProjectWithAuthAndAStagingFile() throws IOException {
        Files.writeString(project.resolve("pom.xml"), "<project/>\n");
        Files.writeString(Files.createDirectories(project.resolve("src/test/resources"))
                .resolve("backend-config.properties"), "services=auth\n");
        Files.createDirectories(project.resolve("src/test/java"));
        Files.writeString(project.resolve(".env.staging.e2e"), "STAGING_BASE_URL=https://backend-staging.example.test\n"
                + "STAGING_AUTH_URL=https://auth-staging.example.test\nTEST_USER_PASSWORD=not-for-logs\n");
    }

    @Test
    void explainTypedAsAWordIsAccepted() throws Exception {
        Files.createDirectory(project.resolve(".git"));
        ProcessOutcome outcome = run(project, Map.of("TEST_BACKEND_URL", "http://localhost:8002"), "explain");
        assertThat(outcome.exit()).as(outcome.err()).isZero();
        assertThat(outcome.out()).startsWith("backend: http://localhost:8002  ws://localhost:8002  (from env, ");
        assertThat(outcome.err()).isEmpty();
    }

    @Test
    void runFromSrcTestTheProjectIsTheCheckoutAndNoDeclaredServiceIsDropped() throws Exception {
        aMavenProjectWithAuthAndAStagingFile();

        ProcessOutcome outcome = run(project.resolve("src/test"), Map.of(), "explain");

        assertThat(outcome.exit()).as(outcome.err()).isZero();
        assertThat(outcome.out()).startsWith("backend: https://backend-staging.example.test")
                .contains("\nauth:    https://auth-staging.example.test  wss://auth-staging.example.test\n")
                .contains("  setting services=auth (" + project.resolve("src/test/resources/backend-config.properties")
                        + ":1)")
                .endsWith("\nproject: " + project + " (holds pom.xml; found from " + project.resolve("src/test")
                        + ")\n");
    }

    @Test
    void detailsSecretsIncludedReachEnvAndJsonOnlyWhenAskedFor() throws Exception {
        aMavenProjectWithAuthAndAStagingFile();

        ProcessOutcome plain = run(project, Map.of(), "--format=env");
        ProcessOutcome detailed = run(project, Map.of(), "--format=env", "--details");
        ProcessOutcome masked = run(project, Map.of(), "--format=json");
        ProcessOutcome json = run(project, Map.of(), "--format=json", "--details");

        assertThat(plain.exit()).as(plain.err()).isZero();
        assertThat(plain.out()).doesNotContain("not-for-logs").doesNotContain("_DETAIL_");
        assertThat(detailed.out()).contains("\nBACKEND_DETAIL_TEST_USER_PASSWORD=not-for-logs\n")
                .contains("\nAUTH_DETAIL_ENV_FILE=" + project.resolve(".env.staging.e2e") + "\n");
        assertThat(masked.out()).doesNotContain("not-for-logs");
        assertThat(new ObjectMapper().readTree(masked.out()).at("/services/backend/details/TEST_USER_PASSWORD")
                .textValue()).isEqualTo("***");
        assertThat(new ObjectMapper().readTree(json.out()).at("/services/backend/details/TEST_USER_PASSWORD")
                .textValue()).isEqualTo("not-for-logs");
        for (ProcessOutcome outcome : List.of(plain, detailed, masked, json)) {
            assertThat(outcome.err()).doesNotContain("not-for-logs");
        }
    }

    @ParameterizedTest(name = "--format={0}")
    @ValueSource(strings = {"text", "env", "json"})
    void nothingFoundPutsTheReportOnStderrInEveryFormat(String format) throws Exception {
        Files.createDirectory(project.resolve(".git"));

        ProcessOutcome outcome = run(project, Map.of(), "--format=" + format);

        assertThat(outcome.exit()).isEqualTo(2);
        assertThat(outcome.err()).startsWith("No backend found.\nbackend: none found (3 providers asked, ")
                .contains("\nWhat to do next:\n  - env: set TEST_BACKEND_URL")
                .endsWith("\nproject: " + project + " (holds .git)\nexplain: no backend found; the report says why\n");
        if (format.equals("json")) {
            JsonNode document = new ObjectMapper().readTree(outcome.out());
            assertThat(document.get("found").booleanValue()).isFalse();
            assertThat(document.get("nextSteps").size()).isPositive();
        } else {
            assertThat(outcome.out()).isEmpty();
        }
    }

    @ParameterizedTest(name = "--format={0}")
    @ValueSource(strings = {"text", "env", "json"})
    void invalidConfigurationPutsTheReportOnStderrInEveryFormat(String format) throws Exception {
        Files.createDirectory(project.resolve(".git"));

        ProcessOutcome outcome = run(project, Map.of("TEST_BACKEND_URL", "localhost:8002"), "--format=" + format);

        assertThat(outcome.exit()).isEqualTo(3);
        assertThat(outcome.err()).startsWith("backend: none found (")
                .contains("\n  env      300  invalid      variable TEST_BACKEND_URL: expected an absolute http or https"
                        + " URL")
                .endsWith("\nexplain: variable TEST_BACKEND_URL: expected an absolute http or https URL such as"
                        + " http://localhost:8002, got a value without a scheme (write http://host:port)\n");
        if (format.equals("json")) {
            assertThat(new ObjectMapper().readTree(outcome.out()).get("invalid").booleanValue()).isTrue();
        } else {
            assertThat(outcome.out()).isEmpty();
        }
    }
}
