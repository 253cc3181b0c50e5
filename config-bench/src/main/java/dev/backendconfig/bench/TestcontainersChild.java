package dev.backendconfig.bench;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerPort;
import java.util.Map;
import org.testcontainers.DockerClientFactory;

/**
 * Child JVM: Testcontainers' own answer to the same questions. {@code available}: how long
 * {@code DockerClientFactory.instance().isDockerAvailable()} takes to decide, in a fresh JVM (it decides once and
 * caches). {@code lookup N}: the host port of service alpine-test-backend through its docker-java client, warm, N
 * times.
 */
public final class TestcontainersChild {

    private TestcontainersChild() {
    }

    public static void main(String[] arguments) throws Exception {
        if (arguments[0].equals("available")) {
            long start = System.nanoTime();
            boolean available = DockerClientFactory.instance().isDockerAvailable();
            System.out.println("result decision " + (System.nanoTime() - start));
            System.out.println("result available " + available);
        } else {
            DockerClient client = DockerClientFactory.instance().client();
            int iterations = Integer.parseInt(arguments[1]);
            Samples samples = Samples.time(50, iterations, () -> hostPort(client));
            System.out.println("result port " + hostPort(client));
            System.out.println("result median " + samples.median());
            System.out.println("result p99 " + samples.p99());
        }
        System.exit(0);
    }

    private static int hostPort(DockerClient client) {
        for (Container container : client.listContainersCmd()
                .withLabelFilter(Map.of("com.docker.compose.service", "alpine-test-backend")).exec()) {
            for (ContainerPort port : container.getPorts()) {
                if (port.getPrivatePort() != null && port.getPrivatePort() == 8000 && port.getPublicPort() != null) {
                    return port.getPublicPort();
                }
            }
        }
        return -1;
    }
}
