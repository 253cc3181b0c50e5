package dev.backendconfig.docker.internal.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backendconfig.docker.internal.engine.EngineAddress;
import dev.backendconfig.docker.internal.tls.TlsMaterial;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The compose child is pointed at the engine the resolution found, whatever the caller's variables said. */
class ChildEngineTest {

    private static final Map<String, String> CALLER = Map.of("PATH", "/usr/bin", "DOCKER_HOST", "tcp://elsewhere:2375",
            "DOCKER_CONTEXT", "remote", "DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", "/old", "PORT", "8002");

    @Test
    void aUnixSocketEngineIsNamedByDockerHostAndTheCallersOtherEngineVariablesAreGone() {
        Map<String, String> child = ChildEngine.of(EngineAddress.unix(Path.of("/run/e.sock"), "test"), false)
                .applyTo(CALLER);
        assertThat(child).containsExactlyInAnyOrderEntriesOf(Map.of("PATH", "/usr/bin", "PORT", "8002",
                "DOCKER_HOST", "unix:///run/e.sock"));
    }

    @Test
    void aPodmanSocketIsAlsoNamedByContainerHostForPodmansOwnCommands() {
        Map<String, String> child = ChildEngine.of(EngineAddress.unix(Path.of("/run/podman.sock"), "test"), true)
                .applyTo(Map.of());
        assertThat(child).containsEntry("DOCKER_HOST", "unix:///run/podman.sock")
                .containsEntry("CONTAINER_HOST", "unix:///run/podman.sock");
    }

    @Test
    void aTlsEngineGetsTheTlsVariablesOfItsOwnFiles() {
        TlsMaterial tls = new TlsMaterial(Path.of("/certs/ca.pem"), Path.of("/certs/cert.pem"),
                Path.of("/certs/key.pem"), "test", "test", false);
        Map<String, String> child = ChildEngine.of(EngineAddress.tls("127.0.0.1", 2376, tls, "test"), false)
                .applyTo(CALLER);
        assertThat(child).containsEntry("DOCKER_HOST", "tcp://127.0.0.1:2376").containsEntry("DOCKER_TLS_VERIFY", "1")
                .containsEntry("DOCKER_CERT_PATH", "/certs").doesNotContainKey("DOCKER_CONTEXT");
    }

    @Test
    void anSshEngineKeepsItsUserForTheChildButNotForMessages() {
        ChildEngine engine = ChildEngine.of(EngineAddress.ssh("deploy", "build-box", 2222, "test"), false);
        assertThat(engine.applyTo(Map.of())).containsEntry("DOCKER_HOST", "ssh://deploy@build-box:2222");
        assertThat(engine.shown()).isEqualTo("ssh://***@build-box:2222");
        assertThat(ChildEngine.of(EngineAddress.tcp("::1", 2375, "test"), false).applyTo(CALLER))
                .containsEntry("DOCKER_HOST", "tcp://[::1]:2375").doesNotContainKeys("DOCKER_TLS_VERIFY",
                        "DOCKER_CERT_PATH");
    }
}
