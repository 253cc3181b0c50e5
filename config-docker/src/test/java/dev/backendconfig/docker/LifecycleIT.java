package dev.backendconfig.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.api.spi.RunScope;
import dev.backendconfig.testkit.RecordingLogs;
import dev.backendconfig.testsupport.CallerEnvironment;
import dev.backendconfig.testsupport.Commands;
import dev.backendconfig.testsupport.ComposeStack;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stack's lifecycle ({@code docker.start=if-missing}) against the real engine and the real docker-compose: what
 * is missing is started with compose, found, and at the end of the run only what was started is stopped and removed.
 * Each test asserts what {@code docker ps -a} (filtered to its own project) shows afterwards. Run by
 * scripts/docker-it.sh (Maven profile docker-it).
 */
class LifecycleIT {

    static final String IMAGE = "backend-config-it/backend:latest";
    private static final Duration COMMAND_TIME = Duration.ofSeconds(120);

    @TempDir
    Path repository;
    @TempDir
    Path leases;
    @TempDir
    Path bin;

    private final String project = "bclc-" + UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, String> variables = new HashMap<>();
    private final RunScope run = RunScope.create("LifecycleIT");

    /** A healthy service of the test image on a free port of 127.0.0.1, named by {@code variable}. */
    static String service(String name, String variable) {
        return """
                  %s:
                    image: %s
                    ports: ["127.0.0.1:${%s}:8000"]
                    healthcheck:
                      test: ["CMD", "/bin/busybox", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8000/health"]
                      interval: 1s
                      timeout: 2s
                      retries: 30
                """.formatted(name, IMAGE, variable);
    }

    private static final String THREE = "services:\n" + service("backend", "LC_BACKEND_PORT")
            + service("auth", "LC_AUTH_PORT") + service("frontend", "LC_FRONTEND_PORT");

    @BeforeEach
    void ports() throws IOException {
        Files.createDirectory(repository.resolve(".git"));
        List<Integer> ports = ComposeStack.freePorts(3);
        variables.put("LC_BACKEND_PORT", Integer.toString(ports.get(0)));
        variables.put("LC_AUTH_PORT", Integer.toString(ports.get(1)));
        variables.put("LC_FRONTEND_PORT", Integer.toString(ports.get(2)));
    }

    @AfterEach
    void removeWhatIsLeft() throws IOException {
        run.close();
        compose("down", "--remove-orphans", "-t", "1");
    }

    private String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");

    /** The caller's engine, PATH and HOME (for the compose command) and the stack's port variables. */
    private ResolutionContext context(Map<String, String> settings) {
        Map<String, String> environment = new HashMap<>(CallerEnvironment.engine());
        environment.put("PATH", path);
        environment.put("HOME", System.getProperty("user.home"));
        environment.putAll(variables);
        Map<String, String> all = new HashMap<>(settings);
        all.putIfAbsent("docker.project", project);
        all.putIfAbsent("docker.start", "if-missing");
        all.put("docker.lease-dir", leases.toString());
        return ResolutionContext.builder().environment(environment)
                .systemProperties(Map.of("user.home", System.getProperty("user.home")))
                .workingDirectory(repository).settings(all, "LifecycleIT").build();
    }

    private ProviderResult resolve(Map<String, String> settings) {
        return new DockerEndpointProvider(run).resolve(context(settings));
    }

    private static ProviderResult.Found found(ProviderResult result) {
        assertThat(result).as(result.reason() + " " + result.notes()).isInstanceOf(ProviderResult.Found.class);
        return (ProviderResult.Found) result;
    }

    /** {@code docker ps -a} of this test's project: each container's name and status, sorted. */
    private List<String> psA() throws IOException {
        String out = Commands.run(List.of("docker", "ps", "-a", "--filter", "label=com.docker.compose.project="
                + project, "--format", "{{.Names}} {{.State}}"), CallerEnvironment.engine(), COMMAND_TIME);
        return out.lines().filter(line -> !line.isBlank()).sorted().toList();
    }

    private List<String> networks() throws IOException {
        String out = Commands.run(List.of("docker", "network", "ls", "--filter", "label=com.docker.compose.project="
                + project, "--format", "{{.Name}}"), CallerEnvironment.engine(), COMMAND_TIME);
        return out.lines().filter(line -> !line.isBlank()).sorted().toList();
    }

