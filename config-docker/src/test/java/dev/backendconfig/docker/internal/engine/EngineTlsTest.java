package dev.backendconfig.docker.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.docker.internal.DockerConfig;
import dev.backendconfig.docker.internal.ResolutionFacts;
import dev.backendconfig.docker.internal.tls.TlsMaterial;
import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.toolkit.Origin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whether a tcp:// engine is reached with TLS, why, and with which files, by the docker CLI's rules. */
class EngineTlsTest {

    @TempDir
    Path directory;

    private Optional<TlsMaterial> fromSettings(Map<String, String> environment, Map<String, String> settings) {
        ResolutionContext context = ResolutionContext.builder().workingDirectory(directory).environment(environment)
                .systemProperties(Map.of("user.home", directory.resolve("home").toString())).settings(settings)
                .build();
        return EngineTls.fromSettings(DockerConfig.read(context), ResolutionFacts.of(context));
    }

    private Path pair(String name) throws IOException {
        Path certs = Files.createDirectories(directory.resolve(name));
        Files.writeString(certs.resolve("cert.pem"), "x");
        Files.writeString(certs.resolve("key.pem"), "x");
        return certs;
    }

    @Test
    void whyTlsIsUsedSettingThenDockerTlsVerifyThenDockerTls() {
        Path home = directory.resolve("home/.docker");
        assertThat(fromSettings(Map.of("DOCKER_TLS_VERIFY", "1"), Map.of("docker.tls-verify", "true"))).contains(
                new TlsMaterial(home.resolve("ca.pem"), null, null, "the default cert path " + home + ", DOCKER_CERT_PATH"
                        + " being unset", "setting docker.tls-verify", false));
        assertThat(fromSettings(Map.of("DOCKER_TLS_VERIFY", "0", "DOCKER_TLS", "1"), Map.of())).contains(
                new TlsMaterial(home.resolve("ca.pem"), null, null, "the default cert path " + home + ", DOCKER_CERT_PATH"
                        + " being unset", "DOCKER_TLS_VERIFY", false));
        assertThat(fromSettings(Map.of("DOCKER_TLS_VERIFY", " ", "DOCKER_TLS", "1"), Map.of())).contains(
                new TlsMaterial(home.resolve("ca.pem"), null, null, "the default cert path " + home + ", DOCKER_CERT_PATH"
                        + " being unset", "DOCKER_TLS (without DOCKER_TLS_VERIFY)", true));
    }

    @Test
    void noTlsWhenTheSettingSaysNoOrNothingAsksForIt() {
        assertThat(fromSettings(Map.of("DOCKER_TLS_VERIFY", "1", "DOCKER_TLS", "1"), Map.of("docker.tls-verify",
                "false"))).isEmpty();
        assertThat(fromSettings(Map.of("DOCKER_TLS_VERIFY", "", "DOCKER_TLS", ""), Map.of())).isEmpty();
        assertThat(fromSettings(Map.of(), Map.of())).isEmpty();
    }

    @Test
    void theFilesComeFromTheSettingThenDockerCertPathThenDockerConfig() throws IOException {
        Path bySetting = pair("by-setting");
        assertThat(fromSettings(Map.of("DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", "by-variable"),
                Map.of("docker.cert-path", "by-setting"))).contains(new TlsMaterial(bySetting.resolve("ca.pem"),
                        bySetting.resolve("cert.pem"), bySetting.resolve("key.pem"), "setting docker.cert-path "
                        + bySetting, "DOCKER_TLS_VERIFY", false));
        Path byVariable = pair("by-variable");
        assertThat(fromSettings(Map.of("DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", " by-variable "), Map.of()))
                .contains(new TlsMaterial(byVariable.resolve("ca.pem"), byVariable.resolve("cert.pem"),
                        byVariable.resolve("key.pem"), "DOCKER_CERT_PATH " + byVariable, "DOCKER_TLS_VERIFY", false));
        Path config = directory.resolve("config");
        assertThat(fromSettings(Map.of("DOCKER_TLS_VERIFY", "1", "DOCKER_CONFIG", config.toString()), Map.of()))
                .contains(new TlsMaterial(config.resolve("ca.pem"), null, null, "the default cert path " + config
                        + ", DOCKER_CERT_PATH being unset", "DOCKER_TLS_VERIFY", false));
    }

    @Test
    void aKeyWithoutItsCertificateIsAnError() throws IOException {
        Path certs = Files.createDirectories(directory.resolve("key-only"));
        Files.writeString(certs.resolve("key.pem"), "x");
        assertThatThrownBy(() -> fromSettings(Map.of("DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", certs.toString()),
                Map.of())).isInstanceOf(InvalidInputException.class).hasMessage(certs.resolve("key.pem") + ": the client"
                        + " key (DOCKER_CERT_PATH " + certs + ") has no certificate beside it: " + certs.resolve("cert.pem")
                        + " does not exist");
    }

    private static CliContext context(String name, boolean skipVerify, Path tls) {
        return new CliContext(name, "tcp://box:2376", Origin.other("test"), "context '" + name + "'", skipVerify, tls);
    }

    @Test
    void aContextUsesTlsWhenItHasTlsFilesOrSkipsVerification() throws IOException {
        Path none = Files.createDirectories(directory.resolve("none"));
        assertThat(EngineTls.fromContext(context("plain", false, none))).isEmpty();
        assertThat(EngineTls.fromContext(context("skip", true, none))).contains(new TlsMaterial(null, null, null,
                "context 'skip' TLS files in " + none, "context 'skip' (SkipTLSVerify)", true));
        Path caOnly = Files.createDirectories(directory.resolve("ca-only"));
        Files.writeString(caOnly.resolve("ca.pem"), "x");
        assertThat(EngineTls.fromContext(context("ca", false, caOnly))).contains(new TlsMaterial(
                caOnly.resolve("ca.pem"), null, null, "context 'ca' TLS files in " + caOnly, "context 'ca'", false));
        Path pairOnly = pair("pair-only");
        assertThat(EngineTls.fromContext(context("pair", false, pairOnly))).contains(new TlsMaterial(null,
                pairOnly.resolve("cert.pem"), pairOnly.resolve("key.pem"), "context 'pair' TLS files in " + pairOnly,
                "context 'pair'", false));
    }
}
