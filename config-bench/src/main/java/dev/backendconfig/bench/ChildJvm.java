package dev.backendconfig.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Run a main class of this module in a fresh JVM, with a chosen environment, and read its "result" lines. */
final class ChildJvm {

    /**
     * What a child printed.
     *
     * @param results the values of its {@code result NAME VALUE} lines
     * @param wallNanos how long the whole process took, JVM start included
     * @param output everything it printed, for errors
     */
    record Outcome(Map<String, String> results, long wallNanos, String output) {
        long nanos(String name) {
            String value = results.get(name);
            if (value == null) {
                throw new IllegalStateException("the child printed no result " + name + ":\n" + output);
            }
            return Long.parseLong(value);
        }
    }

    private ChildJvm() {
    }

    /** Wraps a child's command so that it sees no Docker engine: a private mount namespace with an empty /run. */
    static final List<String> WITHOUT_DOCKER = List.of("unshare", "--mount", "sh", "-c",
            "mount -t tmpfs none /run && exec \"$@\"", "sh");

    /** Tell whether this machine lets a child run {@link #WITHOUT_DOCKER} (root and mount namespaces). */
    static boolean canHideDocker() {
        try {
            List<String> probe = new ArrayList<>(WITHOUT_DOCKER);
            probe.add("true");
            Process process = new ProcessBuilder(probe).redirectErrorStream(true).start();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static Outcome run(Class<?> main, Map<String, String> environment, List<String> jvmOptions, long timeoutSeconds,
            String... arguments) throws IOException, InterruptedException {
        return run(List.of(), main, environment, jvmOptions, timeoutSeconds, arguments);
    }

    static Outcome run(List<String> wrapper, Class<?> main, Map<String, String> environment, List<String> jvmOptions,
            long timeoutSeconds, String... arguments) throws IOException, InterruptedException {
        return run(wrapper, System.getProperty("java.class.path"), main, environment, jvmOptions, timeoutSeconds,
                arguments);
    }

    /** As {@link #run(List, Class, Map, List, long, String...)}, with a class path of the caller's. */
    static Outcome run(List<String> wrapper, String classPath, Class<?> main, Map<String, String> environment,
            List<String> jvmOptions, long timeoutSeconds, String... arguments) throws IOException,
            InterruptedException {
        List<String> command = new ArrayList<>(wrapper);
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-cp", classPath));
        command.addAll(jvmOptions);
        command.add(main.getName());
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        builder.environment().putAll(environment);
        long start = System.nanoTime();
        Process process = builder.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new Outcome(Map.of("timeout", Long.toString(timeoutSeconds)), System.nanoTime() - start, "");
        }
        long wall = System.nanoTime() - start;
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> results = new HashMap<>();
        output.lines().filter(line -> line.startsWith("result ")).forEach(line -> {
            String[] parts = line.split(" ", 3);
            results.put(parts[1], parts[2]);
        });
        return new Outcome(results, wall, output);
    }
}
