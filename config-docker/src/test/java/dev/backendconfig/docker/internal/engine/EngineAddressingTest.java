package dev.backendconfig.docker.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.docker.internal.ResolutionFacts;
import dev.backendconfig.docker.internal.tls.TlsMaterial;
import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.toolkit.Origin;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How an engine's address is read (as {@code DOCKER_HOST} writes it, or from the docker CLI's context), what it says
 * about the engine (local or remote, how the report writes it), and where this machine's sockets are looked for.
 */
class EngineAddressingTest {

    private static final Origin ORIGIN = Origin.variable("DOCKER_HOST");
    private static final String EXPECTED = "variable DOCKER_HOST: expected unix:///path/to/docker.sock, tcp://host:port"
            + " or ssh://[user@]host[:port], ";

    @TempDir
    Path home;

    private static EngineLocator.Located read(String value) {
        return EngineUrl.read(value, ORIGIN, "DOCKER_HOST", Optional::empty);
    }

    private static EngineAddress found(EngineLocator.Located located) {
        assertThat(located).isInstanceOf(EngineLocator.Located.Found.class);
        return ((EngineLocator.Located.Found) located).address();
    }

    private ResolutionFacts facts(Map<String, String> environment) {
        return ResolutionFacts.of(ResolutionContext.builder().environment(environment)
                .systemProperties(Map.of("user.home", home.toString())).build());
    }

    @Test
    void aSchemeIsALetterThenLettersDigitsPlusDotOrMinusInAnyCase() {
        assertThat(found(read("  TCP://docker:2375  "))).isEqualTo(EngineAddress.tcp("docker", 2375, "DOCKER_HOST"));
        assertThat(found(read("http://docker:2375"))).isEqualTo(EngineAddress.tcp("docker", 2375, "DOCKER_HOST"));
        assertThatThrownBy(() -> read("a+b.c-1://x")).isInstanceOf(InvalidInputException.class)
                .hasMessage(EXPECTED + "got scheme 'a+b.c-1'");
        for (String schemeless : List.of("1tcp://x", "://docker:2375", "-://x", "tcp:/docker", "t p://x")) {
            assertThatThrownBy(() -> read(schemeless)).as(schemeless).isInstanceOf(InvalidInputException.class)
                    .hasMessage(EXPECTED + "got a value without a scheme");
        }
    }

    @Test
    void anUnknownSchemeIsShownUpToTwentyCharacters() {
        assertThatThrownBy(() -> read("abcdefghijklmnopqrst://x")).hasMessage(EXPECTED
                + "got scheme 'abcdefghijklmnopqrst'");
        assertThatThrownBy(() -> read("abcdefghijklmnopqrstu://x")).hasMessage(EXPECTED
                + "got scheme 'abcdefghijklmnopqrst...'");
    }

    @Test
    void everySchemeTheDockerCliKnowsButThisLibraryCannotUseIsUnusable() {
        for (String scheme : List.of("fd", "https", "npipe")) {
            assertThat(read(scheme + "://x")).isEqualTo(new EngineLocator.Located.Unusable("DOCKER_HOST names a "
                    + scheme + ":// engine, which is not supported (only unix://, tcp:// and ssh://; for TLS write tcp://"
                    + " and set DOCKER_TLS_VERIFY)", "fix or unset DOCKER_HOST (" + scheme + ":// is not supported;"
                    + " write unix://, tcp:// or ssh://)"));
        }
    }

    @Test
    void aTcpPortIsOneTo65535AndAnAddressThatIsNoUriIsNamedSo() {
        assertThat(found(read("tcp://docker:1")).port()).isEqualTo(1);
        assertThat(found(read("tcp://docker:65535")).port()).isEqualTo(65535);
        assertThatThrownBy(() -> read("tcp://docker:0")).hasMessage(EXPECTED + "got port 0, outside 1-65535");
        assertThatThrownBy(() -> read("tcp://docker:65536")).hasMessage(EXPECTED + "got port 65536, outside 1-65535");
        assertThatThrownBy(() -> read("tcp://dock er:1")).hasMessage(EXPECTED + "got a tcp address that is not valid"
                + " (Illegal character in authority)");
    }

