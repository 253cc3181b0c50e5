package dev.backendconfig.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backendconfig.toolkit.Origin;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.docker.internal.DockerConfig;
import dev.backendconfig.docker.internal.ResolutionFacts;
import dev.backendconfig.docker.internal.compose.ComposePort;
import dev.backendconfig.docker.internal.compose.ComposeProject;
import dev.backendconfig.docker.internal.compose.ComposeProjects;
import dev.backendconfig.docker.internal.compose.ComposeService;
import dev.backendconfig.testsupport.CallerEnvironment;
import dev.backendconfig.testsupport.Commands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * This checkout's project as the library reads it, compared with the real {@code docker-compose config} (v1 1.29,
 * installed by scripts/docker-it.sh) for every rule v1 shares with the compose specification: default file and
 * override file, {@code COMPOSE_FILE} and its separator, {@code extends} of the same file and of another, the
 * {@code .env} beside the files and the environment over it, {@code --env-file}, merge keys, ports merged across files,
 * scalars replaced, {@code network_mode: host}; and the project name compose gives the containers it creates
 * ({@code up --no-start}): the directory's name normalised, and {@code COMPOSE_PROJECT_NAME} from {@code .env}. What v1
 * does not know ({@code include}, {@code !reset}, {@code !override}, the top-level {@code name:}, profiles in
 * {@code config}) is tested against the specification in {@code ComposeProjectRulesTest} and
 * {@code ComposeIncludeExtendsTest}.
 */
class ComposeConfigIT {

    private static final Duration COMMAND_TIME = Duration.ofSeconds(60);
    private static final String IMAGE = "backend-config-it/backend:latest";

    @TempDir
    Path root;

    private Path checkout;

    @BeforeEach
    void aCheckout() throws IOException {
        checkout = Files.createDirectories(root.resolve("shop"));
        Files.createDirectories(checkout.resolve(".git"));
    }

