package dev.backendconfig.docker.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backendconfig.api.ProbeKind;
import dev.backendconfig.api.ServiceEndpoint;
import dev.backendconfig.api.spi.ProbeResult;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.toolkit.Origin;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Provider docker's settings and facts as read at its door: what an unset setting reads as, each setting's value and
 * origin, the lease directory, the WebSocket path check; and the facts (variables, directories, probes, budget).
 */
class DockerConfigReadTest {

    @TempDir
    Path directory;

    private ResolutionContext context(Map<String, String> settings, Map<String, String> properties) {
        return ResolutionContext.builder().workingDirectory(directory).settings(settings).systemProperties(properties)
                .build();
    }

    @Test
    void unsetSettingsReadAsEmptyTextEmptyListsPortZeroAndTheirDefaults() {
        DockerConfig config = DockerConfig.read(context(Map.of(), Map.of("java.io.tmpdir", directory.toString(),
                "user.name", "ci")));

        assertThat(config.host()).isEmpty();
        assertThat(config.project()).isEmpty();
        assertThat(config.composeFiles()).isEmpty();
        assertThat(config.profiles()).isEmpty();
        assertThat(config.envFiles()).isEmpty();
        assertThat(config.certPath()).isEmpty();
        assertThat(config.predict()).isTrue();
        assertThat(config.waitHealthy()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.answerTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.tls()).isEqualTo(DockerConfig.TlsChoice.BY_VARIABLES);
        assertThat(config.sshCommand()).containsExactly("ssh");
        assertThat(config.composeMaxBytes()).isEqualTo(64 * 1024L);
        assertThat(config.lifecycle().starts()).isFalse();
        assertThat(config.lifecycle().startTimeout()).isEqualTo(Duration.ofMinutes(3));
        assertThat(config.lifecycle().leaseDirectory()).isEqualTo(directory.resolve("backend-config-leases-ci"));
        assertThat(config.services()).hasSize(1);
        assertThat(config.backendOnly()).isTrue();
        DockerConfig.ServiceTarget backend = config.backend();
        assertThat(backend.service().isBackend()).isTrue();
        assertThat(backend.findComposeService()).isEmpty();
        assertThat(backend.findContainerPort()).isEmpty();
        assertThat(backend.webSocketPath()).isEmpty();
    }

