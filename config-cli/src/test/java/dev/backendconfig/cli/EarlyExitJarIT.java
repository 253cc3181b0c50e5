package dev.backendconfig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A provider on {@code --classpath} that ends the JVM itself — {@code System.exit(0)} read as a success with nothing
 * printed before the exit guard — run as a user runs the built jar, with the provider in a jar the test builds.
 */
class EarlyExitJarIT {

    private static final String PROVIDER = "com.example.exiting.ExitingProvider";

    /** Asked first; ends the JVM as variable EXIT_HOW says: {@code exit:N}, {@code runtime-exit:N} or {@code halt:N}. */
    private static final String SOURCE = """
            package com.example.exiting;

            import dev.backendconfig.api.spi.EndpointProvider;
            import dev.backendconfig.api.spi.ProviderResult;
            import dev.backendconfig.api.spi.ResolutionContext;

            public final class ExitingProvider implements EndpointProvider {
                @Override
                public String id() {
                    return "exiting";
                }

                @Override
                public int priority() {
                    return 1000;
                }

                @Override
                public ProviderResult resolve(ResolutionContext context) {
                    String[] how = context.variable("EXIT_HOW").orElse("none:0").split(":");
                    int status = Integer.parseInt(how[1]);
                    switch (how[0]) {
                        case "exit" -> System.exit(status);
                        case "runtime-exit" -> Runtime.getRuntime().exit(status);
                        case "halt" -> Runtime.getRuntime().halt(status);
                        default -> { }
                    }
                    return ProviderResult.skipped("did not end the process");
                }
            }
            """;

    @TempDir
    Path project;

    private Path jar;

    @BeforeEach
    void aProjectWithAProviderJarThatEndsTheProcess() throws IOException {
        Files.createDirectory(project.resolve(".git"));
        Path sources = Files.createDirectories(project.resolve("src/com/example/exiting"));
        Path source = Files.writeString(sources.resolve("ExitingProvider.java"), SOURCE);
        Path classes = Files.createDirectories(project.resolve("classes"));
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        int compiled = compiler.run(null, null, null, "-d", classes.toString(), "-cp", System.getProperty("explain.jar"),
                source.toString());
        assertThat(compiled).as("javac of %s", source).isZero();
        jar = project.resolve("exiting-provider.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            entry(out, "META-INF/services/dev.backendconfig.api.spi.EndpointProvider",
                    (PROVIDER + "\n").getBytes(StandardCharsets.UTF_8));
            entry(out, "com/example/exiting/ExitingProvider.class",
                    Files.readAllBytes(classes.resolve("com/example/exiting/ExitingProvider.class")));
        }
    }

    private static void entry(JarOutputStream out, String name, byte[] content) throws IOException {
        out.putNextEntry(new JarEntry(name));
        OutputStream stream = out;
        stream.write(content);
        out.closeEntry();
    }

    private ProcessOutcome run(String how, String... command) throws IOException, InterruptedException {
        String[] arguments = new String[command.length + 2];
        System.arraycopy(command, 0, arguments, 0, command.length);
        arguments[command.length] = "--classpath";
        arguments[command.length + 1] = jar.toString();
        return JarRun.run(project, project, Map.of("EXIT_HOW", how, "TEST_BACKEND_URL", "http://localhost:8002"),
                arguments);
    }

    private static String endedEarly(String command, String call) {
        return command + ": a provider ended the process (" + call + " called in " + PROVIDER + ".resolve) before"
                + " backend-config answered, so nothing was printed; remove the call, or leave its provider out with"
                + " setting providers (exit 71)\n";
    }

    @Test
    void systemExitZeroInAProviderIsExitSeventyOneWithOneLineNamingTheCaller() throws Exception {
        ProcessOutcome outcome = run("exit:0", "explain");

        assertThat(outcome.exit()).as(outcome.err()).isEqualTo(Explain.ENDED_EARLY);
        assertThat(outcome.out()).isEmpty();
        assertThat(outcome.err()).isEqualTo(endedEarly("explain", "System.exit"));
    }

    @Test
    void systemExitThreeInAProviderIsNotTakenForInvalidConfiguration() throws Exception {
        ProcessOutcome outcome = run("exit:3", "--format=env");

        assertThat(outcome.exit()).as(outcome.err()).isEqualTo(Explain.ENDED_EARLY);
        assertThat(outcome.out()).isEmpty();
        assertThat(outcome.err()).isEqualTo(endedEarly("explain", "System.exit"));
    }

    @Test
    void runtimeExitInAProviderDuringWaitIsNamedAsSuch() throws Exception {
        ProcessOutcome outcome = run("runtime-exit:0", "wait", "--timeout", "5s");

        assertThat(outcome.exit()).as(outcome.err()).isEqualTo(Explain.ENDED_EARLY);
        assertThat(outcome.out()).isEmpty();
        assertThat(outcome.err()).isEqualTo(endedEarly("wait", "Runtime.exit"));
    }

    @Test
    void aProviderThatDoesNotEndTheProcessLeavesTheAnswerAndItsCode() throws Exception {
        ProcessOutcome outcome = run("none:0", "--format=env");

        assertThat(outcome.exit()).as(outcome.err()).isZero();
        assertThat(outcome.out()).contains("BACKEND_URL=http://localhost:8002\n");
        assertThat(outcome.err()).isEmpty();
    }

    /** A signal (kill, Ctrl-C) is not a provider's exit: the JVM's code for it stands, and nothing is blamed. */
    @Test
    void aSignalWhileWaitingKeepsItsCodeAndBlamesNoProvider() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        Path err = project.resolve("wait.err");
        List<String> command = new ArrayList<>(JarRun.javaJar(project));
        command.addAll(List.of("wait", "--timeout", "120s", "--probe=tcp", "--classpath", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile())
                .redirectOutput(project.resolve("wait.out").toFile()).redirectError(err.toFile());
        builder.environment().clear();
        builder.environment().putAll(Map.of("EXIT_HOW", "none:0", "TEST_BACKEND_URL", "http://127.0.0.1:" + closed,
                "DOCKER_HOST", "unix://" + project.resolve("no-engine.sock")));
        Process process = builder.start();
        try {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.readString(err).contains("wait: ") && System.nanoTime() < until) {
                Thread.sleep(100); // the guard is in place once wait reports progress
            }
            assertThat(Files.readString(err)).as("wait's progress").contains("wait: ");
            process.destroy(); // SIGTERM
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            process.destroyForcibly();
        }

        assertThat(process.exitValue()).isEqualTo(128 + 15);
        assertThat(Files.readString(err)).doesNotContain("ended the process");
    }

    /**
     * The documented limit: Runtime.halt ends the JVM at once, running no hook, with the caller's code; what tells it
     * from a success is that standard output is empty (a successful run always prints its answer there).
     */
    @Test
    void runtimeHaltZeroCannotBeSeenItExitsZeroWithNothingPrinted() throws Exception {
        ProcessOutcome outcome = run("halt:0", "--format=env");

        assertThat(outcome.exit()).isZero();
        assertThat(outcome.out()).isEmpty();
        assertThat(outcome.err()).isEmpty();
    }
}
