package dev.backendconfig.docker.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backendconfig.api.InvalidBackendConfigurationException;
import dev.backendconfig.api.spi.ResolutionContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EngineLocatorTest {

    @TempDir
    Path home;

    private Path missingDefault() {
        return home.resolve("no-default/docker.sock");
    }

    private EngineLocator.Located locate(Map<String, String> environment) {
        return locate(environment, Map.of());
    }

    private EngineLocator.Located locate(Map<String, String> environment, Map<String, String> settings) {
        Map<String, String> properties = new HashMap<>();
        properties.put("user.home", home.toString());
        return EngineLocator.locate(ResolutionContext.builder().environment(environment).systemProperties(properties)
                .settings(settings).build(), missingDefault());
    }

    private Path socketFile(String relative) throws IOException {
        Path socket = home.resolve(relative);
        Files.createDirectories(socket.getParent());
        return Files.createFile(socket);
    }

    private static EngineAddress found(EngineLocator.Located located) {
        assertThat(located).isInstanceOf(EngineLocator.Located.Found.class);
        return ((EngineLocator.Located.Found) located).address();
    }

    @Test
    void theSettingBeatsDockerHost() throws IOException {
        Path socket = socketFile("setting.sock");
        EngineAddress address = found(locate(Map.of("DOCKER_HOST", "tcp://10.0.0.1:2375"),
                Map.of("docker.host", "unix://" + socket)));
        assertThat(address).isEqualTo(EngineAddress.unix(socket, "setting docker.host"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "tcp://127.0.0.1:2375, 127.0.0.1, 2375",
        "tcp://docker.example.test, docker.example.test, 2375",
        "tcp://[::1]:2376, ::1, 2376",
    })
    void readsTcpDockerHost(String value, String host, int port) {
        assertThat(found(locate(Map.of("DOCKER_HOST", value)))).isEqualTo(EngineAddress.tcp(host, port, "DOCKER_HOST"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "garbage | variable DOCKER_HOST: expected unix:///path/to/docker.sock or tcp://host:port, got a value without"
                + " a scheme",
        "ftp://host | variable DOCKER_HOST: expected unix:///path/to/docker.sock or tcp://host:port, got scheme 'ftp'",
        "unix://relative.sock | variable DOCKER_HOST: expected unix:///path/to/docker.sock or tcp://host:port, got a"
                + " unix address without an absolute path (write unix:///var/run/docker.sock)",
        "tcp://host:99999 | variable DOCKER_HOST: expected unix:///path/to/docker.sock or tcp://host:port, got port"
                + " 99999, outside 1-65535",
        "tcp://bad_host:2375 | variable DOCKER_HOST: expected unix:///path/to/docker.sock or tcp://host:port, got a tcp"
                + " address without a valid host",
    })
    void aMalformedDockerHostIsAnError(String value, String message) {
        assertThatThrownBy(() -> locate(Map.of("DOCKER_HOST", value)))
                .isInstanceOf(InvalidBackendConfigurationException.class).hasMessage(message);
    }

    @Test
    void aDockerHostSocketThatDoesNotExistIsUnusable() {
        assertThat(locate(Map.of("DOCKER_HOST", "unix:///nonexistent/docker.sock"))).isEqualTo(
                new EngineLocator.Located.Unusable("DOCKER_HOST names unix:///nonexistent/docker.sock, which does not"
                        + " exist (is the engine running?)"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "ssh://user@host | DOCKER_HOST names a ssh:// engine, which is not supported (only unix:// and tcp:// without TLS)",
        "npipe:////./pipe/docker_engine | DOCKER_HOST names a npipe:// engine, which is not supported (only unix:// and"
                + " tcp:// without TLS)",
    })
    void unsupportedTransportsAreUnusableWithAReason(String value, String reason) {
        assertThat(locate(Map.of("DOCKER_HOST", value))).isEqualTo(new EngineLocator.Located.Unusable(reason));
    }

    @Test
    void tlsIsSaidPlainlyToBeUnsupported() {
        assertThat(locate(Map.of("DOCKER_HOST", "tcp://docker.example.test:2376", "DOCKER_TLS_VERIFY", "1")))
                .isEqualTo(new EngineLocator.Located.Unusable("DOCKER_HOST names a TCP engine with DOCKER_TLS_VERIFY set:"
                        + " TLS to the engine is not supported yet; use its Unix socket or an engine without TLS"));
    }

    private void writeContext(String name, String host) throws Exception {
        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(name.getBytes(StandardCharsets.UTF_8)));
        Path meta = home.resolve(".docker/contexts/meta/" + digest + "/meta.json");
        Files.createDirectories(meta.getParent());
        Files.writeString(meta, "{\"Name\":\"" + name + "\",\"Metadata\":{},\"Endpoints\":{\"docker\":{\"Host\":\""
                + host + "\",\"SkipTLSVerify\":false}}}");
    }

    @Test
    void followsTheCurrentContextOfConfigJson() throws Exception {
        Path socket = socketFile(".colima/default/docker.sock");
        writeContext("colima", "unix://" + socket);
        Files.writeString(home.resolve(".docker/config.json"), "{\"auths\":{},\"currentContext\":\"colima\"}");
        EngineAddress address = found(locate(Map.of()));
        assertThat(address.socket()).isEqualTo(socket);
        assertThat(address.why()).isEqualTo("context 'colima' (" + home.resolve(".docker/config.json") + ")");
    }

    @Test
    void dockerContextBeatsConfigJsonAndDockerConfigMovesTheDirectory() throws Exception {
        Path socket = socketFile("desktop.sock");
        writeContext("desktop-linux", "unix://" + socket);
        Files.writeString(home.resolve(".docker/config.json"), "{\"currentContext\":\"missing\"}");
        EngineAddress address = found(locate(Map.of("DOCKER_CONTEXT", "desktop-linux",
                "DOCKER_CONFIG", home.resolve(".docker").toString())));
        assertThat(address.socket()).isEqualTo(socket);
        assertThat(address.why()).isEqualTo("context 'desktop-linux' (variable DOCKER_CONTEXT)");
    }

    @Test
    void aContextWhoseMetaFileIsMissingIsAnError() throws IOException {
        Files.createDirectories(home.resolve(".docker"));
        Files.writeString(home.resolve(".docker/config.json"), "{\"currentContext\":\"gone\"}");
        assertThatThrownBy(() -> locate(Map.of()))
                .isInstanceOf(InvalidBackendConfigurationException.class)
                .hasMessageStartingWith(home.resolve(".docker/config.json") + ": context 'gone' has no readable meta file "
                        + home.resolve(".docker/contexts/meta"))
                .hasMessageEndingWith("meta.json; see docker context ls");
    }

    @Test
    void aConfigJsonThatIsNotJsonIsAnError() throws IOException {
        Files.createDirectories(home.resolve(".docker"));
        Files.writeString(home.resolve(".docker/config.json"), "{\"currentContext\": colima}");
        assertThatThrownBy(() -> locate(Map.of())).hasMessage(home.resolve(".docker/config.json")
                + ": is not valid JSON: expected a value, got 'c' (line 1, column 20)");
    }

    @Test
    void theDefaultContextMeansTheDefaultSocket() throws IOException {
        Files.createDirectories(home.resolve(".docker"));
        Files.writeString(home.resolve(".docker/config.json"), "{\"currentContext\":\"default\"}");
        assertThat(locate(Map.of())).isInstanceOf(EngineLocator.Located.Missing.class);
    }

    @Test
    void theDefaultSocketComesFirst() throws IOException {
        Path defaultSocket = socketFile("run/docker.sock");
        socketFile(".docker/run/docker.sock");
        EngineLocator.Located located = EngineLocator.locate(ResolutionContext.builder()
                .systemProperties(Map.of("user.home", home.toString())).build(), defaultSocket);
        assertThat(found(located)).isEqualTo(EngineAddress.unix(defaultSocket, "the default socket"));
    }

    @Test
    void thenThePerUserSocketsThatExistInOrder() throws IOException {
        Path runtime = Files.createDirectories(home.resolve("runtime"));
        socketFile(".orbstack/run/docker.sock");
        Path colima = socketFile(".colima/default/docker.sock");
        assertThat(found(locate(Map.of("XDG_RUNTIME_DIR", runtime.toString()))))
                .isEqualTo(EngineAddress.unix(colima, "a per-user socket that exists"));
        Path rootless = socketFile("runtime/docker.sock");
        assertThat(found(locate(Map.of("XDG_RUNTIME_DIR", runtime.toString()))).socket()).isEqualTo(rootless);
    }

    @Test
    void podmanIsTheLastResort() throws IOException {
        Path runtime = Files.createDirectories(home.resolve("runtime"));
        Path podman = socketFile("runtime/podman/podman.sock");
        assertThat(found(locate(Map.of("XDG_RUNTIME_DIR", runtime.toString()))).socket()).isEqualTo(podman);
    }

    @Test
    void noSocketAtAllIsMissingAndSaysWhereItLooked() {
        EngineLocator.Located located = locate(Map.of());
        assertThat(located).isInstanceOf(EngineLocator.Located.Missing.class);
        assertThat(((EngineLocator.Located.Missing) located).reason()).isEqualTo("no Docker engine: none of "
                + missingDefault() + ", " + home.resolve(".docker/run/docker.sock") + ", "
                + home.resolve(".docker/desktop/docker.sock") + ", " + home.resolve(".colima/default/docker.sock") + ", "
                + home.resolve(".rd/docker.sock") + ", " + home.resolve(".orbstack/run/docker.sock")
                + " exists and DOCKER_HOST is not set");
    }
}