    @Test
    void aTcpEngineIsReachedWithTlsWhenTheRuleGivesFiles() {
        TlsMaterial material = new TlsMaterial(Path.of("/certs/ca.pem"), null, null, "test files", "test", false);
        EngineLocator.Located located = EngineUrl.read("tcp://[::1]:2376", ORIGIN, "DOCKER_HOST",
                () -> Optional.of(material));
        assertThat(found(located)).isEqualTo(EngineAddress.tls("::1", 2376, material, "DOCKER_HOST"));
    }

    @Test
    void anAddressIsASocketOrAHostAndHasTlsFilesOnlyForTls() {
        TlsMaterial material = new TlsMaterial(Path.of("/certs/ca.pem"), null, null, "test files", "test", false);
        Path socket = Path.of("/run/docker.sock");
        List<Runnable> invalid = new ArrayList<>(List.of(
                () -> new EngineAddress(EngineAddress.Transport.UNIX, socket, "docker", 0, "", null, "test"),
                () -> new EngineAddress(EngineAddress.Transport.UNIX, null, null, 0, "", null, "test"),
                () -> new EngineAddress(EngineAddress.Transport.TCP, socket, null, 0, "", null, "test"),
                () -> new EngineAddress(EngineAddress.Transport.TCP, null, null, 2375, "", null, "test"),
                () -> new EngineAddress(EngineAddress.Transport.TCP, socket, "docker", 2375, "", null, "test")));
        for (Runnable construction : invalid) {
            assertThatThrownBy(construction::run).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("an engine address is either a socket or a host");
        }
        assertThatThrownBy(() -> new EngineAddress(EngineAddress.Transport.TLS, null, "docker", 2376, "", null, "t"))
                .hasMessage("TLS files go with the TLS transport, and only with it");
        assertThatThrownBy(() -> new EngineAddress(EngineAddress.Transport.TCP, null, "docker", 2375, "", material,
                "t")).hasMessage("TLS files go with the TLS transport, and only with it");
        assertThatThrownBy(() -> EngineAddress.tcp("docker/evil", 2375, "t")).isInstanceOf(
                IllegalArgumentException.class);
        assertThatThrownBy(() -> EngineAddress.ssh("", "docker", 70000, "t")).isInstanceOf(
                IllegalArgumentException.class);
    }

    @Test
    void anEngineIsRemoteWhenReachedOverTheNetworkAtAnotherMachine() {
        EngineAddress socket = EngineAddress.unix(Path.of("/run/docker.sock"), "test");
        EngineAddress loopback = EngineAddress.tcp("127.0.0.1", 2375, "test");
        EngineAddress remote = EngineAddress.tcp("10.0.0.5", 2375, "test");
        EngineAddress sshLocal = EngineAddress.ssh("me", "localhost", 0, "test");

        assertThat(socket.isUnix()).isTrue();
        assertThat(loopback.isUnix()).isFalse();
        assertThat(socket.isRemote()).isFalse();
        assertThat(loopback.isRemote()).isFalse();
        assertThat(sshLocal.isRemote()).isFalse();
        assertThat(remote.isRemote()).isTrue();
        assertThat(socket.hostForWildcardBindings()).isEqualTo("localhost");
        assertThat(loopback.hostForWildcardBindings()).isEqualTo("localhost");
        assertThat(remote.hostForWildcardBindings()).isEqualTo("10.0.0.5");
    }

    @Test
    void anAddressIsWrittenAsDockerHostWouldWriteItWithItsUserMasked() {
        EngineAddress socket = EngineAddress.unix(Path.of("/run/docker.sock"), "the default socket");
        assertThat(socket.uri()).isEqualTo("unix:///run/docker.sock");
        assertThat(socket).hasToString("unix:///run/docker.sock (the default socket)");
        assertThat(EngineAddress.tcp("fd00::5", 2375, "t").uri()).isEqualTo("tcp://[fd00::5]:2375");
        assertThat(EngineAddress.ssh("", "build-box", 0, "t").uri()).isEqualTo("ssh://build-box");
        assertThat(EngineAddress.ssh("root", "build-box", 22, "t").uri()).isEqualTo("ssh://***@build-box:22");
        assertThat(EngineAddress.ssh("root", "build-box", 22, "t").hostAndPort().forUri()).isEqualTo("build-box:22");
        assertThatThrownBy(socket::hostAndPort).isInstanceOf(IllegalStateException.class)
                .hasMessage("an engine on a Unix socket has no host");
    }

