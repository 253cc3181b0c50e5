package dev.backendconfig.docker.internal.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backendconfig.docker.internal.engine.EngineAddress;
import dev.backendconfig.docker.internal.tls.TlsMaterial;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a compose child is given to reach the engine, beyond the common cases: the lease key of an engine (a socket by
 * its real path), an ssh engine without user or port, TLS with only a CA, and Podman over TCP.
 */
class ChildEngineRulesTest {

    @TempDir
    Path directory;

    @Test
    void aSocketReachedThroughALinkHasTheLeaseKeyOfItsRealPathAndAMissingOneItsNormalPath() throws IOException {
        Path socket = Files.createFile(directory.resolve("engine.sock"));
        Path link = Files.createSymbolicLink(directory.resolve("link.sock"), socket);

        assertThat(ChildEngine.of(EngineAddress.unix(link, "test"), false).key())
                .isEqualTo("unix://" + socket.toRealPath());
        assertThat(ChildEngine.of(EngineAddress.unix(directory.resolve("x/../gone.sock"), "test"), false).key())
                .isEqualTo("unix://" + directory.resolve("gone.sock").toAbsolutePath());
        assertThat(ChildEngine.of(EngineAddress.tcp("10.0.0.5", 2375, "test"), false).key())
                .isEqualTo("tcp://10.0.0.5:2375");
    }

    @Test
    void anSshEngineWithoutUserOrPortIsNamedByItsHostAlone() {
        ChildEngine engine = ChildEngine.of(EngineAddress.ssh("", "build-box", 0, "test"), false);

        assertThat(engine.set()).containsExactlyEntriesOf(Map.of("DOCKER_HOST", "ssh://build-box"));
        assertThat(engine.unset()).containsExactly("DOCKER_CONTEXT", "DOCKER_TLS_VERIFY", "DOCKER_TLS",
                "DOCKER_CERT_PATH");
        assertThat(engine.podman()).isFalse();
        assertThat(engine.shown()).isEqualTo("ssh://build-box");
        assertThat(ChildEngine.of(EngineAddress.ssh("", "::1", 2222, "test"), false).set())
                .containsEntry("DOCKER_HOST", "ssh://[::1]:2222");
    }

    @Test
    void aTlsEngineWithOnlyACaGetsItsFolderAndOneWithoutFilesNoCertPath() {
        TlsMaterial caOnly = new TlsMaterial(Path.of("/ca/dir/ca.pem"), null, null, "test", "test", false);
        ChildEngine engine = ChildEngine.of(EngineAddress.tls("127.0.0.1", 2376, caOnly, "test"), false);
        assertThat(engine.set()).containsEntry("DOCKER_TLS_VERIFY", "1").containsEntry("DOCKER_CERT_PATH", "/ca/dir");
        assertThat(engine.unset()).containsExactly("DOCKER_CONTEXT");

        TlsMaterial none = new TlsMaterial(null, null, null, "test", "test", false);
        assertThat(ChildEngine.of(EngineAddress.tls("127.0.0.1", 2376, none, "test"), false).set())
                .containsEntry("DOCKER_TLS_VERIFY", "1").doesNotContainKey("DOCKER_CERT_PATH");
        TlsMaterial bare = new TlsMaterial(Path.of("ca.pem"), null, null, "test", "test", false);
        assertThat(ChildEngine.of(EngineAddress.tls("127.0.0.1", 2376, bare, "test"), false).set())
                .as("a file without folder names none").doesNotContainKey("DOCKER_CERT_PATH");
    }

    @Test
    void aPodmanEngineOverTcpIsNamedByDockerHostOnly() {
        ChildEngine engine = ChildEngine.of(EngineAddress.tcp("127.0.0.1", 8080, "test"), true);

        assertThat(engine.set()).containsExactlyEntriesOf(Map.of("DOCKER_HOST", "tcp://127.0.0.1:8080"));
        assertThat(engine.podman()).isTrue();
    }

    @Test
    void theChildsVariablesWinOverTheCallersOfTheSameName() {
        ChildEngine engine = ChildEngine.of(EngineAddress.unix(Path.of("/run/e.sock"), "test"), false);

        assertThat(engine.applyTo(Map.of("DOCKER_HOST", "tcp://elsewhere:2375", "HOME", "/h")))
                .containsExactlyEntriesOf(new java.util.TreeMap<>(Map.of("DOCKER_HOST", "unix:///run/e.sock",
                        "HOME", "/h")));
    }
}
