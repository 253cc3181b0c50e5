package dev.backendconfig.docker.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.docker.internal.DockerConfig;
import dev.backendconfig.docker.internal.ResolutionFacts;
import dev.backendconfig.docker.internal.tls.TlsMaterial;
import dev.backendconfig.toolkit.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
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
        return locate(ResolutionContext.builder().environment(environment).systemProperties(properties)
                .settings(settings).build(), LocalSockets.only(missingDefault()));
    }

    /** Locate the engine as the provider does: the settings and facts read from the context at its door. */
    static EngineLocator.Located locate(ResolutionContext context, LocalSockets sockets) {
        return EngineLocator.locate(DockerConfig.read(context), ResolutionFacts.of(context), sockets);
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
        "garbage | got a value without a scheme",
        "ftp://host | got scheme 'ftp'",
        "unix://relative.sock | got a unix address without an absolute path (write unix:///var/run/docker.sock)",
        "tcp://host:99999 | got port 99999, outside 1-65535",
        "tcp://bad_host:2375 | got a tcp address without a valid host",
        "tcp://admin:pl4nted-s3cret@host:2376 | got a tcp address with user info (user:password@), which an engine does"
                + " not take (not shown)",
        "ssh://admin:pl4nted-s3cret@host | got an ssh address with a password (not shown), which ssh cannot be given;"
                + " log in with a key or ssh-agent and write ssh://user@host",
        "ssh://-oProxyCommand=x@host | got an ssh address whose user (not shown) is not a plain user name",
        "ssh://user@-oProxyCommand=x | got an ssh address whose host is not a valid host name",
        "ssh://user@ | got an ssh address without a host",
        "ssh://user@host:22x | got an ssh address whose port is not a number",
        "ssh://user@host:0 | got port 0, outside 1-65535",
        "ssh://user@host/var/run/docker.sock | got an ssh address with a path or query after the host, which the docker"
                + " CLI does not take either",
        "ssh://[zz]:22 | got an ssh address whose IPv6 host is not valid",
    })
    void aMalformedDockerHostIsAnError(String value, String problem) {
        assertThatThrownBy(() -> locate(Map.of("DOCKER_HOST", value)))
                .isInstanceOf(InvalidInputException.class).hasMessage("variable DOCKER_HOST: expected"
                        + " unix:///path/to/docker.sock, tcp://host:port or ssh://[user@]host[:port], " + problem)
                .message().doesNotContain("pl4nted-s3cret");
    }

    @Test
    void aDockerHostSocketThatDoesNotExistIsUnusable() {
        assertThat(locate(Map.of("DOCKER_HOST", "unix:///nonexistent/docker.sock"))).isEqualTo(
                new EngineLocator.Located.Unusable("DOCKER_HOST names unix:///nonexistent/docker.sock, which does not"
                        + " exist (is the engine running?)", "start the engine that DOCKER_HOST names, or fix or unset"
                        + " DOCKER_HOST (the socket /nonexistent/docker.sock does not exist)"));
    }

    @Test
    void unsupportedTransportsAreUnusableWithAReason() {
        assertThat(locate(Map.of("DOCKER_HOST", "npipe:////./pipe/docker_engine"))).isEqualTo(
                new EngineLocator.Located.Unusable("DOCKER_HOST names a npipe:// engine, which is not supported (only"
                        + " unix://, tcp:// and ssh://; for TLS write tcp:// and set DOCKER_TLS_VERIFY)", "fix or unset"
                        + " DOCKER_HOST (npipe:// is not supported; write unix://, tcp:// or ssh://)"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "ssh://root@build-box:2222 | root | build-box | 2222 | ssh://***@build-box:2222",
        "ssh://build_box | '' | build_box | 0 | ssh://build_box",
        "ssh://me@10.0.0.5/ | me | 10.0.0.5 | 0 | ssh://***@10.0.0.5",
        "ssh://me@[fd00::1]:22 | me | fd00::1 | 22 | ssh://***@[fd00::1]:22",
    })
    void readsSshDockerHostAsTheDockerCliDoes(String value, String user, String host, int port, String shown) {
        EngineAddress address = found(locate(Map.of("DOCKER_HOST", value)));
        assertThat(address).isEqualTo(EngineAddress.ssh(user, host, port, "DOCKER_HOST"));
        assertThat(address.uri()).isEqualTo(shown);
        assertThat(address.isRemote()).isTrue();
    }

    @Test
    void dockerTlsVerifyMakesATcpEngineTlsWithTheFilesOfDockerCertPath() throws IOException {
        Path certs = Files.createDirectories(home.resolve("certs"));
        Files.writeString(certs.resolve("cert.pem"), "x");
        Files.writeString(certs.resolve("key.pem"), "x");
        EngineAddress address = found(locate(Map.of("DOCKER_HOST", "tcp://docker:2376", "DOCKER_TLS_VERIFY", "1",
                "DOCKER_CERT_PATH", certs.toString())));
        assertThat(address).isEqualTo(EngineAddress.tls("docker", 2376, new TlsMaterial(certs.resolve("ca.pem"),
                certs.resolve("cert.pem"), certs.resolve("key.pem"), "DOCKER_CERT_PATH " + certs, "DOCKER_TLS_VERIFY",
                false), "DOCKER_HOST"));
        assertThat(address.uri()).isEqualTo("tcp://docker:2376");
    }

    @Test
    void withoutCertAndKeyNoClientCertificateIsOffered() {
        EngineAddress address = found(locate(Map.of("DOCKER_HOST", "tcp://docker:2376", "DOCKER_TLS", "yes")));
        assertThat(address.tls()).isEqualTo(new TlsMaterial(home.resolve(".docker/ca.pem"), null, null, "the default"
                + " cert path " + home.resolve(".docker") + ", DOCKER_CERT_PATH being unset", "DOCKER_TLS (without"
                + " DOCKER_TLS_VERIFY)", true));
    }

    @Test
    void tlsVariablesDoNotApplyToSocketsOrSsh() throws IOException {
        Path socket = socketFile("docker.sock");
        assertThat(found(locate(Map.of("DOCKER_HOST", "unix://" + socket, "DOCKER_TLS_VERIFY", "1"))).transport())
                .isEqualTo(EngineAddress.Transport.UNIX);
        assertThat(found(locate(Map.of("DOCKER_HOST", "ssh://me@box", "DOCKER_TLS_VERIFY", "1"))).transport())
                .isEqualTo(EngineAddress.Transport.SSH);
    }

    @Test
    void containerHostNamesPodmansSocketAndEmptyCountsAsUnset() throws IOException {
        Path podman = socketFile("podman/podman.sock");
        assertThat(found(locate(Map.of("CONTAINER_HOST", "unix://" + podman)))).isEqualTo(EngineAddress.unix(podman,
                "CONTAINER_HOST"));
        assertThat(locate(Map.of("CONTAINER_HOST", ""))).isInstanceOf(EngineLocator.Located.Missing.class);
        Path docker = socketFile("docker.sock");
        assertThat(found(locate(Map.of("CONTAINER_HOST", "unix://" + podman, "DOCKER_HOST", "unix://" + docker)))
                .socket()).isEqualTo(docker);
    }

    @Test
    void aPodmanSshConnectionIsUnusableWithAReason() {
        EngineLocator.Located located = locate(Map.of("CONTAINER_HOST",
                "ssh://core@localhost:53257/run/user/1000/podman/podman.sock"));
        assertThat(located).isEqualTo(new EngineLocator.Located.Unusable("CONTAINER_HOST names an ssh:// Podman"
                + " connection, which is not supported (Podman forwards a remote socket over ssh, where the docker CLI"
                + " runs docker system dial-stdio); set DOCKER_HOST=ssh://... to an engine with the docker CLI, or use a"
                + " local socket", "unset CONTAINER_HOST, or set DOCKER_HOST=ssh://... to an engine whose host has the"
                + " docker CLI"));
    }

    @Test
    void rootfulPodmansSocketComesAfterTheDockerSocketsAndBeforeRootlessPodman() throws IOException {
        Path runtime = Files.createDirectories(home.resolve("runtime"));
        Path rootless = socketFile("runtime/podman/podman.sock");
        Path rootful = socketFile("run/podman/podman.sock");
        ResolutionContext withRuntime = ResolutionContext.builder()
                .environment(Map.of("XDG_RUNTIME_DIR", runtime.toString()))
                .systemProperties(Map.of("user.home", home.toString())).build();
        assertThat(found(locate(withRuntime, new LocalSockets(missingDefault(), List.of(rootful)))))
                .isEqualTo(EngineAddress.unix(rootful, "rootful Podman's socket"));
        Files.delete(rootful);
        assertThat(found(locate(withRuntime, new LocalSockets(missingDefault(), List.of(rootful)))).socket()).isEqualTo(rootless);
        Files.createFile(rootful);
        Path colima = socketFile(".colima/default/docker.sock");
        assertThat(found(locate(withRuntime, new LocalSockets(missingDefault(), List.of(rootful)))).socket()).isEqualTo(colima);
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
                .isInstanceOf(InvalidInputException.class)
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
        EngineLocator.Located located = locate(ResolutionContext.builder()
                .systemProperties(Map.of("user.home", home.toString())).build(), LocalSockets.only(defaultSocket));
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
