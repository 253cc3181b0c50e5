package dev.backendconfig.bench;

import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.docker.DockerEndpointProvider;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Child JVM: the first docker resolution of a fresh JVM in a directory whose compose file the provider reads to
 * predict a port (the engine named by {@code DOCKER_HOST} does not exist), with the CPU time the process spent in the
 * call, all its threads (the JIT compilers and the collector too), from {@code /proc/self/stat}, and the bytes the
 * calling thread allocated. Arguments: the working directory; settings come from {@code -Dbackendconfig.*}.
 */
public final class ComposeCost {

    private ComposeCost() {
    }

    public static void main(String[] arguments) throws IOException {
        Path directory = Path.of(arguments[0]);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long cpu = processCpuNanos();
        long allocated = threads.getCurrentThreadAllocatedBytes();
        long thread = threads.getCurrentThreadCpuTime();
        ResolutionContext context = ResolutionContext.systemBuilder().workingDirectory(directory).build();
        String outcome;
        try {
            outcome = new DockerEndpointProvider().resolve(context).toString();
        } catch (RuntimeException e) {
            outcome = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        System.out.println("result cpu " + (processCpuNanos() - cpu));
        System.out.println("result thread " + (threads.getCurrentThreadCpuTime() - thread));
        System.out.println("result allocated " + (threads.getCurrentThreadAllocatedBytes() - allocated));
        System.out.println("result process " + processCpuNanos());
        System.out.println("result outcome " + outcome.replace('\n', ' '));
        System.exit(0);
    }

    /** Return the CPU time of every thread of this process so far (user and system), in the kernel's ticks (USER_HZ, 100 a second on Linux). */
    static long processCpuNanos() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000_000L;
    }

    /** Return what {@link #main} needs to run without an engine: a DOCKER_HOST that names a missing socket. */
    static Map<String, String> environment(Path work) {
        return Map.of("DOCKER_HOST", "unix://" + work.resolve("no-engine.sock"));
    }
}
