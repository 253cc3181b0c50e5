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

    /**
     * The environment of a shell that has nothing of ours: a PATH, no engine, no Docker configuration, and the
     * launcher's class-data archives in this test's own directory.
     */
    private Map<String, String> shell(String path) {
        Map<String, String> environment = new HashMap<>();
        environment.put("PATH", path);
        environment.put("DOCKER_HOST", "unix://" + noEngine);
        environment.put("DOCKER_CONFIG", temp.resolve("docker-config").toString());
        environment.put("BACKEND_CONFIG_CDS_DIR", archives().toString());
        return environment;
    }

    private Path archives() {
        return temp.resolve("cds");
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
    void bothArchivesHoldTheExecutableLauncherTheRunnableJarTheReadmeTheLicenseAndTheManual() throws Exception {
        Path fromZip = unpack(Path.of(System.getProperty("distribution.zip")), "unzip", "-q");
        Path docs = Path.of(System.getProperty("docs.directory"));
        List<String> expected = new ArrayList<>(List.of("bin/backend-config", "lib/backend-config.jar", "README.md",
                "LICENSE"));
        try (Stream<Path> pages = Files.list(docs)) {
            pages.filter(page -> page.getFileName().toString().endsWith(".md"))
                    .forEach(page -> expected.add("docs/" + page.getFileName()));
        }
        assertThat(expected).as("the manual's pages").contains("docs/cli.md", "docs/settings.md");
        for (Path unpacked : List.of(distribution, fromZip)) {
            try (Stream<Path> files = Files.walk(unpacked)) {
                assertThat(files.filter(Files::isRegularFile).map(file -> unpacked.relativize(file).toString()))
                        .containsExactlyInAnyOrderElementsOf(expected);
            }
            for (String page : expected.stream().filter(name -> name.startsWith("docs/")).toList()) {
                assertThat(Files.mismatch(unpacked.resolve(page), docs.resolve(page.substring("docs/".length()))))
                        .as("%s is the manual's page", page).isEqualTo(-1);
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
                "docker/docker-compose.alpine-test.yml", "docker/.env")) {
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
    void aJavaOnThePathReachedThroughLinksIsKnownByTheFileTheyEndAt() throws Exception {
        // as /usr/bin/java -> /etc/alternatives/java -> /usr/lib/jvm/.../bin/java: its release file and name are the
        // real java's
        Path javaHome = recordingJavaHome("jdk", "17.0.42");
        Path alternatives = Files.createDirectories(temp.resolve("alternatives"));
        Files.createSymbolicLink(alternatives.resolve("java"), javaHome.resolve("bin/java"));
        Path bin = Files.createDirectories(temp.resolve("usr-bin"));
        Files.createSymbolicLink(bin.resolve("java"), alternatives.resolve("java"));

        ProcessOutcome outcome = run(launcher(), with(shell(bin + ":/usr/bin:/bin"), "TEST_BACKEND_URL",
                "http://localhost:8002"), "--format=env");

        assertThat(outcome.out()).as(outcome.err()).isEqualTo(ENV_ANSWER);
        assertThat(theArchive().getParent()).isEqualTo(archives().resolve("java-17.0.42"));
        assertThat(theArchive().getFileName().toString()).startsWith(javaHome.resolve("bin/java").toRealPath()
                .toString().replace('/', '%') + "@");
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

    /** What the class-data-sharing tests run: the env provider's answer, in the env format. */
    private static final String ENV_ANSWER = "BACKEND_URL=http://localhost:8002\nWEBSOCKET_URL=ws://localhost:8002\n"
            + "BACKEND_SOURCE=env\nBACKEND_CONFIRMED=true\n";

    /**
     * A JAVA_HOME whose java writes its arguments, one run a line, to {@code java-runs.txt} and then runs this
     * JDK's java; its release file is this JDK's, or says {@code version}.
     */
    private Path recordingJavaHome(String name, String version) throws IOException {
        Path home = temp.resolve(name);
        directoryWithJava(name + "/bin", "echo \"$*\" >> '" + temp.resolve(name + "-runs.txt") + "'\nexec '" + JAVA
                + "' \"$@\"");
        Path release = JAVA.getParent().getParent().resolve("release");
        String text = Files.isRegularFile(release) ? Files.readString(release) : "JAVA_VERSION=\"17\"\n";
        Files.writeString(home.resolve("release"), version.isEmpty() ? text
                : text.replaceAll("(?m)^JAVA_VERSION=.*$", "JAVA_VERSION=\"" + version + "\""));
        return home;
    }

    private List<String> javaRuns(String name) throws IOException {
        Path runs = temp.resolve(name + "-runs.txt");
        return Files.exists(runs) ? Files.readAllLines(runs) : List.of();
    }

    private ProcessOutcome runEnv(Path javaHome) throws Exception {
        Map<String, String> environment = with(shell("/usr/bin:/bin"), "TEST_BACKEND_URL", "http://localhost:8002");
        environment.put("JAVA_HOME", javaHome.toString());
        ProcessOutcome outcome = run(launcher(), environment, "--format=env");
        assertThat(outcome.exit()).as(outcome.err()).isZero();
        assertThat(outcome.out()).isEqualTo(ENV_ANSWER);
        assertThat(outcome.err()).isEmpty();
        return outcome;
    }

    private List<Path> archiveFiles() throws IOException {
        if (!Files.isDirectory(archives())) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(archives())) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private Path theArchive() throws IOException {
        return archiveFiles().stream().filter(file -> file.toString().endsWith(".jsa")).findFirst().orElseThrow();
    }

    /** What {@code cksum} prints for the files: the note the launcher keeps beside an archive, as it must read. */
    private static String cksum(Path... files) throws Exception {
        List<String> command = new ArrayList<>(List.of("cksum"));
        for (Path file : files) {
            command.add(file.toString());
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(out).isZero();
        return out;
    }

    /** What {@code cksum <file} prints: the CRC and size without a name, as the launcher's marker holds them. */
    private static String cksumOfStdin(Path file) throws Exception {
        Process process = new ProcessBuilder("cksum").redirectInput(file.toFile()).start();
        String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor()).isZero();
        return out;
    }

    /** The jar with one entry more: another content, with a newer time or the same one ({@code keepTime}). */
    private void appendAnEntry(Path jar, boolean keepTime) throws IOException {
        Path changed = temp.resolve("changed.jar");
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(Files.newInputStream(jar));
                java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(Files.newOutputStream(changed))) {
            for (java.util.zip.ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                out.putNextEntry(new java.util.zip.ZipEntry(entry.getName()));
                in.transferTo(out);
            }
            out.putNextEntry(new java.util.zip.ZipEntry("changed.txt"));
        }
        if (keepTime) {
            Files.setLastModifiedTime(changed, Files.getLastModifiedTime(jar));
        }
        Files.move(changed, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private Path note(Path archive) {
        return archive.resolveSibling(archive.getFileName() + ".sum");
    }

    private Path jar() {
        return distribution.resolve("lib/backend-config.jar");
    }

    @Test
    void theFirstRunRecordsAClassDataArchiveInAPrivateDirectoryAndLaterRunsMapIt() throws Exception {
        Path javaHome = recordingJavaHome("jdk", "");

        runEnv(javaHome);
        List<Path> recorded = archiveFiles();
        assertThat(recorded).hasSize(2);
        Path archive = recorded.get(0);
        assertThat(recorded.get(1)).isEqualTo(note(archive)).hasContent(cksum(jar(), archive));
        // the java's path and build and the jar's path, each / written %
        String build = Files.readAllLines(javaHome.resolve("release")).stream().filter(line -> line.startsWith(
                "JAVA_RUNTIME_VERSION=")).map(line -> line.substring(line.indexOf('=') + 1).replace("\"", ""))
                .findFirst().orElse("");
        assertThat(archive.getFileName().toString()).isEqualTo((javaHome.resolve("bin/java") + "@" + build + "@"
                + jar()).replace('/', '%') + ".jsa");
        assertThat(archive.getParent().getFileName().toString()).startsWith("java-17");
        assertThat(Files.getPosixFilePermissions(archive.getParent())).isEqualTo(
                PosixFilePermissions.fromString("rwx------"));
        assertThat(javaRuns("jdk").get(0)).as("the command, listing the classes it loads")
                .contains("-XX:DumpLoadedClassList=").endsWith(" -jar " + jar() + " --format=env");
        assertThat(javaRuns("jdk").get(1)).as("the archive written from the list")
                .contains("-Xshare:dump", "-XX:SharedClassListFile=", "-XX:SharedArchiveFile=");
        assertThat(javaRuns("jdk").get(2)).as("the check of the written archive")
                .contains("-Xshare:on").endsWith("-version");
        assertThat(Files.readAllBytes(archive)).startsWith(0xa2, 0xab, 0x0b, 0xf0); // a static archive

        runEnv(javaHome);
        runEnv(javaHome);
        assertThat(javaRuns("jdk")).hasSize(5);
        assertThat(javaRuns("jdk").subList(3, 5)).allMatch(line -> line.contains("-XX:SharedArchiveFile=" + archive
                + " -jar ")).as("the launcher checked the archive's checksum itself").noneMatch(line -> line.contains(
                "VerifySharedSpaces"));
        assertThat(javaRuns("jdk")).as("C1 only, in the listing run, the writing, the check and the runs that map it")
                .allMatch(line -> line.startsWith("-XX:TieredStopAtLevel=1 "));
        assertThat(archiveFiles()).containsExactly(archive, recorded.get(1));
    }

    @Test
    void aNameOver240CharactersIsTheCrcOfTheJavaAndTheJar() throws Exception {
        String name = "jdk-" + "x".repeat(130);
        Path javaHome = recordingJavaHome(name, "");

        runEnv(javaHome);
        runEnv(javaHome);

        assertThat(theArchive().getFileName().toString()).matches("[0-9]+-[0-9]+\\.jsa");
        assertThat(javaRuns(name).get(3)).contains("-XX:SharedArchiveFile=" + theArchive() + " -jar ");
    }

    @Test
    void underAUmaskThatLetsTheGroupWriteTheArchiveStaysPrivateAndIsMapped() throws Exception {
        Path javaHome = recordingJavaHome("jdk", "");
        Map<String, String> environment = with(shell("/usr/bin:/bin"), "TEST_BACKEND_URL", "http://localhost:8002");
        environment.put("JAVA_HOME", javaHome.toString());
        for (int run = 0; run < 2; run++) {
            ProcessOutcome outcome = run(Path.of("/bin/sh"), environment, "-c", "umask 002 && exec '" + launcher()
                    + "' --format=env");
            assertThat(outcome.out()).as(outcome.err()).isEqualTo(ENV_ANSWER);
        }
        assertThat(javaRuns("jdk").get(3)).contains("-XX:SharedArchiveFile=" + theArchive() + " -jar ");
    }

    @Test
    void aChangedJarOrAnotherJavaNeverMapsTheArchiveOfTheFormerOne() throws Exception {
        Path javaHome = recordingJavaHome("jdk", "");
        runEnv(javaHome);
        Path first = archiveFiles().get(0);
        assertThat(first.toString()).endsWith(".jsa");

        // the same jar with one entry more, its time kept: only its content tells
        Path jar = jar();
        appendAnEntry(jar, true);
        runEnv(javaHome);
        assertThat(javaRuns("jdk").get(3)).as("recorded again in its place, never mapped")
                .contains("-XX:DumpLoadedClassList=").doesNotContain("SharedArchiveFile");
        assertThat(archiveFiles()).containsExactly(first, note(first));
        assertThat(note(first)).hasContent(cksum(jar, first));
        runEnv(javaHome);
        assertThat(javaRuns("jdk").get(6)).contains("-XX:SharedArchiveFile=" + first + " -jar ");

        // another java (another release file) records its own archive in its own version's directory
        Path otherHome = recordingJavaHome("other-jdk", "17.0.99");
        runEnv(otherHome);
        assertThat(javaRuns("other-jdk").get(1)).contains("-XX:SharedArchiveFile=" + archives().resolve(
                "java-17.0.99"));
        assertThat(archiveFiles()).hasSize(4);
    }

    @Test
    void aJarNewerThanItsArchiveIsRecordedAgainNeverMapped() throws Exception {
        // the same bytes, copied anew: the java would refuse the archive (it checks the jar's time), so it is recorded
        Path javaHome = recordingJavaHome("jdk", "");
        runEnv(javaHome);
        Path archive = theArchive();
        Files.setLastModifiedTime(jar(), java.nio.file.attribute.FileTime.from(Files.getLastModifiedTime(note(archive))
                .toInstant().plusMillis(1)));

        runEnv(javaHome);
        runEnv(javaHome);

        assertThat(javaRuns("jdk").get(3)).contains("-XX:DumpLoadedClassList=").doesNotContain("SharedArchiveFile");
        assertThat(javaRuns("jdk").get(6)).contains("-XX:SharedArchiveFile=" + archive + " -jar ");
    }

    @Test
    void aJarOthersMayWriteStillHasItsArchiveMapped() throws Exception {
        // whoever may write the jar runs code anyway; its content is what the note checks, not its mode
        Path javaHome = recordingJavaHome("jdk", "");
        Files.setPosixFilePermissions(jar(), PosixFilePermissions.fromString("rw-rw-rw-"));

        runEnv(javaHome);
        runEnv(javaHome);

        assertThat(javaRuns("jdk")).hasSize(4);
        assertThat(javaRuns("jdk").get(3)).contains("-XX:SharedArchiveFile=" + theArchive() + " -jar ");
    }

    @Test
    void aJavaHomeWithAColonInItsPathHasAnArchiveNamedByItsCrcAndMapped() throws Exception {
        // a : in -XX:SharedArchiveFile separates two archives: the java would stop, or map none
        Path javaHome = recordingJavaHome("jdk:17:x", "");

        runEnv(javaHome);
        runEnv(javaHome);

        assertThat(theArchive().getFileName().toString()).matches("[0-9]+-[0-9]+\\.jsa");
        assertThat(javaRuns("jdk:17:x").get(3)).contains("-XX:SharedArchiveFile=" + theArchive() + " -jar ");
    }

    @Test
    void anArchiveTheJavaCannotMapIsMarkedForThisJarAndTriedAgainForAnother() throws Exception {
        // a java whose check of the written archive fails: the marker holds the jar's CRC
        Path javaHome = recordingJavaHome("jdk", "");
        Path java = javaHome.resolve("bin/java");
        Files.writeString(java, Files.readString(java).replace("exec '", "case \"$*\" in *-Xshare:on*) exit 1 ;; esac\n"
                + "exec '"));

        runEnv(javaHome);
        runEnv(javaHome);

        Path marker = archiveFiles().stream().filter(file -> file.toString().endsWith(".jsa.unusable")).findFirst()
                .orElseThrow();
        assertThat(marker).hasContent(cksumOfStdin(jar()));
        assertThat(javaRuns("jdk")).hasSize(4);
        assertThat(javaRuns("jdk").get(3)).as("the marker: no archive")
                .isEqualTo("-XX:TieredStopAtLevel=1 -jar " + jar() + " --format=env");

        appendAnEntry(jar(), false);
        runEnv(javaHome);
        assertThat(javaRuns("jdk").get(4)).as("another jar: tried again").contains("-XX:DumpLoadedClassList=");
    }

    @Test
    void aPlaceWhereTheWrittenArchiveNeverPassesItsCheckIsMarkedNotRecordedAtEveryRun() throws Exception {
        // a jar dated in the future (a clock set wrong where it was unpacked): newer than any note written now
        Path javaHome = recordingJavaHome("jdk", "");
        Files.setLastModifiedTime(jar(), java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()
                + 3_600_000));

        runEnv(javaHome);
        runEnv(javaHome);

        assertThat(javaRuns("jdk")).hasSize(4);
        assertThat(javaRuns("jdk").get(3)).isEqualTo("-XX:TieredStopAtLevel=1 -jar " + jar() + " --format=env");
    }

    @Test
    void anArchiveWithoutItsNoteOrWithANoteOfOtherFilesIsRecordedAgain() throws Exception {
        Path javaHome = recordingJavaHome("jdk", "");
        runEnv(javaHome);
        Path archive = theArchive();
        Files.delete(note(archive));
        runEnv(javaHome);
        assertThat(javaRuns("jdk").get(3)).contains("-XX:DumpLoadedClassList=").doesNotContain("SharedArchiveFile");
        assertThat(note(archive)).hasContent(cksum(jar(), archive));

        // a note of three lines, its first two right: more than a note holds
        Files.writeString(note(archive), cksum(jar(), archive) + cksum(jar()));
        runEnv(javaHome);
        assertThat(javaRuns("jdk").get(6)).contains("-XX:DumpLoadedClassList=").doesNotContain("SharedArchiveFile");
        assertThat(note(archive)).hasContent(cksum(jar(), archive));
    }

    @Test
    void anArchiveCutShortIsRecordedAgainNeverMapped() throws Exception {
        Path javaHome = recordingJavaHome("jdk", "");
        runEnv(javaHome);
        Path archive = theArchive();
        // its magic number intact: a java that mapped it would crash (SIGBUS) before verifying any checksum
        byte[] bytes = Files.readAllBytes(archive);
        java.nio.file.attribute.FileTime time = Files.getLastModifiedTime(archive);
        Files.write(archive, java.util.Arrays.copyOf(bytes, bytes.length / 20));
        Files.setLastModifiedTime(archive, time); // not newer than its note: only its size tells

        runEnv(javaHome);

        assertThat(javaRuns("jdk").get(3)).doesNotContain("SharedArchiveFile").contains("-XX:DumpLoadedClassList=");
        // recorded whole again: a dynamic archive holds the classes its run loaded, so its size may differ from the
        // first recording's by a few classes, but never is the cut-short file, and its size note is its own again
        assertThat(Files.size(archive)).isGreaterThan(bytes.length / 2);
        assertThat(note(archive)).hasContent(cksum(jar(), archive));
    }

    @Test
    void anArchiveDamagedInsideIsRecordedAgainNeverMapped() throws Exception {
        Path javaHome = recordingJavaHome("jdk", "");
        runEnv(javaHome);
        Path archive = theArchive();
        byte[] bytes = Files.readAllBytes(archive);
        // its second page damaged, size and magic number intact: its checksum is no longer the note's
        for (int i = 4096; i < 8192; i++) {
            bytes[i] ^= 0x5a;
        }
        java.nio.file.attribute.FileTime time = Files.getLastModifiedTime(archive);
        Files.write(archive, bytes);
        Files.setLastModifiedTime(archive, time); // not newer than its note: only its checksum tells

        runEnv(javaHome);

        assertThat(javaRuns("jdk").get(3)).doesNotContain("SharedArchiveFile").contains("-XX:DumpLoadedClassList=");
        assertThat(note(archive)).hasContent(cksum(jar(), archive));
    }

    @Test
    void anArchiveOrDirectoryOthersMayWriteIsNeverMapped() throws Exception {
        Path javaHome = recordingJavaHome("jdk", "");
        runEnv(javaHome);
        Path archive = archiveFiles().get(0);
        assertThat(archive.toString()).endsWith(".jsa");

        Files.setPosixFilePermissions(archive, PosixFilePermissions.fromString("rw-rw-rw-"));
        runEnv(javaHome);
        assertThat(javaRuns("jdk").get(3)).as("recorded anew, never mapped").doesNotContain("SharedArchiveFile")
                .contains("-XX:DumpLoadedClassList=");

        Files.setPosixFilePermissions(archive.getParent(), PosixFilePermissions.fromString("rwxrwxrwx"));
        runEnv(javaHome);
        assertThat(javaRuns("jdk").get(javaRuns("jdk").size() - 1)).as("no archive at all")
                .isEqualTo("-XX:TieredStopAtLevel=1 -jar " + distribution.resolve("lib/backend-config.jar")
                        + " --format=env");
    }

    @Test
    void classDataSharingOffRunsThePlainCommand() throws Exception {
        Path javaHome = recordingJavaHome("jdk", "");
        Map<String, String> environment = with(with(shell("/usr/bin:/bin"), "TEST_BACKEND_URL",
                "http://localhost:8002"), "BACKEND_CONFIG_CDS", "off");
        environment.put("JAVA_HOME", javaHome.toString());

        ProcessOutcome outcome = run(launcher(), environment, "--format=env");

        assertThat(outcome.out()).isEqualTo(ENV_ANSWER);
        assertThat(javaRuns("jdk")).containsExactly("-XX:TieredStopAtLevel=1 -jar " + distribution.resolve(
                "lib/backend-config.jar")
                + " --format=env");
        assertThat(archives()).doesNotExist();
    }

    private static Map<String, String> with(Map<String, String> environment, String name, String value) {
        environment.put(name, value);
        return environment;
    }
}
