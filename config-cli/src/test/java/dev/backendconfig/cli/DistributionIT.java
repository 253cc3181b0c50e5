package dev.backendconfig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution archives as a user gets them: unpacked with tar and unzip into a temporary directory, the launcher
 * bin/backend-config run as a process from another directory, through a link, with the java of JAVA_HOME or PATH.
 */
class DistributionIT {

    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

    @TempDir
    Path temp;

    private Path distribution;
    private Path workingDirectory;
    private Path noEngine;

    @BeforeEach
    void unpackTheTarGz() throws Exception {
        distribution = unpack(Path.of(System.getProperty("distribution.tar.gz")), "tar", "-xzf");
        workingDirectory = Files.createDirectories(temp.resolve("elsewhere"));
        noEngine = temp.resolve("no-engine.sock");
    }

    private Path unpack(Path archive, String... command) throws Exception {
        assertThat(archive).isRegularFile();
        Path into = Files.createDirectories(temp.resolve("unpacked-" + archive.getFileName()));
        List<String> arguments = new ArrayList<>(List.of(command));
        arguments.add(archive.toString());
        ProcessOutcome unpacked = ProcessOutcome.of(new ProcessBuilder(arguments).directory(into.toFile()), temp);
        assertThat(unpacked.exit()).as("%s: %s", arguments, unpacked.err()).isZero();
        return into.resolve(System.getProperty("distribution.directory"));
    }

    /** The environment of a shell that has nothing of ours: a PATH, no engine, no Docker configuration. */
    private Map<String, String> shell(String path) {
        Map<String, String> environment = new HashMap<>();
        environment.put("PATH", path);
        environment.put("DOCKER_HOST", "unix://" + noEngine);
        environment.put("DOCKER_CONFIG", temp.resolve("docker-config").toString());
        return environment;
    }

    private ProcessOutcome run(Path launcher, Map<String, String> environment, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        return ProcessOutcome.of(builder, temp);
    }

    private Path launcher() {
        return distribution.resolve("bin/backend-config");
    }

    /** A link to the launcher in another directory, as a user puts one in ~/bin. */
    private Path linkedLauncher() throws IOException {
        Path bin = Files.createDirectories(temp.resolve("home/bin"));
        return Files.createSymbolicLink(bin.resolve("backend-config"), bin.relativize(launcher()));
    }

