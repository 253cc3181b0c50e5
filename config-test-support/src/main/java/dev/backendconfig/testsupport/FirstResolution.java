package dev.backendconfig.testsupport;

import dev.backendconfig.api.Resolution;
import dev.backendconfig.api.ServiceResolver;
import dev.backendconfig.api.spi.ResolutionContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The first resolution of a fresh JVM, which a test run pays once and the CLI at every call: run in a child JVM on
 * this JVM's class path with only the variables given, it says what it answered and which classes it loaded (from the
 * child's own {@code -Xlog:class+load}), so that a test can count what a first call costs without timing it.
 */
public final class FirstResolution {

    /**
     * What the child printed and loaded.
     *
     * @param output what it printed: {@code answer SOURCE HTTP-URL} once it resolved
     * @param loaded the lines of its class-load log
     */
    public record Outcome(String output, List<String> loaded) {

        /** Return the lambda proxies of this library's classes that were loaded. */
        public List<String> lambdasOfOurs() {
            return linesHolding(" dev.backendconfig.", "$$Lambda");
        }

        /**
         * Return the method-handle classes spun at run time ({@code LambdaForm$MH}, {@code LambdaForm$DMH}, ...): what
         * linking a lambda, a method reference or an {@code invokedynamic} string concatenation costs a fresh JVM.
         */
        public List<String> spunMethodHandleClasses() {
            return linesHolding("java.lang.invoke.LambdaForm$", "__JVM_LookupDefineClass__");
        }

        /** Return the lines of the class-load log that hold both texts. */
        private List<String> linesHolding(String one, String other) {
            List<String> lines = new ArrayList<>();
            for (String line : loaded) {
                if (line.contains(one) && line.contains(other)) {
                    lines.add(line);
                }
            }
            return lines;
        }

        /** Tell whether a class of this name was loaded. */
        public boolean loadedClass(String name) {
            for (String line : loaded) {
                if (line.contains(" " + name + " ")) {
                    return true;
                }
            }
            return false;
        }
    }

    private FirstResolution() {
    }

    /**
     * Resolve once in a fresh JVM started in {@code directory} with {@code environment} as its only variables and
     * {@code options} (system properties such as {@code -Dbackendconfig.providers=env}); within 60 seconds.
     */
    public static Outcome run(Path directory, Map<String, String> environment, List<String> options)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile(directory, "class-load", ".txt");
        Path out = Files.createTempFile(directory, "output", ".txt");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xshare:auto", "-Xlog:class+load:file=" + log));
        command.addAll(options);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), FirstResolution.class.getName(),
                directory.toString()));
        ProcessBuilder child = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile());
        child.environment().clear();
        child.environment().putAll(environment);
        Process process = child.start();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                throw new AssertionError("the child JVM did not end within 60 s");
            }
        } finally {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        return new Outcome(Files.readString(out, StandardCharsets.UTF_8),
                Files.readAllLines(log, StandardCharsets.UTF_8));
    }

    /** The child: resolve once in the directory given, print where the answer came from. */
    public static void main(String[] arguments) {
        Resolution resolution = ServiceResolver.create()
                .resolve(ResolutionContext.systemBuilder().workingDirectory(Path.of(arguments[0])).build());
        System.out.println("answer " + resolution.endpoint().source() + " " + resolution.endpoint().http());
    }
}