    private Path write(String name, String text) throws IOException {
        Path file = checkout.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    private ComposeProject ours(Path directory, Map<String, String> environment, Map<String, String> settings) {
        ResolutionContext context = ResolutionContext.builder().workingDirectory(directory).environment(environment)
                .settings(settings).build();
        return ComposeProjects.load(DockerConfig.read(context), ResolutionFacts.of(context)).found().orElseThrow();
    }

    /** Run {@code docker-compose <options> config} in {@code directory} and return its services as it merged them. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> theirs(Path directory, Map<String, String> environment, String... options)
            throws IOException {
        List<String> command = new ArrayList<>(List.of("docker-compose"));
        command.addAll(List.of(options));
        command.add("config");
        Map<String, String> all = new HashMap<>(CallerEnvironment.engine());
        all.putAll(environment);
        String yaml = Commands.run(command, all, COMMAND_TIME, directory);
        Map<String, Object> document = (Map<String, Object>) new Load(LoadSettings.builder().build())
                .loadFromString(yaml);
        return (Map<String, Object>) document.get("services");
    }

    /** What both sides must agree on for one service: ports, container name, image, network mode, aliases. */
    private record Shape(TreeSet<String> ports, String containerName, String image, String networkMode,
            TreeSet<String> aliases) {
    }

    private static Map<String, Shape> shapes(ComposeProject project) {
        Map<String, Shape> shapes = new TreeMap<>();
        for (ComposeService service : project.services().values()) {
            TreeSet<String> ports = new TreeSet<>();
            service.ports().forEach(port -> ports.add(key(port)));
            shapes.put(service.name(), new Shape(ports, service.containerName(), service.image(),
                    service.networkMode(), new TreeSet<>(service.aliases())));
        }
        return shapes;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Shape> shapes(Map<String, Object> services) {
        Map<String, Shape> shapes = new TreeMap<>();
        for (Map.Entry<String, Object> entry : services.entrySet()) {
            Map<String, Object> service = (Map<String, Object>) entry.getValue();
            TreeSet<String> ports = new TreeSet<>();
            for (Object port : (List<Object>) service.getOrDefault("ports", List.of())) {
                if (port instanceof Map<?, ?> map) {
                    ports.add(key(ComposePort.parseLong(text(map.get("target")), text(map.get("published")),
                            text(map.get("host_ip")), text(map.get("protocol")), "v1", Origin.other("v1"))));
                } else {
                    ports.add(key(ComposePort.parseShort(String.valueOf(port), Origin.other("v1"))));
                }
            }
            TreeSet<String> aliases = new TreeSet<>();
            Object networks = service.get("networks");
            if (networks instanceof Map<?, ?> map) {
                for (Object network : map.values()) {
                    if (network instanceof Map<?, ?> options && options.get("aliases") instanceof List<?> list) {
                        list.forEach(alias -> aliases.add(String.valueOf(alias)));
                    }
                }
            }
            shapes.put(entry.getKey(), new Shape(ports, String.valueOf(service.getOrDefault("container_name", "")),
                    String.valueOf(service.getOrDefault("image", "")),
                    String.valueOf(service.getOrDefault("network_mode", "")), aliases));
        }
        return shapes;
    }

    private static java.util.Optional<String> text(Object value) {
        return value == null ? java.util.Optional.empty() : java.util.Optional.of(String.valueOf(value));
    }

    private static String key(ComposePort port) {
        return port.hostIp() + ":" + port.published() + ":" + port.target() + "/" + port.protocol();
    }

    @Test
    void theDefaultFileAndTheOverrideFileMergeAsV1MergesThem() throws IOException {
        write("docker-compose.yml", """
                x-base: &base
                  image: shop/base:1
                services:
                  api:
                    <<: *base
                    container_name: first
                    ports: ["${API_PORT:-8002}:8000", "9000:9000"]
                    networks:
                      default:
                        aliases: [backend]
                  worker:
                    image: shop/worker
                    network_mode: host
                """);
        write("docker-compose.override.yml", """
                services:
                  api:
                    image: shop/api:2
                    ports: ["${API_PORT:-8002}:8000", "127.0.0.1:9100:9100/udp"]
                    networks:
                      default:
                        aliases: [api]
                """);
        write(".env", "API_PORT=8010\n");
        Path module = Files.createDirectories(checkout.resolve("module"));
        ComposeProject project = ours(module, Map.of(), Map.of());
        assertThat(project.configFiles()).hasSize(2);
        assertThat(shapes(project)).isEqualTo(shapes(theirs(checkout, Map.of())));
        assertThat(shapes(ours(module, Map.of("API_PORT", "8020"), Map.of())))
                .isEqualTo(shapes(theirs(checkout, Map.of("API_PORT", "8020"))));
    }

    @Test
    void composeFileWithItsSeparatorAndExtendsOfTheSameAndAnotherFileReadAsV1ReadsThem() throws IOException {
        write("docker/base.yml", """
                services:
                  common:
                    image: shop/common
                    ports: ["7000:7000"]
                  api:
                    extends: common
                    ports: ["8002:8000"]
                """);
        write("docker/ci.yml", """
                services:
                  api:
                    container_name: api-ci
                  web:
                    extends:
                      file: shared/web.yml
                      service: web
                    ports: ["3002:3000"]
                """);
        write("docker/shared/web.yml", "services:\n  web:\n    image: shop/web\n    ports: [\"3003:3001\"]\n");
        Map<String, String> environment = Map.of("COMPOSE_FILE", "docker/base.yml;docker/ci.yml",
                "COMPOSE_PATH_SEPARATOR", ";");
        assertThat(shapes(ours(checkout, environment, Map.of()))).isEqualTo(shapes(theirs(checkout, environment)));
    }

    @Test
    void anEnvFileNamedLikeDashDashEnvFileInterpolatesAsV1Does() throws IOException {
        write("compose.yml", "services:\n  api:\n    image: shop/api\n    ports: [\"${API_PORT:-8002}:8000\"]\n");
        write(".env", "API_PORT=8010\n");
        write("ci.env", "API_PORT=8030\n");
        ComposeProject project = ours(checkout, Map.of(), Map.of("docker.env-file", "ci.env"));
        assertThat(shapes(project)).isEqualTo(shapes(theirs(checkout, Map.of(), "--env-file", "ci.env")));
        assertThat(project.service("api").orElseThrow().ports().get(0).hostPortFor(8000)).contains(8030);
    }

    @Test
    void theProjectNameIsTheOneV1GivesTheContainersItCreates() throws IOException {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        Path named = Files.createDirectories(root.resolve("My.Shop_" + suffix));
        Files.writeString(named.resolve("compose.yml"), "services:\n  api:\n    image: " + IMAGE + "\n");
        assertThat(ours(named, Map.of(), Map.of()).name()).isEqualTo(createdProject(named));
        Files.writeString(named.resolve(".env"), "COMPOSE_PROJECT_NAME=fromenv" + suffix + "\n");
        assertThat(ours(named, Map.of(), Map.of()).name()).isEqualTo("fromenv" + suffix)
                .isEqualTo(createdProject(named));
    }

    /** Create the project's containers without starting them, read their project label, and remove them. */
    private String createdProject(Path directory) throws IOException {
        Map<String, String> environment = new HashMap<>(CallerEnvironment.engine());
        Commands.run(List.of("docker-compose", "up", "--no-start"), environment, COMMAND_TIME, directory);
        try {
            String id = Commands.run(List.of("docker-compose", "ps", "-q"), environment, COMMAND_TIME, directory)
                    .strip().lines().reduce((first, second) -> second).orElseThrow();
            return Commands.run(List.of("docker", "inspect", "--format",
                    "{{index .Config.Labels \"com.docker.compose.project\"}}", id), environment, COMMAND_TIME).strip();
        } finally {
            Commands.run(List.of("docker-compose", "down", "-t", "1"), environment, COMMAND_TIME, directory);
        }
    }
}
