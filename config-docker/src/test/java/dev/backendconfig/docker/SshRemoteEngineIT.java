package dev.backendconfig.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.testsupport.ComposeStack;
import dev.backendconfig.testsupport.EnginesIt;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An engine on "another machine": this machine's dockerd reached through the real sshd at a private, non-loopback
 * address of its own (scripts/engines-env.sh add_remote_address), so the provider treats it as remote. A port
 * bound to 127.0.0.1 there cannot be reached from here and is reported so; one published on all interfaces is
 * reached at the engine's address. Run by scripts/engines-it.sh: {@code ENGINES_IT_SSH_REMOTE_HOST}
 * (ssh://root@ADDRESS:PORT) and {@code ENGINES_IT_SSH_CONFIG}.
 */
class SshRemoteEngineIT {

    private static final String COMPOSE = """
            services:
              local-only:
                image: backend-config-it/backend:latest
                ports: ["127.0.0.1:${LOOPBACK_PORT}:8000"]
              everywhere:
                image: backend-config-it/backend:latest
                ports: ["${ALL_PORT}:8000"]
            """;

    private static String remote;
    private static String remoteAddress;
    private static String sshConfig;
    private static int loopbackPort;
    private static int allPort;
    private static ComposeStack stack;

    @TempDir
    static Path stackDirectory;

    @BeforeAll
    static void startTheStack() throws IOException {
        remote = EnginesIt.required("ENGINES_IT_SSH_REMOTE_HOST");
        remoteAddress = URI.create(remote).getHost();
        sshConfig = EnginesIt.required("ENGINES_IT_SSH_CONFIG");
        loopbackPort = EnginesIt.freePort();
        allPort = EnginesIt.freePort();
        Path file = Files.writeString(stackDirectory.resolve("compose.yaml"), COMPOSE);
        stack = ComposeStack.up(file, EnginesIt.project("bcit-remote"), Map.of("LOOPBACK_PORT",
                Integer.toString(loopbackPort), "ALL_PORT", Integer.toString(allPort)));
    }

    @AfterAll
    static void stopTheStack() throws IOException {
        if (stack != null) {
            stack.close();
        }
    }

    private static ProviderResult resolve(String service) {
        return new DockerEndpointProvider().resolve(ResolutionContext.builder()
                .environment(EnginesIt.environment(Map.of("DOCKER_HOST", remote)))
                .systemProperties(Map.of("user.home", stackDirectory.toString())).workingDirectory(stackDirectory)
                .settings(Map.of("docker.project", stack.project(), "docker.service", service, "docker.ssh-command",
                        "ssh,-F," + sshConfig)).build());
    }

    /** The project named by setting docker.project is the tests' own: a service of it that cannot be reached is an error. */
    @Test
    void aPortBoundToTheRemoteEnginesLoopbackIsReportedUnreachable() {
        assertThatThrownBy(() -> resolve("local-only")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("compose project " + stack.project() + " (named by setting docker.project) is"
                        + " half up: ")
                .hasMessageContaining("not running or not ready: backend (service local-only (project " + stack.project() + ", container "
                + stack.project() + "_local-only_1) publishes 8000 only on 127.0.0.1:" + loopbackPort + " of engine "
                + remote.replace("root@", "***@") + ", another machine, whose loopback cannot be reached from here;"
                + " publish it on all interfaces (\"" + loopbackPort + ":8000\" instead of \"127.0.0.1:" + loopbackPort
                + ":8000\"), or run the tests on the engine's machine)");
    }

    @Test
    void aPortPublishedOnAllInterfacesIsReachedAtTheEnginesAddress() throws Exception {
        ProviderResult result = ProviderResult.unavailable("not asked");
        for (int i = 0; i < 20 && !(result instanceof ProviderResult.Found); i++) {
            result = resolve("everywhere");
            if (!(result instanceof ProviderResult.Found)) {
                Thread.sleep(500);
            }
        }
        assertThat(result).as(result.reason()).isInstanceOf(ProviderResult.Found.class);
        URI http = ((ProviderResult.Found) result).endpoint().http();
        assertThat(http).isEqualTo(URI.create("http://" + remoteAddress + ":" + allPort));
        assertThat(result.reason()).startsWith("compose project " + stack.project() + " (named by setting"
                + " docker.project): service everywhere publishes 8000 on 0.0.0.0:" + allPort
                + " (no healthcheck; tcp " + remoteAddress + ":" + allPort + ": accepted");
        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(http.resolve("/health"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.body().strip()).isEqualTo("ok");
    }
}
