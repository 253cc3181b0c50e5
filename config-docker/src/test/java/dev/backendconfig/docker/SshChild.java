package dev.backendconfig.docker;

import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.docker.internal.engine.EngineAddress;
import dev.backendconfig.docker.internal.transport.EngineClient;
import dev.backendconfig.docker.internal.transport.EngineTimeouts;
import dev.backendconfig.docker.internal.transport.SshCommand;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A test JVM that reaches an ssh:// engine and is killed ({@code kill -9}) by the test that started it, to prove
 * that ssh does not outlive it. Its output lines start with {@code CHILD }.
 *
 * <p>Arguments: {@code resolve DOCKER_HOST SSH_COMMAND DIRECTORY DOCKER_TIMEOUT ANSWER_TIMEOUT} resolves with provider
 * docker (ssh stays busy as long as the engine does not answer); {@code hold USER HOST PORT SSH_COMMAND} asks the
 * engine once over ssh, says {@code CHILD CONNECTED}, and keeps the connection (ssh and the remote dial-stdio) open
 * until it is killed.
 */
public final class SshChild {

    private SshChild() {
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("hold")) {
            hold(args[1], args[2], Integer.parseInt(args[3]), List.of(args[4].split(",")));
            return;
        }
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.put("DOCKER_HOST", args[1]);
        ProviderResult result = new DockerEndpointProvider(Path.of(args[3]).resolve("no-default.sock"))
                .resolve(ResolutionContext.builder().workingDirectory(Path.of(args[3])).environment(environment)
                        .systemProperties(Map.of("user.home", args[3])).settings(Map.of("docker.ssh-command", args[2],
                                "docker.timeout", args[4], "docker.answer-timeout", args[5], "timeout", "10m"))
                        .build());
        System.out.println("CHILD RESOLVED " + result.reason());
    }

    private static void hold(String user, String host, int port, List<String> ssh) throws Exception {
        EngineClient client = new EngineClient(EngineAddress.ssh(user, host, port, "test"), new EngineTimeouts(
                Duration.ofSeconds(10), Duration.ofSeconds(30)), new SshCommand(ssh, System.getenv()),
                () -> Duration.ofMinutes(10));
        client.get("/_ping");
        System.out.println("CHILD CONNECTED " + ProcessHandle.current().pid());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
