package dev.backendconfig.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What the other engines' tests ({@code *EngineIT}) are told by scripts/engines-it.sh, which starts the engines:
 * {@code ENGINES_IT_*} variables. A test selected without its variable fails, naming the variable: the script
 * selects only the tests of engines it started.
 */
public final class EnginesIt {

    private EnginesIt() {
    }

    /** Return a variable scripts/engines-it.sh exports. */
    public static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set: run this test through scripts/engines-it.sh, which"
                    + " starts the engine and sets it");
        }
        return value;
    }

    /** Return a free TCP port on this machine (a port to publish a container on). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("0.0.0.0"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Return a compose project name no one else uses: {@code PREFIX-} and eight random hex digits. */
    public static String project(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Return the variables a resolution sees in these tests: PATH (for ssh and the docker CLI) and the given ones,
     * and nothing else of this machine's environment (no DOCKER_HOST, no CONTAINER_HOST, no BACKENDCONFIG_*).
     */
    public static Map<String, String> environment(Map<String, String> variables) {
        Map<String, String> environment = new TreeMap<>(variables);
        environment.put("PATH", System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"));
        return environment;
    }
}