    private String compose(String... arguments) throws IOException {
        Path file = repository.resolve("compose.yaml");
        if (!Files.exists(file)) {
            return "";
        }
        List<String> command = new java.util.ArrayList<>(List.of("docker-compose", "-p", project, "-f",
                file.toString()));
        if (Files.exists(repository.resolve("compose.override.yaml"))) {
            command.addAll(List.of("-f", repository.resolve("compose.override.yaml").toString()));
        }
        command.addAll(List.of(arguments));
        Map<String, String> environment = new HashMap<>(CallerEnvironment.engine());
        environment.putAll(variables);
        return Commands.run(command, environment, COMMAND_TIME);
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(repository.resolve(name), text);
    }

    @Test
    void aStackThatIsDownIsStartedFoundAndStoppedAtTheEndOfTheRunLeavingNothingOfTheProject() throws Exception {
        write("compose.yaml", THREE);
        assertThat(psA()).isEmpty();

        ProviderResult result = resolve(Map.of());

        assertThat(found(result).endpoint().http()).isEqualTo(URI.create("http://127.0.0.1:"
                + variables.get("LC_BACKEND_PORT")));
        assertThat(result.reason()).startsWith("compose project " + project + " (named by setting docker.project):"
                + " service backend publishes 8000 on 127.0.0.1:"
                + variables.get("LC_BACKEND_PORT") + " (healthy");
        assertThat(result.notes()).anySatisfy(note -> assertThat(note).startsWith("docker.start=if-missing: started"
                + " backend of compose project " + project).contains("with docker-compose in ")
                .contains("bounded by setting docker.start-timeout = 180000 ms (setting timeout does not cut a start"
                        + " short)"));
        assertThat(psA()).containsExactly(project + "_backend_1 running");
        run.close();

        assertThat(psA()).isEmpty();
        assertThat(networks()).isEmpty();
    }

    @Test
    void aStackThatRunsIsAttachedToAndLeftRunning() throws Exception {
        write("compose.yaml", THREE);
        compose("up", "-d");
        List<String> before = psA();
        assertThat(before).hasSize(3);

        ProviderResult result = resolve(Map.of("docker.wait-healthy", "60s"));

        found(result);
        assertThat(result.notes()).anySatisfy(note -> assertThat(note).startsWith("docker.start=if-missing: every"
                + " required service of compose project " + project + " runs; attached"));
        run.close();
        assertThat(psA()).isEqualTo(before);
    }

    @Test
    void whenOneOfThreeServicesRunsOnlyTheTwoOthersAreStartedAndOnlyTheyAreStopped() throws Exception {
        write("compose.yaml", THREE);
        compose("up", "-d", "auth");
        assertThat(psA()).containsExactly(project + "_auth_1 running");

        ProviderResult result = resolve(Map.of("services", "auth,frontend"));

        assertThat(found(result).endpoints()).containsOnlyKeys("backend", "auth", "frontend");
        assertThat(result.notes()).anySatisfy(note -> assertThat(note).startsWith("docker.start=if-missing: started"
                + " backend, frontend of compose project " + project));
        assertThat(psA()).containsExactly(project + "_auth_1 running", project + "_backend_1 running",
                project + "_frontend_1 running");

        run.close();

        assertThat(psA()).containsExactly(project + "_auth_1 running");
        assertThat(networks()).containsExactly(project + "_default");
    }

    @Test
    void aComposeFileWithAnErrorIsAnErrorNamingTheCommandAndComposesMessageAndNothingIsLeftRunning() throws Exception {
        write("compose.yaml", THREE.replace("    image: " + IMAGE + "\n    ports: [\"127.0.0.1:${LC_BACKEND_PORT}",
                "    image: " + IMAGE + "\n    restart: sometimes\n    ports: [\"127.0.0.1:${LC_BACKEND_PORT}"));

        assertThatThrownBy(() -> resolve(Map.of())).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("setting docker.start=if-missing: ")
                .hasMessageContaining("docker-compose -p " + project + " --project-directory " + repository
                        + " -f " + repository.resolve("compose.yaml") + " up -d --no-recreate backend exited with code 1")
                .hasMessageContaining("sometimes");
        assertThat(psA()).isEmpty();
        assertThat(networks()).isEmpty();
    }