    /** A directory holding only a program named java: a shell script that runs {@code body}. */
    private Path directoryWithJava(String name, String body) throws IOException {
        Path directory = Files.createDirectories(temp.resolve(name));
        Path java = Files.writeString(directory.resolve("java"), "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return directory;
    }

    @Test
    void bothArchivesHoldTheExecutableLauncherTheRunnableJarTheReadmeAndTheLicense() throws Exception {
        Path fromZip = unpack(Path.of(System.getProperty("distribution.zip")), "unzip", "-q");
        for (Path unpacked : List.of(distribution, fromZip)) {
            try (Stream<Path> files = Files.walk(unpacked)) {
                assertThat(files.filter(Files::isRegularFile).map(file -> unpacked.relativize(file).toString()))
                        .containsExactlyInAnyOrder("bin/backend-config", "lib/backend-config.jar", "README.md",
                                "LICENSE");
            }
            assertThat(unpacked.resolve("bin/backend-config")).isExecutable();
            assertThat(Files.mismatch(unpacked.resolve("lib/backend-config.jar"),
                    Path.of(System.getProperty("explain.jar")))).as("the jar is the built one").isEqualTo(-1);
            assertThat(Files.readString(unpacked.resolve("LICENSE"))).contains("Apache License", "Version 2.0");
            assertThat(Files.readString(unpacked.resolve("README.md"))).startsWith("# backend-config ")
                    .doesNotContain("${project.version}");
        }
        ProcessOutcome outcome = run(fromZip.resolve("bin/backend-config"),
                with(shell("/usr/bin:/bin"), "TEST_BACKEND_URL", "http://localhost:8002"), "--format=env");
        assertThat(outcome.exit()).as(outcome.err()).isZero();
        assertThat(outcome.out()).isEqualTo("BACKEND_URL=http://localhost:8002\nWEBSOCKET_URL=ws://localhost:8002\n"
                + "BACKEND_SOURCE=env\nBACKEND_CONFIRMED=true\n");
    }

    @Test
    void throughALinkFromAnotherDirectoryItRunsTheExamplesProjectPassingItsArgumentsUnchanged() throws Exception {
        Path project = copyOfTheExamples(temp.resolve("a project/examples"));
        Map<String, String> environment = shell("/usr/bin:/bin");
        Map<String, String> ports = ExamplesProject.portsWhereNothingListens();
        environment.putAll(ports);

        ProcessOutcome outcome = run(linkedLauncher(), environment, "--dir", project.toString());

        ExamplesProject.assertTheStagingFallback(outcome, project, ports);
    }

    private static Path copyOfTheExamples(Path copy) throws IOException {
        Path examples = Path.of(System.getProperty("examples.directory")).toRealPath();
        Files.createDirectories(copy.getParent().resolve(".git"));
        for (String file : List.of(".env.staging.e2e", "src/test/resources/backend-config.properties",
                "docker/docker-compose.alpine-test.yml")) {
            Files.createDirectories(copy.resolve(file).getParent());
            Files.copy(examples.resolve(file), copy.resolve(file));
        }
        return copy;
    }

    @Test
    void theCommandsExitCodesComeThroughUnchanged() throws Exception {
        Path launcher = linkedLauncher();

        ProcessOutcome found = run(launcher, with(shell("/usr/bin:/bin"), "TEST_BACKEND_URL", "http://localhost:8002"));
        assertThat(found.exit()).isZero();
        assertThat(found.out()).startsWith("backend: http://localhost:8002  ws://localhost:8002  (from env, ");

        ProcessOutcome notFound = run(launcher, shell("/usr/bin:/bin"));
        assertThat(notFound.exit()).isEqualTo(2);
        assertThat(notFound.err()).startsWith("No backend found.\n")
                .endsWith("\nexplain: no backend found; the report says why\n");

        ProcessOutcome invalid = run(launcher, with(shell("/usr/bin:/bin"), "BACKEND_URL", "http://host:65536"));
        assertThat(invalid.exit()).isEqualTo(3);
        assertThat(invalid.err()).contains("\nexplain: variable BACKEND_URL: expected an absolute http or https URL");

        ProcessOutcome badArgument = run(launcher, shell("/usr/bin:/bin"), "--format=yaml");
        assertThat(badArgument.exit()).isEqualTo(64);
        assertThat(badArgument.err()).startsWith("explain: --format expects text, env or json");
    }

    /** The README's idiom as written, by sh with the launcher on PATH: values reach a child process exactly. */
    @Test
    void theReadmesExportIdiomExportsEveryValueExactly() throws Exception {
        String url = "http://localhost:8002/api?a=1&b=$HOME'x";
        Map<String, String> environment = with(with(shell(distribution.resolve("bin") + ":/usr/bin:/bin"),
                "TEST_BACKEND_URL", url), "HOME", "/nowhere");

        ProcessOutcome outcome = run(Path.of("/bin/sh"), environment, "-c", "out=$(backend-config explain --format=env"
                + " --export) && eval \"$out\" && sh -c 'printf \"%s|%s|%s\" \"$BACKEND_URL\" \"$WEBSOCKET_URL\""
                + " \"$BACKEND_SOURCE\"'");

        assertThat(outcome.exit()).as(outcome.err()).isZero();
        assertThat(outcome.out()).isEqualTo(url + "|" + url.replace("http:", "ws:") + "|env");
    }

    /** Without the exit code checked, eval "$(...)" runs nothing and the script goes on; the idiom stops instead. */
    @Test
    void theReadmesExportIdiomStopsOnAFailureWithTheReportOnStderr() throws Exception {
        ProcessOutcome outcome = run(Path.of("/bin/sh"), shell(distribution.resolve("bin") + ":/usr/bin:/bin"), "-c",
                "BACKEND_URL=stale; out=$(backend-config explain --format=env --export) && eval \"$out\"; status=$?;"
                        + " printf 'status=%s url=%s' \"$status\" \"$BACKEND_URL\"");

        assertThat(outcome.out()).isEqualTo("status=2 url=stale");
        assertThat(outcome.err()).startsWith("No backend found.\n")
                .endsWith("explain: no backend found; the report says why\n");
    }

    @Test
    void withoutJavaHomeTheJavaOnThePathRunsIt() throws Exception {
        Path marker = temp.resolve("path-java-ran");
        Path onPath = directoryWithJava("path-java", "echo ran >> '" + marker + "'\nexec '" + JAVA + "' \"$@\"");

        ProcessOutcome outcome = run(linkedLauncher(), with(shell(onPath + ":/usr/bin:/bin"), "TEST_BACKEND_URL",
                "http://localhost:8002"), "--format=env");

        assertThat(outcome.exit()).as(outcome.err()).isZero();
        assertThat(outcome.out()).startsWith("BACKEND_URL=http://localhost:8002\n");
        assertThat(marker).hasContent("ran");
    }

    @Test
    void javaHomeWinsOverTheJavaOnThePath() throws Exception {
        Path wrongJava = directoryWithJava("wrong-java", "echo 'the java on PATH ran' >&2\nexit 99");
        Map<String, String> environment = with(shell(wrongJava + ":/usr/bin:/bin"), "TEST_BACKEND_URL",
                "http://localhost:8002");
        environment.put("JAVA_HOME", JAVA.getParent().getParent().toString());

        ProcessOutcome outcome = run(linkedLauncher(), environment, "--format=env");

        assertThat(outcome.exit()).as(outcome.err()).isZero();
        assertThat(outcome.out()).startsWith("BACKEND_URL=http://localhost:8002\n");
        assertThat(outcome.err()).isEmpty();
    }

    @Test
    void aJavaHomeWithoutJavaIsAnErrorNotAFallBackToThePath() throws Exception {
        Path javaHome = Files.createDirectories(temp.resolve("not-a-jdk"));
        Map<String, String> environment = shell("/usr/bin:/bin");
        environment.put("JAVA_HOME", javaHome.toString());

        ProcessOutcome outcome = run(linkedLauncher(), environment);

        assertThat(outcome.exit()).isEqualTo(127);
        assertThat(outcome.out()).isEmpty();
        assertThat(outcome.err()).isEqualTo("backend-config: JAVA_HOME is set to " + javaHome + ", but " + javaHome
                + "/bin/java is not an executable file; set JAVA_HOME to a Java 17 or newer installation, or unset it"
                + " to use java from PATH\n");
    }

    @Test
    void noJavaAtAllIsAnError() throws Exception {
        Path empty = Files.createDirectories(temp.resolve("empty-path"));

        ProcessOutcome outcome = run(launcher(), shell(empty.toString()));

        assertThat(outcome.exit()).isEqualTo(127);
        assertThat(outcome.err()).isEqualTo("backend-config: no java on PATH and JAVA_HOME is not set; install Java 17"
                + " or newer, or set JAVA_HOME to it\n");
    }

    @Test
    void aJavaOlderThan17IsRefusedBeforeItStarts() throws Exception {
        Path javaHome = temp.resolve("jdk-11");
        directoryWithJava("jdk-11/bin", "echo 'java 11 ran' >&2\nexit 1");
        Files.writeString(javaHome.resolve("release"), "IMPLEMENTOR=\"Eclipse Adoptium\"\nJAVA_VERSION=\"11.0.22\"\n");
        Map<String, String> environment = shell("/usr/bin:/bin");
        environment.put("JAVA_HOME", javaHome.toString());

        ProcessOutcome outcome = run(linkedLauncher(), environment);

        assertThat(outcome.exit()).isEqualTo(127);
        assertThat(outcome.err()).isEqualTo("backend-config: " + javaHome + "/bin/java is Java 11.0.22; backend-config"
                + " needs Java 17 or newer (set JAVA_HOME to one)\n");
    }

    private static Map<String, String> with(Map<String, String> environment, String name, String value) {
        environment.put(name, value);
        return environment;
    }
}
