package dev.backendconfig.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Count what a JVM loaded, from its {@code -Xlog:class+load} file: where the time of a first call goes. */
final class ClassLoads {

    private ClassLoads() {
    }

    /**
     * Return {@code 1,234 classes (ours 120; from the JDK's class-data archive 900; lambda proxies 40; method-handle
     * classes spun 60; regex 30; YAML 0)}.
     */
    static String describe(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log).stream().filter(line -> line.contains("[class,load]")).toList();
        long ours = count(lines, " dev.backendconfig.");
        long shared = count(lines, "source: shared objects file");
        long lambdas = count(lines, "$$Lambda$");
        long spun = lines.stream().filter(line -> line.contains("LambdaForm$") || line.contains("$Species_"))
                .filter(line -> !line.contains("shared objects file")).count();
        long regex = count(lines, " java.util.regex.");
        long yaml = count(lines, " org.snakeyaml.");
        long serviceLoader = count(lines, " java.util.ServiceLoader");
        return String.format(Locale.ROOT, "%,d classes (ours %d; from the JDK's class-data archive %,d; lambda proxies"
                + " %d; method-handle classes spun %d; regex %d; YAML %d; ServiceLoader %d)", lines.size(), ours, shared,
                lambdas, spun, regex, yaml, serviceLoader);
    }

    private static long count(List<String> lines, String part) {
        return lines.stream().filter(line -> line.contains(part)).count();
    }
}
