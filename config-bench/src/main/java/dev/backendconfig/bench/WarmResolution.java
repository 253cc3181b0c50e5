package dev.backendconfig.bench;

import static dev.backendconfig.testsupport.Recorded.id;
import static dev.backendconfig.testsupport.Recorded.inspection;
import static dev.backendconfig.testsupport.Recorded.listEntry;
import static dev.backendconfig.testsupport.Recorded.renamed;
import static dev.backendconfig.testsupport.Recorded.text;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import org.testcontainers.shaded.com.github.dockerjava.core.DefaultDockerClientConfig;
import org.testcontainers.shaded.com.github.dockerjava.core.DockerClientConfig;
import org.testcontainers.shaded.com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import dev.backendconfig.api.Resolution;
import dev.backendconfig.api.ServiceResolver;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.testsupport.AlpineStack;
import dev.backendconfig.testsupport.FakeDockerEngine;
import dev.backendconfig.testsupport.Recorded;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * JMH: a warm resolution per provider, and docker-java's single list request on the same engine (the peer). Run by
 * {@link WarmJmh} with forks, warm-up and the GC profiler (bytes allocated per resolution); parameter {@code project}
 * names the compose project on the real engine at {@code /var/run/docker.sock}, or is empty for the fake engine. The
 * docker resolutions name their compose services ({@code docker.service}), as docker-java's label filter does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class WarmResolution {

    /** The compose project of the real engine's stack, or empty text: the fake engine. */
    @Param("")
    public String project;

    private Path work;
    private FakeDockerEngine fake;
    private final ServiceResolver resolver = ServiceResolver.create();
    private ResolutionContext env;
    private ResolutionContext staging;
    private ResolutionContext docker;
    private ResolutionContext dockerThree;
    private ResolutionContext dockerCompose;
    private DockerClient dockerJava;

    /** Make the checkout, the staging file and (without a real engine) the fake engine. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        work = Files.createTempDirectory("backend-config-jmh");
        Path repository = Files.createDirectories(work.resolve("project"));
        Files.createDirectories(repository.resolve(".git"));
        Files.writeString(repository.resolve(".env.staging.e2e"),
                "STAGING_BASE_URL=https://backend-staging.example.test\n");
        String engineHost = project.isEmpty() ? fakeEngine() : "unix:///var/run/docker.sock";
        env = context(repository, Map.of("TEST_BACKEND_URL", "http://localhost:8002"), Map.of("providers", "env"));
        staging = context(repository, Map.of(), Map.of("providers", "staging"));
        // the services named as docker-java's filter names them (the recorded stack's project is docker)
        Map<String, String> dockerSettings = new HashMap<>(Map.of("providers", "docker", "docker.project",
                project.isEmpty() ? "docker" : project, "docker.service", "alpine-test-backend"));
        docker = context(repository, Map.of("DOCKER_HOST", engineHost), dockerSettings);
        Map<String, String> three = new HashMap<>(dockerSettings);
        three.put("services", "auth,frontend");
        three.put("services.auth.docker.service", "alpine-test-auth");
        three.put("services.frontend.docker.service", "alpine-test-frontend");
        dockerThree = context(repository, Map.of("DOCKER_HOST", engineHost), three);
        // a checkout as users have it: its compose file (the example's backend) beside it, read at every resolution
        Path withCompose = Files.createDirectories(work.resolve("with-compose"));
        Files.createDirectories(withCompose.resolve(".git"));
        Files.writeString(withCompose.resolve("docker-compose.yml"), AlpineStack.COMPOSE_FILE);
        dockerCompose = context(withCompose, Map.of("DOCKER_HOST", engineHost), dockerSettings);
        DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(engineHost)
                .build();
        dockerJava = DockerClientImpl.getInstance(config, new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost()).build());
    }

    /** Close the clients and the fake engine, remove the checkout. */
    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        dockerJava.close();
        if (fake != null) {
            fake.close();
        }
        try (var files = Files.walk(work)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /** Provider env: a variable. */
    @Benchmark
    public Resolution env() {
        return resolver.resolve(env);
    }

    /** Provider staging: the dotenv file. */
    @Benchmark
    public Resolution staging() {
        return resolver.resolve(staging);
    }

    /** Provider docker: the backend of the compose project. */
    @Benchmark
    public Resolution docker() {
        return resolver.resolve(docker);
    }

    /** Provider docker: the backend, in a checkout holding its compose file (read, for the report and the match). */
    @Benchmark
    public Resolution dockerWithComposeFile() {
        return resolver.resolve(dockerCompose);
    }

    /** Provider docker: backend, auth and frontend of one project. */
    @Benchmark
    public Resolution dockerThreeServices() {
        return resolver.resolve(dockerThree);
    }

    /** The peer: docker-java's list of the backend's containers on the same engine, warm client. */
    @Benchmark
    public List<Container> dockerJavaList() {
        return dockerJava.listContainersCmd().withLabelFilter(Map.of("com.docker.compose.service",
                "alpine-test-backend")).exec();
    }

    private static ResolutionContext context(Path repository, Map<String, String> environment,
            Map<String, String> settings) {
        return ResolutionContext.builder().workingDirectory(repository).environment(environment)
                .systemProperties(Map.of("user.home", repository.toString())).settings(settings).build();
    }

    /** A fake engine listing the example stack as Docker does (health in the list), each container inspectable. */
    private String fakeEngine() throws IOException {
        fake = fakeEngine(work.resolve("engine.sock"));
        return fake.dockerHost();
    }

    /**
     * Start a fake engine on {@code socket} listing the recorded example stack of project {@code docker}
     * (alpine-test-backend, -auth and -frontend, healthy), each container inspectable.
     */
    static FakeDockerEngine fakeEngine(Path socket) throws IOException {
        FakeDockerEngine engine = FakeDockerEngine.onUnixSocket(socket);
        Map<String, Object> alpine = listEntry("alpine-test-backend");
        Map<String, Object> auth = neighbour(alpine, 'b', "alpine-test-auth", 8081, 8083);
        Map<String, Object> frontend = neighbour(alpine, 'c', "alpine-test-frontend", 3000, 3002);
        engine.containers(Recorded.write(List.of(alpine, auth, frontend)));
        for (Map<String, Object> container : List.of(alpine, auth, frontend)) {
            engine.inspect(id(container), text(inspection("alpine")));
        }
        return engine;
    }

    /** Return another service of the backend's compose project, publishing {@code target} on {@code published}. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> neighbour(Map<String, Object> backend, char id, String service, int target,
            int published) {
        Map<String, Object> entry = renamed(backend, String.valueOf(id).repeat(64), service, service);
        for (Object port : (List<Object>) entry.get("Ports")) {
            ((Map<String, Object>) port).put("PrivatePort", target);
            ((Map<String, Object>) port).put("PublicPort", published);
        }
        return entry;
    }
}