    /** A backend whose healthcheck never passes, running {@code script} as its entry point. */
    private static String neverHealthy(String script) {
        return """
                services:
                  backend:
                    image: %s
                    entrypoint: ["/bin/sh", "-c", "%s"]
                    ports: ["127.0.0.1:${LC_BACKEND_PORT}:8000"]
                    healthcheck:
                      test: ["CMD-SHELL", "exit 1"]
                      interval: 1s
                      timeout: 1s
                      retries: 1000
                      start_period: 1000s
                """.formatted(IMAGE, script);
    }

    private static final String SICK = neverHealthy("echo 'sick backend starting'; echo 'db password=Hunter2Pw"
            + " refused'; exec /bin/backend");

    @Test
    void aServiceThatNeverBecomesHealthyIsEndedByTheStartTimeoutWithItsLogLinesAndWhatWasStartedIsStopped()
            throws Exception {
        write("compose.yaml", SICK);

        long start = System.nanoTime();
        assertThatThrownBy(() -> resolve(Map.of("docker.start-timeout", "12s", "timeout", "5s")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("setting docker.start=if-missing: ran ")
                .hasMessageContaining(" (it started " + project + "_backend_1), but the services were not all ready"
                        + " within setting docker.start-timeout = 12000"
                        + " ms: ")
                .hasMessageContaining(" is half up: running: backend; not running or not ready: backend (service"
                        + " backend (project " + project + ", container " + project + "_backend_1) is still starting"
                        + " after ")
                .hasMessageContaining("failed: backend (starting)")
                .hasMessageContaining("what the start started was stopped again: stopped and removed 1 container ("
                        + project + "_backend_1)")
                .cause().isInstanceOf(dev.backendconfig.docker.internal.lifecycle.StartFailure.class)
                .hasMessageContaining("Service backend (container " + project + "_backend_1, starting), last 50 log"
                        + " lines:\n    sick backend starting\n    db password=*** refused")
                .hasMessageNotContaining("Hunter2Pw");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofSeconds(5))
                .isLessThan(Duration.ofSeconds(60));
        assertThat(psA()).isEmpty();
        assertThat(networks()).isEmpty();
    }

    private static final String DYING = neverHealthy("echo 'cannot reach the database'; sleep 3; exit 3");

    @Test
    void aStartedServiceThatDiesEndsTheWaitAtOnceWithItsExitCodeAndLastLogLines() throws Exception {
        write("compose.yaml", DYING);

        long start = System.nanoTime();
        assertThatThrownBy(() -> resolve(Map.of("docker.start-timeout", "2m")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("failed: backend (exited, exit code 3)")
                .cause().hasMessageContaining("last 50 log lines:\n    cannot reach the database");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(40));
        assertThat(psA()).isEmpty();
    }

    private static final String WITH_SEED = """
            services:
              backend:
                image: %1$s
                depends_on: [seed]
                ports: ["127.0.0.1:${LC_BACKEND_PORT}:8000"]
              seed:
                image: %1$s
                profiles: [seeded]
            """.formatted(IMAGE);

    @Test
    void theActiveProfilesAreThoseComposeUsesAndDecideWhatStarts() throws Exception {
        write("compose.yaml", WITH_SEED);
        assertThatThrownBy(() -> resolve(Map.of())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("up -d --no-recreate backend exited with code 1: ")
                .hasMessageContaining("Service \"seed\" was pulled in as a dependency of service \"backend\" but is not"
                        + " enabled by the active profiles.");
        assertThat(psA()).isEmpty();

        variables.put("COMPOSE_PROFILES", "seeded");
        ProviderResult result = resolve(Map.of());

        found(result);
        assertThat(result.notes()).anySatisfy(note -> assertThat(note).contains("profiles seeded")
                .contains(project + "_seed_1").contains(project + "_backend_1"));
        assertThat(psA()).containsExactly(project + "_backend_1 running", project + "_seed_1 running");
        run.close();
        assertThat(psA()).isEmpty();
    }

    @Test
    void theOverrideFileBesideTheComposeFileIsReadAsComposeReadsItAndChangesWhatStarts() throws Exception {
        write("compose.yaml", "services:\n" + service("backend", "LC_BACKEND_PORT"));
        write("compose.override.yaml", """
                services:
                  backend:
                    depends_on: [cache]
                  cache:
                    image: %s
                """.formatted(IMAGE));

        ProviderResult result = resolve(Map.of());

        found(result);
        assertThat(result.notes()).anySatisfy(note -> assertThat(note).startsWith("docker.start=if-missing: started"
                + " backend of compose project " + project).contains("; files " + repository.resolve("compose.yaml")
                + " (found in " + repository + "), " + repository.resolve("compose.override.yaml") + " (the override"
                + " file beside compose.yaml, which compose reads with it))"));
        assertThat(psA()).containsExactly(project + "_backend_1 running", project + "_cache_1 running");
        run.close();
        assertThat(psA()).isEmpty();
    }

    @Test
    void aComposeFileEditedAfterTheStackWasStartedIsNamedInADriftWarning() throws Exception {
        write("compose.yaml", "services:\n" + service("backend", "LC_BACKEND_PORT"));
        compose("up", "-d");
        // an edit is a change only when it is over a second (Drift.SLACK) later than the container's creation, which
        // Docker's list gives in whole seconds, rounded up here: over 2 s after the creation is always later (1.5 s
        // was, only when compose took a moment to return after creating the container, as on a loaded machine)
        Thread.sleep(2100);
        Files.writeString(repository.resolve("compose.yaml"), "# edited\n", java.nio.file.StandardOpenOption.APPEND);

        ProviderResult result = resolve(Map.of("docker.start", "never"));

        found(result);
        assertThat(result.notes()).anySatisfy(note -> assertThat(note).startsWith("warning: compose file "
                + repository.resolve("compose.yaml") + " was modified at ").contains(", after container " + project
                + "_backend_1 (service backend) was created at ").endsWith(": the running stack does not show that"
                + " change; apply it with docker-compose -p " + project + " -f " + repository.resolve("compose.yaml")
                + " up -d"));
        assertThat(psA()).containsExactly(project + "_backend_1 running");
    }

    @Test
    void aComposeFileUntouchedSinceTheStackWasStartedGivesNoDriftWarning() throws Exception {
        write("compose.yaml", "services:\n" + service("backend", "LC_BACKEND_PORT"));
        compose("up", "-d");

        ProviderResult result = resolve(Map.of("docker.start", "never"));

        assertThat(found(result).notes()).noneSatisfy(note -> assertThat(note).contains("warning: compose file"));
    }

    @Test
    void withAV2CompatibleDockerOnPathTheSameStartRunsThroughDockerCompose() throws Exception {
        write("compose.yaml", THREE);
        Path log = bin.resolve("docker.log");
        Path docker = Files.writeString(bin.resolve("docker"), """
                #!/bin/sh
                # the v2 plugin's command line, carried out by docker-compose v1 (the plugin cannot be installed here)
                echo "$*" >> '%s'
                if [ "$1" = compose ]; then
                  shift
                  [ "$1" = version ] && echo 'Docker Compose version v2 (wrapper of docker-compose)' && exit 0
                  exec /usr/bin/docker-compose "$@"
                fi
                exec %s "$@"
                """.formatted(log, realDocker()));
        Files.setPosixFilePermissions(docker, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        path = bin + ":" + path;

        ProviderResult result = resolve(Map.of());

        found(result);
        assertThat(result.notes()).anySatisfy(note -> assertThat(note).startsWith("docker.start=if-missing: started"
                + " backend of compose project " + project).contains(" with docker compose in "));
        assertThat(Files.readAllLines(log)).containsExactly("compose version", "compose -p " + project
                + " --project-directory " + repository + " -f " + repository.resolve("compose.yaml")
                + " up -d --no-recreate backend");
        run.close();
        assertThat(psA()).isEmpty();
    }

    private static String realDocker() {
        for (String directory : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path candidate = Path.of(directory, "docker");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return "/usr/bin/docker";
    }
}