    @Test
    void eachSettingIsReadWithWhereItCameFrom() {
        Map<String, String> settings = new HashMap<>();
        settings.put("docker.host", "tcp://127.0.0.1:2375");
        settings.put("docker.project", "shop");
        settings.put("docker.compose-file", "a.yaml,b.yaml");
        settings.put("docker.profiles", "dev");
        settings.put("docker.env-file", ".env.test");
        settings.put("docker.predict", "false");
        settings.put("docker.wait-healthy", "5s");
        settings.put("docker.tls-verify", "true");
        settings.put("docker.cert-path", "/certs");
        settings.put("docker.compose-max-kib", "128");
        settings.put("docker.start", "if-missing");
        settings.put("docker.lease-dir", " leases ");
        settings.put("services", "auth");
        settings.put("docker.service", "api");
        settings.put("docker.container-port", "8080");
        settings.put("docker.websocket-path", "/ws");
        settings.put("services.auth.docker.service", "auth-server");
        settings.put("services.auth.docker.container-port", "9000");
        settings.put("services.auth.docker.websocket-path", "realtime/v1");

        DockerConfig config = DockerConfig.read(context(settings, Map.of()));

        assertThat(config.host()).isEqualTo("tcp://127.0.0.1:2375");
        assertThat(config.hostOrigin()).isEqualTo(Origin.override("docker.host", "ResolutionContext.Builder.settings"));
        assertThat(config.project()).isEqualTo("shop");
        assertThat(config.projectOrigin().kind()).isEqualTo(Origin.Kind.OVERRIDE);
        assertThat(config.composeFiles()).containsExactly("a.yaml", "b.yaml");
        assertThat(config.composeFilesOrigin().kind()).isEqualTo(Origin.Kind.OVERRIDE);
        assertThat(config.profiles()).containsExactly("dev");
        assertThat(config.profilesOrigin().kind()).isEqualTo(Origin.Kind.OVERRIDE);
        assertThat(config.envFiles()).containsExactly(".env.test");
        assertThat(config.envFilesOrigin().kind()).isEqualTo(Origin.Kind.OVERRIDE);
        assertThat(config.predict()).isFalse();
        assertThat(config.waitHealthy()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.tls()).isEqualTo(DockerConfig.TlsChoice.VERIFY);
        assertThat(config.certPath()).isEqualTo("/certs");
        assertThat(config.composeMaxBytes()).isEqualTo(128 * 1024L);
        assertThat(config.lifecycle().starts()).isTrue();
        assertThat(config.lifecycle().leaseDirectory()).isEqualTo(directory.resolve("leases"));
        assertThat(config.lifecycle().leaseDirectoryOrigin().kind()).isEqualTo(Origin.Kind.OVERRIDE);
        assertThat(config.backendOnly()).isFalse();
        assertThat(config.services()).extracting(target -> target.service().name()).containsExactly("backend",
                "auth");
        DockerConfig.ServiceTarget backend = config.backend();
        assertThat(backend.findComposeService()).contains("api");
        assertThat(backend.findContainerPort()).contains(8080);
        assertThat(backend.webSocketPath()).isEqualTo("/ws");
        DockerConfig.ServiceTarget auth = config.services().get(1);
        assertThat(auth.findComposeService()).contains("auth-server");
        assertThat(auth.findContainerPort()).contains(9000);
        assertThat(auth.webSocketPath()).isEqualTo("realtime/v1");
        assertThat(auth.composeServiceKey()).isEqualTo("services.auth.docker.service");
        assertThat(auth.containerPortKey()).isEqualTo("services.auth.docker.container-port");
        assertThat(auth.webSocketPathKey()).isEqualTo("services.auth.docker.websocket-path");

        assertThat(DockerConfig.read(context(Map.of("docker.tls-verify", "false"), Map.of())).tls())
                .isEqualTo(DockerConfig.TlsChoice.PLAIN);
    }

    @Test
    void theDefaultLeaseDirectoryIsPerUserInTheTempDirectoryWithTheUserNameMadeSafe() {
        assertThat(DockerConfig.read(context(Map.of(), Map.of("java.io.tmpdir", directory.toString(), "user.name",
                "Jane Doe/../x"))).lifecycle().leaseDirectory()).isEqualTo(directory.resolve(
                        "backend-config-leases-Jane_Doe_.._x"));
        assertThat(DockerConfig.read(context(Map.of(), Map.of("java.io.tmpdir", directory.toString())))
                .lifecycle().leaseDirectory()).isEqualTo(directory.resolve("backend-config-leases-user"));
        assertThat(DockerConfig.read(context(Map.of(), Map.of("user.name", "ci"))).lifecycle().leaseDirectory())
                .isEqualTo(Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath()
                        .resolve("backend-config-leases-ci"));
    }

    @Test
    void aWebSocketPathThatIsAWholeUrlIsRefusedNamingItsSetting() {
        assertThatThrownBy(() -> DockerConfig.read(context(Map.of("services", "auth",
                "services.auth.docker.websocket-path", "ws://elsewhere/ws"), Map.of())))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("setting services.auth.docker.websocket-path expects a path such as /ws or"
                        + " ws/chat, got a value that is not one")
                .hasMessageNotContaining("elsewhere");
    }

    @Test
    void aSettingIsDescribedWithItsOriginUnlessTheOriginNamesItAlready() {
        assertThat(DockerConfig.described("docker.project", Origin.override("docker.project", "--set")))
                .isEqualTo("setting docker.project given to --set");
        assertThat(DockerConfig.described("docker.project", Origin.systemProperty("backendconfig.docker.project")))
                .isEqualTo("setting docker.project (" + Origin.systemProperty("backendconfig.docker.project")
                        .describe() + ")");
    }

