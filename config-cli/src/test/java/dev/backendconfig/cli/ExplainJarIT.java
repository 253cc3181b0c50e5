package dev.backendconfig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built jar, run as a user runs it: java -jar target/backend-config.jar, in a fresh process. */
class ExplainJarIT {

    @TempDir
    Path project;

    @BeforeEach
    void aProject() throws IOException {
        Files.createDirectory(project.resolve(".git"));
    }

    private ProcessOutcome run(Map<String, String> environment, String... arguments) throws IOException, InterruptedException {
        return JarRun.run(project, project, environment, arguments);
    }

    @Test
    void foundExitsZeroWithTheReport() throws Exception {
        ProcessOutcome outcome = run(Map.of("TEST_BACKEND_URL", "http://localhost:8002"));
        assertThat(outcome.exit()).isZero();
        assertThat(outcome.out()).startsWith("backend: http://localhost:8002  ws://localhost:8002  (from env, ");
        assertThat(outcome.err()).isEmpty();
    }

    /** TEST_BACKEND_URL and BACKEND_URL set to different URLs: the env provider warns that the first wins. */
    private static final Map<String, String> CONFLICTING = Map.of("TEST_BACKEND_URL", "http://localhost:8002",
            "BACKEND_URL", "http://localhost:9000");

    private ProcessOutcome runWithLevel(String level) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(JarRun.javaJar(project));
        command.add(1, "-Dorg.slf4j.simpleLogger.defaultLogLevel=" + level);
        command.add("--format=env");
        return JarRun.start(project, project, CONFLICTING, command);
    }

    @Test
    void theLibrarysWarningIsOneLineOnStderrThroughTheJarsOwnLoggingProvider() throws Exception {
        ProcessOutcome outcome = run(CONFLICTING, "--format=env");
        assertThat(outcome.exit()).isZero();
        assertThat(outcome.out()).startsWith("BACKEND_URL=http://localhost:8002\n");
        assertThat(outcome.err()).isEqualTo("[WARN] TEST_BACKEND_URL wins over BACKEND_URL, which is set to a different"
                + " URL (localhost:9000 instead of localhost:8002)\n");
    }

    @Test
    void theLevelPropertyHidesTheWarningOrShowsTheInfoLinesToo() throws Exception {
        assertThat(runWithLevel("off").err()).isEmpty();
        assertThat(runWithLevel("error").err()).isEmpty();
        assertThat(runWithLevel("info").err()).startsWith("[WARN] TEST_BACKEND_URL wins over BACKEND_URL")
                .contains("\n[INFO] backend: http://localhost:8002 ws://localhost:8002 (from env: ");
        assertThat(runWithLevel("no-such-level").err()).startsWith("[WARN] TEST_BACKEND_URL wins")
                .doesNotContain("[INFO]");
    }

    @Test
    void theEnvCommandLinksNoLambdaAndCompilesNoRegularExpressionInItsWholeProcess() throws Exception {
        // what the command's start costs a fresh JVM: lambdas (ours, the JDK's for streams, slf4j-simple's), the
        // method handles spun to link them, a Formatter and the regular expression it compiles; counted, not timed
        // (the JDK's ServiceLoader builds a stream of its own, without a lambda: that stays)
        Path log = project.resolve("class-load.txt");
        List<String> command = new java.util.ArrayList<>(JarRun.javaJar(project));
        command.add(1, "-Xlog:class+load:file=" + log);
        command.addAll(List.of("--format=env", "--set", "providers=env"));
        ProcessOutcome outcome = JarRun.start(project, project, Map.of("TEST_BACKEND_URL", "http://localhost:8002"),
                command);
        assertThat(outcome.out()).as(outcome.err()).startsWith("BACKEND_URL=http://localhost:8002\n");
        List<String> loaded = Files.readAllLines(log);
        assertThat(loaded).as("loaded the providers' classes").anyMatch(line -> line.contains(
                " dev.backendconfig.docker.DockerEndpointProvider "));
        assertThat(loaded).noneMatch(line -> line.contains("$$Lambda"))
                .noneMatch(line -> line.contains("__JVM_LookupDefineClass__"))
                .noneMatch(line -> line.contains(" java.util.regex.Pattern "))
                .noneMatch(line -> line.contains(" java.util.Formatter "));
    }

    @Test
    void theRunnableJarRegistersItsOwnLoggingProviderAndTheModuleJarNone() throws Exception {
        Path runnable = Path.of(System.getProperty("explain.jar"));
        String services = "META-INF/services/org.slf4j.spi.SLF4JServiceProvider";
        try (java.util.zip.ZipFile jar = new java.util.zip.ZipFile(runnable.toFile())) {
            assertThat(new String(jar.getInputStream(jar.getEntry(services)).readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("dev.backendconfig.cli.logs.StderrLogs\n");
            assertThat(jar.stream().map(java.util.zip.ZipEntry::getName)).noneMatch(name -> name.startsWith(
                    "org/slf4j/simple/")).contains("dev/backendconfig/cli/logs/StderrLogs.class");
        }
        Path module;
        try (var found = Files.list(runnable.getParent())) {
            module = found.filter(file -> file.getFileName().toString().matches("config-cli-[^-]+(-SNAPSHOT)?\\.jar"))
                    .findFirst().orElseThrow();
        }
        try (java.util.zip.ZipFile jar = new java.util.zip.ZipFile(module.toFile())) {
            assertThat(jar.getEntry(services)).as(module + " registers no provider: a project keeps its binding")
                    .isNull();
            assertThat(jar.getEntry("dev/backendconfig/cli/logs/StderrLogs.class")).isNotNull();
        }
    }

    @Test
    void notFoundExitsTwoWithTheReportOnStderr() throws Exception {
        ProcessOutcome outcome = run(Map.of());
        assertThat(outcome.exit()).isEqualTo(2);
        assertThat(outcome.out()).isEmpty();
        assertThat(outcome.err()).startsWith("No backend found.\n")
                .endsWith("\nexplain: no backend found; the report says why\n");
    }

    @Test
    void invalidExitsThreeWithTheErrorAsTheLastLineOnStderr() throws Exception {
        ProcessOutcome outcome = run(Map.of("BACKEND_URL", "http://host:65536"));
        assertThat(outcome.exit()).isEqualTo(3);
        assertThat(outcome.out()).isEmpty();
        assertThat(outcome.err()).endsWith("\nexplain: variable BACKEND_URL: expected an absolute http or https URL"
                + " such as http://localhost:8002, got port 65536, outside 1-65535\n");
    }

    @Test
    void badArgumentsExitSixtyFour() throws Exception {
        ProcessOutcome outcome = run(Map.of(), "--format=yaml");
        assertThat(outcome.exit()).isEqualTo(64);
        assertThat(outcome.err()).isEqualTo("explain: --format expects text, env or json, got a value that is not one of"
                + " them (not shown: it may hold a secret)\n");
    }

    /**
     * A project as Maven leaves it after test-compile: the manual's PortFileEndpointProvider compiled into
     * target/test-classes with its services file, and backend-config.properties in src/test/resources (copied to
     * target/test-classes) setting the provider's own key.
     */
    private void aProjectWithItsOwnProvider() throws IOException {
        Path classes = Files.createDirectories(project.resolve("target/test-classes"));
        Path source = Path.of(System.getProperty("example.provider"));
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        int compiled = compiler.run(null, null, null, "-d", classes.toString(), "-cp", System.getProperty("explain.jar"),
                source.toString());
        assertThat(compiled).as("javac of %s", source).isZero();
        Path services = Files.createDirectories(classes.resolve("META-INF/services"));
        Files.writeString(services.resolve("dev.backendconfig.api.spi.EndpointProvider"),
                "com.example.backend.PortFileEndpointProvider\n");
        String settings = "port-file.path=run/port\n";
        Files.writeString(Files.createDirectories(project.resolve("src/test/resources"))
                .resolve("backend-config.properties"), settings);
        Files.writeString(classes.resolve("backend-config.properties"), settings);
        Files.writeString(Files.createDirectories(project.resolve("run")).resolve("port"), "8123\n");
    }

    @Test
    void aCustomProviderAndItsSettingOnTheClasspathCountAsInTheTests() throws Exception {
        aProjectWithItsOwnProvider();

        ProcessOutcome outcome = run(Map.of(), "--classpath", "target/test-classes", "--set", "providers=port-file,docker");

        assertThat(outcome.exit()).as(outcome.err()).isZero();
        assertThat(outcome.out()).startsWith("backend: http://localhost:8123  ws://localhost:8123  (from port-file, ")
                .contains("  port-file  250  found        the launcher wrote port 8123 to " + project.resolve("run/port"))
                .contains("  docker     200  not asked")
                .contains("  setting port-file.path=run/port (" + project.resolve("src/test/resources/"
                        + "backend-config.properties") + ":1)");
        assertThat(outcome.err()).isEmpty();
    }

    @Test
    void withoutTheClasspathTheSameProjectsSettingBelongsToNoLoadedProvider() throws Exception {
        aProjectWithItsOwnProvider();

        ProcessOutcome outcome = run(Map.of());

        assertThat(outcome.exit()).isEqualTo(3);
        assertThat(outcome.err()).isEqualTo("project: " + project + " (holds src/test/resources/backend-config.properties)"
                + "\nexplain: "
                + project.resolve("src/test/resources/backend-config.properties")
                + ":1: setting 'port-file.path' has no effect: no provider 'port-file' is on the classpath (loaded:"
                + " docker, env, staging); add the module that provides it as a test dependency, or remove the"
                + " setting\n");
    }

    @Test
    void aJarOnTheClasspathThatExplainAlreadyHoldsIsNotADuplicate() throws Exception {
        aProjectWithItsOwnProvider();
        Path envJar = Path.of(System.getProperty("config-env.jar"));
        assertThat(envJar).isRegularFile();

        ProcessOutcome outcome = run(Map.of("TEST_BACKEND_URL", "http://localhost:8002"), "--classpath",
                "target/test-classes" + File.pathSeparator + envJar);

        assertThat(outcome.exit()).as(outcome.err()).isZero();
        assertThat(outcome.out().lines().filter(line -> line.startsWith("  env "))).hasSize(1);
        assertThat(outcome.out()).startsWith("backend: http://localhost:8002  ws://localhost:8002  (from env, ")
                .doesNotContain("not loaded").doesNotContain("already used");
    }

    @Test
    void aMissingEntryIsSkippedAsJavaDoesButNoExistingEntryIsABadArgument() throws Exception {
        aProjectWithItsOwnProvider();
        String classpath = "target/test-classes" + File.pathSeparator + "target/classes";

        ProcessOutcome skipped = run(Map.of(), "--classpath", classpath);
        assertThat(skipped.exit()).as(skipped.err()).isZero();
        assertThat(skipped.out()).startsWith("backend: http://localhost:8123  ws://localhost:8123  (from port-file, ");

        ProcessOutcome none = run(Map.of(), "--classpath", "build/classes" + File.pathSeparator + "target/classes");
        assertThat(none.exit()).isEqualTo(64);
        assertThat(none.err()).isEqualTo("explain: --classpath 'build/classes" + File.pathSeparator + "target/classes':"
                + " none of its entries exists under " + project + " (build the project first, for example with mvn"
                + " test-compile)\n");
    }

    @Test
    void theExamplesProjectEndsInTheStagingFallbackWithAllThreeServices() throws Exception {
        Path examples = Path.of(System.getProperty("explain.jar")).getParent().resolve("../../examples").normalize();
        Map<String, String> ports = ExamplesProject.portsWhereNothingListens();

        ProcessOutcome outcome = run(ports, "--dir", examples.toString());

        ExamplesProject.assertTheStagingFallback(outcome, examples, ports);
    }
}