    @Test
    void eachTransportIsNamedForTheReport() {
        assertThat(EngineAddress.Transport.UNIX.description()).isEqualTo("a unix socket");
        assertThat(EngineAddress.Transport.TCP.description()).isEqualTo("tcp");
        assertThat(EngineAddress.Transport.TLS.description()).isEqualTo("tcp+TLS");
        assertThat(EngineAddress.Transport.SSH.description()).isEqualTo("ssh (docker system dial-stdio)");
    }

    private Path writeContext(Path configDirectory, String name, String endpoint) throws Exception {
        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(name.getBytes(StandardCharsets.UTF_8)));
        Path meta = configDirectory.resolve("contexts/meta/" + digest + "/meta.json");
        Files.createDirectories(meta.getParent());
        Files.writeString(meta, "{\"Name\":\"" + name + "\",\"Endpoints\":{\"docker\":" + endpoint + "}}");
        return meta;
    }

    @Test
    void aContextIsReadWithItsHostItsMetaFileItsSkipVerifyAndItsTlsDirectory() throws Exception {
        Path config = home.resolve("config");
        Path meta = writeContext(config, "remote", "{\"Host\":\"tcp://docker:2376\",\"SkipTLSVerify\":true}");
        String digest = meta.getParent().getFileName().toString();

        CliContext context = CliContext.current(facts(Map.of("DOCKER_CONTEXT", " remote ", "DOCKER_CONFIG",
                config.toString()))).orElseThrow();

        assertThat(context).isEqualTo(new CliContext("remote", "tcp://docker:2376", Origin.file(meta.toString(), 0),
                "context 'remote' (variable DOCKER_CONTEXT)", true, config.resolve("contexts/tls/" + digest + "/docker")));
        assertThat(CliContext.configDirectory(facts(Map.of()))).isEqualTo(home.resolve(".docker"));
    }

    @Test
    void aContextWithoutSkipVerifyVerifies() throws Exception {
        writeContext(home.resolve(".docker"), "plain", "{\"Host\":\"tcp://docker:2376\",\"SkipTLSVerify\":\"yes\"}");
        assertThat(CliContext.current(facts(Map.of("DOCKER_CONTEXT", "plain"))).orElseThrow().skipVerify()).isFalse();
    }

    @Test
    void theContextNamedByTheVariableWinsEvenWhenItIsTheDefault() throws Exception {
        Files.createDirectories(home.resolve(".docker"));
        writeContext(home.resolve(".docker"), "remote", "{\"Host\":\"tcp://docker:2376\"}");
        Files.writeString(home.resolve(".docker/config.json"), "{\"currentContext\":\"remote\"}");

        assertThat(CliContext.current(facts(Map.of("DOCKER_CONTEXT", "default")))).isEmpty();
        assertThat(CliContext.current(facts(Map.of("DOCKER_CONTEXT", " ")))).map(CliContext::name).contains("remote");
    }

    @Test
    void aBlankCurrentContextIsNoneAndANameIsStripped() throws Exception {
        Files.createDirectories(home.resolve(".docker"));
        Files.writeString(home.resolve(".docker/config.json"), "{\"currentContext\":\"  \"}");
        assertThat(CliContext.current(facts(Map.of()))).isEmpty();

        writeContext(home.resolve(".docker"), "remote", "{\"Host\":\"tcp://docker:2376\"}");
        Files.writeString(home.resolve(".docker/config.json"), "{\"currentContext\":\" remote \"}");
        assertThat(CliContext.current(facts(Map.of()))).map(CliContext::name).contains("remote");
    }

    @Test
    void aContextThatNamesNoHostIsAnErrorNamingItsMetaFile() throws Exception {
        Path meta = writeContext(home.resolve(".docker"), "empty", "{\"Host\":\"\"}");
        assertThatThrownBy(() -> CliContext.current(facts(Map.of("DOCKER_CONTEXT", "empty"))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("variable DOCKER_CONTEXT: context 'empty' names no Docker host in " + meta);
    }

    @Test
    void aMetaFileThatIsNotJsonIsAnErrorNamingIt() throws Exception {
        Path meta = writeContext(home.resolve(".docker"), "broken", "{");
        assertThatThrownBy(() -> CliContext.current(facts(Map.of("DOCKER_CONTEXT", "broken"))))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith(meta + ": is not valid JSON: ");
    }

    @Test
    void aConfigJsonThatIsADanglingLinkIsAnErrorNotNoConfig() throws IOException {
        Files.createDirectories(home.resolve(".docker"));
        Files.createSymbolicLink(home.resolve(".docker/config.json"), home.resolve("nowhere.json"));
        assertThatThrownBy(() -> CliContext.current(facts(Map.of()))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(home.resolve(".docker/config.json").toString());
    }

    @Test
    void aMetaFileThatIsADanglingLinkIsAnErrorNamingTheFile() throws Exception {
        Path meta = writeContext(home.resolve(".docker"), "linked", "{}");
        Files.delete(meta);
        Files.createSymbolicLink(meta, home.resolve("nowhere.json"));
        assertThatThrownBy(() -> CliContext.current(facts(Map.of("DOCKER_CONTEXT", "linked"))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining(meta.toString())
                .message().doesNotContain("has no readable meta file");
    }

    @Test
    void theSystemSocketsAreTheDefaultSocketAndRootfulPodmans() {
        assertThat(LocalSockets.SYSTEM).isEqualTo(new LocalSockets(Path.of("/var/run/docker.sock"),
                List.of(Path.of("/run/podman/podman.sock"))));
        assertThat(LocalSockets.only(Path.of("/x.sock")).rootPodmanSockets()).isEmpty();
        assertThatThrownBy(() -> new LocalSockets(null, List.of())).isInstanceOf(NullPointerException.class)
                .hasMessage("defaultSocket");
        List<Path> given = new ArrayList<>(List.of(Path.of("/a.sock")));
        LocalSockets sockets = new LocalSockets(Path.of("/x.sock"), given);
        given.add(Path.of("/b.sock"));
        assertThat(sockets.rootPodmanSockets()).containsExactly(Path.of("/a.sock"));
    }

    @Test
    void whereNoSocketExistsEveryPlaceLookedAtIsNamedRootfulAndRootlessPodmanLast() {
        Path runtime = home.resolve("runtime");
        LocalSockets sockets = new LocalSockets(home.resolve("default.sock"), List.of(home.resolve("rootful.sock")));

        EngineLocator.Located located = sockets.find(facts(Map.of("XDG_RUNTIME_DIR", runtime.toString())));

        assertThat(located).isEqualTo(new EngineLocator.Located.Missing("no Docker engine: none of "
                + home.resolve("default.sock") + ", " + runtime.resolve("docker.sock") + ", "
                + home.resolve(".docker/run/docker.sock") + ", " + home.resolve(".docker/desktop/docker.sock") + ", "
                + home.resolve(".colima/default/docker.sock") + ", " + home.resolve(".rd/docker.sock") + ", "
                + home.resolve(".orbstack/run/docker.sock") + ", " + home.resolve("rootful.sock") + ", "
                + runtime.resolve("podman/podman.sock") + " exists and DOCKER_HOST is not set"));
    }

    @Test
    void eachPerUserSocketIsFoundWhenItIsTheOnlyOne() throws IOException {
        LocalSockets sockets = LocalSockets.only(home.resolve("default.sock"));
        for (String relative : List.of(".docker/run/docker.sock", ".docker/desktop/docker.sock", ".rd/docker.sock",
                ".orbstack/run/docker.sock")) {
            Path socket = home.resolve(relative);
            Files.createDirectories(socket.getParent());
            Files.createFile(socket);
            assertThat(sockets.find(facts(Map.of()))).as(relative).isEqualTo(new EngineLocator.Located.Found(
                    EngineAddress.unix(socket, "a per-user socket that exists")));
            Files.delete(socket);
        }
    }
}