    @Test
    void theFactsAreTheContextsVariablesDirectoriesProbesAndBudget() {
        ResolutionContext context = ResolutionContext.builder().workingDirectory(directory)
                .environment(Map.of("DOCKER_HOST", "unix:///run/docker.sock", "BLANK", "  ", "EMPTY", ""))
                .systemProperties(Map.of("user.home", "home", "user.dir", "/launch"))
                .settings(Map.of("probe", "none", "timeout", "30s")).build();

        ResolutionFacts facts = ResolutionFacts.of(context);

        assertThat(facts.variable("DOCKER_HOST")).contains("unix:///run/docker.sock");
        assertThat(facts.variable("BLANK")).isEmpty();
        assertThat(facts.variable("EMPTY")).isEmpty();
        assertThat(facts.variable("UNSET")).isEmpty();
        assertThat(facts.environment()).containsOnlyKeys("DOCKER_HOST", "BLANK", "EMPTY");
        assertThat(facts.workingDirectory()).isEqualTo(directory.toAbsolutePath().normalize());
        assertThat(facts.userHome()).isEqualTo(Path.of("home").toAbsolutePath());
        assertThat(facts.launchDirectory()).isEqualTo("/launch");
        assertThat(facts.probing()).isFalse();
        assertThat(facts.timeLeft()).isGreaterThan(Duration.ofSeconds(20)).isLessThanOrEqualTo(Duration.ofSeconds(30));
        facts.extendBudget(Duration.ofMinutes(5));
        assertThat(facts.timeLeft()).isGreaterThan(Duration.ofMinutes(4));
        assertThat(context.remaining()).isGreaterThan(Duration.ofMinutes(4));
        ServiceEndpoint candidate = ServiceEndpoint.builder("backend").http(URI.create("http://127.0.0.1:1"),
                Origin.other("test")).build();
        assertThat(facts.probe(candidate).ready()).isTrue(); // probe=none
    }

    @Test
    void theFactsProtocolProbeSpeaksHttpToTheCandidateWhateverSettingProbeSays() throws Exception {
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        List<String> requests = java.util.Collections.synchronizedList(new ArrayList<>());
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        try {
            ResolutionFacts facts = ResolutionFacts.of(ResolutionContext.builder().workingDirectory(directory)
                    .settings(Map.of("probe", "none")).build());
            ServiceEndpoint candidate = ServiceEndpoint.builder("test").http(URI.create("http://127.0.0.1:"
                    + server.getAddress().getPort()), Origin.other("test")).build();

            assertThat(facts.probeProtocol(candidate).ready()).isTrue();
            assertThat(requests).containsExactly("GET /");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void theProtocolProbeAsksForHttpAndTheConfiguredProbeForTheConfiguredKind() {
        List<String> asked = new ArrayList<>();
        AtomicReference<Duration> extended = new AtomicReference<>();
        ProbeResult ready = new ProbeResult(true, "checked", Duration.ZERO);
        ResolutionFacts facts = new ResolutionFacts(Map.of(), directory, directory, "", Clock.systemUTC(),
                () -> Duration.ofSeconds(7), true, candidate -> {
                    asked.add("configured " + candidate.service());
                    return ready;
                }, (candidate, kind) -> {
                    asked.add(kind + " " + candidate.service());
                    return ready;
                }, extended::set);
        ServiceEndpoint candidate = ServiceEndpoint.builder("test").http(URI.create("http://127.0.0.1:1"),
                Origin.other("test")).build();

        assertThat(facts.probe(candidate)).isSameAs(ready);
        assertThat(facts.probeProtocol(candidate)).isSameAs(ready);
        assertThat(asked).containsExactly("configured backend", ProbeKind.HTTP + " backend");
        assertThat(facts.timeLeft()).isEqualTo(Duration.ofSeconds(7));
        facts.extendBudget(Duration.ofSeconds(42));
        assertThat(extended).hasValue(Duration.ofSeconds(42));
    }
}
